import { describe, expect, it } from 'vitest';
import { assessQuality } from '../../shared/ktp/quality';
import type { RgbaImage } from '../../shared/ktp/image';
import { rng } from '../fixtures/ktp/identities';
import { decodeImage } from '../../electron/services/ocr/decode-image';
import { turnedFrame, warp } from '../../shared/ktp/image';
import { locateCard } from '../../shared/ktp/locate-card';

/** face-api's demo photos of people (installed with the package); sample6 is a group photo. */
const photoOfPeople = (n: number): string => `node_modules/@vladmandic/face-api/demo/sample${n}.jpg`;

interface SceneOptions { blur?: number; light?: number; glare?: boolean; cardWidth?: number }

/** A camera-like frame drawn in code: a light-blue card with glyph-like marks on a dark desk. */
function scene({ blur = 0, light = 1, glare = false, cardWidth = 420 }: SceneOptions = {}): RgbaImage {
  const w = 640; const h = 400;
  const data = new Uint8ClampedArray(w * h * 4);
  const cw = cardWidth; const ch = Math.round(cardWidth / 1.585);
  const x0 = (w - cw) / 2; const y0 = (h - ch) / 2;
  const r = rng(42);
  const marks: [number, number, number, number][] = [];
  for (let row = 0; row < 12; row++) {
    for (let x = 10; x < cw * 0.6; x += 9) if (r() < 0.7) marks.push([x0 + x, y0 + 20 + row * (ch - 40) / 12, 5 + r() * 3, 9]);
  }
  for (let y = 0; y < h; y++) {
    for (let x = 0; x < w; x++) {
      const onCard = x >= x0 && x < x0 + cw && y >= y0 && y < y0 + ch;
      let rgb: [number, number, number] = onCard ? [205, 228, 245] : [70, 55, 40];
      if (onCard && marks.some(([mx, my, mw, mh]) => x >= mx && x < mx + mw && y >= my && y < my + mh)) rgb = [20, 20, 25];
      if (glare && onCard && ((x - x0 - cw * 0.4) / 70) ** 2 + ((y - y0 - ch * 0.5) / 45) ** 2 < 1) rgb = [255, 255, 255];
      const i = (y * w + x) * 4;
      data[i] = rgb[0] * light; data[i + 1] = rgb[1] * light; data[i + 2] = rgb[2] * light; data[i + 3] = 255;
    }
  }
  for (let pass = 0; pass < blur; pass++) boxBlur(data, w, h);
  return { width: w, height: h, data };
}

function boxBlur(data: Uint8ClampedArray, w: number, h: number): void {
  const src = Uint8ClampedArray.from(data);
  for (let y = 2; y < h - 2; y++) {
    for (let x = 2; x < w - 2; x++) {
      for (let c = 0; c < 3; c++) {
        let s = 0;
        for (let dy = -2; dy <= 2; dy++) for (let dx = -2; dx <= 2; dx++) s += src[((y + dy) * w + x + dx) * 4 + c] ?? 0;
        data[(y * w + x) * 4 + c] = s / 25;
      }
    }
  }
}

describe('KTP capture quality gate', () => {
  it('passes a sharp, well-lit card', () => {
    const q = assessQuality(scene());
    expect(q.problems).toEqual([]);
    expect(q.ok).toBe(true);
  });

  it('asks for a retake when the card is out of focus', () => {
    expect(assessQuality(scene({ blur: 3 })).problems).toContain('blurry');
  });

  it('tells too dark from too bright', () => {
    expect(assessQuality(scene({ light: 0.3 })).problems).toContain('tooDark');
    expect(assessQuality(scene({ light: 1.25 })).problems).toContain('tooBright');
  });

  it('detects a glare patch on the card', () => {
    expect(assessQuality(scene({ glare: true })).problems).toContain('glare');
  });

  it('asks to bring a card that fills too little of the frame closer', () => {
    expect(assessQuality(scene({ cardWidth: 140 })).problems).toContain('noCard');
  });

  it('calls a photo of people "not a KTP", not glare or darkness', () => {
    // Before the card-likeness measure, the group photo was refused as "glare" and another as "too dark".
    for (const n of [2, 6]) {
      const q = assessQuality(decodeImage(photoOfPeople(n)));
      expect(q.problems, `sample${n}`).toEqual(['notCard']);
    }
    const card = assessQuality(scene({ glare: true }));
    expect(card.metrics.cardLike).toBeGreaterThan(0.8);
    expect(card.problems).toEqual(['glare']);
  });
});

describe('a card upside down', () => {
  it('turning the located frame half a turn reads the card rotated by 180°', () => {
    const img = scene();
    const { frame } = locateCard(img, 300);
    const upright = warp(img, frame, 'luma');
    const turned = warp(img, turnedFrame(frame), 'luma');
    const { width: w, height: h } = upright;
    let differing = 0;
    for (let v = 1; v < h; v++) {
      for (let u = 1; u < w; u++) if (turned.data[v * w + u] !== upright.data[(h - v) * w + (w - u)]) differing++;
    }
    expect(differing).toBe(0);
    expect(turned.data).not.toEqual(upright.data);
  });
});
