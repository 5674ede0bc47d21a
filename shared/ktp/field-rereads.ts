// The re-reads of the values that must be exact, the NIK and the name, started as soon as their
// box is known (from the ink on an aligned frame, else from the block read's words): small crops
// resampled from the camera frame and read with a whitelist by the best-model worker. Evidence,
// never required: a failed re-read is left out.
import { crop, normalise, subFrame, trimLeadingMark, warp, type Frame, type GrayImage, type RgbaImage } from './image';
import { labelLine, paddedBox, type Box, type OcrLine } from './lines';
import { fixDigits } from './text';
import { nameInk, type NameInk } from './name-ink';
import { inkBand, NAME_BAND, NIK_BAND } from './ink-band';
import { localContrast } from './local-contrast';
import { CARD_WIDTH, TEXT_COLUMN_RIGHT } from './ktp-layout';
import type { OcrEngine } from './pipeline';

/** The NIK's value in the e-KTP layout (fractions of the card), where no read found it. */
const NIK_BOX = { x: 0.22, y: 0.125, w: 0.5, h: 0.115 };
/** Right of the label "Nama", left of its colon (at 0.24): where the name's ink is measured from. */
const NAME_INK_FROM = 0.2;

export interface Rereads {
  readonly nik?: Promise<OcrLine | undefined>;
  readonly nikHiRes?: Promise<OcrLine | undefined>;
  readonly name?: Promise<OcrLine | undefined>;
  readonly ink?: Promise<NameInk | undefined>;
  /** Where the NIK and the name were re-read from. */
  readonly nikBox?: Box;
  readonly nameBox?: Box;
}

export interface ReadContext {
  readonly img: RgbaImage;
  readonly frame: Frame;
  /** The top of the card in luma, where the NIK is re-read. */
  readonly nikStrip: GrayImage;
  /** The normalised text column the block was read from. */
  readonly text: GrayImage;
  readonly engine: OcrEngine;
}

/** What the NIK's re-reads need: all but the text column, made after they start. */
type NikContext = Omit<ReadContext, 'text'>;

/**
 * Starts the re-reads of the NIK and the name whose lines `lines` holds and `done` (the re-reads
 * already started) has not: the NIK's digits from the luma strip and at another scale (three reads
 * let the parser vote digit by digit), the name's letters at a higher resolution; and measures the
 * name's ink. Re-reads started from the ink are started again when the block read found the value
 * elsewhere. `late`: these are the whole column's lines, not the upper part's.
 */
export function fieldRereads(at: ReadContext, lines: readonly OcrLine[], done: Rereads, late: boolean): Rereads {
  const { frame, nikStrip, text, engine } = at;
  const nikBox = valueBox(lines, 'nik', (t) => fixDigits(t).replace(/[^0-9]/g, '').length >= 8);
  const nameBox = valueBox(lines, 'nama', (t, box) => box.x0 >= CARD_WIDTH * NIK_BOX.x && /[A-Za-z]/.test(t));
  const namaLine = lines.find((l) => labelLine(l)?.field === 'nama');
  const out: { -readonly [K in keyof Rereads]: Rereads[K] } = {};
  // The NIK is read even when no line shows it (then from its place in the layout), but only
  // from the whole column: the upper part may have missed it.
  const nikDone = done.nik && (!nikBox || !done.nikBox || sameRow(done.nikBox, nikBox));
  if (!nikDone && nikBox) Object.assign(out, nikRereads(at, nikBox));
  else if (!nikDone && late) out.nik = firstLine(engine.recognize(trimLeadingMark(nikCrop(nikStrip, null, frame.height)), 'digits'));
  const nameDone = done.name && (!nameBox || !done.nameBox || sameBox(done.nameBox, nameBox));
  if (!nameDone && nameBox) Object.assign(out, nameReread(at, nameBox));
  if (!done.ink && namaLine?.bbox) {
    const ink = nameInk(text, namaLine.bbox, CARD_WIDTH * NAME_INK_FROM);
    if (ink) out.ink = Promise.resolve(ink);
  }
  return out;
}

/** A re-read's line; none when the engine failed it (a re-read is evidence, never required). */
export const firstLine = (read: Promise<OcrLine[]>): Promise<OcrLine | undefined> => read.then((r) => r[0], () => undefined);

