// The pixel operations every photo goes through, against plain reference versions of them: the
// fast ones (one pass, reused working arrays, the blue byte read alone) must give the very same
// pixels, and leave no picture behind in the arrays they reuse.
import { describe, expect, it } from 'vitest';
import { normalise, warp, type Frame, type GrayImage, type RgbaImage } from '../../shared/ktp/image';
import { scratch } from '../../shared/ktp/scratch';

/** A deterministic pseudo-random byte source (xorshift). */
function bytes(seed: number) {
  let x = seed >>> 0 || 1;
  return () => { x ^= x << 13; x >>>= 0; x ^= x >> 17; x ^= x << 5; x >>>= 0; return x & 255; };
}

/** Smooth light with print on it: what normalise is for (noise alone would test only the clamps). */
function page(width: number, height: number, seed: number): GrayImage {
  const next = bytes(seed);
  const data = new Uint8Array(width * height);
  for (let y = 0; y < height; y++) for (let x = 0; x < width; x++) {
    const light = 120 + 100 * Math.sin(x / 97) * Math.cos(y / 61);
    data[y * width + x] = Math.max(0, Math.min(255, Math.round(next() < 30 ? light * 0.3 : light + (next() % 9) - 4)));
  }
  return { width, height, data };
}

/** normalise as three passes over arrays of its own: box mean, flattened values, their 1st–99th percentiles stretched. */
function referenceNormalise(gray: GrayImage, r: number): Uint8Array {
  const { width: w, height: h, data } = gray;
  const bg = new Float32Array(w * h);
  for (let y = 0; y < h; y++) for (let x = 0; x < w; x++) {
    let s = 0;
    const [y0, y1, x0, x1] = [Math.max(0, y - r), Math.min(h, y + r + 1), Math.max(0, x - r), Math.min(w, x + r + 1)];
    for (let yy = y0; yy < y1; yy++) for (let xx = x0; xx < x1; xx++) s += data[yy * w + xx] ?? 0;
    bg[y * w + x] = s / ((x1 - x0) * (y1 - y0));
  }
  const flat = new Float32Array(w * h);
  for (let i = 0; i < flat.length; i++) flat[i] = (data[i] ?? 0) / Math.max(1, (bg[i] ?? 1) * 1.08);
  const hist = new Uint32Array(2048);
  for (const f of flat) { const b = Math.max(0, Math.min(2047, Math.floor((f / 1.5) * 2048))); hist[b] = (hist[b] ?? 0) + 1; }
  const at = (p: number): number => {
    let seen = 0;
    for (let b = 0; b < 2048; b++) { if (seen + (hist[b] ?? 0) >= flat.length * p) return ((b + 0.5) / 2048) * 1.5; seen += hist[b] ?? 0; }
    return 1.5;
  };
  const [lo, hi] = [at(0.01), at(0.99)];
  return Uint8Array.from(flat, (f) => { const v = ((f - lo) / Math.max(1e-3, hi - lo)) * 255; return v <= 0 ? 0 : v >= 255 ? 255 : Math.round(v); });
}

describe('normalise', () => {
  it.each([[64, 48, 8], [203, 77, 32], [31, 190, 10]])('gives the reference pixels (%i × %i, radius %i)', (w, h, r) => {
    const gray = page(w, h, w * h + r);
    expect(normalise(gray, r).data).toEqual(referenceNormalise(gray, r));
    // Again after a larger image has grown the working arrays: nothing left over counts.
    normalise(page(300, 300, 7), 20);
    expect(normalise(gray, r).data).toEqual(referenceNormalise(gray, r));
  });

  it('leaves no picture in the working arrays it reuses', () => {
    const gray = page(120, 80, 3);
    normalise(gray, 16);
    expect(scratch('normalise.flat', Float32Array, 120 * 80).every((v) => v === 0)).toBe(true);
    expect(scratch('normalise.sums', Float64Array, 121 * 81).every((v) => v === 0)).toBe(true);
  });
});

describe('warp', () => {
  it('reads the blue channel as the blue byte, the luma as weighted bytes, interpolated alike', () => {
    const next = bytes(11);
    const img: RgbaImage = { width: 90, height: 70, data: Uint8Array.from({ length: 90 * 70 * 4 }, next) };
    // Turned, scaled and with a keystone, partly outside the image (white there).
    const frame: Frame = { ox: 10.3, oy: -4.2, ux: 0.93, uy: 0.21, vx: -0.18, vy: 0.88, pu: 0.0009, pv: -0.0007, width: 80, height: 75 };
    for (const [channel, [wr, wg, wb]] of [['blue', [0, 0, 256]], ['luma', [77, 150, 29]]] as const) {
      const px = (x: number, y: number): number => {
        const i = (y * img.width + x) * 4;
        return ((img.data[i] ?? 0) * wr + (img.data[i + 1] ?? 0) * wg + (img.data[i + 2] ?? 0) * wb) >> 8;
      };
      const expected = new Uint8Array(frame.width * frame.height);
      for (let v = 0; v < frame.height; v++) for (let u = 0; u < frame.width; u++) {
        const q = 1 / (1 + u * (frame.pu ?? 0) + v * (frame.pv ?? 0));
        const x = (frame.ox + u * frame.ux + v * frame.vx) * q;
        const y = (frame.oy + u * frame.uy + v * frame.vy) * q;
        const [x0, y0] = [Math.floor(x), Math.floor(y)];
        if (x0 < 0 || y0 < 0 || x0 >= img.width - 1 || y0 >= img.height - 1) { expected[v * frame.width + u] = 255; continue; }
        const [fx, fy] = [x - x0, y - y0];
        const top = px(x0, y0) * (1 - fx) + px(x0 + 1, y0) * fx;
        const bottom = px(x0, y0 + 1) * (1 - fx) + px(x0 + 1, y0 + 1) * fx;
        expected[v * frame.width + u] = Math.round(top * (1 - fy) + bottom * fy);
      }
      expect(warp(img, frame, channel).data, channel).toEqual(expected);
    }
  });
});
