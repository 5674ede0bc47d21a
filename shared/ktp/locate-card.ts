// Finds the card in a camera frame. A coarse grid of the image is split into card and scene in up
// to seven ways (see `search`: the usual card on a darker or warmer desk, warm light, a scanner bed,
// a desk as bright as the card, a shadow across the card on a dark desk) and the largest
// connected region of each is a candidate card.
// Each candidate gives a perspective frame from its four corners when they form a plausible card,
// else an affine frame from its second moments. card-frames.ts ranks them by the e-KTP's layout.
import { cornersWithin, frameFromCorners, type Frame, type RgbaImage } from './image';
import { scratch } from './scratch';

export const CARD_ASPECT = 85.6 / 54;
const WORK_WIDTH = 240;

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

/** The whole image as the frame: used when no card stands out (a flat scan fills the image). */
export function wholeImage(img: RgbaImage, outWidth: number, coverage = 1): CardLocation {
  const scale = img.width / outWidth;
  return {
    frame: { ox: 0, oy: 0, ux: scale, uy: 0, vx: 0, vy: scale, width: outWidth, height: Math.round(img.height / scale) },
    found: false, angleDeg: 0, coverage, cardLike: 1,
  };
}

interface Grid {
  readonly step: number;
  readonly w: number;
  readonly h: number;
  readonly bright: Uint8Array;
  /** Blue minus red relative to brightness, scaled to 0–255 (128 = neutral grey). */
  readonly chroma: Uint8Array;
  readonly bluish: Uint8Array;
}

function sampleGrid(img: RgbaImage): Grid {
  const step = Math.max(1, Math.floor(img.width / WORK_WIDTH));
  const w = Math.ceil(img.width / step);
  const h = Math.ceil(img.height / step);
  const bright = new Uint8Array(w * h);
  const chroma = new Uint8Array(w * h);
  const bluish = new Uint8Array(w * h);
  const d = img.data;
  for (let gy = 0; gy < h; gy++) {
    for (let gx = 0; gx < w; gx++) {
      const i = (gy * step * img.width + gx * step) * 4;
      const r = d[i] ?? 0; const g = d[i + 1] ?? 0; const b = d[i + 2] ?? 0;
      const v = Math.max(r, g, b);
      const k = gy * w + gx;
      bright[k] = v;
      chroma[k] = Math.max(0, Math.min(255, Math.round(128 + (255 * (b - r)) / Math.max(24, v))));
      bluish[k] = b + 6 >= r ? 1 : 0;
    }
  }
  return { step, w, h, bright, chroma, bluish };
}

/** The grid's brightness, each cell the mean of the cells of its 5×5 neighbourhood inside the grid. */
function smoothed(grid: Grid): Uint8Array {
  const { w, h } = grid;
  const out = new Uint8Array(w * h);
  for (let y = 0; y < h; y++) {
    for (let x = 0; x < w; x++) {
      let sum = 0; let m = 0;
      for (let dy = -2; dy <= 2; dy++) {
        for (let dx = -2; dx <= 2; dx++) {
          const nx = x + dx; const ny = y + dy;
          if (nx < 0 || ny < 0 || nx >= w || ny >= h) continue;
          sum += grid.bright[ny * w + nx] ?? 0; m++;
        }
      }
      out[y * w + x] = Math.round(sum / m);
    }
  }
  return out;
}

/**
 * The shadow split's region (the last split) is a candidate only this card-like (see
 * CardLocation.cardLike): lighter than the desk, it can take in part of a slate or stone desk, and
 * a frame more is ranked before those fitted to the layout. On seed 7 card 79 (a region of 0.70)
 * that pushed the fitted frame that reads the card past the three read, and nothing was read. The
 * cards the split was made for are 0.91–0.95.
 */
const SHADOW_SPLIT_SHAPE = 0.8;

/** Otsu's threshold of the values whose cell is set in `keep` (all when omitted). */
function otsuOf(values: Uint8Array, keep?: Uint8Array): number {
  const hist = new Float64Array(256);
  let n = 0;
  for (let k = 0; k < values.length; k++) if (!keep || keep[k] === 1) { hist[values[k] ?? 0] = (hist[values[k] ?? 0] ?? 0) + 1; n++; }
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
  return threshold;
}

