// A glare spot over part of a value washes its print out there: in the flat-fielded strip (see
// normalise) that part's ink is grey where the rest is black. Tesseract's reads of a NIK so
// faded tend to agree on the same misread of the faded digit, and confidently (a serial digit,
// which nothing else on the card checks): such a NIK is read by the second engine too (see
// pipeline), whatever its reads' confidence. So is one along which the paper turns near white in
// a stretch (see glareAlong): a glare spot that left the digits black but took the lower curve of
// a 3, read as 2 by every read alike.
import { subFrame, warp, type Frame, type GrayImage, type RgbaImage } from './image';
import type { Box } from './lines';

/** A digit-wide window whose darkest ink (5th percentile, 0–255) is below this is printed black. */
const BLACK = 30;
/**
 * Between black windows, one whose darkest ink is this light is faded. Tuning seeds 18–27: a NIK
 * misread under a glare spot at 57; 22 of 1,000 cards at 40 or more, 44 at 30.
 */
const FADED = 40;
/** The window's width, in the box's heights (a digit's advance is ~0.6 of the print's height). */
const WINDOW = 0.6;

/** Part of the print in `box` of `gray` (normalised, dark on white) is faded between black print. */
export function fadedPrint(gray: GrayImage, box: Box): boolean {
  const y0 = Math.max(0, Math.round(box.y0));
  const y1 = Math.min(gray.height, Math.round(box.y1));
  const win = Math.max(4, Math.round((y1 - y0) * WINDOW));
  const x1 = Math.min(gray.width, Math.round(box.x1));
  const darkest: number[] = [];
  for (let x = Math.max(0, Math.round(box.x0)); x + win <= x1; x += win) {
    const values: number[] = [];
    for (let y = y0; y < y1; y++) for (let dx = 0; dx < win; dx++) values.push(gray.data[y * gray.width + x + dx] ?? 255);
    values.sort((a, b) => a - b);
    darkest.push(values[Math.floor(values.length * 0.05)] ?? 255);
  }
  const first = darkest.findIndex((v) => v < BLACK);
  const last = darkest.findLastIndex((v) => v < BLACK);
  return first >= 0 && darkest.slice(first, last + 1).some((v) => v >= FADED);
}

/**
 * How much lighter the paper is in the lightest stretch along `box` (a value's print, in
 * `frame`'s coordinates) than along most of it, 0–255: the camera's luma, unflattened, so a glare
 * spot shows as paper near white where the rest is the card's tint. Measured at half resolution
 * in windows a print height wide, from the box a print height above to one below: the paper level
 * of each is its 90th percentile, and the result its greatest less their median.
 */
export function glareAlong(img: RgbaImage, frame: Frame, box: Box): number {
  const h = box.y1 - box.y0;
  const x0 = box.x0 - h;
  const y0 = box.y0 - h;
  const band = warp(img, subFrame(frame, x0, y0, 2, 2, (box.x1 - box.x0 + 2 * h) / 2, (3 * h) / 2), 'luma');
  const win = Math.max(2, Math.round(h / 2));
  const levels: number[] = [];
  for (let x = 0; x + win <= band.width; x += win) {
    const values: number[] = [];
    for (let y = 0; y < band.height; y++) for (let dx = 0; dx < win; dx++) values.push(band.data[y * band.width + x + dx] ?? 0);
    values.sort((a, b) => a - b);
    levels.push(values[Math.floor(values.length * 0.9)] ?? 0);
  }
  if (levels.length < 3) return 0;
  const sorted = [...levels].sort((a, b) => a - b);
  return (sorted.at(-1) ?? 0) - (sorted[Math.floor(sorted.length / 2)] ?? 0);
}

/**
 * glareAlong at or above this puts a NIK in doubt. Tuning seeds 58–62 (500 cards, measured at
 * full resolution): 25 at 20 or more, 11 of them under a glare spot over the NIK; 63 at 10; at
 * half resolution, 29 of 500. A NIK read as 9506052512542515 for ...543515 by every read,
 * unflagged, measured 27. It is a weak sign (most spots over a NIK measure less, the paper there
 * being near white already), but a cheap one: the second engine only changes a choice, never
 * confirms one, so a spot found where there is none costs its read's time (~0.1 s) and no more.
 */
export const GLARE = 20;
