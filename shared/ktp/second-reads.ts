// The second engine's reads (see line-model) of a NIK or a name left in doubt: the value's print
// cut from the camera frame in colour, at the network's input height.
import { affineInFrame, warpRgba, type Frame, type GrayImage, type RgbaImage } from './image';
import { LINE_HEIGHT, readLine, type LineModel, type LineRead } from './line-model';
import { CARD_WIDTH, NIK_LABEL_ROW, TEXT_COLUMN_RIGHT, VALUE_COLUMN } from './ktp-layout';
import { paddedBox, type Box, type OcrLine } from './lines';
import type { FieldReading } from './field-reading';
import { CONFIDENT } from './prefill';

/** Above and below the NIK's row, for a frame not aligned (fractions of the card's height). */
const ROW_MARGIN = 0.01;
/** A box this many times the NIK print's height holds more than the print. */
const TALL_BOX = 1.4;
/** The steepest tilt taken from the ink (~8.5°): beyond it the box holds more than one line. */
const MAX_SLOPE = 0.15;
/** Below this level (of the normalised text column) a pixel is print, weighted by how much darker. */
const INK_LEVEL = 160;

/**
 * A digit re-read (0–100) less confident than this is unsure of some digit. When every one is, the
 * second engine reads the NIK too: on a fresh tuning card a serial 8 half lost under a glare
 * spot's rim was read as 2 by all three reads (the digit re-reads at 45 and 61), and the birth
 * date and region then confirmed the NIK. About one card in twenty has every re-read so unsure
 * (tuning seeds 8–9). Tuning seeds 8–37 (3,000 cards): that NIK right and flagged, nothing else
 * changed; the median time per card 1.03× on seeds 28–30, card by card.
 */
const UNSURE_DIGITS = 65;

/**
 * Whether the second engine reads the NIK too: none was found, it is flagged or not confident,
 * part of its print is faded (`faded`, see print-fade), or every digit re-read is unsure of some
 * digit. It only changes a NIK it reads otherwise, and flags it (see resolveNik).
 */
export function nikInDoubt(nik: FieldReading | undefined, digitReads: readonly OcrLine[], faded: boolean): boolean {
  return !nik || nik.flags.length > 0 || nik.confidence < CONFIDENT || faded || digitReads.every((l) => l.confidence < UNSURE_DIGITS);
}

/**
 * Reads the NIK in `box` (where a read found it; else its row in the e-KTP layout), in the frame's
 * coordinates; `text`: the normalised text column, in the same coordinates. A box taller than the
 * print (a line tilted on a frame not quite level, or parts of the lines above and below) shrinks
 * the digits with it when scaled to LINE_HEIGHT, and the network loses some: a read short of
 * sixteen digits is read again from a band of the print's height along the ink's own tilt.
 */
export async function secondNikRead(model: LineModel, img: RgbaImage, frame: Frame, text: GrayImage, box: Box = nikLayoutBox(frame)): Promise<LineRead | undefined> {
  const read = await readLine(model, lineImage(img, frame, box), 'digits');
  const print = frame.height * (NIK_LABEL_ROW.bottom - NIK_LABEL_ROW.top);
  if (!read || read.text.length >= 16 || box.y1 - box.y0 < print * TALL_BOX) return read;
  const ink = inkLine(text, box);
  if (!ink) return read;
  const y0 = ink.y + ink.slope * (box.x0 - ink.x) - print / 2;
  const again = await readLine(model, lineImage(img, frame, { ...box, y0, y1: y0 + print }, ink.slope), 'digits');
  return again && again.text.length > read.text.length ? again : read;
}

/** The digits a NIK prints. */
const NIK_DIGITS = 16;
/** Fewer digits than this read give no pitch to widen a box by (see wholeNikBox). */
const PITCH_DIGITS = 8;

