// Pixel operations for the KTP pipeline on plain typed arrays, so the same code runs in the
// renderer (canvas ImageData) and in Node (decoded PNG/JPEG) — no DOM, no native modules.

export interface RgbaImage {
  readonly width: number;
  readonly height: number;
  /** RGBA, 4 bytes per pixel, row-major (ImageData layout). */
  readonly data: Uint8Array | Uint8ClampedArray;
}

export interface GrayImage {
  readonly width: number;
  readonly height: number;
  readonly data: Uint8Array;
}

/** An affine frame on the source: output (u, v) → source (ox + u·ux + v·vx, oy + u·uy + v·vy). */
export interface Frame {
  readonly ox: number; readonly oy: number;
  readonly ux: number; readonly uy: number;
  readonly vx: number; readonly vy: number;
  readonly width: number; readonly height: number;
}

/** The same frame turned half a turn: what it reads upright is the card's upside-down view. */
export function turnedFrame(f: Frame): Frame {
  return {
    ox: f.ox + f.width * f.ux + f.height * f.vx, oy: f.oy + f.width * f.uy + f.height * f.vy,
    ux: -f.ux, uy: -f.uy, vx: -f.vx, vy: -f.vy, width: f.width, height: f.height,
  };
}

export type Channel = 'luma' | 'blue' | 'max';

function sampleChannel(img: RgbaImage, channel: Channel, i: number): number {
  const d = img.data;
  const r = d[i] ?? 0;
  const g = d[i + 1] ?? 0;
  const b = d[i + 2] ?? 0;
  if (channel === 'blue') return b;
  if (channel === 'max') return Math.max(r, g, b);
  return (r * 77 + g * 150 + b * 29) >> 8;
}

export function toGray(img: RgbaImage, channel: Channel = 'luma'): GrayImage {
  const out = new Uint8Array(img.width * img.height);
  for (let p = 0, i = 0; p < out.length; p++, i += 4) out[p] = sampleChannel(img, channel, i);
  return { width: img.width, height: img.height, data: out };
}

// One camera frame is resampled up to four times per read (text column, NIK, NIK at 1.5×, Nama);
// each channel plane of it is computed once and kept while the frame itself is alive.
const planes = new WeakMap<RgbaImage['data'], Partial<Record<Channel, Uint8Array>>>();

function plane(img: RgbaImage, channel: Channel): Uint8Array {
  const cached = planes.get(img.data) ?? {};
  planes.set(img.data, cached);
  return (cached[channel] ??= toGray(img, channel).data);
}

/** Bilinear resampling of a frame of the source into a new gray image. */
export function warp(img: RgbaImage, frame: Frame, channel: Channel): GrayImage {
  const { width, height } = frame;
  const out = new Uint8Array(width * height);
  const w = img.width;
  const h = img.height;
  const source = plane(img, channel);
  for (let v = 0; v < height; v++) {
    for (let u = 0; u < width; u++) {
      const x = frame.ox + u * frame.ux + v * frame.vx;
      const y = frame.oy + u * frame.uy + v * frame.vy;
      const x0 = Math.floor(x);
      const y0 = Math.floor(y);
      if (x0 < 0 || y0 < 0 || x0 >= w - 1 || y0 >= h - 1) {
        out[v * width + u] = 255;
        continue;
      }
      const fx = x - x0;
      const fy = y - y0;
      const i00 = y0 * w + x0;
      const top = (source[i00] ?? 0) * (1 - fx) + (source[i00 + 1] ?? 0) * fx;
      const bottom = (source[i00 + w] ?? 0) * (1 - fx) + (source[i00 + w + 1] ?? 0) * fx;
      out[v * width + u] = Math.round(top * (1 - fy) + bottom * fy);
    }
  }
  return { width, height, data: out };
}

export function otsu(gray: GrayImage): number {
  const hist = new Array<number>(256).fill(0);
  for (const v of gray.data) hist[v] = (hist[v] ?? 0) + 1;
  const total = gray.data.length;
  let sum = 0;
  for (let t = 0; t < 256; t++) sum += t * (hist[t] ?? 0);
  let sumB = 0;
  let wB = 0;
  let best = 0;
  let threshold = 127;
  for (let t = 0; t < 256; t++) {
    wB += hist[t] ?? 0;
    if (wB === 0) continue;
    const wF = total - wB;
    if (wF === 0) break;
    sumB += t * (hist[t] ?? 0);
    const mB = sumB / wB;
    const mF = (sum - sumB) / wF;
    const between = wB * wF * (mB - mF) ** 2;
    if (between > best) { best = between; threshold = t; }
  }
  return threshold;
}

/** Sum-table box mean with radius r (window 2r+1), clamped at the borders. */
export function boxMean(gray: GrayImage, r: number): Float32Array {
  const { width: w, height: h, data } = gray;
  const W = w + 1;
  // Integer sums are exact in either type; 32-bit ones are faster while they cannot overflow.
  const integral = 255 * w * h < 2 ** 31 ? new Int32Array(W * (h + 1)) : new Float64Array(W * (h + 1));
  for (let y = 0; y < h; y++) {
    let row = 0;
    const src = y * w;
    const dst = (y + 1) * W + 1;
    const above = y * W + 1;
    for (let x = 0; x < w; x++) {
      row += data[src + x] ?? 0;
      integral[dst + x] = (integral[above + x] ?? 0) + row;
    }
  }
  const out = new Float32Array(w * h);
  for (let y = 0; y < h; y++) {
    const y0 = Math.max(0, y - r);
    const y1 = Math.min(h, y + r + 1);
    const top = y0 * W;
    const bottom = y1 * W;
    const rows = y1 - y0;
    for (let x = 0; x < w; x++) {
      const x0 = x > r ? x - r : 0;
      const x1 = x + r + 1 < w ? x + r + 1 : w;
      const s = (integral[bottom + x1] ?? 0) - (integral[top + x1] ?? 0) - (integral[bottom + x0] ?? 0) + (integral[top + x0] ?? 0);
      out[y * w + x] = s / ((x1 - x0) * rows);
    }
  }
  return out;
}

