// The Nama line's ink as evidence on the name: how many words and letters its print holds, its
// apostrophes, and the name flagged or mended when the reads hold fewer (see name-ink).
import { describe, expect, it } from 'vitest';
import { nameInk, nameShorterThanInk } from '../../shared/ktp/name-ink';
import { parseKtp } from '../../shared/ktp/parse-ktp';
import type { GrayImage } from '../../shared/ktp/image';

/**
 * A white band with black boxes for capitals (16 px tall), one array of widths per word; a
 * negative width is a mark that tall hanging from the capitals' top (an apostrophe, 2 px wide).
 */
function band(words: readonly number[][], options: { colon?: boolean; wordGap?: number } = {}): GrayImage {
  const width = 700; const height = 60;
  const data = new Uint8Array(width * height).fill(235);
  const box = (x0: number, y0: number, w: number, h: number): void => {
    for (let y = y0; y < y0 + h; y++) for (let x = x0; x < x0 + w; x++) data[y * width + x] = 20;
  };
  let x = 40;
  if (options.colon) { box(x, 26, 3, 3); box(x, 33, 3, 3); x += 12; }
  for (const word of words) {
    for (const w of word) {
      if (w < 0) { box(x, 22, 2, -w); x += 4; } else { box(x, 22, w, 16); x += w + 2; }
    }
    x += options.wordGap ?? 8;
  }
  return { width, height, data };
}
const line = { x0: 0, y0: 18, x1: 700, y1: 42 };

