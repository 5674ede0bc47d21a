// The second OCR engine (shared/ktp/line-model.ts): its decoding, what its read weighs in the
// NIK's choice, and the real network (onnxruntime-web in Node, the installed PP-OCRv4 model)
// reading a generated card's NIK.
import { afterAll, describe, expect, it, vi } from 'vitest';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { decodeLine, lineTensor, LINE_HEIGHT, readLine, type LineRead } from '../../shared/ktp/line-model';
import { parseKtp } from '../../shared/ktp/parse-ktp';
import { prefillFromKtp } from '../../shared/ktp/prefill';
import { rankedFrames } from '../../shared/ktp/card-frames';
import { alignColumn } from '../../shared/ktp/column-align';
import { straighten } from '../../shared/ktp/row-skew';
import { lineImage, nikInDoubt, nikLayoutBox, wholeNikBox } from '../../shared/ktp/second-reads';
import type { OcrLine } from '../../shared/ktp/lines';
import { createNodeLineModel, createNodeLineModelFrom } from '../../electron/services/ocr/node-line-model';
import { optionalLineModel } from '../../electron/services/ocr/node-engine';
import { decodeImage } from '../../electron/services/ocr/decode-image';
import { generateCards } from '../fixtures/ktp/generate';
import type { KtpTruth } from '../fixtures/ktp/identities';

/** A network output: per step, the probability given to one class (the rest share what is left). */
function output(alphabet: readonly string[], steps: readonly (readonly [string, number])[]) {
  const classes = alphabet.length + 1;
  const data = new Float32Array(steps.length * classes);
  steps.forEach(([ch, p], t) => {
    const k = ch === '' ? 0 : alphabet.indexOf(ch) + 1;
    data.fill((1 - p) / (classes - 1), t * classes, (t + 1) * classes);
    data[t * classes + k] = p;
  });
  return { data, steps: steps.length, classes };
}

describe('decoding the network\'s output', () => {
  const alphabet = ['A', '3', '1', 'K', '2', ' '];

  it('merges repeats, drops blanks, and keeps a digit repeated across a blank', () => {
    const out = output(alphabet, [['3', 0.9], ['3', 0.95], ['', 0.9], ['3', 0.8], ['1', 0.99], ['', 0.9]]);
    const read = decodeLine(out, alphabet, 'digits');
    expect(read.text).toBe('331');
    expect(read.confidence).toBeCloseTo(80, 3);
  });

  it('reads only digits: a letter gives way to the likeliest blank or digit', () => {
    const classes = alphabet.length + 1;
    const data = new Float32Array(2 * classes);
    // Step 0: K 0.7, 2 0.2, blank 0.1 → 2. Step 1: A 0.9, blank 0.08 → blank.
    data.set([0.1, 0, 0, 0, 0.7, 0.2, 0], 0);
    data.set([0.08, 0.9, 0, 0.02, 0, 0, 0], classes);
    expect(decodeLine({ data, steps: 2, classes }, alphabet, 'digits').text).toBe('2');
  });

  it('gives nothing, confidence 0, for a line of blanks', () => {
    expect(decodeLine(output(alphabet, [['', 0.99], ['', 0.99]]), alphabet, 'digits')).toEqual({ text: '', confidence: 0, probs: [] });
  });

  it('makes a tensor of blue, green and red planes in −1…1 from the colour image', () => {
    const img = { width: 2, height: LINE_HEIGHT, data: new Uint8ClampedArray(2 * LINE_HEIGHT * 4).fill(255) };
    img.data[0] = 0; // red of the first pixel
    img.data[2] = 0; // its blue
    img.data[5] = 0; // green of the second pixel
    const { input, width } = lineTensor(img);
    const plane = 2 * LINE_HEIGHT;
    expect(width).toBe(2);
    expect(input.length).toBe(3 * plane);
    expect([input[0], input[1]]).toEqual([-1, 1]); // blue
    expect([input[plane], input[plane + 1]]).toEqual([1, -1]); // green
    expect([input[2 * plane], input[2 * plane + 1]]).toEqual([-1, 1]); // red
  });

  it('leaves a read the host failed out of the evidence', async () => {
    const failing = { alphabet, run: () => Promise.reject(new Error('no runtime')) };
    const img = { width: 4, height: LINE_HEIGHT, data: new Uint8ClampedArray(4 * LINE_HEIGHT * 4) };
    await expect(readLine(failing, img, 'digits')).resolves.toBeUndefined();
  });

  it('is left out of the Node engine, with a warning, when its network does not load', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    try {
      const missing = () => createNodeLineModelFrom(join(tmpdir(), 'no-such-model.onnx'));
      await expect(optionalLineModel(missing)).resolves.toBeUndefined();
      expect(warn).toHaveBeenCalledWith(expect.stringMatching(/^ocr: the second engine did not start; reading without it \(.*no-such-model\.onnx/));
    } finally {
      warn.mockRestore();
    }
  });
});

