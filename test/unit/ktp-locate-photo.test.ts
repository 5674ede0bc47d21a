// Finding the card in real Chromium-rendered photos where the light splits it: a band or a hand's
// shadow across the card on a dark fabric desk leaves its shadowed part darker than the rest of
// the card (the brightness split puts it with the desk) yet lighter than the desk; uneven light
// leaves one split with only part of the card. Each is a
// tuning card (its seed and number in the generator's set) that was located nothing like the
// card, so no field was read. Rendered again here, a card differs from its first render by a few
// pixel values (a third one, seed 28 card 52, is located right again without the fix: not kept).
import { afterAll, describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generateCards } from '../fixtures/ktp/generate';
import { decodeImage } from '../../electron/services/ocr/decode-image';
import { rankedFrames } from '../../shared/ktp/card-frames';
import { frameToSource } from '../../shared/ktp/image';

const dir = mkdtempSync(join(tmpdir(), 'kiosk-unit-locate-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

type Corners = readonly (readonly [number, number])[];

const cases = [
  { seed: 15, card: 32, name: 'a band of shadow across its middle, warm light, 720p' },
  { seed: 34, card: 85, name: 'a hand\'s shadow over its top, turned −10° into the frame\'s corner' },
  // Unevenly lit under a warm cast: one split found the card's upper part, and the later split
  // that found the whole card, its origin and width alike, was dropped as the same region.
  { seed: 37, card: 5, name: 'unevenly lit under a warm cast, one split finding only its upper part' },
];

describe('a KTP half in shadow on a dark fabric desk', () => {
  for (const { seed, card, name } of cases) {
    it(`is located first, its corners within 3 % of its width: ${name}`, async () => {
      const [file = ''] = await generateCards(dir, 1, seed, false, {}, { look: 'varied', first: card });
      const { look } = JSON.parse(readFileSync(file.replace(/\.jpg$/, '.json'), 'utf8')) as { look: { surface: string; geometry: { corners: Corners } } };
      expect(look.surface).toBe('dark-fabric');
      const truth = look.geometry.corners.map(([x = 0, y = 0]) => ({ x, y }));
      const [best] = rankedFrames(decodeImage(file), 960);
      if (!best) throw new Error('no frame');
      expect(best.upsideDown).toBe(false);
      const { frame } = best;
      const found = [[0, 0], [frame.width, 0], [frame.width, frame.height], [0, frame.height]].map(([u = 0, v = 0]) => frameToSource(frame, u, v));
      const [tl = { x: 0, y: 0 }, tr = { x: 0, y: 0 }] = truth;
      const error = Math.max(...found.map((p, k) => Math.hypot(p.x - (truth[k]?.x ?? 0), p.y - (truth[k]?.y ?? 0))));
      expect(error, `corners ${found.map((p) => `${Math.round(p.x)},${Math.round(p.y)}`).join(' ')}`).toBeLessThan(0.03 * Math.hypot(tr.x - tl.x, tr.y - tl.y));
    }, 60_000);
  }
});
