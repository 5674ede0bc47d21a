// The OcrEngine of shared/ktp/pipeline.ts in the renderer: tesseract.js Web Workers whose worker
// script, WebAssembly core and language data are served by the app itself (dist/renderer/ocr/,
// copied from installed packages by scripts/copy-offline-assets.mjs) — never a CDN. Created once —
// while Welcome shows (app/warm-up.ts), else on first use — and kept for every later applicant.
import { createWorker, OEM } from 'tesseract.js';
import type { GrayImage } from '../../../shared/ktp/image';
import { LINE_HEIGHT } from '../../../shared/ktp/line-model';
import { readKtp, type OcrEngine } from '../../../shared/ktp/pipeline';
import { OCR_INIT, OCR_MODELS, pooledEngine, type OcrModel } from '../../../shared/ktp/worker-pool';
import { canvasFromBlob, pixelsOf } from '../../media/canvas';
import { createBrowserLineModel } from './browser-line-model';

function createOcrWorker(model: OcrModel) {
  const base = new URL('./ocr/', document.baseURI).href;
  return createWorker(OCR_MODELS[model], OEM.LSTM_ONLY, {
    workerPath: `${base}worker.min.js`,
    corePath: `${base}core`,
    langPath: `${base}lang`,
    workerBlobURL: false,
    cacheMethod: 'none',
    gzip: true,
  }, OCR_INIT[model]);
}

let engine: Promise<OcrEngine> | null = null;

/** The second engine is evidence, never required: a kiosk whose model fails to load reads without it. */
const lineModel = () => createBrowserLineModel().catch((error: unknown) => {
  console.warn('ocr: the second engine did not start; reading without it', error instanceof Error ? error.message : error);
  return undefined;
});

/**
 * Two fast-model workers read the two halves of the card in parallel on the kiosk's cores; one
 * best-model worker re-reads the NIK and the name (see OCR_MODELS); the second engine reads a NIK
 * they left in doubt (see line-model).
 */
export function getBrowserOcrEngine(): Promise<OcrEngine> {
  engine ??= Promise.all([createOcrWorker('block'), createOcrWorker('block'), createOcrWorker('reread'), lineModel()])
    .then(([a, b, best, line]): OcrEngine => ({
      ...pooledEngine({ block: [a, b], reread: [best] }, (pgm) => new Blob([pgm])),
      ...(line ? { lineModel: line } : {}),
    }))
    .catch((error: unknown) => {
      engine = null; // a failed start is retried with the next capture
      throw error;
    });
  return engine;
}

/** Two lines as a KTP prints them, drawn on a canvas: something for every worker to read. */
function sampleLines(): GrayImage {
  const canvas = document.createElement('canvas');
  canvas.width = 560;
  canvas.height = 110;
  const ctx = canvas.getContext('2d');
  if (!ctx) throw new Error('2D canvas unavailable');
  ctx.fillStyle = '#fff';
  ctx.fillRect(0, 0, canvas.width, canvas.height);
  ctx.fillStyle = '#000';
  ctx.font = '28px sans-serif';
  ctx.fillText('NIK : 3171234567890001', 12, 40);
  ctx.fillText('Nama : BUDI SANTOSO', 12, 90);
  const rgba = ctx.getImageData(0, 0, canvas.width, canvas.height).data;
  const data = new Uint8Array(canvas.width * canvas.height);
  for (let i = 0; i < data.length; i++) data[i] = rgba[i * 4 + 1] ?? 255;
  return { width: canvas.width, height: canvas.height, data };
}

/** Leaving Welcome stopped the rehearsal between two reads (see rehearseBrowserOcr). */
class RehearsalStopped extends Error {
  constructor() {
    super('the OCR rehearsal was stopped');
    this.name = 'RehearsalStopped';
  }
}

/**
 * How many times the rehearsal reads the bundled card. The pipeline's own code (locating,
 * straightening, the re-reads' crops, parsing) runs on this thread and is slow until V8 has
 * compiled it: in Node, after the sample reads alone, a fresh process's first card took 887 ms
 * and its first ten 410 ms on average, against ~270 ms from the twentieth on; after three reads
 * of another card, 520 and 316 ms (tuning seed 7).
 */
const CARD_READS = 3;
/** A performance mark after each of those reads, for an operator's diagnostics (and the e2e test). */
const WARM_UP_READ_MARK = 'ocr.warmUp.cardRead';

/**
 * Starts the engine and has every worker read a sample once: a worker's first reading is slower
 * than later ones (Chromium, 2 cores: a first scan took 2.2 s with the workers started, 1.6–1.8 s
 * after this sample, later scans 1.0–1.1 s), so the applicant's first scan would pay for it.
 */
export async function warmUpBrowserOcr(): Promise<void> {
  const ocr = await getBrowserOcrEngine();
  const sample = sampleLines();
  // The second engine's first run sets up its runtime (~0.3 s against ~0.1 s later): a blank line will do.
  // A failure is already reported (see browser-line-model); the scan then reads without it.
  const line = ocr.lineModel?.run(new Float32Array(3 * LINE_HEIGHT * LINE_HEIGHT * 4).fill(1), LINE_HEIGHT * 4).catch(() => undefined);
  await Promise.all([ocr.recognize(sample, 'block'), ocr.recognize(sample, 'block'), ocr.recognize(sample, 'digits'), ocr.recognize(sample, 'name'), line]);
}

/**
 * Reads a bundled photo of a synthetic card (ocr/warm-up-card.jpg, see resources/ocr) CARD_READS
 * times with the whole pipeline, unless `stopped` says Welcome was left: the reads hold both
 * cores, and a read under way is not interrupted, so it is checked before each. Stopped, it
 * rejects with RehearsalStopped (the next Welcome starts it again).
 */
export async function rehearseBrowserOcr(stopped: () => boolean): Promise<void> {
  const ocr = await getBrowserOcrEngine();
  const response = await fetch(new URL('./ocr/warm-up-card.jpg', document.baseURI));
  if (!response.ok) throw new Error(`warm-up card: HTTP ${response.status}`);
  const card = pixelsOf(await canvasFromBlob(await response.blob()));
  for (let i = 0; i < CARD_READS; i++) {
    if (stopped()) throw new RehearsalStopped();
    await readKtp(card, ocr, () => performance.now());
    performance.mark(WARM_UP_READ_MARK);
  }
}