describe('the Nama line\'s ink', () => {
  it('counts the printed words and estimates their letters', () => {
    const ink = nameInk(band([[11, 11, 11, 11], [11, 11, 11, 11, 11, 11, 11]], { colon: true }), line, 0);
    expect(ink?.words.length).toBe(2);
    // 11-px letters 2 px apart under 16-px capitals: narrower than the average capital (0.94 of
    // the cap height), so 4 and 7 letters measure ~3.3 and ~5.9, the whole name ~9.8 with its space.
    expect(ink?.words[0]).toBeCloseTo(3.3, 0);
    expect(ink?.words[1]).toBeCloseTo(5.9, 0);
    expect(ink?.extent).toBeCloseTo(9.8, 0);
  });

  it('keeps a lone upright stroke opening the name (the I of "I MADE")', () => {
    const ink = nameInk(band([[3], [11, 11, 11, 11]], { colon: true }), line, 0);
    expect(ink?.words.length).toBe(2);
    expect(ink?.words[0]).toBe(1);
  });

  it('does not split a word at a narrow gap beside an I', () => {
    expect(nameInk(band([[11, 3, 11, 11]]), { ...line }, 0)?.words.length).toBe(1);
  });

  it('finds an apostrophe between letters, after as many letter blobs as stand left of it', () => {
    // NI'MAH: a 5-px mark (0.31 of the capitals) between the I and the M.
    const ink = nameInk(band([[11, 3, -5, 11, 11, 11]], { colon: true }), line, 0);
    expect(ink).toMatchObject({ letters: 5, marks: [2] });
    // A speck as tall as a third of the capitals, but halfway down them, is no apostrophe; nor is
    // a stroke hanging two thirds of the way down (a broken letter's piece).
    const speck = band([[11, 3, -5, 11, 11, 11]]);
    for (let y = 22; y < 32; y++) for (let x = 58; x < 60; x++) speck.data[y * speck.width + x] = y < 27 ? 235 : 20;
    expect(nameInk(speck, line, 0)?.marks).toEqual([]);
    expect(nameInk(band([[11, 3, -11, 11, 11, 11]]), line, 0)?.marks).toEqual([]);
  });

  it('finds a word read a letter short against its ink, by the letters\' advances', () => {
    // Capitals 16 px tall (an em of 22.3 px in Arial), each box its advance less the 2-px gap.
    const em = 16 / 0.716;
    const advances: Record<string, number> = { L: 0.556, I: 0.278, E: 0.667, S: 0.667, T: 0.611, A: 0.667, D: 0.722 };
    const word = (text: string) => [...text].map((ch) => Math.round((advances[ch] ?? 0) * em) - 2);
    const ink = nameInk(band([word('LIE'), word('SETIADI')], { wordGap: 6 }), line, 0);
    expect(ink?.words.length).toBe(2);
    if (!ink) return;
    // A tuning card went out confident and wrong as LE SETIADI: two letters read for three, which
    // the letter count cannot tell, but LE is a fifth narrower than the ink it was read from.
    expect(nameShorterThanInk('LIE SETIADI', ink)).toBe(false);
    expect(nameShorterThanInk('LE SETIADI', ink)).toBe(true);
    expect(nameShorterThanInk('LIE SETADI', ink)).toBe(true);
    // Alone, a word is held to its advances, with a wider margin (the cap height's error stays
    // in): two letters lost from seven show, one does not.
    const alone = nameInk(band([word('SETIADI')]), line, 0);
    expect(alone && nameShorterThanInk('SETIADI', alone)).toBe(false);
    expect(alone && nameShorterThanInk('SETADI', alone)).toBe(false);
    expect(alone && nameShorterThanInk('SETAI', alone)).toBe(true);
  });

  it('gives back an apostrophe the ink shows and no read holds, and flags the name', () => {
    const read = (text: string, marks: number[], letters = 5) =>
      parseKtp([{ text: `Nama : ${text}`, confidence: 90 }], { nameLine: { text, confidence: 92 }, nameInk: { words: [2, 3], extent: 6, letters, marks } }).nama;
    expect(read('NIMAH', [2])).toMatchObject({ value: "NI'MAH", flags: ['ktp.nameShorterThanPrint'] });
    // Read as a word gap, the gap gives way to it.
    expect(read('NI MAH', [2])?.value).toBe("NI'MAH");
    // Where the ink's letters are not the name's (one broke apart), its place is unknown: only the
    // flags (NIMAH is also a name often printed with an apostrophe, see name-marks).
    expect(read('NIMAH', [2], 6)).toMatchObject({ value: 'NIMAH', flags: ['ktp.nameShorterThanPrint', 'ktp.nameMarkLost'] });
    // A name that holds its apostrophe is as the reads gave it.
    expect(read("NI'MAH", [2])).toMatchObject({ value: "NI'MAH", flags: [] });
  });

  it('flags a name often printed with an apostrophe read without one, the ink showing none, and leaves it as read', () => {
    // On two tuning cards every read lost the mark (blurred into the letter beside it) and the
    // name went out confident and wrong: MARUF for MA'RUF, SYAFTI for SYAFI'I.
    const read = (text: string) => parseKtp([{ text: `Nama : ${text}`, confidence: 90 }], { nameLine: { text, confidence: 92 } }).nama;
    expect(read('MARUF')).toMatchObject({ value: 'MARUF', flags: ['ktp.nameMarkLost'] });
    expect(read('H. SYAFTI HUSAIN')).toMatchObject({ value: 'H. SYAFTI HUSAIN', flags: ['ktp.nameMarkLost'] });
    expect(read("MA'RUF SYAFI'I")).toMatchObject({ value: "MA'RUF SYAFI'I", flags: [] });
    // A letter away from the mark's place read otherwise is another name (NIMAS), not a lost mark.
    expect(read('NIMAS')).toMatchObject({ value: 'NIMAS', flags: [] });
  });

  it('flags a word with AA inside, which may be two words whose gap the photo did not show, and leaves it as read', () => {
    // Two tuning cards went out confident and wrong: every read joined LA AMIRUDDIN and SOMPA
    // ARUNG, whose word gap between the A's diagonals is as narrow as a letter gap at the foot.
    const read = (text: string) => parseKtp([{ text: `Nama : ${text}`, confidence: 90 }], { nameLine: { text, confidence: 92 } }).nama;
    expect(read('LAAMIRUDDIN MUSTARI SAID')).toMatchObject({ value: 'LAAMIRUDDIN MUSTARI SAID', flags: ['ktp.nameGapHidden'] });
    expect(read('ABU BAASYIR')?.flags).toEqual(['ktp.nameGapHidden']);
    // Read apart, or an A at a word's end or start beside another word's: nothing hidden.
    expect(read('LA AMIRUDDIN')?.flags).toEqual([]);
    expect(read('AAN SURYANA')?.flags).toEqual([]);
  });

  it('sets two A\'s apart where the ink shows them apart, still flagged, and leaves a double A that touches', () => {
    // Capitals 16 px tall set by their advances; an A's ink fills its advance and a pixel more
    // (the blur), so side by side two A's touch, and across a word gap (0.278 em) they stand
    // 5–6 px apart.
    const em = 16 / 0.716;
    const advances: Record<string, number> = { A: 0.667, B: 0.667, L: 0.556, R: 0.722, U: 0.722, N: 0.722, G: 0.778, S: 0.667, Y: 0.667, I: 0.278, D: 0.722 };
    const printed = (text: string): GrayImage => {
      const width = 700; const height = 60;
      const data = new Uint8Array(width * height).fill(235);
      let x = 40;
      for (const ch of text) {
        const advance = (advances[ch] ?? 0.278) * em;
        const ink = ch === 'A' ? advance + 1 : ch === 'I' ? 2 : advance * 0.8;
        const x0 = Math.round(x + (advance - ink) / 2);
        if (ch !== ' ') for (let y = 22; y < 38; y++) for (let k = x0; k < Math.round(x0 + ink); k++) data[y * width + k] = 20;
        x += advance;
      }
      return { width, height, data };
    };
    const read = (print: string, text: string) => {
      const ink = nameInk(printed(print), line, 0) ?? undefined;
      return parseKtp([{ text: `Nama : ${text}`, confidence: 90 }], { nameLine: { text, confidence: 92 }, ...(ink ? { nameInk: ink } : {}) }).nama;
    };
    const apart = read('LA ARUNG SAID', 'LAARUNG SAID');
    expect(apart?.value).toBe('LA ARUNG SAID');
    expect(apart?.flags).toContain('ktp.nameGapHidden');
    expect(read('BAASYIR SAID', 'BAASYIR SAID')).toMatchObject({ value: 'BAASYIR SAID', flags: ['ktp.nameGapHidden'] });
  });
});
