// Pixel operations for the KTP pipeline on plain typed arrays, so the same code runs in the
// renderer (canvas ImageData) and in Node (decoded PNG/JPEG) — no DOM, no native modules.
import { scratch } from './scratch';

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

/**
 * A frame on the source: output (u, v) → source ((ox + u·ux + v·vx) / w, (oy + u·uy + v·vy) / w)
 * with w = 1 + u·pu + v·pv. Without pu/pv (both 0) it is affine; with them it undoes the
 * keystone of a card photographed at an angle.
 */
export interface Frame {
  readonly ox: number; readonly oy: number;
  readonly ux: number; readonly uy: number;
  readonly vx: number; readonly vy: number;
  readonly pu?: number; readonly pv?: number;
  readonly width: number; readonly height: number;
}

/** Where output point (u, v) of `f` lies in the source. */
export function frameToSource(f: Frame, u: number, v: number): { x: number; y: number } {
  const w = 1 + u * (f.pu ?? 0) + v * (f.pv ?? 0);
  return { x: (f.ox + u * f.ux + v * f.vx) / w, y: (f.oy + u * f.uy + v * f.vy) / w };
}

/** Whether each of the four corners of `a` lies within `tolerance` source pixels of the same corner of `b`. */
export function cornersWithin(a: Frame, b: Frame, tolerance: number): boolean {
  return [[0, 0], [1, 0], [0, 1], [1, 1]].every(([u = 0, v = 0]) => {
    const p = frameToSource(a, u * a.width, v * a.height);
    const q = frameToSource(b, u * b.width, v * b.height);
    return Math.hypot(p.x - q.x, p.y - q.y) <= tolerance;
  });
}

/**
 * A frame whose output (u', v') is point (x0 + u'·su, y0 + v'·sv) of `f`'s output: a crop of it,
 * rescaled (su, sv < 1 magnify) or mirrored (negative). Exact for projective frames too.
 */
export function subFrame(f: Frame, x0: number, y0: number, su: number, sv: number, width: number, height: number): Frame {
  return { ...affineInFrame(f, [su, 0, x0, 0, sv, y0]), width: Math.round(width), height: Math.round(height) };
}

/**
 * The frame whose output point (u, v) is `f`'s output point (a·u + b·v + c, d·u + e·v + g): `f`
 * moved, sheared or turned within its own output plane. Exact for projective frames too.
 */
export function affineInFrame(f: Frame, [a, b, c, d, e, g]: readonly [number, number, number, number, number, number]): Frame {
  const pu = f.pu ?? 0;
  const pv = f.pv ?? 0;
  const k = 1 + pu * c + pv * g;
  return {
    ox: (f.ox + f.ux * c + f.vx * g) / k, oy: (f.oy + f.uy * c + f.vy * g) / k,
    ux: (f.ux * a + f.vx * d) / k, uy: (f.uy * a + f.vy * d) / k,
    vx: (f.ux * b + f.vx * e) / k, vy: (f.uy * b + f.vy * e) / k,
    ...(pu !== 0 || pv !== 0 ? { pu: (pu * a + pv * d) / k, pv: (pu * b + pv * e) / k } : {}),
    width: f.width, height: f.height,
  };
}

/** The same frame turned half a turn: what it reads upright is the card's upside-down view. */
export function turnedFrame(f: Frame): Frame {
  return subFrame(f, f.width, f.height, -1, -1, f.width, f.height);
}

/**
 * The frame that maps a `width` × `height` rectangle onto the quadrilateral `corners` (top-left,
 * top-right, bottom-right, bottom-left, in source pixels): the square-to-quad homography.
 */
