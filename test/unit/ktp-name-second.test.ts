import { describe, expect, it } from 'vitest';
import type { LineRead } from '../../shared/ktp/line-model';
import { withSecondLetters } from '../../shared/ktp/name-second';
import { withSecondSpelling } from '../../shared/ktp/name-spelling';
import { pairedIn } from '../../shared/ktp/text';

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
    // It reads no word gap on the line: its lack of one there says nothing (as before this rule).
    expect(withSecondLetters('YUI TARNI', read('YULIARNI'))).toBe('YUL IARNI');
    // One letter beside the gap read alike: the gap stands (as before this rule).
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
    // Of the name's marks only apostrophes and hyphens go before them: a dot ends a word.
    expect(withSecondSpelling('MUH. NUR', read('MUHAMMADNUR'))).toBe('MUHAMMAD NUR');
  });

  it('takes its own word gaps where the letters were misread, not the misread gaps', () => {
    expect(withSecondSpelling('YEN NE DHAYATI CHANIAGO', read('YENI NURHAYATI CHANIAGO'))).toBe('YENI NURHAYATI CHANIAGO');
    // A hyphen read beside a gap is the hyphen.
    expect(withSecondSpelling('ABDUK-AZZ', read('ABDUL -AZIZ'))).toBe('ABDUL-AZIZ');
  });

  it('keeps the name\'s gap beside a misread letter when it reads no word gap on the line', () => {
    expect(withSecondSpelling('BUDT SANTOS', read('BUDISANTOSO'))).toBe('BUDI SANTOSO');
  });

  it('makes letters it reads before, then after, the name words of their own as far as words were lost', () => {
    expect(withSecondSpelling('WAYAN ADNYANA', read('IWAYANADNYANA'), 1)).toBe('I WAYAN ADNYANA');
    expect(withSecondSpelling('WAYAN ADNYANA', read('IWAYANADNYANA'))).toBe('IWAYAN ADNYANA');
    expect(withSecondSpelling('PURWANTO', read('PURWANTOPURNOMO'), 1)).toBe('PURWANTO PURNOMO');
    // One word lost: the one before the name.
    expect(withSecondSpelling('WAYAN ADNYAN', read('IWAYANADNYANA'), 1)).toBe('I WAYAN ADNYANA');
  });

  it('changes nothing when it reads no more letters than the name: it drops thin glyphs', () => {
    expect(withSecondSpelling("SYAFI'I", read('SYAF'))).toBe("SYAFI'I");
    expect(withSecondSpelling('LIE OEI SIE', read('LE OEI SIE'))).toBe('LIE OEI SIE');
    // The I the ink gave back stays, though it misread another letter.
    expect(withSecondSpelling('I WAYAN SUDTRTA', read('WAYANSUDIRTA'))).toBe('I WAYAN SUDTRTA');
    expect(withSecondSpelling('SEE', read('LIE'))).toBe('SEE');
  });

  it('changes nothing when it is unsure or reads other text', () => {
    // Noise before the name, read at 0.27 at best.
    expect(withSecondSpelling('ENDANG HANDAYANI', { ...read('NVTENDANG HANDAYANI'), confidence: 27 })).toBe('ENDANG HANDAYANI');
    expect(withSecondSpelling('BUDI', read('KATOLIKAN'))).toBe('BUDI');
    expect(withSecondSpelling('BUDI', undefined)).toBe('BUDI');
  });
});

describe('pairedIn', () => {
  it('pairs each character with the one it stands for, the extra ones as late as they can come', () => {
    expect(pairedIn('WAYAN', 'IWAYAN')).toEqual([undefined, 0, 1, 2, 3, 4]);
    expect(pairedIn('LE', 'LIE')).toEqual([0, undefined, 1]);
    expect(pairedIn('ABC', 'AXC')).toEqual([0, 1, 2]);
    expect(pairedIn('SYAFI', 'SYAFII')).toEqual([0, 1, 2, 3, 4, undefined]);
  });
});