/**
 * The box of a NIK read as `digits` digits from `box` (the frame's coordinates), fewer than it
 * prints, widened to hold them all at the pitch of those read, and a digit more (the box ends
 * inside the last digit whose ink still shows): the box found from the ink or the block read's
 * words ends where the print is dark, and digits a glare spot washed out at either end fall
 * outside it. Which end is not known, so it grows both ways, within the values' column left of
 * the photo. Null when the read is whole, or too short to give the pitch. (A fresh tuning card:
 * the last five digits faded under a glare spot; every read from the box held fourteen, the
 * second engine's from the widened box all sixteen.)
 */
export function wholeNikBox(box: Box, digits: number): Box | null {
  if (digits >= NIK_DIGITS || digits < PITCH_DIGITS) return null;
  const missing = ((box.x1 - box.x0) / digits) * (NIK_DIGITS - digits + 1);
  const x0 = Math.max(CARD_WIDTH * VALUE_COLUMN, box.x0 - missing);
  const x1 = Math.min(CARD_WIDTH * TEXT_COLUMN_RIGHT, box.x1 + missing);
  // Never narrower than found: a box already past those bounds keeps its edge.
  return { ...box, x0: Math.min(box.x0, x0), x1: Math.max(box.x1, x1) };
}

/** Reads the name in `box` (the frame's coordinates): its letters, most word gaps lost (see name-choice). */
export async function secondNameRead(model: LineModel, img: RgbaImage, frame: Frame, box: Box): Promise<LineRead | undefined> {
  return readLine(model, lineImage(img, frame, box), 'name');
}

/**
 * `box` of the camera frame (a value's print) at the network's input height, in colour (the
 * network was trained on photos, not on binarised text); `slope`: the print's tilt (down per unit
 * right), the band following it.
 */
export function lineImage(img: RgbaImage, frame: Frame, box: Box, slope = 0): RgbaImage {
  const { x0, y0, x1, y1 } = paddedBox(box, frame.width * TEXT_COLUMN_RIGHT);
  // The band's top at x0, left of the box by the margin, follows the tilt.
  const top = y0 - slope * (box.y0 - y0);
  const s = (y1 - y0) / LINE_HEIGHT;
  return warpRgba(img, { ...affineInFrame(frame, [s, 0, x0, slope * s, s, top]), width: Math.round((x1 - x0) / s), height: LINE_HEIGHT });
}

/** The NIK's row in the layout, from the values' column to the photo: when no read found it. */
export const nikLayoutBox = (frame: Frame): Box => ({
  x0: frame.width * VALUE_COLUMN, y0: frame.height * (NIK_LABEL_ROW.top - ROW_MARGIN),
  x1: frame.width * TEXT_COLUMN_RIGHT, y1: frame.height * (NIK_LABEL_ROW.bottom + ROW_MARGIN),
});

/**
 * The centre line of the ink in `box` of `gray`: a point on it and its slope, by least squares
 * over the dark pixels (each weighted by how dark). Null without ink, or tilted past MAX_SLOPE.
 */
function inkLine(gray: GrayImage, box: Box): { x: number; y: number; slope: number } | null {
  let sw = 0; let sx = 0; let sy = 0; let sxx = 0; let sxy = 0;
  const x0 = Math.max(0, Math.round(box.x0)); const x1 = Math.min(gray.width, Math.round(box.x1));
  const y0 = Math.max(0, Math.round(box.y0)); const y1 = Math.min(gray.height, Math.round(box.y1));
  for (let y = y0; y < y1; y++) {
    for (let x = x0; x < x1; x++) {
      const w = Math.max(0, INK_LEVEL - (gray.data[y * gray.width + x] ?? 255));
      sw += w; sx += w * x; sy += w * y; sxx += w * x * x; sxy += w * x * y;
    }
  }
  if (sw === 0) return null;
  const x = sx / sw; const y = sy / sw;
  const spread = sxx / sw - x * x;
  const slope = spread > 0 ? (sxy / sw - x * y) / spread : 0;
  return Math.abs(slope) > MAX_SLOPE ? null : { x, y, slope };
}
