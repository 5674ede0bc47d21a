// Finds the card in a camera frame: the card is light and bluish on a darker, warmer scene. Its
// pixels' second moments give the orientation (long side = 85.6 mm side), their extents along
// that orientation give the corners. The result is an affine frame to resample the card upright.
import type { Frame, RgbaImage } from './image';

export const CARD_ASPECT = 85.6 / 54;
const WORK_WIDTH = 320;

export interface CardLocation {
  readonly frame: Frame;
  readonly found: boolean;
  readonly angleDeg: number;
  /** Share of the frame the card covers (0–1): too small means "bring the card closer". */
  readonly coverage: number;
  /**
   * How much the light region looks like one card (0–1): the share of its bounding rectangle it
   * fills, times how close that rectangle's sides are to the ID-1 ratio. 1 for a card on a desk;
   * low for light patches scattered over a photo of people or a room. 1 when nothing was found.
   */
  readonly cardLike: number;
}

function brightness(d: RgbaImage['data'], i: number): number {
  return Math.max(d[i] ?? 0, d[i + 1] ?? 0, d[i + 2] ?? 0);
}

/** The whole image as the frame: used when no card stands out (a flat scan fills the image). */
function wholeImage(img: RgbaImage, outWidth: number, coverage: number): CardLocation {
  const scale = img.width / outWidth;
  return {
    frame: { ox: 0, oy: 0, ux: scale, uy: 0, vx: 0, vy: scale, width: outWidth, height: Math.round(img.height / scale) },
    found: false, angleDeg: 0, coverage, cardLike: 1,
  };
}

export function locateCard(img: RgbaImage, outWidth: number): CardLocation {
  const step = Math.max(1, Math.floor(img.width / WORK_WIDTH));
  const hist = new Array<number>(256).fill(0);
  // Samples on a coarse grid, in typed arrays: this runs before every read, on the critical path.
  const capacity = Math.ceil(img.width / step) * Math.ceil(img.height / step);
  const xs = new Int32Array(capacity);
  const ys = new Int32Array(capacity);
  const vs = new Uint8Array(capacity);
  const bluish = new Uint8Array(capacity);
  let n = 0;
  for (let y = 0; y < img.height; y += step) {
    for (let x = 0; x < img.width; x += step) {
      const i = (y * img.width + x) * 4;
      const v = brightness(img.data, i);
      hist[v] = (hist[v] ?? 0) + 1;
      xs[n] = x; ys[n] = y; vs[n] = v;
      bluish[n] = (img.data[i + 2] ?? 0) + 6 >= (img.data[i] ?? 0) ? 1 : 0;
      n++;
    }
  }
  // Otsu on the sampled brightness separates card from scene.
  let sum = 0;
  for (let t = 0; t < 256; t++) sum += t * (hist[t] ?? 0);
  let sumB = 0; let wB = 0; let best = -1; let threshold = 128;
  for (let t = 0; t < 256; t++) {
    wB += hist[t] ?? 0;
    const wF = n - wB;
    if (wB === 0 || wF === 0) continue;
    sumB += t * (hist[t] ?? 0);
    const between = wB * wF * (sumB / wB - (sum - sumB) / wF) ** 2;
    if (between > best) { best = between; threshold = t; }
  }
  const card: number[] = [];
  for (let k = 0; k < n; k++) if ((vs[k] ?? 0) > threshold && bluish[k]) card.push(k);
  const coverage = card.length / n;
  if (coverage < 0.08 || coverage > 0.97) return wholeImage(img, outWidth, coverage);

  let mx = 0; let my = 0;
  for (const k of card) { mx += xs[k] ?? 0; my += ys[k] ?? 0; }
  mx /= card.length; my /= card.length;
  let sxx = 0; let syy = 0; let sxy = 0;
  for (const k of card) { const dx = (xs[k] ?? 0) - mx; const dy = (ys[k] ?? 0) - my; sxx += dx * dx; syy += dy * dy; sxy += dx * dy; }
  const theta = 0.5 * Math.atan2(2 * sxy, sxx - syy);
  const cos = Math.cos(theta);
  const sin = Math.sin(theta);
  const us = new Float64Array(card.length);
  const ws = new Float64Array(card.length);
  card.forEach((k, j) => {
    const dx = (xs[k] ?? 0) - mx; const dy = (ys[k] ?? 0) - my;
    us[j] = dx * cos + dy * sin;
    ws[j] = -dx * sin + dy * cos;
  });
  us.sort();
  ws.sort();
  const q = (sorted: Float64Array, f: number): number => sorted[Math.min(sorted.length - 1, Math.max(0, Math.floor(sorted.length * f)))] ?? 0;
  const u0 = q(us, 0.004); const u1 = q(us, 0.996);
  const v0 = q(ws, 0.004); const v1 = q(ws, 0.996);
  const outHeight = Math.round(outWidth / CARD_ASPECT);
  const fill = Math.min(1, card.length / Math.max(1, ((u1 - u0) * (v1 - v0)) / (step * step)));
  const aspect = (u1 - u0) / Math.max(1, v1 - v0);
  const ratio = Math.min(aspect, CARD_ASPECT) / Math.max(aspect, CARD_ASPECT);
  const su = (u1 - u0) / outWidth;
  const sv = (v1 - v0) / outHeight;
  return {
    frame: {
      ox: mx + u0 * cos - v0 * sin,
      oy: my + u0 * sin + v0 * cos,
      ux: cos * su, uy: sin * su,
      vx: -sin * sv, vy: cos * sv,
      width: outWidth, height: outHeight,
    },
    found: true,
    angleDeg: (theta * 180) / Math.PI,
    coverage,
    cardLike: fill * ratio,
  };
}
