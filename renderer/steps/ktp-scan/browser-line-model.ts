// The second OCR engine (shared/ktp/line-model.ts) in the renderer, run in its own Web Worker
// (line-model.worker.ts) so the page stays responsive while it reads: PP-OCRv4's recognition
// network (dist/renderer/ocr/line/, copied from an installed package by
// scripts/copy-offline-assets.mjs) and onnxruntime-web's WebAssembly runtime (an asset Vite emits
// with the worker's bundle), both served by the app itself — never a CDN. One thread: the page
// is not cross-origin isolated, and the tesseract workers already use the kiosk's cores.
import type { LineModel, LineOutput } from '../../../shared/ktp/line-model';
import type { LineModelReply, LineModelRequest } from './line-model-messages';

/** Longest a start may take (the network is ~10 MB, read from disk and compiled): then none. */
const START_TIMEOUT_MS = 30_000;

export function createBrowserLineModel(): Promise<LineModel> {
  const worker = new Worker(new URL('./line-model.worker.ts', import.meta.url), { type: 'module', name: 'ocr-line-model' });
  const post = (request: LineModelRequest, transfer: Transferable[] = []): void => worker.postMessage(request, transfer);
  const pending = new Map<number, { ok: (out: LineOutput) => void; fail: (error: Error) => void }>();
  let nextId = 0;
  let broken: Error | null = null;
  return new Promise<LineModel>((resolve, reject) => {
    const timer = setTimeout(() => stop(new Error('line model: the worker did not start in time')), START_TIMEOUT_MS);
    // A worker that failed is gone for good: every read waiting on it fails, and so will later ones.
    const stop = (error: Error): void => {
      clearTimeout(timer);
      broken = error;
      worker.terminate();
      for (const { fail } of pending.values()) fail(error);
      pending.clear();
      reject(error);
    };
    // A failed read is left out of the NIK's evidence (see line-model), but never silently.
    const run = (input: Float32Array, width: number): Promise<LineOutput> => new Promise<LineOutput>((ok, fail) => {
      if (broken) throw broken;
      const id = nextId++;
      pending.set(id, { ok, fail });
      post({ type: 'run', id, input, width }, [input.buffer]);
    }).catch((error: unknown) => {
      console.warn('ocr: the second engine failed a read', error instanceof Error ? error.message : error);
      throw error;
    });
    worker.onerror = (event) => stop(new Error(`line model: the worker failed (${event.message || 'no message'})`));
    worker.onmessage = ({ data: reply }: MessageEvent<LineModelReply>) => {
      if (reply.type === 'ready') {
        clearTimeout(timer);
        resolve({ alphabet: reply.alphabet, run });
      } else if (reply.type === 'failed') {
        stop(new Error(reply.error));
      } else {
        const waiting = pending.get(reply.id);
        pending.delete(reply.id);
        if (reply.type === 'output') waiting?.ok({ data: reply.data, steps: reply.steps, classes: reply.classes });
        else waiting?.fail(new Error(reply.error));
      }
    };
    post({ type: 'init', base: new URL('./ocr/line/', document.baseURI).href });
  });
}
