// `npm run bench:captcha`: how often an off-the-shelf OCR reads the kiosk's image CAPTCHA. The
// attacker here is tesseract.js itself, as the kiosk ships it, with the CAPTCHA alphabet as its
// whitelist and single-line segmentation — the cheapest attack on an unattended kiosk. Prints and
// writes bench/results/captcha.json.
import { mkdirSync, writeFileSync } from 'node:fs';
import { randomInt } from 'node:crypto';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { PNG } from 'pngjs';
import { createWorker, OEM } from 'tesseract.js';
import { drawCaptcha } from '../electron/services/captcha/captcha-image';
import { CAPTCHA_ALPHABET } from '../electron/services/captcha/glyphs';
import { languageDir } from '../electron/services/ocr/node-engine';

const { values } = parseArgs({ options: { count: { type: 'string', default: '100' } } });
const count = Number(values.count);
const root = resolve(import.meta.dirname, '..');
const random = (): number => randomInt(0, 2 ** 32) / 2 ** 32;

const worker = await createWorker('ind', OEM.LSTM_ONLY, { langPath: languageDir(), gzip: true, cacheMethod: 'none' });
await worker.setParameters({ tessedit_pageseg_mode: '7' as never, tessedit_char_whitelist: CAPTCHA_ALPHABET });
let exact = 0;
let chars = 0;
const drawMs: number[] = [];
for (let i = 0; i < count; i++) {
  const text = Array.from({ length: 5 }, () => CAPTCHA_ALPHABET[randomInt(CAPTCHA_ALPHABET.length)]).join('');
  const t0 = performance.now();
  const png = drawCaptcha(text, random);
  drawMs.push(performance.now() - t0);
  PNG.sync.read(png); // the image is a valid PNG
  const read = (await worker.recognize(png)).data.text.replace(/\s+/g, '');
  if (read === text) exact++;
  for (let k = 0; k < text.length; k++) if (read[k] === text[k]) chars++;
}
await worker.terminate();
drawMs.sort((a, b) => a - b);
const result = {
  date: new Date().toISOString(),
  count,
  ocrExactPct: Math.round((1000 * exact) / count) / 10,
  ocrCharPct: Math.round((1000 * chars) / (count * 5)) / 10,
  drawP50Ms: Math.round((drawMs[Math.floor(count / 2)] ?? NaN) * 10) / 10,
};
mkdirSync(join(root, 'bench', 'results'), { recursive: true });
writeFileSync(join(root, 'bench', 'results', 'captcha.json'), JSON.stringify(result, null, 2));
console.log(`CAPTCHA vs tesseract.js (whitelisted, single line), ${count} images: exact ${result.ocrExactPct} %, characters ${result.ocrCharPct} %; drawing p50 ${result.drawP50Ms} ms`);
console.log('written to bench/results/captcha.json');
