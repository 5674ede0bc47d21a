// The parameters each OCR mode gives a tesseract worker. A worker keeps a parameter until a mode
// sets it again, and the re-read worker alternates between digits and names: a mode that left a
// parameter unset read the first NIK of a run otherwise than every later one. A mode's parameters
// go out with the image rather than a round trip before it (see pooledEngine), so the worker must
// apply them before it reads: real workers, real images of a line of digits and a line of letters.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromium } from '@playwright/test';
import { CHROMIUM_ARGS } from '../fixtures/ktp/generate';
import { decodeImageBytes } from '../../electron/services/ocr/decode-image';
import { createNodeOcrEngine, type NodeOcrEngine } from '../../electron/services/ocr/node-engine';
import { toGray, type GrayImage } from '../../shared/ktp/image';
import { OCR_PARAMS } from '../../shared/ktp/worker-pool';

describe('OCR modes', () => {
  it('each set every parameter any mode sets, so a read does not depend on the one before it', () => {
    const keys = (params: object) => Object.keys(params).sort();
    const all = [...new Set(Object.values(OCR_PARAMS).flatMap(keys))].sort();
    for (const [mode, params] of Object.entries(OCR_PARAMS)) expect(keys(params), mode).toEqual(all);
  });
});

describe('the re-read worker switching modes from read to read', () => {
  let engine: NodeOcrEngine;
  const lines: Record<'digits' | 'letters', GrayImage> = {} as never;

  beforeAll(async () => {
    const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS });
    try {
      const page = await browser.newPage();
      for (const [key, text] of [['digits', '3201 0412 8805 0007'], ['letters', 'BUDI SANTOSO']] as const) {
        await page.setContent(`<div id="l" style="display:inline-block;padding:12px 16px;background:#fff;color:#000;font:bold 30px sans-serif">${text}</div>`);
        lines[key] = toGray(decodeImageBytes(await page.locator('#l').screenshot({ type: 'png' })), 'luma');
      }
    } finally {
      await browser.close();
    }
    engine = await createNodeOcrEngine({ size: 1 });
  }, 60_000);
  afterAll(async () => { await engine?.terminate(); });

  it('reads each line with its own mode, whichever mode the worker read with before', async () => {
    const text = async (image: GrayImage, mode: 'digits' | 'name') => (await engine.recognize(image, mode)).map((l) => l.text).join(' ').trim();
    const digits = await text(lines.digits, 'digits');
    expect(digits.replace(/\s/g, '')).toBe('3201041288050007');
    // Letters straight after digits on the one re-read worker: read with the digits' whitelist,
    // they would come out as digits or nothing.
    expect(await text(lines.letters, 'name')).toBe('BUDI SANTOSO');
    expect(await text(lines.digits, 'digits')).toBe(digits);
    // Both handed over at once: each still read with its own mode.
    const [letters, again] = await Promise.all([text(lines.letters, 'name'), text(lines.digits, 'digits')]);
    expect(letters).toBe('BUDI SANTOSO');
    expect(again).toBe(digits);
  }, 60_000);
});