const clean = JSON.parse(readFileSync(join(import.meta.dirname, 'fixtures', 'ktp-ocr-clean.json'), 'utf8')) as { lines: OcrLine[] };
/** The card's NIK 3216121101674293 (BEKASI, 11-01-1967, LAKI-LAKI); its block read as given. */
const NIK = '3216121101674293';
/** A second-engine read sure of every character. */
const sure = (text: string): LineRead => ({ text, confidence: 95, probs: [...text].map(() => 0.95) });

describe('the second engine\'s read in the NIK\'s choice', () => {
  // Both digit re-reads lost the serial's faded 9 alike (a glare spot): they agree, wrongly.
  const glared = [{ text: '3216121101674233', confidence: 85 }, { text: '3216121101674233', confidence: 80 }];
  const block = clean.lines.map((l) => (l.text.startsWith('NIK') ? { ...l, text: 'NIK : 3216121101674233' } : l));

  it('outweighs re-reads that agree on a digit it reads otherwise, and the NIK is flagged', () => {
    const without = parseKtp(block, { nikLines: glared });
    expect(without.nik?.value).toBe('3216121101674233');
    const f = parseKtp(block, { nikLines: glared, nikSecond: { text: NIK, confidence: 97 } });
    expect(f.nik?.value).toBe(NIK);
    // The reads disagree: the applicant confirms it, and the printed date and sex confirm nothing.
    expect(f.nik?.flags).toContain('ktp.nikReadsDisagree');
    expect(prefillFromKtp(f).uncertain).toContain('nik');
  });

  it('never lifts a flag or raises a confidence when it reads what the others chose', () => {
    const split = [{ text: NIK, confidence: 85 }, { text: '3216121101674233', confidence: 84 }];
    const alone = parseKtp(clean.lines, { nikLines: split });
    expect(alone.nik?.flags).toContain('ktp.nikSerialUnsure');
    const f = parseKtp(clean.lines, { nikLines: split, nikSecond: { text: NIK, confidence: 99 } });
    expect(f.nik).toEqual(alone.nik);
    const faint = [{ text: NIK, confidence: 55 }];
    expect(parseKtp(clean.lines, { nikLines: faint, nikSecond: { text: NIK, confidence: 99 } }).nik).toEqual(parseKtp(clean.lines, { nikLines: faint }).nik);
  });

  it('reads a NIK whose every digit re-read is unsure, however well the card vouches for it', () => {
    const sure = [{ text: NIK, confidence: 85 }, { text: NIK, confidence: 61 }];
    const nik = parseKtp(clean.lines, { nikLines: sure }).nik;
    expect(nik?.flags).toEqual([]);
    expect(nikInDoubt(nik, sure, false)).toBe(false);
    // The glare spot's rim: both re-reads unsure, yet agreeing, and the date and region agree.
    const unsure = [{ text: NIK, confidence: 61 }, { text: NIK, confidence: 45 }];
    const vouched = parseKtp(clean.lines, { nikLines: unsure }).nik;
    expect(vouched?.flags).toEqual([]);
    expect(nikInDoubt(vouched, unsure, false)).toBe(true);
    expect(nikInDoubt(nik, sure, true)).toBe(true);
    expect(nikInDoubt(undefined, sure, false)).toBe(true);
  });

  it('counts for nothing when it lost digits', () => {
    const split = [{ text: NIK, confidence: 85 }, { text: '3216121101674233', confidence: 84 }];
    const f = parseKtp(clean.lines, { nikLines: split, nikSecond: { text: '32161211016742', confidence: 60 } });
    expect(f.nik).toEqual(parseKtp(clean.lines, { nikLines: split }).nik);
  });
});

