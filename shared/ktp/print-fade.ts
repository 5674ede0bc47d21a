// A glare spot over part of a value washes its print out there: in the flat-fielded strip (see
// normalise) that part's ink is grey where the rest is black. Tesseract's reads of a NIK so
// faded tend to agree on the same misread of the faded digit, and confidently (a serial digit,
// which nothing else on the card checks): such a NIK is read by the second engine too (see
// pipeline), whatever its reads' confidence.
import type { GrayImage } from './image';
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
