// tesseract.js in Node for the operator CLI and the benchmark: the same pooled OcrEngine the
// renderer uses. Language data comes from the installed @tesseract.js-data/ind package (never a
// CDN); the workers are created once and reused.
import { createRequire } from 'node:module';
import { availableParallelism } from 'node:os';
import { dirname, join } from 'node:path';
import { createWorker, OEM } from 'tesseract.js';
import type { OcrEngine } from '../../../shared/ktp/pipeline';
import { pooledEngine } from '../../../shared/ktp/worker-pool';
import { encodeGrayPng } from '../png';

const require = createRequire(import.meta.url);

export function languageDir(): string {
  return join(dirname(require.resolve('@tesseract.js-data/ind/package.json')), '4.0.0_best_int');
}

export interface NodeOcrEngine extends OcrEngine {
  readonly initMs: number;
  terminate(): Promise<void>;
}

/** One worker per core (at most two): the pipeline reads two halves of the card at once. */
export async function createNodeOcrEngine(size = Math.min(2, availableParallelism())): Promise<NodeOcrEngine> {
  const t0 = performance.now();
  const workers = await Promise.all(Array.from({ length: size }, () =>
    createWorker('ind', OEM.LSTM_ONLY, { langPath: languageDir(), gzip: true, cacheMethod: 'none' })));
  const initMs = performance.now() - t0;
  const engine = pooledEngine(workers, encodeGrayPng);
  return {
    initMs,
    recognize: engine.recognize,
    async terminate() {
      await Promise.all(workers.map((w) => w.terminate()));
    },
  };
}