describe('the second engine\'s read of a name the reads spell differently', () => {
  // The block read took a mark before the name for a letter; the re-read did not.
  const block = clean.lines.map((l) => (l.text.startsWith('Nama') ? { ...l, text: 'Nama : PELFI SARAGIH' } : l));
  const nameLine: OcrLine = { text: 'ELFI SARAGIH', confidence: 90 };

  it('sides with the read that spells its letters, word gaps aside, and the name stays flagged', () => {
    // Without it, the longer read wins: the re-read looks like the block read with a glyph dropped.
    expect(parseKtp(block, { nikLines: [{ text: NIK, confidence: 90 }], nameLine }).nama?.value).toBe('PELFI SARAGIH');
    const f = parseKtp(block, { nikLines: [{ text: NIK, confidence: 90 }], nameLine, nameSecond: sure('ELFISARAGIH') });
    expect(f.nama?.value).toBe('ELFI SARAGIH');
    expect(f.nama?.flags).toContain('ktp.nameReadsDisagree');
  });

  it('sides with the third read when it spells that one\'s letters and neither of the first two', () => {
    const tianDra = clean.lines.map((l) => (l.text.startsWith('Nama') ? { ...l, text: 'Nama : TIANDRA GUNAWIJAYA' } : l));
    const reads = { nikLines: [{ text: NIK, confidence: 90 }], nameLine: { text: 'TIJANDRA GUNAWIJAYA', confidence: 51 }, nameTieBreak: { text: 'TJANDRA GUNAWIJAYA', confidence: 69 } };
    // Without it, the longer read wins: the block read looks like the re-read with a glyph dropped.
    expect(parseKtp(tianDra, reads).nama?.value).toBe('TIJANDRA GUNAWIJAYA');
    const f = parseKtp(tianDra, { ...reads, nameSecond: sure('TJANDRAGUNAWIJAYA') });
    expect(f.nama?.value).toBe('TJANDRA GUNAWIJAYA');
    expect(f.nama?.flags).toContain('ktp.nameReadsDisagree');
  });

  it('decides nothing when it spells neither read', () => {
    const f = parseKtp(block, { nikLines: [{ text: NIK, confidence: 90 }], nameLine, nameSecond: sure('ELFISARAGH') });
    expect(f.nama?.value).toBe('PELFI SARAGIH');
  });
});

describe('the second engine\'s read of a name a later read gives letters to', () => {
  // The re-read and the rescue read both added a letter ("EUVUIS"); the block read, the
  // tie-break read and the second engine read EUIS.
  const block = clean.lines.map((l) => (l.text.startsWith('Nama') ? { ...l, text: 'Nama : EUIS GUMILAR' } : l));
  const reads = {
    nikLines: [{ text: NIK, confidence: 90 }], nameLine: { text: 'EUVUIS GUMILAR', confidence: 67 },
    nameTieBreak: { text: 'EUIS GUMILAR', confidence: 65 }, nameRescue: { text: 'EUVUIS GUMILAR', confidence: 69 },
  };

  it('keeps the letters it spells alike with the name picked, and the name stays flagged', () => {
    expect(parseKtp(block, reads).nama?.value).toBe('EUVUIS GUMILAR');
    const f = parseKtp(block, { ...reads, nameSecond: sure('EUISGUMILAR') });
    expect(f.nama?.value).toBe('EUIS GUMILAR');
    expect(prefillFromKtp(f).uncertain).toContain('namaLengkap');
  });

  it('lets the rescue read give letters back when it spells the name otherwise', () => {
    // A glare spot took the first word from the block read and the re-read alike.
    const lost = clean.lines.map((l) => (l.text.startsWith('Nama') ? { ...l, text: 'Nama : GUMILAR' } : l));
    const f = parseKtp(lost, { ...reads, nameLine: { text: 'GUMILAR', confidence: 80 }, nameTieBreak: undefined, nameRescue: { text: 'EUIS GUMILAR', confidence: 70 }, nameSecond: sure('UISGUMILAR') });
    expect(f.nama?.value).toBe('EUIS GUMILAR');
    expect(f.nama?.flags).toContain('ktp.nameRescued');
  });
});

