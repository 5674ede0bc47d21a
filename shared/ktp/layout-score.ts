// How much a candidate frame looks like an upright e-KTP, before any OCR: the labels Nama to
// Berlaku Hingga are printed at fixed heights in the left column, so the ink profile down that
// column is a comb of twelve teeth at a known pitch. A frame on the wrong region or turned half a
// turn does not show it. Cheap (a strip of the label column), so every candidate and both
// orientations are scored and OCR reads the most card-like first. When no frame shows it where
// it was located, a fit over shifts and stretches (with the NIK, which breaks the comb's
// periodicity) says how far off the outline was, and the frame is put right.
import { normalise, subFrame, warp, type Frame, type RgbaImage } from './image';
import { LABEL_ROWS, NIK_LABEL_ROW } from './ktp-layout';

const W = 320;
const H = Math.round(W * (54 / 85.6));
/** The label column, left of the colons (fractions of the card's width). */
const LABEL_X = { from: 0.03, to: 0.2 };
const { top: ROW_TOP, pitch: ROW_PITCH, text: ROW_TEXT, count: ROWS } = LABEL_ROWS;
/** The rows' span with half a pitch of margin (fractions of the card's height). */
const COMB = { from: ROW_TOP - ROW_PITCH / 2, to: ROW_TOP + ROW_PITCH * (ROWS - 0.5) };
/** The bold NIK label above the rows (fractions of the card's height). */
const NIK_ROW = { from: NIK_LABEL_ROW.top, to: NIK_LABEL_ROW.bottom };
/**
 * Compared from above the NIK to below the last row: the NIK and the empty column above and below
 * break the comb's periodicity, so a fit one pitch off scores clearly worse than the right one.
 */
const SPAN = { from: 0.08, to: 0.86 };

/**
 * How far the rows may sit from the layout: a located outline is off by up to ~6 % of the card's
 * height (a desk as light as the card, a rounded corner) and its height by up to ~8 %.
 */
const MAX_SHIFT = 0.06;
/** A frame scored as located may sit this far off: a good outline's error (~1–2 %), not a fit's. */
const COMB_SHIFT = 0.025;
const SCALES = [0.92, 0.96, 1, 1.04, 1.08];

export interface LayoutFit {
  /** Pearson correlation of the label column's ink with the e-KTP's label rows, −1…1. */
  readonly score: number;
  /** The frame with the rows where the layout puts them (the input frame when it fits as is). */
  readonly frame: Frame;
}

/**
 * The frame as located: Pearson correlation of the label column's ink profile with the e-KTP's
 * twelve label rows, −1…1, at the best vertical shift within COMB_SHIFT (a quarter pitch off
 * would otherwise read as no card).
 */
export function layoutScore(img: RgbaImage, frame: Frame): number {
  // Only the label column, from half a pitch above the first row to half below the last, plus
  // the shift: a tenth of the card, resampled at W across the card.
  const shift = Math.ceil(COMB_SHIFT * H);
  const x0 = Math.round(LABEL_X.from * W);
  const top = Math.max(0, Math.round(COMB.from * H) - shift);
  const strip = subFrame(frame, x0 * (frame.width / W), top * (frame.height / H), frame.width / W, frame.height / H,
    Math.round((LABEL_X.to - LABEL_X.from) * W), Math.min(H, Math.round(COMB.to * H) + shift) - top);
  const darkness = darknessProfile(img, strip);
  const y0 = Math.round(COMB.from * H);
  const y1 = Math.round(COMB.to * H);
  const template: number[] = [];
  for (let y = y0; y < y1; y++) template.push(labelRow(y / H) ? 1 : 0);
  let best = -1;
  for (let d = -shift; d <= shift; d++) {
    const from = y0 + d - top;
    if (from < 0 || from + template.length > darkness.length) continue;
    best = Math.max(best, correlation(Array.from(darkness.subarray(from, from + template.length)), template));
  }
  return best;
}

/**
 * The best fit of the NIK and the label rows over vertical shifts and stretches of `frame`: for
 * when no frame fits as located (its top cut off, its bottom in a desk as light as the card).
 */
export function layoutFit(img: RgbaImage, frame: Frame): LayoutFit {
  const x0 = Math.round(LABEL_X.from * W);
  const strip = subFrame(frame, x0 * (frame.width / W), 0, frame.width / W, frame.height / H, Math.round((LABEL_X.to - LABEL_X.from) * W), H);
  const darkness = darknessProfile(img, strip);
  let best = { score: -1, shift: 0, scale: 1 };
  for (const scale of SCALES) {
    for (let d = -Math.ceil(MAX_SHIFT * H); d <= Math.ceil(MAX_SHIFT * H); d++) {
      // Observed row y (pixels) = layout y · scale + d.
      const y0 = Math.round(SPAN.from * H * scale + d);
      const y1 = Math.round(SPAN.to * H * scale + d);
      if (y0 < 0 || y1 > H) continue;
      const profile: number[] = [];
      const template: number[] = [];
      for (let y = y0; y < y1; y++) {
        profile.push(darkness[y] ?? 0);
        template.push(printed((y - d) / (H * scale)) ? 1 : 0);
      }
      const score = correlation(profile, template);
      if (score > best.score) best = { score, shift: d / H, scale };
    }
  }
  return { score: best.score, frame: subFrame(frame, 0, best.shift * frame.height, 1, best.scale, frame.width, frame.height) };
}

/** Whether the label column holds print at `y` (fraction of the card's height) in the layout. */
function printed(y: number): boolean {
  return (y >= NIK_ROW.from && y <= NIK_ROW.to) || labelRow(y);
}

/** Whether `y` (fraction of the card's height) lies on the text of one of the twelve label rows. */
function labelRow(y: number): boolean {
  const t = y - ROW_TOP;
  if (t < 0 || t > ROW_PITCH * ROWS) return false;
  const phase = t - Math.floor(t / ROW_PITCH) * ROW_PITCH;
  return phase >= 0.003 && phase <= ROW_TEXT;
}

/**
 * Darkness summed across each row of `strip` (blue channel, flat-fielded): not thresholded ink,
 * since at this size the labels' strokes are grey, not black.
 */
function darknessProfile(img: RgbaImage, strip: Frame): Float64Array {
  const gray = normalise(warp(img, strip, 'blue'), 8);
  const darkness = new Float64Array(gray.height);
  for (let y = 0; y < gray.height; y++) {
    let ink = 0;
    for (let x = 0; x < gray.width; x++) ink += 255 - (gray.data[y * gray.width + x] ?? 255);
    darkness[y] = ink;
  }
  return darkness;
}

function correlation(a: readonly number[], b: readonly number[]): number {
  const n = a.length;
  if (n === 0) return 0;
  const ma = a.reduce((s, x) => s + x, 0) / n;
  const mb = b.reduce((s, x) => s + x, 0) / n;
  let sab = 0; let saa = 0; let sbb = 0;
  for (let i = 0; i < n; i++) {
    const da = (a[i] ?? 0) - ma; const db = (b[i] ?? 0) - mb;
    sab += da * db; saa += da * da; sbb += db * db;
  }
  return saa === 0 || sbb === 0 ? 0 : sab / Math.sqrt(saa * sbb);
}
