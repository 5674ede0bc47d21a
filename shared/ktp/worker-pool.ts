// One OcrEngine over a pool of tesseract.js workers, for both hosts (Node for the CLI and the
// benchmark, Web Workers in the renderer). Structural types keep shared/ free of tesseract.js.
import type { GrayImage } from './image';
import type { Box, OcrLine } from './lines';
import type { OcrEngine, OcrMode } from './pipeline';

/**
 * PSM 6 (one block) keeps "Label : value" on one line; PSM 7 reads the NIK as one line of digits.
 * A worker keeps what a mode set until another mode sets it again, so every mode sets every
 * parameter: a read is the same whichever read the worker made before it.
 */
export const OCR_PARAMS = {
  block: { tessedit_pageseg_mode: '6', tessedit_char_whitelist: '', preserve_interword_spaces: '1', tessedit_do_invert: '0' },
  digits: { tessedit_pageseg_mode: '7', tessedit_char_whitelist: '0123456789', preserve_interword_spaces: '1', tessedit_do_invert: '0' },
  name: { tessedit_pageseg_mode: '7', tessedit_char_whitelist: "ABCDEFGHIJKLMNOPQRSTUVWXYZ .,'-", preserve_interword_spaces: '1', tessedit_do_invert: '0' },
} as const;

interface PageLike {
  readonly blocks: readonly { readonly paragraphs: readonly { readonly lines: readonly {
    readonly text: string; readonly confidence: number; readonly bbox: Box;
    readonly words: readonly { readonly text: string; readonly bbox: Box }[];
  }[] }[] }[] | null;
}

/**
 * The image as the workers receive it: a binary PGM (P5), which Leptonica reads as it is. A PNG
 * costs ~25 ms to compress per text block on the calling thread (a canvas's toBlob in the
 * renderer, pngjs in Node) and more to inflate in the worker, for nothing: the bytes never leave
 * the process.
 */
export function pgmBytes(gray: GrayImage): Uint8Array<ArrayBuffer> {
  // ASCII only; shared/ has neither TextEncoder (DOM) nor Buffer (Node).
  const header = Uint8Array.from(`P5\n${gray.width} ${gray.height}\n255\n`, (c) => c.charCodeAt(0));
  const bytes = new Uint8Array(header.length + gray.width * gray.height);
  bytes.set(header);
  bytes.set(gray.data.subarray(0, gray.width * gray.height), header.length);
  return bytes;
}

export interface TesseractLike<I> {
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- tesseract.js types its params loosely
  setParameters(params: any): Promise<unknown>;
  recognize(image: I, options: object, output: { blocks: boolean; text: boolean }): Promise<{ data: PageLike }>;
}

export function linesOf(page: PageLike): OcrLine[] {
  return (page.blocks ?? []).flatMap((b) => b.paragraphs.flatMap((p) => p.lines.map((l) => ({
    text: l.text.replace(/\n$/, ''),
    confidence: l.confidence,
    bbox: l.bbox,
    words: l.words.map((w) => ({ text: w.text, bbox: w.bbox })),
  }))));
}

/**
 * The language models, by file name in the language folder: `ind_fast` (tessdata_fast, a smaller
 * LSTM, ~2× faster) reads the text block; `ind` (tessdata_best, integerised) re-reads the NIK and
 * the name, the fields that must be exact, from small crops where its cost is negligible.
 */
export const OCR_MODELS = { block: 'ind_fast', reread: 'ind' } as const;
export type OcrModel = keyof typeof OCR_MODELS;

/** Tesseract's word lists: none is loaded (see OCR_INIT). */
const NO_WORD_LISTS = { load_system_dawg: '0', load_freq_dawg: '0', load_punc_dawg: '0', load_number_dawg: '0', load_unambig_dawg: '0', load_bigram_dawg: '0' } as const;

/**
 * Parameters a worker takes only when it starts. No worker loads word lists: a KTP's names and
 * numbers are no dictionary's words. Without them the fast model read the same text on 704
 * block lines of tuning seed 8 (40 cards), ~5 % faster. The best model's re-reads without them
 * (and the lower part of an aligned frame no longer reading the Nama line, see pipeline) read
 * 1,300 tuning cards (seeds 38-42, 53-55, 58-62) with 15 values right that were wrong, among them
 * one NIK and seven names, and 3 wrong that were right (an address, an RT/RW, a blood group).
 * With the lists, words of a name were read glued (LAARUNG for LA ARUNG, NAJWAAZ-ZAHRA), and one
 * NIK digit was read wrong and not flagged; none now. The re-reads are also 5-8 % faster.
 */
export const OCR_INIT: Readonly<Record<OcrModel, Readonly<Record<string, string>>>> = {
  block: NO_WORD_LISTS,
  reread: NO_WORD_LISTS,
};
const modelOf = (mode: OcrMode): OcrModel => (mode === 'block' ? 'block' : 'reread');

/** What a read returns: the blocks alone (linesOf reads nothing else; the page's text is not made). */
const READ_OUTPUT = { blocks: true, text: false } as const;

/** Tesseract refuses to scale images narrower than this. */
const MIN_SIDE = 3;

interface Slot<I> { readonly worker: TesseractLike<I>; mode: OcrMode | null }

/** A queue of idle workers of one model; callers wait their turn. */
function workerQueue<I>(workers: readonly TesseractLike<I>[]) {
  const idle: Slot<I>[] = workers.map((worker) => ({ worker, mode: null }));
  const waiting: ((s: Slot<I>) => void)[] = [];
  return {
    acquire: (): Promise<Slot<I>> => {
      const s = idle.pop();
      return s ? Promise.resolve(s) : new Promise((ok) => waiting.push(ok));
    },
    release: (s: Slot<I>): void => {
      const next = waiting.shift();
      if (next) next(s);
      else idle.push(s);
    },
  };
}

/** `wrap` hands the PGM bytes over as the host's tesseract.js types them (a Buffer, a Blob). */
export function pooledEngine<I>(workers: Readonly<Record<OcrModel, readonly TesseractLike<I>[]>>, wrap: (pgm: Uint8Array<ArrayBuffer>) => I): OcrEngine {
  const queues = { block: workerQueue(workers.block), reread: workerQueue(workers.reread) };
  return {
    async recognize(image, mode) {
      // A crop clamped to almost nothing (a box at the frame's edge) holds no text to read.
      if (image.width < MIN_SIDE || image.height < MIN_SIDE) return [];
      const { acquire, release } = queues[modelOf(mode)];
      const slot = await acquire();
      try {
        // The parameters go out with the image, not a round trip before it (whose reply waited
        // for this thread, often busy preparing the next crop). They are posted first (the read is
        // posted once its image is loaded, a microtask or more later), and a worker handles its
        // messages in order, each to the end: setting parameters waits on nothing. Until the worker
        // has confirmed them, its mode is unknown.
        const setting = slot.mode === mode ? null : slot.worker.setParameters(OCR_PARAMS[mode]);
        slot.mode = null;
        const [, read] = await Promise.all([setting, slot.worker.recognize(wrap(pgmBytes(image)), {}, READ_OUTPUT)]);
        slot.mode = mode;
        return linesOf(read.data);
      } finally {
        release(slot);
      }
    },
  };
}
