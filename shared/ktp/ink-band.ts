// Where a value's print is on an aligned frame, from its ink alone, so that its re-read can start
// before the block read has found it (see pipeline). The NIK is the card's largest, boldest print;
// the name is the only line between it and Tempat/Tgl Lahir. Both lie right of their colons.
import { otsu, crop, type GrayImage } from './image';
import type { Box } from './lines';
import { LABEL_ROWS, NIK_LABEL_ROW } from './ktp-layout';

interface Band {
  /** Where to search, fractions of the card: the value's row, a margin above and below. */
  readonly top: number;
  readonly bottom: number;
  /** The value's print is this tall (fractions of the card's height). */
  readonly minHeight: number;
  readonly maxHeight: number;
}

/** Right of the colons (at ~0.24 of the card's width) and left of the photo (at ~0.75). */
const SEARCH_FROM = 0.225;
const SEARCH_TO = 0.74;
/** A colon starts left of this; a value (printed from ~0.255) right of it. */
const COLON_BEFORE = 0.247;
/** A row belongs to the band while its ink is at least this share of the band's peak. */
const BAND_INK = 0.15;

export const NIK_BAND: Band = { top: NIK_LABEL_ROW.top - 0.045, bottom: NIK_LABEL_ROW.bottom + 0.045, minHeight: 0.025, maxHeight: 0.07 };
export const NAME_BAND: Band = {
  top: LABEL_ROWS.top - 0.02, bottom: LABEL_ROWS.top + LABEL_ROWS.text + 0.02, minHeight: 0.015, maxHeight: 0.045,
};

/**
 * The box of the value in `gray` (in the frame's coordinates, a card `cardWidth` × `cardHeight`):
 * the band of rows around the region's most inked row, from the first ink right of the colon to
 * the last. Null when no band of the value's height stands clear of the region's edges.
 */
export function inkBand(gray: GrayImage, cardWidth: number, cardHeight: number, band: Band): Box | null {
  const x0 = Math.round(cardWidth * SEARCH_FROM);
  const y0 = Math.max(0, Math.round(cardHeight * band.top));
  const region = crop(gray, x0, y0, cardWidth * (SEARCH_TO - SEARCH_FROM), cardHeight * band.bottom - y0);
  const t = otsu(region);
  // Otsu puts its threshold in the dark class.
  const dark = (x: number, y: number): boolean => (region.data[y * region.width + x] ?? 255) <= t;
  const rows = new Array<number>(region.height).fill(0);
  for (let y = 0; y < region.height; y++) for (let x = 0; x < region.width; x++) if (dark(x, y)) rows[y] = (rows[y] ?? 0) + 1;
  const peak = rows.indexOf(Math.max(...rows));
  const floor = (rows[peak] ?? 0) * BAND_INK;
  let top = peak;
  let bottom = peak;
  while (top > 0 && (rows[top - 1] ?? 0) > floor) top--;
  while (bottom < region.height - 1 && (rows[bottom + 1] ?? 0) > floor) bottom++;
  const height = bottom - top + 1;
  if (height < cardHeight * band.minHeight || height > cardHeight * band.maxHeight || top === 0 || bottom === region.height - 1) return null;
  const inked: boolean[] = [];
  for (let x = 0; x < region.width; x++) {
    let n = 0;
    for (let y = top; y <= bottom; y++) if (dark(x, y)) n++;
    inked.push(n > height * 0.1);
  }
  let first = inked.indexOf(true);
  // The colon: a narrow mark where colons are printed, a gap after it.
  let end = first;
  while (end >= 0 && inked[end]) end++;
  if (first >= 0 && x0 + first < cardWidth * COLON_BEFORE && end - first < height * 0.4) first = inked.indexOf(true, end);
  const last = inked.lastIndexOf(true);
  if (first < 0 || last - first < height) return null;
  return { x0: x0 + first, x1: x0 + last + 1, y0: y0 + top, y1: y0 + bottom + 1 };
}
