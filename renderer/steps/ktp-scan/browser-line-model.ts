// The second OCR engine (shared/ktp/line-model.ts) in the renderer: PP-OCRv4's recognition
// network (dist/renderer/ocr/line/, copied from an installed package by
// scripts/copy-offline-assets.mjs) and onnxruntime-web's WebAssembly runtime (an asset Vite emits
// with the bundle), both served by the app itself — never a CDN. One thread: the page is not
// cross-origin isolated, and the tesseract workers already use the kiosk's cores.
import * as ort from 'onnxruntime-web/wasm';
import { ppocrLineModel, type LineModel } from '../../../shared/ktp/line-model';

export async function createBrowserLineModel(): Promise<LineModel> {
  const base = new URL('./ocr/line/', document.baseURI).href;
  ort.env.wasm.numThreads = 1;
  const fetched = async (file: string): Promise<Response> => {
    const response = await fetch(`${base}${file}`);
    if (!response.ok) throw new Error(`line model: ${file} not served (${response.status})`);
    return response;
  };
  const [network, keys] = await Promise.all([fetched('rec.onnx').then((r) => r.arrayBuffer()), fetched('keys.txt').then((r) => r.text())]);
  const session = await ort.InferenceSession.create(new Uint8Array(network), { executionProviders: ['wasm'] });
  const model = ppocrLineModel(session, (data, dims) => new ort.Tensor('float32', data, dims), keys);
  // A failed read is left out of the NIK's evidence (see line-model), but never silently.
  return {
    alphabet: model.alphabet,
    run: (input, width) => model.run(input, width).catch((error: unknown) => {
      console.warn('ocr: the second engine failed a read', error instanceof Error ? error.message : error);
      throw error;
    }),
  };
}
