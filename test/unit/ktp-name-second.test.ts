import { describe, expect, it } from 'vitest';
import type { LineRead } from '../../shared/ktp/line-model';
import { withSecondLetters } from '../../shared/ktp/name-second';

/** A second-engine read; `unsure`: the characters (by index) it is unsure of. */
const read = (text: string, unsure: readonly number[] = []): LineRead => {
  const probs = [...text].map((_, i) => (unsure.includes(i) ? 0.5 : 0.95));
  return { text, confidence: Math.min(...probs) * 100, probs };
};

describe('withSecondLetters', () => {
  it('takes the letters it surely reads otherwise, keeping the name\'s word gaps and marks', () => {
    expect(withSecondLetters('ZULKIFLI SETAN MUDO', read('ZULKIFLISUTAN MUDO'))).toBe('ZULKIFLI SUTAN MUDO');
    expect(withSecondLetters("ABDUL-AZIZ NT'MAH", read("ABDUL-AZIZNI'MAH"))).toBe("ABDUL-AZIZ NI'MAH");
    expect(withSecondLetters('SEE', read('LIE'))).toBe('LIE');
  });

  it('keeps a letter it is unsure of, and then the whole name', () => {
    expect(withSecondLetters('JASRUN MATTALITTI', read('NASRUN MATTALITTI', [0]))).toBe('JASRUN MATTALITTI');
    expect(withSecondLetters('SEE', read('LIE', [1]))).toBe('SEE');
  });

  it('changes nothing when it reads more or fewer letters (a dropped I is no misread letter)', () => {
    expect(withSecondLetters('CHRISTINE TAN', read('CHRSTNE TAN'))).toBe('CHRISTINE TAN');
    expect(withSecondLetters('AHMAD', read('AHMADI'))).toBe('AHMAD');
  });

  it('changes nothing when more than two letters differ: that is other text', () => {
    expect(withSecondLetters('BUDI SANTOSO', read('RUDI SANTASA'))).toBe('BUDI SANTOSO');
  });

  it('reads a hyphen between words as the word gap it reads there', () => {
    expect(withSecondLetters('UJANG-SUPRIATNA SUNARYA', read('UJANG SUPRIATNA SUNARYA'))).toBe('UJANG SUPRIATNA SUNARYA');
    expect(withSecondLetters('ABDUL-AZIZ', read('ABDUL-AZIZ'))).toBe('ABDUL-AZIZ');
    expect(withSecondLetters('ABDUL-AZIZ', read('ABDULAZIZ'))).toBe('ABDUL-AZIZ');
  });

  it('reads a word gap between words as the hyphen it reads there', () => {
    expect(withSecondLetters('MUH. ABDUL AZIZ HAKIM', read('MUH.ABDUL-AZIZHAKIM'))).toBe('MUH. ABDUL-AZIZ HAKIM');
    expect(withSecondLetters('SITI AISYAH', read('SITI -AISYAH'))).toBe('SITI-AISYAH');
    expect(withSecondLetters('ABDUL AZIZ', read('ABDULAZIZ'))).toBe('ABDUL AZIZ');
  });

  it('gives back an apostrophe it reads where the name has none, or a word gap', () => {
    expect(withSecondLetters('SITI ROIFAH SHAHAB ALKAFF', read("SITIRO'IFAHSHAHABALKAFF"))).toBe("SITI RO'IFAH SHAHAB ALKAFF");
    expect(withSecondLetters('NI MAH', read("NI'MAH"))).toBe("NI'MAH");
    expect(withSecondLetters("MA'RUF", read('MARUF'))).toBe("MA'RUF");
    // With a letter it surely reads otherwise: two changes.
    expect(withSecondLetters('NIMAN', read("NI'MAH"))).toBe("NI'MAH");
  });

  it('keeps a word gap where it reads a mark beside the gap: that mark ends a word', () => {
    // SYAFI'I with its last I lost by the second engine; the name keeps its two words.
    expect(withSecondLetters('MUH. SYAFI ANWAR', read("MUH.SYAFI' ANWAR"))).toBe('MUH. SYAFI ANWAR');
    expect(withSecondLetters('ABDUL-AZIZ', read('ABDUL -AZIZ'))).toBe('ABDUL-AZIZ');
  });

  it('changes nothing when the marks and letters it would change are more than two', () => {
    expect(withSecondLetters('MARUF SYAFII NIMAH', read("MA'RUFSYAFI'INI'MAH"))).toBe('MARUF SYAFII NIMAH');
  });

  it('changes nothing without a read', () => {
    expect(withSecondLetters('BUDI', undefined)).toBe('BUDI');
  });
});
