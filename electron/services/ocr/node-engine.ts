// tesseract.js in Node for the operator CLI and the benchmark: the same pooled OcrEngine the
// renderer uses. Language data comes from the installed @tesseract.js-data/ind package (never a
// CDN); the workers are created once and reused.
import { createRequire } from 'node:module';
import { availableParallelism } from 'node:os';
import { dirname, join } from 'node:path';
import { createWorker, OEM } from 'tesseract.js';
import type { LineModel } from '../../../shared/ktp/line-model';
import type { OcrEngine } from '../../../shared/ktp/pipeline';
import { OCR_INIT, OCR_MODELS, pooledEngine } from '../../../shared/ktp/worker-pool';
import { appPaths } from '../app-paths';
import { createNodeLineModel } from './node-line-model';

const require = createRequire(import.meta.url);

/** tessdata_best (integerised), from the installed @tesseract.js-data/ind package. */
export function languageDir(): string {
  return join(dirname(require.resolve('@tesseract.js-data/ind/package.json')), '4.0.0_best_int');
}

/** tessdata_fast, shipped in resources/ocr/ (see its README for where it comes from). */
export function fastLanguageDir(): string {
  return appPaths().ocrModels;
}

/**
 * The second engine is evidence, never required (as in the renderer): when its network fails to
 * load (the package missing, a damaged file), reading goes on without it — said once, on stderr,
 * so a benchmark run without it is not taken for one with it.
 */
export async function optionalLineModel(load: () => Promise<LineModel>): Promise<LineModel | undefined> {
  try {
    return await load();
  } catch (error) {
    console.warn(`ocr: the second engine did not start; reading without it (${error instanceof Error ? error.message : String(error)})`);
    return undefined;
  }
}

export interface NodeOcrEngine extends OcrEngine {
  readonly initMs: number;
  terminate(): Promise<void>;
}

/**
 * One fast-model worker per core (at most two) for the two halves of the block, and one
 * best-model worker for the re-reads, which start when the upper half is read.
 */
export async function createNodeOcrEngine({ size = Math.min(2, availableParallelism()), fastBlock = true } = {}): Promise<NodeOcrEngine> {
  const t0 = performance.now();
  const options = (langPath: string) => ({ langPath, gzip: true, cacheMethod: 'none' });
  // `fastBlock: false` gives plain tesseract.js's own default model everywhere and no second
  // engine (the benchmark's baseline).
  const blockWorker = () => (fastBlock
    ? createWorker(OCR_MODELS.block, OEM.LSTM_ONLY, options(fastLanguageDir()), OCR_INIT.block)
    : createWorker(OCR_MODELS.reread, OEM.LSTM_ONLY, options(languageDir())));
  const [block, reread, lineModel] = await Promise.all([
    Promise.all(Array.from({ length: size }, blockWorker)),
    Promise.all([createWorker(OCR_MODELS.reread, OEM.LSTM_ONLY, options(languageDir()), OCR_INIT.reread)]),
    fastBlock ? optionalLineModel(createNodeLineModel) : undefined,
  ]);
  const initMs = performance.now() - t0;
  const engine = pooledEngine({ block, reread }, (pgm) => Buffer.from(pgm.buffer, pgm.byteOffset, pgm.byteLength));
  return {
    initMs,
    recognize: engine.recognize,
    ...(lineModel ? { lineModel } : {}),
    async terminate() {
      await Promise.all([...block, ...reread].map((w) => w.terminate()));
    },
  };
}
