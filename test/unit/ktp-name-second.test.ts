import { describe, expect, it } from 'vitest';
import type { LineRead } from '../../shared/ktp/line-model';
import { withSecondLetters } from '../../shared/ktp/name-second';
import { withSecondSpelling } from '../../shared/ktp/name-spelling';
import { matchedIn } from '../../shared/ktp/text';

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

  it('drops a word gap between two letters it surely reads otherwise when it reads the other gaps', () => {
    expect(withSecondLetters('YUI TARNI CHANIAGO SIKUMBANG', read('YULIARNI CHANIAGO SIKUMBANG'))).toBe('YULIARNI CHANIAGO SIKUMBANG');
    // It reads no word gap on the line: its lack of one there says nothing.
    expect(withSecondLetters('YUI TARNI', read('YULIARNI'))).toBe('YUL IARNI');
    // One letter beside the gap read alike: the gap stands.
    expect(withSecondLetters('BUDT SANTOSO WIBOWO', read('BUDISANTOSO WIBOWO'))).toBe('BUDI SANTOSO WIBOWO');
  });

  it('changes nothing when the marks and letters it would change are more than two', () => {
    expect(withSecondLetters('MARUF SYAFII NIMAH', read("MA'RUFSYAFI'INI'MAH"))).toBe('MARUF SYAFII NIMAH');
  });

  it('changes nothing without a read', () => {
    expect(withSecondLetters('BUDI', undefined)).toBe('BUDI');
  });
});

describe('withSecondSpelling', () => {
  it('spells the name with its letters, keeping the name\'s gaps between letters both read alike', () => {
    expect(withSecondSpelling('LE SETIADI', read('LIESETIADI'))).toBe('LIE SETIADI');
    expect(withSecondSpelling('HE', read('LIE'))).toBe('LIE');
    expect(withSecondSpelling('IDA AYU MAPAN SUKERTI', read('IDAAYU MARHAENI SUKERTI'))).toBe('IDA AYU MARHAENI SUKERTI');
  });

  it('puts letters only it reads after the marks between two letters and before the word gap', () => {
    expect(withSecondSpelling("ABDULLAH SYAFI' ASSEGAF", read('ABDULLAHSYAFIIASSEGAF'))).toBe("ABDULLAH SYAFI'I ASSEGAF");
    expect(withSecondSpelling('BUD SANTOSO', read('BUDISANTOSO'))).toBe('BUDI SANTOSO');
    expect(withSecondSpelling('ABDUL-AZZ', read('ABDULAZIZ'))).toBe('ABDUL-AZIZ');
  });

  it('takes its own word gaps where the letters were misread, not the misread gaps', () => {
    expect(withSecondSpelling('YEN NE DHAYATI CHANIAGO', read('YENI NURHAYATI CHANIAGO'))).toBe('YENI NURHAYATI CHANIAGO');
  });

  it('makes letters it reads before or after the name a word of their own only when a word was lost there', () => {
    expect(withSecondSpelling('WAYAN ADNYANA', read('IWAYANADNYANA'), true)).toBe('I WAYAN ADNYANA');
    expect(withSecondSpelling('WAYAN ADNYANA', read('IWAYANADNYANA'))).toBe('IWAYAN ADNYANA');
    expect(withSecondSpelling('PURWANTO PUR', read('PURWANTOPURNOMO'), true)).toBe('PURWANTO PUR NOMO');
  });

  it('changes nothing when it reads only fewer letters: it drops thin glyphs', () => {
    expect(withSecondSpelling("SYAFI'I", read('SYAF'))).toBe("SYAFI'I");
    expect(withSecondSpelling('LIE OEI SIE', read('LE OEI SIE'))).toBe('LIE OEI SIE');
  });

  it('changes nothing when it is unsure, reads other text, or as many letters', () => {
    // Noise before the name, read at 0.27 at best.
    expect(withSecondSpelling('ENDANG HANDAYANI', { ...read('NVTENDANG HANDAYANI'), confidence: 27 })).toBe('ENDANG HANDAYANI');
    expect(withSecondSpelling('BUDI', read('KATOLIKAN'))).toBe('BUDI');
    expect(withSecondSpelling('SEE', read('LIE'))).toBe('SEE');
    expect(withSecondSpelling('BUDI', undefined)).toBe('BUDI');
  });
});

describe('matchedIn', () => {
  it('pairs each character with the one it is read as, when the same', () => {
    expect(matchedIn('WAYAN', 'IWAYAN')).toEqual([undefined, 0, 1, 2, 3, 4]);
    expect(matchedIn('LE', 'LIE')).toEqual([0, undefined, 1]);
    expect(matchedIn('ABC', 'AXC')).toEqual([0, undefined, 2]);
    expect(matchedIn('SYAFI', 'SYAFII')).toEqual([0, 1, 2, 3, 4, undefined]);
  });
});