/**
 * Flat-field and contrast normalisation: divides out the slowly varying background (uneven
 * light, the card's gradient) estimated by a wide box mean, then stretches the 1st–99th percentile
 * to full range.
 */
export function normalise(gray: GrayImage, radius: number): GrayImage {
  const bg = boxMean(gray, radius);
  const flat = new Float32Array(gray.data.length);
  for (let i = 0; i < flat.length; i++) flat[i] = (gray.data[i] ?? 0) / Math.max(1, (bg[i] ?? 1) * 1.08);
  const [lo = 0, hi = 1] = percentiles(flat, [0.01, 0.99]);
  const out = new Uint8Array(flat.length);
  const span = Math.max(1e-3, hi - lo);
  for (let i = 0; i < flat.length; i++) out[i] = Math.max(0, Math.min(255, Math.round(((flat[i] ?? 0) - lo) / span * 255)));
  return { width: gray.width, height: gray.height, data: out };
}

/** Percentiles (ascending `ps`) of values in [0, 1.5) from one 2048-bin histogram: exact enough, no sort of millions. */
function percentiles(values: Float32Array, ps: readonly number[]): number[] {
  const bins = 2048;
  const top = 1.5;
  const hist = new Uint32Array(bins);
  for (const v of values) {
    const b = Math.max(0, Math.min(bins - 1, Math.floor((v / top) * bins)));
    hist[b] = (hist[b] ?? 0) + 1;
  }
  const out: number[] = [];
  let seen = 0;
  let b = 0;
  for (const p of ps) {
    const target = values.length * p;
    while (b < bins && seen + (hist[b] ?? 0) < target) seen += hist[b++] ?? 0;
    out.push(b < bins ? ((b + 0.5) / bins) * top : top);
  }
  return out;
}

export function crop(gray: GrayImage, x: number, y: number, width: number, height: number): GrayImage {
  const x0 = Math.max(0, Math.round(x));
  const y0 = Math.max(0, Math.round(y));
  const w = Math.min(gray.width - x0, Math.round(width));
  const h = Math.min(gray.height - y0, Math.round(height));
  const out = new Uint8Array(w * h);
  for (let row = 0; row < h; row++) out.set(gray.data.subarray((y0 + row) * gray.width + x0, (y0 + row) * gray.width + x0 + w), row * w);
  return { width: w, height: h, data: out };
}

/**
 * Drops a narrow leading mark (the ":" before the NIK) separated from the rest by a gap: with a
 * digit whitelist, tesseract would otherwise turn it into a digit or merge it with the first one.
 */
export function trimLeadingMark(gray: GrayImage): GrayImage {
  const t = otsu(gray);
  const ink = new Array<number>(gray.width).fill(0);
  for (let y = 0; y < gray.height; y++) {
    for (let x = 0; x < gray.width; x++) if ((gray.data[y * gray.width + x] ?? 255) < t) ink[x] = (ink[x] ?? 0) + 1;
  }
  const inked = (x: number): boolean => (ink[x] ?? 0) > gray.height * 0.04;
  let x = 0;
  while (x < gray.width && !inked(x)) x++;
  const markStart = x;
  while (x < gray.width && inked(x)) x++;
  const markWidth = x - markStart;
  const gapStart = x;
  while (x < gray.width && !inked(x)) x++;
  const gap = x - gapStart;
  if (markWidth > 0 && markWidth < gray.height * 0.22 && gap >= Math.max(2, markWidth * 0.5) && x < gray.width * 0.3) {
    const from = Math.max(0, x - Math.round(gap / 2));
    return crop(gray, from, 0, gray.width - from, gray.height);
  }
  return gray;
}

/**
 * The middle of the widest gap between text lines within [from, to) of the height. Ink per row is
 * smoothed over `smooth` rows first: the top of a line of capitals carries little ink too, and a
 * cut there would ruin that line.
 */
export function quietestRow(gray: GrayImage, from: number, to: number, smooth = 9): number {
  const t = otsu(gray);
  const ink = new Float64Array(gray.height);
  for (let y = 0; y < gray.height; y++) {
    let n = 0;
    for (let x = 0; x < gray.width; x++) if ((gray.data[y * gray.width + x] ?? 255) < t) n++;
    ink[y] = n;
  }
  const half = Math.floor(smooth / 2);
  let best = Math.round(gray.height * from);
  let bestInk = Infinity;
  for (let y = Math.round(gray.height * from); y < Math.round(gray.height * to); y++) {
    let sum = 0;
    for (let k = -half; k <= half; k++) sum += ink[Math.min(gray.height - 1, Math.max(0, y + k))] ?? 0;
    if (sum < bestInk) { bestInk = sum; best = y; }
  }
  return best;
}