/**
 * On an aligned frame, the NIK's two digit re-reads of the digits found from their ink (see
 * ink-band), started before the block read is even prepared: the best-model worker, otherwise
 * idle until then, reads while the text column is made.
 */
export function speculativeNikRereads(at: NikContext): Rereads {
  const nik = inkBand(at.nikStrip, CARD_WIDTH, at.frame.height, NIK_BAND);
  return nik ? nikRereads(at, nik) : {};
}

/**
 * On an aligned frame, the name's re-read of the letters found from their ink, started with the
 * block read rather than after it; fieldRereads repeats it if the block read puts the name elsewhere.
 */
export function speculativeNameReread(at: ReadContext): Rereads {
  const name = inkBand(at.text, CARD_WIDTH, at.frame.height, NAME_BAND);
  return name ? nameReread(at, name) : {};
}

/** The NIK's two digit re-reads of the digits in `box`: from the luma strip, and at NIK_SCALE. */
function nikRereads({ img, frame, nikStrip, engine }: NikContext, box: Box): Rereads {
  return {
    nik: firstLine(engine.recognize(trimLeadingMark(nikCrop(nikStrip, box, frame.height)), 'digits')),
    nikHiRes: firstLine(engine.recognize(trimLeadingMark(resample(img, frame, box, NIK_SCALE, 'luma')), 'digits')),
    nikBox: box,
  };
}

/** The name's re-read of the letters in `box`, at NAME_SCALE. */
function nameReread({ img, frame, engine }: ReadContext, box: Box): Rereads {
  return { name: firstLine(engine.recognize(resample(img, frame, box, NAME_SCALE, 'blue'), 'name')), nameBox: box };
}

/**
 * Whether the ink's box for the NIK lies on the row the block read found it on (`read`): where
 * the digits start and end, the crops' margins absorb (a colon read glued to them moves that).
 */
function sameRow(ink: Box, read: Box): boolean {
  return Math.min(ink.y1, read.y1) - Math.max(ink.y0, read.y0) >= (read.y1 - read.y0) * 0.5;
}

/** Whether the ink's box for a value holds what the block read found there (`read`). */
function sameBox(ink: Box, read: Box): boolean {
  const h = read.y1 - read.y0;
  return Math.abs(ink.x0 - read.x0) <= h * 0.5 && Math.abs(ink.y0 - read.y0) <= h * 0.35 && Math.abs(ink.y1 - read.y1) <= h * 0.35 && ink.x1 >= read.x1 - h * 0.5;
}

/** Resolution of the field re-reads relative to the block read: word gaps and thin strokes survive. */
export const NAME_SCALE = 1.7;
const NIK_SCALE = 1.5;
/** The name's third read, when the first two disagree: nearer the block read's resolution. */
export const TIE_SCALE = 1.3;
/** The colon before a value, and the space after it, in cap heights: where the value's ink may start after it. */
export const COLON_WIDTH = 0.5;

/** The union of the words of a field's line that `keep` accepts (the value, not the label). */
function valueBox(lines: readonly OcrLine[], field: string, keep: (text: string, box: Box) => boolean): Box | null {
  const line = lines.find((l) => labelLine(l)?.field === field);
  const words = (line?.words ?? []).filter((w) => keep(w.text, w.bbox));
  const first = words[0];
  if (!first) return null;
  const box = words.reduce((a, w) => ({
    x0: Math.min(a.x0, w.bbox.x0), y0: Math.min(a.y0, w.bbox.y0), x1: Math.max(a.x1, w.bbox.x1), y1: Math.max(a.y1, w.bbox.y1),
  }), first.bbox);
  // The line may reach further right than the words kept (a last word read as noise).
  return { ...box, x1: Math.max(box.x1, line?.bbox?.x1 ?? box.x1) };
}

/**
 * A box of the block read resampled from the camera frame at a higher resolution, where tesseract
 * merges fewer words ("RINA SIREGAR" → "RINASIREGAR") and confuses fewer digits.
 */
export function resample(img: RgbaImage, frame: Frame, box: Box, scale: number, channel: 'blue' | 'luma', stretch: 'flat' | 'local' = 'flat'): GrayImage {
  const { x0, y0, x1, y1 } = paddedBox(box, CARD_WIDTH * TEXT_COLUMN_RIGHT);
  const sub = subFrame(frame, x0, y0, 1 / scale, 1 / scale, (x1 - x0) * scale, (y1 - y0) * scale);
  const raw = warp(img, sub, channel);
  return stretch === 'local' ? localContrast(raw, Math.round(sub.height * LOCAL_RADIUS)) : normalise(raw, Math.round(sub.height * 2));
}

