// Copies the OCR runtime into the built renderer so the kiosk reads cards unplugged: the
// tesseract.js worker, the LSTM-only WebAssembly cores (plain, SIMD, relaxed SIMD: the worker picks
// what the CPU supports) and the Indonesian language data, all from installed packages.
import { copyFileSync, mkdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

const require = createRequire(import.meta.url);
const out = join(import.meta.dirname, '..', 'dist', 'renderer', 'ocr');
const pkg = (name) => dirname(require.resolve(`${name}/package.json`));

mkdirSync(join(out, 'core'), { recursive: true });
mkdirSync(join(out, 'lang'), { recursive: true });
copyFileSync(join(pkg('tesseract.js'), 'dist', 'worker.min.js'), join(out, 'worker.min.js'));
for (const core of ['tesseract-core-lstm.wasm.js', 'tesseract-core-simd-lstm.wasm.js', 'tesseract-core-relaxedsimd-lstm.wasm.js']) {
  copyFileSync(join(pkg('tesseract.js-core'), core), join(out, 'core', core));
}
copyFileSync(join(pkg('@tesseract.js-data/ind'), '4.0.0_best_int', 'ind.traineddata.gz'), join(out, 'lang', 'ind.traineddata.gz'));
