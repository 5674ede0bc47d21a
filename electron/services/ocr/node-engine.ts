// tesseract.js in Node for the operator CLI and the benchmark: the same OcrEngine the renderer
// implements over its Web Worker. Language data comes from the installed @tesseract.js-data/ind
// package (never a CDN); one worker is created and reused.
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { PNG } from 'pngjs';
import { availableParallelism } from 'node:os';
import { createWorker, OEM, PSM, type Page, type Worker } from 'tesseract.js';
import type { GrayImage } from '../../../shared/ktp/image';
import type { OcrLine } from '../../../shared/ktp/lines';
import type { OcrEngine } from '../../../shared/ktp/pipeline';

const require = createRequire(import.meta.url);

export function languageDir(): string {
  return join(dirname(require.resolve('@tesseract.js-data/ind/package.json')), '4.0.0_best_int');
}

function toPng(gray: GrayImage): Buffer {
  const png = new PNG({ width: gray.width, height: gray.height, colorType: 0, inputColorType: 0, inputHasAlpha: false });
  png.data = Buffer.from(gray.data);
  return PNG.sync.write(png, { colorType: 0, inputColorType: 0, inputHasAlpha: false });
}

export interface NodeOcrEngine extends OcrEngine {
  readonly initMs: number;
  terminate(): Promise<void>;
}

const PARAMS = {
  block: { tessedit_pageseg_mode: PSM.SINGLE_BLOCK, tessedit_char_whitelist: '', preserve_interword_spaces: '1', tessedit_do_invert: '0' },
  digits: { tessedit_pageseg_mode: PSM.SINGLE_LINE, tessedit_char_whitelist: '0123456789', tessedit_do_invert: '0' },
} as const;

interface PooledWorker {
  readonly worker: Worker;
  mode: 'block' | 'digits' | null;
}

/** A small pool (one worker per core by default): the pipeline reads two halves of the card at once. */
export async function createNodeOcrEngine(size = Math.min(2, availableParallelism())): Promise<NodeOcrEngine> {
  const t0 = performance.now();
  const pool: PooledWorker[] = await Promise.all(Array.from({ length: size }, async () => ({
    worker: await createWorker('ind', OEM.LSTM_ONLY, { langPath: languageDir(), gzip: true, cacheMethod: 'none' }),
    mode: null,
  })));
  const initMs = performance.now() - t0;
  const idle = [...pool];
  const waiting: ((w: PooledWorker) => void)[] = [];
  const acquire = (): Promise<PooledWorker> => {
    const w = idle.pop();
    return w ? Promise.resolve(w) : new Promise((ok) => waiting.push(ok));
  };
  const release = (w: PooledWorker): void => {
    const next = waiting.shift();
    if (next) next(w);
    else idle.push(w);
  };
  const use = async (w: PooledWorker, next: 'block' | 'digits'): Promise<void> => {
    if (w.mode === next) return;
    await w.worker.setParameters(PARAMS[next]);
    w.mode = next;
  };
  return {
    initMs,
    async recognize(image, next) {
      const w = await acquire();
      try {
        await use(w, next);
        return linesOf((await w.worker.recognize(toPng(image), {}, { blocks: true, text: true })).data);
      } finally {
        release(w);
      }
    },
    async terminate() {
      await Promise.all(pool.map((w) => w.worker.terminate()));
    },
  };
}

function linesOf(data: Page): OcrLine[] {
  const lines: OcrLine[] = [];
  for (const block of data.blocks ?? []) {
    for (const paragraph of block.paragraphs) {
      for (const line of paragraph.lines) {
        lines.push({
          text: line.text.replace(/\n$/, ''),
          confidence: line.confidence,
          bbox: line.bbox,
          words: line.words.map((w) => ({ text: w.text, bbox: w.bbox })),
        });
      }
    }
  }
  return lines;
}