/** The cells of the largest 8-connected region of `mask`. */
function largestRegion(mask: Uint8Array, w: number, h: number): Int32Array {
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
function fromRegion(grid: Grid, cells: Int32Array, maskCells: number, outWidth: number): CardLocation | null {
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

/**
 * Cells nearer in colour to the middle of the view (where the applicant holds the card; its
 * lighter half, not the print) than to the image's border (the desk): finds a card whose
 * brightness matches the desk's as long as its tint differs, or the reverse, without thresholds.
 */
function seededMask(grid: Grid): Uint8Array {
  const { w, h, bright, chroma } = grid;
  /** Mean and spread (plus a floor) of the features of the first `count` of `cells`, summed in their order. */
  const mean = (cells: Int32Array, count: number): { m: [number, number]; s: [number, number] } => {
    let m0 = 0; let m1 = 0;
    for (let j = 0; j < count; j++) { const k = cells[j] ?? 0; m0 += (bright[k] ?? 0) / 255; m1 += ((chroma[k] ?? 128) - 128) / 128; }
    m0 /= Math.max(1, count); m1 /= Math.max(1, count);
    let s0 = 0; let s1 = 0;
    for (let j = 0; j < count; j++) { const k = cells[j] ?? 0; s0 += ((bright[k] ?? 0) / 255 - m0) ** 2; s1 += (((chroma[k] ?? 128) - 128) / 128 - m1) ** 2; }
    return { m: [m0, m1], s: [Math.sqrt(s0 / Math.max(1, count)) + 0.02, Math.sqrt(s1 / Math.max(1, count)) + 0.02] };
  };
  const cells = new Int32Array(w * h);
  let border = 0;
  const ring = Math.max(1, Math.round(Math.min(w, h) * 0.04));
  for (let y = 0; y < h; y++) for (let x = 0; x < w; x++) if (x < ring || y < ring || x >= w - ring || y >= h - ring) cells[border++] = y * w + x;
  const desk = mean(cells, border);
  // The middle's median brightness (from a histogram: brightness is a byte), then its cells at least as bright.
  const [cy0, cy1, cx0, cx1] = [Math.round(h * 0.4), Math.round(h * 0.6), Math.round(w * 0.4), Math.round(w * 0.6)];
  const hist = new Int32Array(256);
  let centre = 0;
  for (let y = cy0; y < cy1; y++) for (let x = cx0; x < cx1; x++) { const v = bright[y * w + x] ?? 0; hist[v] = (hist[v] ?? 0) + 1; centre++; }
  let centreBright = 0;
  for (let seen = 0; centreBright < 255 && seen + (hist[centreBright] ?? 0) <= Math.floor(centre / 2); centreBright++) seen += hist[centreBright] ?? 0;
  if (centre === 0) centreBright = 0;
  let lit = 0;
  for (let y = cy0; y < cy1; y++) for (let x = cx0; x < cx1; x++) if ((bright[y * w + x] ?? 0) >= centreBright) cells[lit++] = y * w + x;
  const card = mean(cells, lit);
  // One spread for both (pooled): a card lit unevenly varies far more in brightness than a desk,
  // and its own spread would let it claim the desk's cells.
  const s: [number, number] = [Math.hypot(card.s[0], desk.s[0]) / Math.SQRT2, Math.hypot(card.s[1], desk.s[1]) / Math.SQRT2];
  const nearer = new Uint8Array(w * h);
  // A cell's features: brightness and tint, each in about −1…1.
  for (let k = 0; k < nearer.length; k++) {
    const bk = (bright[k] ?? 0) / 255; const ck = ((chroma[k] ?? 128) - 128) / 128;
    const toCard = ((bk - card.m[0]) / s[0]) ** 2 + ((ck - card.m[1]) / s[1]) ** 2;
    const toDesk = ((bk - desk.m[0]) / s[0]) ** 2 + ((ck - desk.m[1]) / s[1]) ** 2;
    nearer[k] = toCard < toDesk ? 1 : 0;
  }
  return nearer;
}

/** The cells of `among` whose tint is above `t`. */
function tintAbove(chroma: Uint8Array, among: Uint8Array, t: number): Uint8Array {
  const mask = new Uint8Array(chroma.length);
  for (let k = 0; k < chroma.length; k++) mask[k] = among[k] === 1 && (chroma[k] ?? 0) > t ? 1 : 0;
  return mask;
}

/**
 * Candidate cards, most likely first, without near-duplicates (two ways of splitting often find
 * the same card). Empty when nothing card-sized stands out.
 */
export function cardCandidates(img: RgbaImage, outWidth: number, enough?: (c: CardLocation) => boolean): CardLocation[] {
  return search(img, outWidth, enough, READER_ORDER).candidates;
}

/** The ways of splitting card from scene (see `search`). */
type Split = 'lightNotWarm' | 'light' | 'tint' | 'darkerOfLight' | 'tintOfLight' | 'seeded' | 'shadow';

/**
 * The order the reader makes the splits in: the seeded split first, which alone found the card
 * beyond doubt (see card-frames' stopsRanking) on 1,832 of 3,100 tuning cards (seed 7, seeds 8–22
 * and 38–52; the next best, the tint split, on 1,204, the first, lightNotWarm, on 356), then the
 * others. 2.9 splits per card instead of 4.0, the frames found as good.
 */
const READER_ORDER: readonly Split[] = ['seeded', 'lightNotWarm', 'light', 'tint', 'darkerOfLight', 'tintOfLight', 'shadow'];

/**
 * Candidates from each way of splitting card from scene, in order; stops early once `enough`
 * accepts one (the reader stops at a frame that clearly shows an e-KTP's layout: most photos
 * need one split, and each costs a pass over the grid).
 */
function search(img: RgbaImage, outWidth: number, enough: ((c: CardLocation) => boolean) | undefined, order: readonly Split[]): { candidates: CardLocation[]; brightCoverage: number } {
  const grid = sampleGrid(img);
  const n = grid.w * grid.h;
  const tBright = otsuOf(grid.bright);
  const { bright: value, chroma, bluish } = grid;
  // Each split is a mask of the grid's cells (1: card), each made in a loop of its own (one
  // shared loop calling a test per cell cost more than the rest of the split).
  const bright = new Uint8Array(n);
  // Relative blueness, among cells not too dark to have a hue. Under a warm light the card is
  // still the least warm thing in view, so the threshold is relative, not "bluer than grey".
  const lit = new Uint8Array(n);
  for (let k = 0; k < n; k++) { const v = value[k] ?? 0; bright[k] = v > tBright ? 1 : 0; lit[k] = v > 60 ? 1 : 0; }
  const masks: Record<Split, () => Uint8Array> = {
    lightNotWarm: () => {
      const mask = new Uint8Array(n);
      for (let k = 0; k < n; k++) mask[k] = bright[k] === 1 && bluish[k] === 1 ? 1 : 0;
      return mask;
    },
    light: () => bright,
    tint: () => tintAbove(chroma, lit, otsuOf(chroma, lit)),
    // On a white scanner bed or paper the card is the darker part of what is light; its print
    // is darker still and inside it.
    darkerOfLight: () => {
      const t = otsuOf(value, bright);
      const mask = new Uint8Array(n);
      for (let k = 0; k < n; k++) mask[k] = lit[k] === 1 && (value[k] ?? 0) <= t ? 1 : 0;
      return mask;
    },
    tintOfLight: () => tintAbove(chroma, bright, otsuOf(chroma, bright)),
    seeded: () => seededMask(grid),
    // A shadow across the card on a dark desk: the shadowed part is darker than the rest, which
    // Otsu's split of the light puts with the desk, but lighter than the desk.
    // Smoothed first: a textured desk (fabric, stone) is as light in places as the shadowed card.
    // The loosest split: its region counts only when shaped like a card (SHADOW_SPLIT_SHAPE).
    shadow: () => {
      const soft = smoothed(grid);
      const dark = new Uint8Array(n);
      for (let k = 0; k < n; k++) dark[k] = 1 - (bright[k] ?? 0);
      const t = otsuOf(soft, dark);
      const mask = new Uint8Array(n);
      for (let k = 0; k < n; k++) mask[k] = (soft[k] ?? 0) > t ? 1 : 0;
      return mask;
    },
  };
  const out: CardLocation[] = [];
  let brightCells = 0;
  for (const split of order) {
    const mask = masks[split]();
    let cells = 0;
    for (let k = 0; k < n; k++) cells += mask[k] ?? 0;
    if (split === 'lightNotWarm') brightCells = cells;
    const found = fromRegion(grid, largestRegion(mask, grid.w, grid.h), cells, outWidth);
    if (!found || (split === 'shadow' && found.cardLike < SHADOW_SPLIT_SHAPE)) continue;
    // Another split's region, found again: every corner within 2 % of the image's width. (Not the
    // origin and width alone: the card's upper part and the whole card share both.)
    if (out.some((o) => cornersWithin(o.frame, found.frame, img.width * 0.02))) continue;
    out.push(found);
    if (enough?.(found)) break;
  }
  out.sort((a, b) => b.cardLike - a.cardLike);
  return { candidates: out, brightCoverage: brightCells / n };
}

/**
 * The card as the capture gate sees it — light and not warmer than a card, the first split only —
 * or the whole image when none stands out (with the share of the image that is light: nearly all
 * of it for a flat scan, little for a scene without a card). The gate judges light, focus and
 * distance on it; the reader (readKtp) looks harder, through every candidate.
 */
export function locateCard(img: RgbaImage, outWidth: number): CardLocation {
  const { candidates, brightCoverage } = search(img, outWidth, undefined, ['lightNotWarm']);
  if (candidates[0]) return candidates[0];
  // Light pixels enough for a card, but in no card-sized piece: not a card (a scene, people).
  const scattered = brightCoverage >= 0.08 && brightCoverage <= 0.97;
  return { ...wholeImage(img, outWidth, brightCoverage), cardLike: scattered ? 0 : 1 };
}