describe('the witness, the rescue read and the second engine spelling a name alike', () => {
  // The block read and the re-read both misread a letter (J for I); the re-read of the ink's box,
  // the rescue read and the second engine read it. (Tuning seed 56 card 56 was the first seen: the
  // block read took the Balinese I for an F, glued, FGUSTI, and the re-read lost it.)
  const block = clean.lines.map((l) => (l.text.startsWith('Nama') ? { ...l, text: 'Nama : ELFI SARAGJH' } : l));
  const reads = {
    nikLines: [{ text: NIK, confidence: 90 }], nameLine: { text: 'ELFI SARAGJH', confidence: 70 },
    nameWitness: { text: 'ELFI SARAGIH', confidence: 88 }, nameRescue: { text: 'ELFI SARAGIH', confidence: 66 },
  };
  // The second engine is unsure of the thin I: alone, it changes no letter (see name-second).
  const second: LineRead = { ...sure('ELFISARAGIH'), probs: sure('ELFISARAGIH').probs.map((p, k) => (k === 9 ? 0.5 : p)) };

  it('outvote the block read and the re-read, and the name stays flagged', () => {
    expect(parseKtp(block, { ...reads, nameWitness: undefined, nameSecond: second }).nama?.value).toBe('ELFI SARAGJH');
    const f = parseKtp(block, { ...reads, nameSecond: second });
    expect(f.nama?.value).toBe('ELFI SARAGIH');
    expect(prefillFromKtp(f).uncertain).toContain('namaLengkap');
  });

  it('decide nothing unless all three spell it alike', () => {
    expect(parseKtp(block, { ...reads, nameSecond: { ...second, text: 'ELFISARAGLH' } }).nama?.value).toBe('ELFI SARAGJH');
    expect(parseKtp(block, { ...reads, nameRescue: { text: 'ELFI SARAGLH', confidence: 66 }, nameSecond: second }).nama?.value).toBe('ELFI SARAGJH');
    // Nor when the rescue read is too unsure to count.
    expect(parseKtp(block, { ...reads, nameRescue: { text: 'ELFI SARAGIH', confidence: 30 }, nameSecond: second }).nama?.value).toBe('ELFI SARAGJH');
  });
});

