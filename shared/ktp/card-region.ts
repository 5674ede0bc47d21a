// From a region of the locating grid to a candidate card (see locate-card): the region's cells,
// the largest connected set of a split's mask, give the card's angle and extent from their second
// moments, and its four corners when they form a plausible card.
import { frameFromCorners, type Frame } from './image';
import { CARD_ASPECT } from './ktp-layout';
import { scratch } from './scratch';

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

/** The locating grid's size and its cells' spacing in the image's pixels. */
export interface GridShape {
  readonly step: number;
  readonly w: number;
  readonly h: number;
}

/** The cells of the largest 8-connected region of `mask`. */
export function largestRegion(mask: Uint8Array, w: number, h: number): Int32Array {
  const label = scratch('largestRegion.label', Int32Array, mask.length).fill(-1);
  const stack = scratch('largestRegion.stack', Int32Array, mask.length);
  // The region being filled, in the order its cells are reached.
  const cells = scratch('largestRegion.cells', Int32Array, mask.length);
  let best: Int32Array = new Int32Array(0);
  for (let start = 0; start < mask.length; start++) {
    if (!mask[start] || label[start] !== -1) continue;
    let top = 0; let size = 0;
    stack[top++] = start; label[start] = start;
    while (top > 0) {
      const k = stack[--top] ?? 0;
      cells[size++] = k;
      const x = k % w; const y = (k - x) / w;
      for (let dy = -1; dy <= 1; dy++) {
        for (let dx = -1; dx <= 1; dx++) {
          const nx = x + dx; const ny = y + dy;
          if (nx < 0 || ny < 0 || nx >= w || ny >= h) continue;
          const n = ny * w + nx;
          if (mask[n] && label[n] === -1) { label[n] = start; stack[top++] = n; }
        }
      }
    }
    if (size > best.length) best = cells.slice(0, size);
  }
  return best;
}

/**
 * The `f` quantile of `sign` × `values`, whose least and greatest are `lo` and `hi`, to 1/4096 of
 * their range, from a histogram: this runs on tens of thousands of cells several times per
 * candidate, where sorting costs more than the rest.
 */
function quantile(values: Float64Array, lo: number, hi: number, f: number, sign: 1 | -1 = 1): number {
  if (!(hi > lo)) return lo;
  const bins = 4096;
  const hist = new Uint32Array(bins);
  const scale = (bins - 1) / (hi - lo);
  const n = values.length;
  for (let i = 0; i < n; i++) { const b = Math.floor((sign * (values[i] ?? 0) - lo) * scale); hist[b] = (hist[b] ?? 0) + 1; }
  const target = f * n;
  let seen = 0;
  for (let b = 0; b < bins; b++) {
    seen += hist[b] ?? 0;
    if (seen >= target) return lo + b / scale;
  }
  return hi;
}

/** Rounded corners (3 mm of 85.6 mm) put the outline's extreme points this far inside the corner. */
const CORNER_INSET = 0.012;

/** A candidate card from a region's cells (grid indices); null when it cannot be a card. */
export function fromRegion(grid: GridShape, cells: Int32Array, maskCells: number, outWidth: number): CardLocation | null {
  const n = grid.w * grid.h;
  if (cells.length / n < 0.08 || cells.length / n > 0.97) return null;
  const coverage = maskCells / n;
  const s = grid.step;
  const count = cells.length;
  // The cells' positions in the image, once: three passes below read them.
  const xs = scratch('fromRegion.xs', Float64Array, count);
  const ys = scratch('fromRegion.ys', Float64Array, count);
  let mx = 0; let my = 0;
  for (let j = 0; j < count; j++) {
    const k = cells[j] ?? 0;
    const x = (k % grid.w) * s; const y = Math.floor(k / grid.w) * s;
    xs[j] = x; ys[j] = y; mx += x; my += y;
  }
  mx /= count; my /= count;
  let sxx = 0; let syy = 0; let sxy = 0;
  for (let j = 0; j < count; j++) {
    const dx = (xs[j] ?? 0) - mx; const dy = (ys[j] ?? 0) - my;
    sxx += dx * dx; syy += dy * dy; sxy += dx * dy;
  }
  const theta = 0.5 * Math.atan2(2 * sxy, sxx - syy);
  const cos = Math.cos(theta);
  const sin = Math.sin(theta);
  const us = scratch('fromRegion.us', Float64Array, count);
  const ws = scratch('fromRegion.ws', Float64Array, count);
  let uLo = Infinity; let uHi = -Infinity; let wLo = Infinity; let wHi = -Infinity;
  for (let j = 0; j < count; j++) {
    const dx = (xs[j] ?? 0) - mx; const dy = (ys[j] ?? 0) - my;
    const u = dx * cos + dy * sin; const w = -dx * sin + dy * cos;
    us[j] = u; ws[j] = w;
    if (u < uLo) uLo = u; if (u > uHi) uHi = u;
    if (w < wLo) wLo = w; if (w > wHi) wHi = w;
  }
  const u0 = quantile(us, uLo, uHi, 0.004); const u1 = quantile(us, uLo, uHi, 0.996);
  const v0 = quantile(ws, wLo, wHi, 0.004); const v1 = quantile(ws, wLo, wHi, 0.996);
  const outHeight = Math.round(outWidth / CARD_ASPECT);
  const fill = Math.min(1, cells.length / Math.max(1, ((u1 - u0) * (v1 - v0)) / (s * s)));
  const aspect = (u1 - u0) / Math.max(1, v1 - v0);
  const ratio = Math.min(aspect, CARD_ASPECT) / Math.max(aspect, CARD_ASPECT);
  const toSource = (u: number, v: number): { x: number; y: number } => ({ x: mx + u * cos - v * sin, y: my + u * sin + v * cos });
  const affine: Frame = (() => {
    const o = toSource(u0, v0);
    const a = (u1 - u0) / outWidth; const b = (v1 - v0) / outHeight;
    return { ox: o.x, oy: o.y, ux: cos * a, uy: sin * a, vx: -sin * b, vy: cos * b, width: outWidth, height: outHeight };
  })();
  const corners = cornersOf(us, ws, u1 - u0, v1 - v0);
  const frame = corners ? frameFromCorners(corners.map((c) => toSource(c.u, c.v)), outWidth, outHeight) : affine;
  // Light patches scattered over a photo of people are not a card even if the largest one is
  // card-shaped: the region must hold most of what its mask found.
  const alone = cells.length / Math.max(1, maskCells);
  return { frame, found: true, angleDeg: (theta * 180) / Math.PI, coverage, cardLike: fill * ratio * alone };
}

