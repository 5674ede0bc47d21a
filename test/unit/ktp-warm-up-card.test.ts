// The photo of a synthetic card the kiosk reads while Welcome shows (resources/ocr/README.md): it
// warms up the pipeline's own code only if it is read as a card is, located and read in one go,
// not by the whole-image fallback.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { join } from 'node:path';
import { decodeImage } from '../../electron/services/ocr/decode-image';
import { createNodeOcrEngine, type NodeOcrEngine } from '../../electron/services/ocr/node-engine';
import { readKtp } from '../../shared/ktp/pipeline';

let engine: NodeOcrEngine;
beforeAll(async () => { engine = await createNodeOcrEngine(); }, 60_000);
afterAll(async () => { await engine?.terminate(); });

it('the warm-up card is located and read in one go, its synthetic identity right', async () => {
  const scan = await readKtp(decodeImage(join(import.meta.dirname, '..', '..', 'resources', 'ocr', 'warm-up-card.jpg')), engine);
  expect(scan.cardFound).toBe(true);
  expect(scan.attempts).toBe(1);
  expect(scan.frame).not.toBeNull();
  expect(scan.fields.nik?.value).toBe('1604201908062614');
  expect(scan.fields.nama?.value).toBe('I GUSTI NGURAH ADNYANA');
  expect(scan.fields.berlakuHingga?.value).toBeTruthy();
}, 60_000);