describe('the second engine\'s letters in a name in doubt', () => {
  const nikLines = [{ text: NIK, confidence: 90 }];
  const misread = clean.lines.map((l) => (l.text.startsWith('Nama') ? { ...l, text: 'Nama : ELFI SARAGJH' } : l));

  it('changes a letter it surely reads otherwise, and the name stays flagged', () => {
    // The re-read disagrees, so the name is in doubt.
    const f = parseKtp(misread, { nikLines, nameLine: { text: 'ELFI SARAGJN', confidence: 70 }, nameSecond: sure('ELFISARAGIH') });
    expect(f.nama?.value).toBe('ELFI SARAGIH');
    expect(f.nama?.flags).toContain('ktp.nameReadsDisagree');
  });

  it('changes nothing in a name no evidence doubts', () => {
    const f = parseKtp(misread, { nikLines, nameLine: { text: 'ELFI SARAGJH', confidence: 95 }, nameSecond: sure('ELFISARAGIH') });
    expect(f.nama?.value).toBe('ELFI SARAGJH');
  });

  it('spells it with the letters it reads that the reads lost, and the name stays flagged', () => {
    const lost = clean.lines.map((l) => (l.text.startsWith('Nama') ? { ...l, text: 'Nama : LE SETIADI' } : l));
    // The reads disagree on another letter: the name is in doubt.
    const f = parseKtp(lost, { nikLines, nameLine: { text: 'LE SETIAOI', confidence: 70 }, nameSecond: sure('LIESETIADI') });
    expect(f.nama?.value).toBe('LIE SETIADI');
    expect(prefillFromKtp(f).uncertain).toContain('namaLengkap');
  });

  it('makes a word of the letters it reads before the name when the ink shows a word there', () => {
    const lost = clean.lines.map((l) => (l.text.startsWith('Nama') ? { ...l, text: 'Nama : AMINAH' } : l));
    const reads = { nikLines, nameLine: { text: 'AMINAH', confidence: 90 }, nameSecond: sure('SITIAMINAH') };
    const nameInk = { words: [4, 6], extent: 11, letters: 10, marks: [] };
    expect(parseKtp(lost, { ...reads, nameInk }).nama?.value).toBe('SITI AMINAH');
    // Without the ink's word, a word lost and letters lost at the start look alike: one word.
    const glued = parseKtp(lost, { ...reads, nameInk: { words: [10], extent: 12, letters: 10, marks: [] } }).nama;
    expect(glued?.value).toBe('SITIAMINAH');
    expect(glued?.flags).toContain('ktp.nameShorterThanPrint');
  });
});

describe('the box the second engine reads a NIK read short from', () => {
  const box = { x0: 250, y0: 92, x1: 530, y1: 116 };

  it('grows by the missing digits and one more, at the pitch of those read, both ways', () => {
    // 14 digits in 280 px: 20 px each; 2 missing and 1 more is 60 px either side.
    expect(wholeNikBox(box, 14)).toEqual({ ...box, x0: 216, x1: 590 });
  });

  it('stays within the values\' column left of the photo', () => {
    const far = wholeNikBox({ ...box, x0: 400, x1: 680 }, 14);
    expect(far?.x1).toBe(960 * 0.72);
    // A box found reaching past them keeps its edges.
    const wide = wholeNikBox({ ...box, x0: 200, x1: 700 }, 14);
    expect(wide).toMatchObject({ x0: 200, x1: 700 });
  });

  it('leaves a whole read, or one too short to give the pitch, as it is', () => {
    expect(wholeNikBox(box, 16)).toBeNull();
    expect(wholeNikBox(box, 7)).toBeNull();
    // 15 digits in 280 px: one missing and one more, 37.3 px either side; 8 digits: 9 × 35 px.
    expect(wholeNikBox(box, 15)?.x1).toBeCloseTo(530 + 280 / 15 * 2);
    expect(wholeNikBox(box, 8)).toMatchObject({ x0: 216, x1: 960 * 0.72 });
  });
});

describe('the real network on a generated card', () => {
  const dir = mkdtempSync(join(tmpdir(), 'kiosk-unit-line-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('reads the NIK from its place in the card\'s layout', async () => {
    const [file = ''] = await generateCards(dir, 1, 41, false, {}, { look: 'varied' });
    const { truth } = JSON.parse(readFileSync(file.replace(/\.(jpg|png)$/, '.json'), 'utf8')) as { truth: KtpTruth };
    const img = decodeImage(file);
    const [ranked] = rankedFrames(img, 960);
    if (!ranked) throw new Error('no card found');
    const model = await createNodeLineModel();
    const { frame } = alignColumn(img, straighten(img, ranked.frame, ranked.score));
    const read = await readLine(model, lineImage(img, frame, nikLayoutBox(frame)), 'digits');
    expect(read?.text).toBe(truth.nik);
    expect(read?.confidence).toBeGreaterThan(50);
  }, 120_000);
});