/**
 * The four corners (top-left, top-right, bottom-right, bottom-left in the region's own axes) as
 * the mean of the few cells furthest out along each diagonal, pushed out by the rounded corner's
 * inset; null when they do not form a plausible card (a hand over a corner, a region that is not
 * a card): the moments' rectangle is then the safer frame.
 */
function cornersOf(us: Float64Array, ws: Float64Array, length: number, width: number): { u: number; v: number }[] | null {
  const n = us.length;
  const keep = Math.max(3, Math.round(n * 0.002));
  // A corner's score is a·u/length + b·w/width for its signs (a, b): plus = u/length + w/width for
  // (1, 1), minus = u/length − w/width for (1, −1), and exactly their negatives for the other two.
  const plus = scratch('cornersOf.plus', Float64Array, n);
  const minus = scratch('cornersOf.minus', Float64Array, n);
  let pLo = Infinity; let pHi = -Infinity; let mLo = Infinity; let mHi = -Infinity;
  for (let j = 0; j < n; j++) {
    const su = (us[j] ?? 0) / length; const sw = (ws[j] ?? 0) / width;
    const pj = su + sw; const mj = su - sw;
    plus[j] = pj; minus[j] = mj;
    if (pj < pLo) pLo = pj; if (pj > pHi) pHi = pj;
    if (mj < mLo) mLo = mj; if (mj > mHi) mHi = mj;
  }
  const signs = [[-1, -1], [1, -1], [1, 1], [-1, 1]] as const;
  const corners = signs.map(([a, b]) => {
    const [score, lo, hi] = a === b ? [plus, pLo, pHi] as const : [minus, mLo, mHi] as const;
    // The cells furthest out: a·score above the quantile of a·score (least −hi, greatest −lo for a = −1).
    const cut = a === 1 ? quantile(score, lo, hi, 1 - keep / n) : quantile(score, -hi, -lo, 1 - keep / n, -1);
    let u = 0; let v = 0; let k = 0;
    for (let j = 0; j < n; j++) if (a * (score[j] ?? 0) >= cut) { u += us[j] ?? 0; v += ws[j] ?? 0; k++; }
    return { u: u / Math.max(1, k) + a * length * CORNER_INSET, v: v / Math.max(1, k) + b * width * CORNER_INSET * CARD_ASPECT };
  });
  const [tl, tr, br, bl] = corners as [{ u: number; v: number }, { u: number; v: number }, { u: number; v: number }, { u: number; v: number }];
  const dist = (p: { u: number; v: number }, r: { u: number; v: number }): number => Math.hypot(p.u - r.u, p.v - r.v);
  const top = dist(tl, tr); const bottom = dist(bl, br); const left = dist(tl, bl); const right = dist(tr, br);
  const within = (x: number, lo: number, hi: number): boolean => x >= lo && x <= hi;
  const aspect = (top + bottom) / Math.max(1, left + right);
  // A keystone of ~10° changes opposite sides by well under a quarter.
  if (!within(top / Math.max(1, bottom), 0.8, 1.25) || !within(left / Math.max(1, right), 0.8, 1.25)) return null;
  if (!within(aspect / CARD_ASPECT, 0.85, 1.18)) return null;
  // Corners must lie near the moments' rectangle (a region with a bite out of it is not trusted).
  if ([top, bottom].some((x) => x < length * 0.85) || [left, right].some((x) => x < width * 0.85)) return null;
  return corners;
}