export function frameFromCorners(corners: readonly { x: number; y: number }[], width: number, height: number): Frame {
  const [p0 = { x: 0, y: 0 }, p1 = p0, p2 = p0, p3 = p0] = corners;
  const dx1 = p1.x - p2.x; const dx2 = p3.x - p2.x; const dx3 = p0.x - p1.x + p2.x - p3.x;
  const dy1 = p1.y - p2.y; const dy2 = p3.y - p2.y; const dy3 = p0.y - p1.y + p2.y - p3.y;
  const den = dx1 * dy2 - dx2 * dy1;
  const g = den === 0 ? 0 : (dx3 * dy2 - dx2 * dy3) / den;
  const h = den === 0 ? 0 : (dx1 * dy3 - dx3 * dy1) / den;
  // Unit square (s, t) → source; then s = u / width, t = v / height.
  return {
    ox: p0.x, oy: p0.y,
    ux: (p1.x - p0.x + g * p1.x) / width, uy: (p1.y - p0.y + g * p1.y) / width,
    vx: (p3.x - p0.x + h * p3.x) / height, vy: (p3.y - p0.y + h * p3.y) / height,
    ...(g !== 0 || h !== 0 ? { pu: g / width, pv: h / height } : {}),
    width, height,
  };
}

export type Channel = 'luma' | 'blue';

/**
 * A channel as weights of red, green and blue in 256ths (blue is the blue byte itself). warp
 * computes it for the four pixels each output pixel interpolates, rather than converting the
 * whole camera frame first: its reads cover a fraction of the frame.
 */
const WEIGHTS: Readonly<Record<Channel, readonly [number, number, number]>> = { blue: [0, 0, 256], luma: [77, 150, 29] };

export function toGray(img: RgbaImage, channel: Channel = 'luma'): GrayImage {
  const out = new Uint8Array(img.width * img.height);
  const d = img.data;
  const [wr, wg, wb] = WEIGHTS[channel];
  for (let p = 0, i = 0; p < out.length; p++, i += 4) out[p] = ((d[i] ?? 0) * wr + (d[i + 1] ?? 0) * wg + (d[i + 2] ?? 0) * wb) >> 8;
  return { width: img.width, height: img.height, data: out };
}

/** Bilinear resampling of a frame of the source into a new gray image. */
export function warp(img: RgbaImage, frame: Frame, channel: Channel): GrayImage {
  // The frame's fields are read once: read per pixel from frames of several shapes, they cost
  // more than the interpolation (2× on a text column).
  const { width, height, ox, oy, ux, uy, vx, vy } = frame;
  const out = new Uint8Array(width * height);
  const w = img.width;
  const row = w * 4;
  const maxX = w - 1;
  const maxY = img.height - 1;
  const d = img.data;
  const [wr, wg, wb] = WEIGHTS[channel];
  // Blue is its byte as it is (weights 0, 0, 256): one read per source pixel instead of three,
  // the same values (a third less time on a text column).
  const blue = channel === 'blue';
  const pu = frame.pu ?? 0;
  const pv = frame.pv ?? 0;
  let o = 0;
  for (let v = 0; v < height; v++) {
    for (let u = 0; u < width; u++, o++) {
      const q = 1 / (1 + u * pu + v * pv);
      const x = (ox + u * ux + v * vx) * q;
      const y = (oy + u * uy + v * vy) * q;
      const x0 = Math.floor(x);
      const y0 = Math.floor(y);
      if (x0 < 0 || y0 < 0 || x0 >= maxX || y0 >= maxY) {
        out[o] = 255;
        continue;
      }
      const fx = x - x0;
      const fy = y - y0;
      const i = (y0 * w + x0) * 4;
      let p00; let p01; let p10; let p11;
      if (blue) {
        p00 = d[i + 2] ?? 0; p01 = d[i + 6] ?? 0; p10 = d[i + row + 2] ?? 0; p11 = d[i + row + 6] ?? 0;
      } else {
        p00 = ((d[i] ?? 0) * wr + (d[i + 1] ?? 0) * wg + (d[i + 2] ?? 0) * wb) >> 8;
        p01 = ((d[i + 4] ?? 0) * wr + (d[i + 5] ?? 0) * wg + (d[i + 6] ?? 0) * wb) >> 8;
        p10 = ((d[i + row] ?? 0) * wr + (d[i + row + 1] ?? 0) * wg + (d[i + row + 2] ?? 0) * wb) >> 8;
        p11 = ((d[i + row + 4] ?? 0) * wr + (d[i + row + 5] ?? 0) * wg + (d[i + row + 6] ?? 0) * wb) >> 8;
      }
      const top = p00 * (1 - fx) + p01 * fx;
      const bottom = p10 * (1 - fx) + p11 * fx;
      out[o] = Math.round(top * (1 - fy) + bottom * fy);
    }
  }
  return { width, height, data: out };
}

