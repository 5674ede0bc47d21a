// Puts a located frame right across the card. The layout score (layout-score.ts) checks a frame
// only down the card: a frame whose left side was misplaced (a desk as light as the card hides
// its left edge) still shows the label rows at their heights, but cuts off the labels and the
// NIK's first digits or shears the column. The e-KTP prints every label flush left at one margin
// (RT/RW, Kel/Desa and Kecamatan indented by one more step), so where each label row's ink starts
// says how far, and how slanted, the frame sits off: the frame is moved and sheared to match.
import { affineInFrame, grayPercentile, normalise, subFrame, warp, type Frame, type RgbaImage } from './image';
import { LABEL_MARGIN, LABEL_ROWS, labelRowSpan, NIK_LABEL_ROW } from './ktp-layout';

/** Sampling resolution: pixels per card width (label text ~10 px tall). */
const R = 600;
const CARD_H = R * (54 / 85.6);
/** The strip sampled, in fractions of the card: from left of the card's edge to past the colons. */
const STRIP = { from: -0.14, to: 0.3, top: 0.1, bottom: 0.9 };
/** The NIK label's row and the twelve label rows, with where each label's ink starts. */
const ROWS: readonly { top: number; bottom: number; start: number }[] = [
  { ...NIK_LABEL_ROW, start: LABEL_MARGIN },
  ...Array.from({ length: LABEL_ROWS.count }, (_, i) => labelRowSpan(i)),
];
/** A label's start is searched this far (fraction of the width) either side of where it belongs. */
const SEARCH = 0.12;
/** Paper this wide (fraction of the width) left of a label's first letter: the card's margin. */
const GAP = 0.014;
/** Paper is at least this share of the card's usual brightness (a vignette darkens the margin). */
const PAPER = 0.7;
/** Rows within this (pixels at R) of the fitted line agree; fewer than MIN_ROWS agreeing: no change. */
const TOLERANCE = 4;
const MIN_ROWS = 7;
/** Smaller corrections than this (fraction of the width, anywhere down the column) are left alone. */
const NEGLIGIBLE = 0.008;

export interface AlignedFrame {
  readonly frame: Frame;
  /** The label rows were found starting at the margin (after the correction, if any). */
  readonly aligned: boolean;
}

/**
 * `frame` (the card upright, as located) moved and sheared across so that the label rows start
 * at the e-KTP's margin; `frame` itself when the rows do not agree on where they start, or
 * already start there.
 */
export function alignColumn(img: RgbaImage, frame: Frame): AlignedFrame {
  const w = Math.round((STRIP.to - STRIP.from) * R);
  const h = Math.round((STRIP.bottom - STRIP.top) * CARD_H);
  const unitsPerPx = frame.width / R;
  const vPerPx = frame.height / CARD_H;
  const raw = warp(img, subFrame(frame, STRIP.from * frame.width, STRIP.top * frame.height, unitsPerPx, vPerPx, w, h), 'blue');
  const strip = normalise(raw, Math.round(R / 30));
  // Paper is as bright as the card's: a dark desk left of the card, normalised, looks like paper too.
  const paper = grayPercentile(raw, 0.8) * PAPER;
  const points: { y: number; d: number }[] = [];
  for (const row of ROWS) {
    const y0 = Math.max(0, Math.round((row.top - STRIP.top) * CARD_H) - 2);
    const y1 = Math.min(h, Math.round((row.bottom - STRIP.top) * CARD_H) + 2);
    const expected = (row.start - STRIP.from) * R;
    const start = inkStart(strip.data, raw.data, paper, w, y0, y1, Math.max(0, Math.round(expected - SEARCH * R)), Math.min(w, Math.round(expected + SEARCH * R)));
    if (start !== null) points.push({ y: (y0 + y1) / 2, d: start - expected });
  }
  const line = robustLine(points);
  if (!line) return { frame, aligned: false };
  // d(y) pixels at R → frame units, with y measured from the top of the frame.
  const beta = (line.slope * unitsPerPx) / vPerPx;
  const alpha = line.at0 * unitsPerPx - beta * STRIP.top * frame.height;
  const worst = Math.max(Math.abs(alpha), Math.abs(alpha + beta * frame.height));
  if (worst > SEARCH * frame.width) return { frame, aligned: false };
  if (worst < NEGLIGIBLE * frame.width) return { frame, aligned: true };
  return { frame: sheared(frame, alpha, beta), aligned: true };
}

/**
 * The first column in [from, to) where a row band's ink starts after GAP of paper (no ink, and
 * as bright as the card): a label's first letter, not a speck (three of the next six columns
 * hold ink) nor an edge. `y0` is the band's top, with the space above it between rows.
 */
function inkStart(data: Uint8Array, raw: Uint8Array, paperLevel: number, w: number, y0: number, y1: number, from: number, to: number): number | null {
  const inkAt = (x: number): boolean => {
    let n = 0;
    for (let y = y0; y < y1; y++) if ((data[y * w + x] ?? 255) < 128) n++;
    return n >= 2;
  };
  const paperAt = (x: number): boolean => {
    let sum = 0;
    for (let y = y0; y < y1; y++) sum += raw[y * w + x] ?? 0;
    return sum >= paperLevel * (y1 - y0) && !inkAt(x);
  };
  // A card's or a shadow's edge runs on through the space between rows; a letter does not
  // (dark on every pixel row of that space, where even a slanted row above leaves one clear).
  const edgeAt = (x: number): boolean => {
    for (let y = Math.max(0, y0 - 6); y < y0; y++) {
      let dark = false;
      for (let k = x; k < Math.min(w, x + 3); k++) if ((data[y * w + k] ?? 255) < 128) dark = true;
      if (!dark) return false;
    }
    return true;
  };
  const gap = Math.round(GAP * R);
  let paper = 0;
  for (let x = from; x < to; x++) {
    if (paperAt(x)) { paper++; continue; }
    if (paper >= gap && inkAt(x) && !edgeAt(x)) {
      let n = 0;
      for (let k = x; k < Math.min(to, x + 6); k++) if (inkAt(k)) n++;
      if (n >= 3) return x;
    }
    paper = 0;
  }
  return null;
}

/** The line d = at0 + slope·y through most points (each pair tried, inliers refitted); null if too few agree. */
function robustLine(points: readonly { y: number; d: number }[]): { at0: number; slope: number } | null {
  let best: { y: number; d: number }[] = [];
  for (const p of points) {
    for (const q of points) {
      if (q.y <= p.y) continue;
      const slope = (q.d - p.d) / (q.y - p.y);
      const inliers = points.filter((r) => Math.abs(p.d + slope * (r.y - p.y) - r.d) <= TOLERANCE);
      if (inliers.length > best.length) best = inliers;
    }
  }
  if (best.length < MIN_ROWS) return null;
  const n = best.length;
  const my = best.reduce((s, p) => s + p.y, 0) / n;
  const md = best.reduce((s, p) => s + p.d, 0) / n;
  const syy = best.reduce((s, p) => s + (p.y - my) ** 2, 0);
  const slope = syy > 0 ? best.reduce((s, p) => s + (p.y - my) * (p.d - md), 0) / syy : 0;
  return { at0: md - slope * my, slope };
}

/** F'(u, v) = F(u + alpha + beta·v, v). */
function sheared(f: Frame, alpha: number, beta: number): Frame {
  return affineInFrame(f, [1, beta, alpha, 0, 1, 0]);
}
