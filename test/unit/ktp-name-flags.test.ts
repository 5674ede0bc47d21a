// The Nama's flags: a name is prefilled without one only when the block read, the re-reads, the
// line's ink and the later reads all agree (see name-choice). Split from ktp-parser.test.ts.
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseKtp } from '../../shared/ktp/parse-ktp';
import { CONFIDENT, prefillFromKtp } from '../../shared/ktp/prefill';
import { dropFarMark } from '../../shared/ktp/text';
import type { OcrLine } from '../../shared/ktp/lines';

const line = (text: string, confidence = 90): OcrLine => ({ text, confidence });
const recorded = (name: string): { lines: OcrLine[]; nikLines?: OcrLine[] } =>
  JSON.parse(readFileSync(join(import.meta.dirname, 'fixtures', name), 'utf8'));

describe('a name is prefilled unflagged only when all the evidence agrees', () => {
  const { lines, nikLines } = recorded('ktp-ocr-clean.json');
  const nama = (options: Parameters<typeof parseKtp>[1]) => parseKtp(lines, { nikLines, ...options }).nama;
  const printed = parseKtp(lines, { nikLines }).nama?.value ?? '';

  it('flags a name read only once', () => {
    expect(nama({})?.flags).toContain('ktp.nameReadOnce');
    expect(prefillFromKtp(parseKtp(lines, { nikLines })).uncertain).toContain('namaLengkap');
  });

  it('flags a name whose two reads differ, whichever it keeps', () => {
    const reread = `${printed.slice(0, -1)}X`;
    const f = nama({ nameLine: line(reread, 95) });
    expect(f?.flags).toContain('ktp.nameReadsDisagree');
    expect(f?.confidence).toBeLessThan(CONFIDENT);
  });

  it('lets a third read side with the block read or the re-read when they disagree outright, still flagged', () => {
    const misread = `${printed.slice(0, -1)}X`;
    // Without a third read a confident re-read wins over the block read.
    expect(nama({ nameLine: line(misread, 95) })?.value).toBe(misread);
    const sided = nama({ nameLine: line(misread, 95), nameTieBreak: line(printed, 80) });
    expect(sided?.value).toBe(printed);
    expect(sided?.flags).toContain('ktp.nameReadsDisagree');
    expect(nama({ nameLine: line(misread, 95), nameTieBreak: line(misread, 80) })?.value).toBe(misread);
    // A third read that spells it a third way decides nothing.
    expect(nama({ nameLine: line(misread, 95), nameTieBreak: line(`Q${printed}`, 80) })?.value).toBe(misread);
  });

  it('flags a name a re-read of another box spells otherwise, though the other two reads agree', () => {
    const agreeing = { nameLine: line(printed, 95) };
    const misread = `J${printed.slice(1)}`;
    expect(nama({ ...agreeing, nameWitness: line(misread, 91) })).toMatchObject({ value: printed, flags: ['ktp.nameWitnessDisagrees'] });
    // The same letters with a mark before them or without a word gap are no disagreement.
    expect(nama({ ...agreeing, nameWitness: line(`' ${printed}`, 80) })?.flags).toEqual([]);
  });

  it('drops a mark read far right of the name\'s last word, in either read, and flags the name', () => {
    const far = `${printed}                          2`;
    const withFar = lines.map((l) => (l.text.includes(printed) ? { ...l, text: l.text.replace(printed, far) } : l));
    const f = parseKtp(withFar, { nikLines, nameLine: line(`${printed}                    BD`, 90) }).nama;
    expect(f?.value).toBe(printed);
    // Flagged all the same: the mark may have been a short last word set apart by glare.
    expect(f?.flags).toContain('ktp.nameOddCharacters');
    expect(parseKtp(lines, { nikLines, nameLine: line(`${printed}                    AL`, 90) }).nama?.flags).toContain('ktp.nameOddCharacters');
    // A word printed one space after the others is part of the name.
    expect(nama({ nameLine: line(`${printed} AL`, 90) })?.value).toBe(`${printed} AL`);
  });

  it('flags characters no printed name holds', () => {
    const odd = `${printed.slice(0, 2)} .${printed.slice(2)}`;
    expect(nama({ nameLine: line(odd, 95) })?.flags).toContain('ktp.nameOddCharacters');
    expect(nama({ nameLine: line(printed.replace(/I/, '1'), 95) })?.flags).toContain('ktp.nameOddCharacters');
  });

  it('flags a name with fewer words, or a far shorter word, than the line\'s ink shows', () => {
    const words = printed.split(' ');
    const agreeing = { nameLine: line(printed, 95) };
    const ink = (lengths: number[]) => ({ words: lengths, extent: lengths.reduce((s, n) => s + n + 1, -1), letters: lengths.reduce((s, n) => s + n, 0), marks: [] });
    expect(nama({ ...agreeing, nameInk: ink(words.map((w) => w.length)) })?.flags).toEqual([]);
    expect(nama({ ...agreeing, nameInk: ink([5, ...words.map((w) => w.length)]) })?.flags).toContain('ktp.nameShorterThanPrint');
    expect(nama({ ...agreeing, nameInk: ink(words.map((w, i) => (i === words.length - 1 ? w.length * 3 : w.length))) })?.flags)
      .toContain('ktp.nameShorterThanPrint');
  });

  it('flags a name whose first word the block read found far right of the values\' column', () => {
    // Where tesseract put the words (a 960-px-wide card): the NIK's digits start with their colon
    // at x 233; a glare spot washed out "FELICIA JESS", leaving the last letters.
    const box = (x0: number, x1: number, y0: number) => ({ x0, x1, y0, y1: y0 + 15 });
    const placed = (nameAt: number): OcrLine[] => [
      { text: 'NIK          :3508045407797330', confidence: 90, words: [{ text: 'NIK', bbox: box(32, 70, 120) }, { text: ':3508045407797330', bbox: box(233, 560, 118) }] },
      { text: 'Nama             ICA', confidence: 96, words: [{ text: 'Nama', bbox: box(32, 95, 150) }, { text: 'ICA', bbox: box(nameAt, nameAt + 45, 150) }] },
    ];
    expect(parseKtp(placed(376), { nameLine: line('ICA', 96) }).nama?.flags).toEqual(['ktp.nameStartsLate']);
    // A name right after its colon (and a Balinese I read apart from it) starts well within reach.
    expect(parseKtp(placed(248), { nameLine: line('ICA', 96) }).nama?.flags).toEqual([]);
    expect(parseKtp(placed(258), { nameLine: line('ICA', 96) }).nama?.flags).toEqual([]);
  });

  it('takes the rescue read of a name in doubt only when it holds more letters and keeps the rest', () => {
    // A glare spot over "FELICIA JESS": both reads gave the last letters.
    const glare = [line('Nama : ICA', 96)];
    const rescued = (text: string, confidence = 74) => parseKtp(glare, { nameLine: line('ICA', 96), nameRescue: line(text, confidence) }).nama;
    expect(rescued('FELICIA JESSICA')).toMatchObject({ value: 'FELICIA JESSICA' });
    expect(rescued('FELICIA JESSICA')?.flags).toContain('ktp.nameRescued');
    expect(rescued('- FELICIA JESSICA')?.value).toBe('FELICIA JESSICA');
    // Not when it spells something else, when it is unsure, or when it could not be printed.
    expect(rescued('HARYANTO SUBAGYO')?.value).toBe('ICA');
    expect(rescued('FELICIA JESSICA', 30)?.value).toBe('ICA');
    expect(rescued('FELICIA.JESSICA')?.value).toBe('ICA');
    // Never a shorter or an equally long name: the other reads agreed on theirs.
    expect(parseKtp([line('Nama : BAMBANG', 96)], { nameLine: line('BAMBANG', 96), nameRescue: line('BAMBAMG', 90) }).nama?.value).toBe('BAMBANG');
    expect(parseKtp([line('Nama : BAMBANG', 96)], { nameLine: line('BAMBANG', 96), nameRescue: line('BAMBANG HARTONO', 90) }).nama?.value).toBe('BAMBANG HARTONO');
  });

  it('drops a mark read far left of the name, between label and value, and flags the name', () => {
    const f = parseKtp([line('Nama Ten        NI KADEK SRIASIH', 79)], { nameLine: line('NI KADEK SRIASIH', 83) }).nama;
    expect(f?.value).toBe('NI KADEK SRIASIH');
    expect(f?.flags).toContain('ktp.nameOddCharacters');
    // A lone I or NI set apart opens a Balinese name: it stays.
    expect(dropFarMark('I      WAYAN SUDARTA')).toBe('I      WAYAN SUDARTA');
    expect(dropFarMark('NI       KADEK SRIASIH')).toBe('NI       KADEK SRIASIH');
  });

  it('takes back the letters the re-read of another box kept, flagged', () => {
    // The first re-read (from the name's ink) kept the Balinese I; the block read and the re-read
    // from the block read's box lost it.
    const f = parseKtp([line('Nama : PUTU MERTAYASA WIRAWAN', 65)], { nameLine: line('PUTU MERTAYASA WIRAWAN', 69), nameWitness: line('I PUTU MERTAYASA WIRAWAN', 75) }).nama;
    expect(f?.value).toBe('I PUTU MERTAYASA WIRAWAN');
    expect(f?.flags).toEqual(expect.arrayContaining(['ktp.nameRescued', 'ktp.nameWitnessDisagrees']));
    // The witness read the colon as an I and its other dot as a full stop (tuning seed 39 card
    // 18): the Balinese I is never abbreviated, so "II." is the colon and the I.
    const stop = parseKtp([line('Nama : MADE WIDNYANA', 90)], { nameLine: line('MADE WIDNYANA', 92), nameWitness: line('II. MADE WIDNYANA', 80) }).nama;
    expect(stop?.value).toBe('I MADE WIDNYANA');
    // The I misread as a stroke letter glued to the name (tuning seed 58 card 40): no name opens
    // with LK or FG. It is set right, and flagged, as nothing read it.
    const glued = parseKtp([line('Nama : LKETUT SUDARSANA', 90)], { nameLine: line('LKETUT SUDARSANA', 92) }).nama;
    expect(glued?.value).toBe('I KETUT SUDARSANA');
    expect(glued?.flags).toContain('ktp.nameOddCharacters');
    expect(parseKtp([line('Nama : TAN SUBAGYO', 90)], { nameLine: line('TAN SUBAGYO', 92) }).nama).toMatchObject({ value: 'TAN SUBAGYO', flags: [] });
    // Like every flag, it lowers the name's confidence.
    expect(f?.confidence).toBeLessThan(0.5);
  });

  it('gives back the I both reads lost after an apostrophe, flagged', () => {
    const f = parseKtp([line("Nama : ABDULLAH SYAFI' ASSEGAF", 76)], { nameLine: line("ABDULLAH SYAFI' ASSEGAF", 73) }).nama;
    expect(f?.value).toBe("ABDULLAH SYAFI'I ASSEGAF");
    expect(f?.flags).toContain('ktp.nameOddCharacters');
    // At the name's end a mark is the crop's edge read as punctuation, and is dropped instead.
    expect(parseKtp([line("Nama : MUH. SYAFI'", 76)], { nameLine: line("MUH. SYAFI'", 73) }).nama?.value).toBe('MUH. SYAFI');
  });

  it('keeps the apostrophes either read holds between the same letters, flagged', () => {
    // Each read lost a different mark: the block read NU'MAN's, the re-read JUM'AT's.
    const f = parseKtp([line("Nama : NUMAN JUM'AT", 84)], { nameLine: line("NU'MAN JUMAT", 59) }).nama;
    expect(f?.value).toBe("NU'MAN JUM'AT");
    expect(f?.flags).toContain('ktp.nameReadsDisagree');
    // A gap read for the mark counts as none; other letters give nothing.
    expect(parseKtp([line("Nama : NI MAH", 84)], { nameLine: line("NI'MAH", 80) }).nama?.value).toBe("NI'MAH");
    expect(parseKtp([line('Nama : NIMAH', 84)], { nameLine: line("NI'MAN", 50) }).nama?.value).toBe('NIMAH');
  });

  it('reads that differ only by a Balinese I the ink shows agree', () => {
    // The block read has the I (glued, as it often is); the re-read, cropped from the word's box,
    // starts past the thin stroke. The ink shows a lone stroke before the three words.
    const read = (inkWords: number[]) => parseKtp([line('Nama : IPUTU SUASTIKA', 88)], { nameLine: line('PUTU SUASTIKA', 90), nameInk: { words: inkWords, extent: 14, letters: inkWords.reduce((s, n) => s + n, 0), marks: [] } }).nama;
    expect(read([1, 4, 8])).toMatchObject({ value: 'I PUTU SUASTIKA', flags: [] });
    // Without the stroke in the ink (a colon is none), the reads disagree.
    expect(read([4, 8])?.flags).toContain('ktp.nameReadsDisagree');
    // Nor an I before a name Balinese names do not open with, whichever read has it.
    expect(parseKtp([line('Nama : I BUDI SANTOSO', 88)], { nameLine: line('BUDI SANTOSO', 90), nameInk: { words: [1, 4, 7], extent: 14, letters: 12, marks: [] } }).nama?.flags)
      .toContain('ktp.nameReadsDisagree');
    expect(parseKtp([line('Nama : BUDI SANTOSO', 88)], { nameLine: line('I BUDI SANTOSO', 90), nameInk: { words: [1, 4, 7], extent: 14, letters: 12, marks: [] } }).nama?.flags)
      .toContain('ktp.nameReadsDisagree');
  });

  it('a name the rescue read spells alike is as sure as the better model\'s two reads', () => {
    // The fast block read was unsure; the re-read and the rescue read were not.
    const read = (rescue?: OcrLine) => parseKtp([line('Nama : YAYAH HIDAYAT', 18)], { nameLine: line('YAYAH HIDAYAT', 94), ...(rescue ? { nameRescue: rescue } : {}) }).nama;
    expect(read()?.confidence).toBeLessThan(0.8);
    expect(read(line('YAYAH HIDAYAT', 92))).toMatchObject({ value: 'YAYAH HIDAYAT', flags: [] });
    expect(read(line('YAYAH HIDAYAT', 92))?.confidence).toBeCloseTo(0.93, 2);
    // Not when the rescue read is unsure itself, or spells it otherwise.
    expect(read(line('YAYAH HIDAYAT', 70))?.confidence).toBeLessThan(0.8);
    expect(read(line('YAYAH HIDAVAT', 92))?.confidence).toBeLessThan(0.8);
  });

  it('takes the mean of the two reads\' confidences when they agree', () => {
    const f = parseKtp(lines.map((l) => (l.text.includes(printed) ? { ...l, confidence: 90 } : l)), { nikLines, nameLine: line(printed, 60) }).nama;
    expect(f?.confidence).toBeCloseTo(0.75, 2);
    expect(f?.flags).toEqual([]);
  });
});