/** The local contrast stretch's reach, in the crop's heights: a letter or two either side. */
const LOCAL_RADIUS = 0.8;

/**
 * How far right the rescue read looks for the name's print (fraction of the card's width): short
 * of the text column's end, where a frame a little off takes in the photo's edge.
 */
const RESCUE_RIGHT = 0.7;

/**
 * The name's line for the rescue read (see readFrame): `box` resampled at NAME_SCALE with its
 * contrast stretched locally, reaching on right while print follows the box's end, short of
 * RESCUE_RIGHT. Under a glare spot the reads before it found the name's box from the print they
 * saw, and a word or two at its end, left light grey, lay outside it (JOKO SUBAGYO read as JOKO
 * SU on tuning seed 54). Past that print the crop ends as `box`'s own does. With it, the box
 * the print reaches (`box` itself when it reaches no further).
 */
export function rescueCrop(img: RgbaImage, frame: Frame, box: Box): { readonly image: GrayImage; readonly box: Box } {
  const wide = resample(img, frame, { ...box, x1: Math.max(box.x1, CARD_WIDTH * RESCUE_RIGHT) }, NAME_SCALE, 'blue', 'local');
  const own = paddedBox(box, CARD_WIDTH * TEXT_COLUMN_RIGHT);
  const ownWidth = Math.round((own.x1 - own.x0) * NAME_SCALE);
  const pad = Math.round((own.x1 - box.x1) * NAME_SCALE);
  const last = lastPrintColumn(wide, ownWidth - pad);
  const width = Math.min(wide.width, Math.max(ownWidth, last + 1 + pad));
  const reach = width > ownWidth ? { ...box, x1: box.x1 + (width - ownWidth) / NAME_SCALE } : box;
  return { image: crop(wide, 0, 0, width, wide.height), box: reach };
}

/**
 * The last column of print in `gray` (a line's crop, contrast stretched locally) reached from
 * column `from` on across gaps no wider than a word gap (MAX_GAP crop heights): a column of print
 * holds two dark pixels or more where the letters lie and none along the crop's top or bottom
 * edge (EDGE_BAND of its height), which the letters do not reach and a patterned background, its
 * lines stretched dark, fills (HORAS MANGASI SIAHAAN read on as "XX BE" on tuning seed 42).
 * `from` - 1 when no print follows.
 */
function lastPrintColumn(gray: GrayImage, from: number): number {
  const { width: w, height: h, data } = gray;
  const edge = Math.max(1, Math.round(h * EDGE_BAND));
  const maxGap = Math.round(h * MAX_GAP);
  let last = from - 1;
  for (let x = Math.max(0, from); x < w && x - last <= maxGap; x++) {
    let dark = 0;
    let onEdge = false;
    for (let y = 0; y < h; y++) {
      if ((data[y * w + x] ?? 255) >= 128) continue;
      if (y < edge || y >= h - edge) onEdge = true;
      else dark++;
    }
    if (dark >= 2 && !onEdge) last = x;
  }
  return last;
}

/** Crop heights (a cap height and a half): a word gap prints at most 0.65 cap heights. */
const MAX_GAP = 0.6;
/** The share of a line's crop along its top and bottom (its padding is a sixth) where letters never reach. */
const EDGE_BAND = 0.1;

/**
 * The NIK value for the digit-only re-read, from the strip across the card's top (`strip`, in the
 * frame's coordinates): the block read's NIK digits to the end of their line when it found them
 * (the box follows any residual tilt), else the NIK's place in the e-KTP layout. The label is
 * left out.
 */
function nikCrop(strip: GrayImage, box: Box | null, cardHeight: number): GrayImage {
  if (box) {
    const pad = (box.y1 - box.y0) * 0.4;
    return crop(strip, box.x0 - pad, box.y0 - pad, box.x1 - box.x0 + pad * 2, box.y1 - box.y0 + pad * 2);
  }
  return crop(strip, CARD_WIDTH * NIK_BOX.x, cardHeight * NIK_BOX.y, CARD_WIDTH * NIK_BOX.w, cardHeight * NIK_BOX.h);
}
