// How much a candidate frame looks like an upright e-KTP, before any OCR: the labels Nama to
// Berlaku Hingga are printed at fixed heights in the left column, so the ink profile down that
// column is a comb of twelve teeth at a known pitch. A frame on the wrong region, cut off, or
// turned half a turn does not show it. Cheap (a 256-pixel-wide resample), so every candidate and
// both orientations are scored and OCR reads the most card-like first.
import { normalise, subFrame, warp, type Frame, type RgbaImage } from './image';

const W = 320;
const H = Math.round(W * (54 / 85.6));
/** The label column, left of the colons (fractions of the card's width). */
const LABEL_X = { from: 0.03, to: 0.2 };
/** Label rows on the 540-unit-high card: first row's top, pitch, text height (the generator's and Dukcapil's layout). */
const ROW_TOP = 128 / 540;
const ROW_PITCH = 25.5 / 540;
const ROW_TEXT = 15 / 540;
const ROWS = 12;
/** The profile is compared over the rows' span with half a pitch of margin. */
const SPAN = { from: ROW_TOP - ROW_PITCH / 2, to: ROW_TOP + ROW_PITCH * (ROWS - 0.5) };

/** How far the rows may sit from the layout (locating is off by ~1–2 % of the card's height). */
const MAX_SHIFT = 0.025;

/**
 * Pearson correlation of the label column's ink profile with the e-KTP's label rows, −1…1, at the
 * best vertical shift within MAX_SHIFT (a quarter pitch off would otherwise read as no card).
 */
export function layoutScore(img: RgbaImage, frame: Frame): number {
  // Only the label column, from half a pitch above the first row to half below the last, plus
  // the shift: a tenth of the card, resampled at W across the card.
  const shift = Math.ceil(MAX_SHIFT * H);
  const x0 = Math.round(LABEL_X.from * W);
  const top = Math.max(0, Math.round(SPAN.from * H) - shift);
  const strip = subFrame(frame, x0 * (frame.width / W), top * (frame.height / H), frame.width / W, frame.height / H,
    Math.round((LABEL_X.to - LABEL_X.from) * W), Math.min(H, Math.round(SPAN.to * H) + shift) - top);
  const gray = normalise(warp(img, strip, 'blue'), 8);
  const darkness = new Float64Array(gray.height);
  for (let y = 0; y < gray.height; y++) {
    // Darkness, not thresholded ink: at this size the labels' strokes are grey, not black.
    let ink = 0;
    for (let x = 0; x < gray.width; x++) ink += 255 - (gray.data[y * gray.width + x] ?? 255);
    darkness[y] = ink;
  }
  const y0 = Math.round(SPAN.from * H);
  const y1 = Math.round(SPAN.to * H);
  const template: number[] = [];
  for (let y = y0; y < y1; y++) {
    const t = y / H - ROW_TOP;
    const phase = t - Math.floor(t / ROW_PITCH) * ROW_PITCH;
    template.push(phase >= 0.003 && phase <= ROW_TEXT ? 1 : 0);
  }
  let best = -1;
  for (let d = -shift; d <= shift; d++) {
    const from = y0 + d - top;
    if (from < 0 || from + template.length > gray.height) continue;
    best = Math.max(best, correlation(Array.from(darkness.subarray(from, from + template.length)), template));
  }
  return best;
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
