// The second OCR engine (shared/ktp/line-model.ts) in a Web Worker: PP-OCRv4's recognition
// network run by onnxruntime-web's WebAssembly runtime on one thread. A run takes ~0.1 s of
// CPU; on the page's thread it would freeze the kiosk's screen (the scan's progress, a touch)
// for as long. Nothing here is fetched but the app's own files (see browser-line-model).
import * as ort from 'onnxruntime-web/wasm';
import { ppocrLineModel, type LineModel } from '../../../shared/ktp/line-model';
import type { LineModelReply, LineModelRequest } from './line-model-messages';

/** The worker's global scope, as far as it is used (the renderer's types are the page's). */
const scope = self as unknown as {
  onmessage: ((event: MessageEvent<LineModelRequest>) => void) | null;
  postMessage(message: LineModelReply, transfer?: Transferable[]): void;
};

let model: LineModel | null = null;

const message = (error: unknown): string => (error instanceof Error ? error.message : String(error));

async function load(base: string): Promise<LineModel> {
  ort.env.wasm.numThreads = 1;
  const fetched = async (file: string): Promise<Response> => {
    const response = await fetch(`${base}${file}`);
    if (!response.ok) throw new Error(`line model: ${file} not served (${response.status})`);
    return response;
  };
  const [network, keys] = await Promise.all([fetched('rec.onnx').then((r) => r.arrayBuffer()), fetched('keys.txt').then((r) => r.text())]);
  const session = await ort.InferenceSession.create(new Uint8Array(network), { executionProviders: ['wasm'] });
  return ppocrLineModel(session, (data, dims) => new ort.Tensor('float32', data, dims), keys);
}

scope.onmessage = ({ data: request }) => {
  if (request.type === 'init') {
    load(request.base).then((loaded) => {
      model = loaded;
      scope.postMessage({ type: 'ready', alphabet: loaded.alphabet });
    }, (error: unknown) => scope.postMessage({ type: 'failed', error: message(error) }));
    return;
  }
  const { id, input, width } = request;
  if (!model) {
    scope.postMessage({ type: 'error', id, error: 'line model: not loaded' });
    return;
  }
  model.run(input, width).then((out) => {
    // A copy: the runtime's output may be a view of its own memory, which must not be transferred.
    const data = new Float32Array(out.data);
    scope.postMessage({ type: 'output', id, data, steps: out.steps, classes: out.classes }, [data.buffer]);
  }, (error: unknown) => scope.postMessage({ type: 'error', id, error: message(error) }));
};
