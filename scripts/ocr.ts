// Operator and benchmark CLI: `npm run ocr -- <image>...` prints one JSON object per image
// (fields with confidences, timings) using the kiosk's own pipeline code. --baseline runs the
// plain whole-image OCR instead.
import { parseArgs } from 'node:util';
import { decodeImage } from '../electron/services/ocr/decode-image';
import { createNodeOcrEngine } from '../electron/services/ocr/node-engine';
import { readKtp, readKtpBaseline } from '../shared/ktp/pipeline';

const { values, positionals } = parseArgs({ allowPositionals: true, options: { baseline: { type: 'boolean', default: false }, lines: { type: 'boolean', default: false } } });
if (positionals.length === 0) {
  console.error('usage: npm run ocr -- [--baseline] <image.png|jpg>...');
  process.exit(2);
}
const engine = await createNodeOcrEngine();
try {
  for (const file of positionals) {
    try {
      const image = decodeImage(file);
      const scan = await (values.baseline ? readKtpBaseline : readKtp)(image, engine, () => performance.now());
      console.log(JSON.stringify({
        file, cardFound: scan.cardFound, upsideDown: scan.upsideDown, attempts: scan.attempts, fields: scan.fields, timingsMs: scan.timingsMs,
        ...(values.lines ? { lines: scan.lines.map((l) => ({ text: l.text, confidence: Math.round(l.confidence) })) } : {}),
      }));
    } catch (error) {
      console.log(JSON.stringify({ file, error: error instanceof Error ? error.message : String(error) }));
      process.exitCode = 1;
    }
  }
} finally {
  await engine.terminate();
}
