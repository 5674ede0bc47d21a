// Finds the card in a camera frame. A coarse grid of the image is split into card and scene in up
// to seven ways (see `search`: the usual card on a darker or warmer desk, warm light, a scanner bed,
// a desk as bright as the card, a shadow across the card on a dark desk) and the largest
// connected region of each is a candidate card.
// Each candidate gives a perspective frame from its four corners when they form a plausible card,
// else an affine frame from its second moments (see card-region). card-frames.ts ranks them by the
// e-KTP's layout.
import { cornersWithin, type RgbaImage } from './image';
import { fromRegion, largestRegion, type CardLocation, type GridShape } from './card-region';

const WORK_WIDTH = 240;

/** The whole image as the frame: used when no card stands out (a flat scan fills the image). */
export function wholeImage(img: RgbaImage, outWidth: number, coverage = 1): CardLocation {
  const scale = img.width / outWidth;
  return {
    frame: { ox: 0, oy: 0, ux: scale, uy: 0, vx: 0, vy: scale, width: outWidth, height: Math.round(img.height / scale) },
    found: false, angleDeg: 0, coverage, cardLike: 1,
  };
}

interface Grid extends GridShape {
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