/** Bilinear resampling of a frame of the source into a new RGBA image (the stored card cut-out). */
export function warpRgba(img: RgbaImage, frame: Frame): RgbaImage {
  const { width, height, ox, oy, ux, uy, vx, vy } = frame;
  const out = new Uint8ClampedArray(width * height * 4);
  const w = img.width;
  const d = img.data;
  const pu = frame.pu ?? 0;
  const pv = frame.pv ?? 0;
  for (let v = 0; v < height; v++) {
    for (let u = 0; u < width; u++) {
      // frameToSource, inlined: this runs once per output pixel.
      const q = 1 / (1 + u * pu + v * pv);
      const x = (ox + u * ux + v * vx) * q;
      const y = (oy + u * uy + v * vy) * q;
      const x0 = Math.min(w - 2, Math.max(0, Math.floor(x)));
      const y0 = Math.min(img.height - 2, Math.max(0, Math.floor(y)));
      const fx = Math.min(1, Math.max(0, x - x0));
      const fy = Math.min(1, Math.max(0, y - y0));
      const i00 = (y0 * w + x0) * 4;
      const o = (v * width + u) * 4;
      for (let c = 0; c < 4; c++) {
        const top = (d[i00 + c] ?? 0) * (1 - fx) + (d[i00 + 4 + c] ?? 0) * fx;
        const bottom = (d[i00 + w * 4 + c] ?? 0) * (1 - fx) + (d[i00 + w * 4 + 4 + c] ?? 0) * fx;
        out[o + c] = top * (1 - fy) + bottom * fy;
      }
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

/**
 * Flat-field and contrast normalisation: divides out the slowly varying background (uneven
 * light, the card's gradient) estimated by a box mean of radius `radius` (window 2r+1, clamped at
 * the borders), then stretches the 1st–99th percentile to full range.
 * One pass makes each pixel's background, its flattened value and the values' histogram, the
 * background rounded to 32 bits as when it was an image of its own: the same output as three
 * passes over three new arrays, without their garbage (see scratch).
 */
export function normalise(gray: GrayImage, radius: number): GrayImage {
  const { width: w, height: h, data } = gray;
  const n = w * h;
  const integral = sumTable(gray);
  const W = w + 1;
  const flat = scratch('normalise.flat', Float32Array, n);
  const hist = new Uint32Array(BINS);
  const r = radius;
  for (let y = 0; y < h; y++) {
    const above = Math.max(0, y - r) * W;
    const below = Math.min(h, y + r + 1) * W;
    const rows = (below - above) / W;
    for (let x = 0, i = y * w; x < w; x++, i++) {
      const x0 = x > r ? x - r : 0;
      const x1 = x + r + 1 < w ? x + r + 1 : w;
      const s = (integral[below + x1] ?? 0) - (integral[above + x1] ?? 0) - (integral[below + x0] ?? 0) + (integral[above + x0] ?? 0);
      const bg = Math.fround(s / ((x1 - x0) * rows));
      const f = Math.fround((data[i] ?? 0) / Math.max(1, bg * 1.08));
      flat[i] = f;
      const b = Math.floor((f / HIST_TOP) * BINS);
      const bin = b < 0 ? 0 : b >= BINS ? BINS - 1 : b;
      hist[bin] = (hist[bin] ?? 0) + 1;
    }
  }
  const [lo = 0, hi = 1] = percentiles(hist, n, [0.01, 0.99]);
  const out = new Uint8Array(n);
  const span = Math.max(1e-3, hi - lo);
  for (let i = 0; i < n; i++) {
    const v = (((flat[i] ?? 0) - lo) / span) * 255;
    out[i] = v <= 0 ? 0 : v >= 255 ? 255 : Math.round(v);
  }
  // Both working arrays hold the card's picture (the sums give back every pixel).
  flat.fill(0);
  integral.fill(0);
  return { width: w, height: h, data: out };
}

/**
 * The summed-area table of `gray`, (w+1)×(h+1) with a zero row and column first, in a scratch
 * array of doubles (exact for any image; one array type keeps normalise's loop fast).
 */
function sumTable(gray: GrayImage): Float64Array {
  const { width: w, height: h, data } = gray;
  const W = w + 1;
  const integral = scratch('normalise.sums', Float64Array, W * (h + 1));
  integral.fill(0, 0, W);
  for (let y = 0; y < h; y++) {
    let row = 0;
    const src = y * w;
    const dst = (y + 1) * W + 1;
    const above = y * W + 1;
    integral[dst - 1] = 0;
    for (let x = 0; x < w; x++) {
      row += data[src + x] ?? 0;
      integral[dst + x] = (integral[above + x] ?? 0) + row;
    }
  }
  return integral;
}

/** The value below which a share `q` of a gray image's pixels lie (0.5: its median). */
export function grayPercentile(gray: GrayImage, q: number): number {
  const hist = new Uint32Array(256);
  for (const v of gray.data) hist[v] = (hist[v] ?? 0) + 1;
  let seen = 0;
  for (let v = 0; v < 256; v++) {
    seen += hist[v] ?? 0;
    if (seen >= q * gray.data.length) return v;
  }
  return 255;
}

/** normalise's histogram of its flattened values in [0, HIST_TOP): exact enough, no sort of millions. */
const BINS = 2048;
const HIST_TOP = 1.5;

/** Percentiles (ascending `ps`) of `count` values from their histogram (see BINS). */
function percentiles(hist: Uint32Array, count: number, ps: readonly number[]): number[] {
  const out: number[] = [];
  let seen = 0;
  let b = 0;
  for (const p of ps) {
    const target = count * p;
    while (b < BINS && seen + (hist[b] ?? 0) < target) seen += hist[b++] ?? 0;
    out.push(b < BINS ? ((b + 0.5) / BINS) * HIST_TOP : HIST_TOP);
  }
  return out;
}

/** The part of `gray` inside the rectangle, clamped to the image: at least 1×1, never an error. */
export function crop(gray: GrayImage, x: number, y: number, width: number, height: number): GrayImage {
  const x0 = Math.min(gray.width - 1, Math.max(0, Math.round(x)));
  const y0 = Math.min(gray.height - 1, Math.max(0, Math.round(y)));
  const w = Math.max(1, Math.min(gray.width - x0, Math.round(width)));
  const h = Math.max(1, Math.min(gray.height - y0, Math.round(height)));
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
  const half = Math.floor(smooth / 2);
  // Ink is counted only on the rows the smoothed window reaches from [from, to).
  const ink = new Float64Array(gray.height);
  const first = Math.max(0, Math.round(gray.height * from) - half);
  const last = Math.min(gray.height - 1, Math.round(gray.height * to) + half);
  for (let y = first; y <= last; y++) {
    let n = 0;
    for (let x = 0; x < gray.width; x++) if ((gray.data[y * gray.width + x] ?? 255) < t) n++;
    ink[y] = n;
  }
  let best = Math.round(gray.height * from);
  let bestInk = Infinity;
  for (let y = Math.round(gray.height * from); y < Math.round(gray.height * to); y++) {
    let sum = 0;
    for (let k = -half; k <= half; k++) sum += ink[Math.min(gray.height - 1, Math.max(0, y + k))] ?? 0;
    if (sum < bestInk) { bestInk = sum; best = y; }
  }
  return best;
}
