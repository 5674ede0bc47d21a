// The KTP reading pipeline, shared by the kiosk (renderer, tesseract.js in a Web Worker) and the
// operator/benchmark CLI (Node): locate and straighten the card, suppress the blue background,
// normalise light and contrast, read the text block (right of the labels where the frame is
// aligned), re-read the NIK with a digit whitelist and the name with a letter whitelist, parse.
import { crop, normalise, quietestRow, toGray, warp, type Frame, type GrayImage, type RgbaImage } from './image';
import { completedFrames, moreFrames, rankedFrames, type RankedFrame } from './card-frames';
import { alignColumn } from './column-align';
import { straighten } from './row-skew';
import { wholeImage } from './locate-card';
import { parseKtp, type KtpReading } from './parse-ktp';
import { labelLine, type Box, type OcrLine } from './lines';
import { labelValueRows } from './value-rows';
import { EDGE, mergeHalves, shiftLine } from './column-parts';
import { valuesColumn } from './name-start';
import { CONFIDENT } from './prefill';
import type { LineModel, LineRead } from './line-model';
import { nikInDoubt, secondNameRead, secondNikRead, wholeNikBox } from './second-reads';
import { fadedPrint, GLARE, glareAlong } from './print-fade';
import { CARD_WIDTH, TEXT_COLUMN_RIGHT, VALUE_COLUMN } from './ktp-layout';
import { COLON_WIDTH, fieldRereads, firstLine, rescueCrop, resample, speculativeNameReread, speculativeNikRereads, TIE_SCALE, type ReadContext } from './field-rereads';

/**
 * 'block': a block of "Label : value" lines (PSM 6). 'digits': one line of digits only (PSM 7).
 * 'name': one line of upper-case letters and name punctuation (PSM 7).
 */
export type OcrMode = 'block' | 'digits' | 'name';

export interface OcrEngine {
  recognize(image: GrayImage, mode: OcrMode): Promise<OcrLine[]>;
  /** The second engine, for a NIK in doubt (see line-model); a host without it reads without it. */
  readonly lineModel?: LineModel;
}

export interface KtpScan {
  readonly fields: KtpReading;
  /** What the engine read, for operators' diagnostics (the CLI's --lines). */
  readonly lines: readonly OcrLine[];
  readonly cardFound: boolean;
  /** The card lay upside down in the image: the fields were read from it turned half a turn. */
  readonly upsideDown: boolean;
  /**
   * The frame the fields were read from (the card upright, CARD_WIDTH wide), for cutting out the
   * stored card image; null when only the whole image could be read.
   */
  readonly frame: Frame | null;
  /** How many reads it took: 1 normally; more when a located card yielded too few labels. */
  readonly attempts: number;
  readonly timingsMs: Readonly<Record<string, number>>;
}

// Layout of the e-KTP (fractions of the card): the text column left of the photo, down to below
// the last printed line (Berlaku Hingga ends at ~0.8; nothing else is printed left of the photo
// column below it).
const TEXT_COLUMN = { x: 0, y: 0, w: TEXT_COLUMN_RIGHT, h: 0.95 };
/** Where the column is split (fractions of its height): below the Nama line, above the middle. */
const SPLIT = { from: 0.27, to: 0.34 };
/** How far each part reaches past the split (fractions of the column's height; a row is ~0.06). */
const OVERLAP = 0.035;
/**
 * How far the upper part of an aligned frame reaches past it: a third of a row, to the next
 * line's top (a sliver of its tall letters read glued to the Nama at 0.012 on tuning seed 8).
 */
const ALIGNED_TOP_OVERLAP = 0.02;
/**
 * How far the lower part of an aligned frame reaches above the split: just into the gap under the
 * Nama line, not half a row into the line (which the upper part reads whole, and its ink is
 * re-read). Reading it a third time cost the lower part a line in twelve. Measured together with
 * the re-reads' word lists left out (see OCR_INIT).
 */
const ALIGNED_BOTTOM_OVERLAP = 0.01;

/** Left of this (fraction of the card's width) an aligned frame holds no print: labels start at ~0.033. */
const BLANK_MARGIN = 0.02;

/** Fewer labels than this in every read: no card was read (see readKtp). */
const MIN_LABELS = 3;
/**
 * Of the card's 13 labels, at least this many read (or given back to values read right of them:
 * see value-rows) on a card read where it was located; fewer means the region was not the card
 * (or not all of it) and the next candidate is tried.
 */
const ENOUGH_LABELS = 9;

const labelCount = (lines: readonly OcrLine[]): number => lines.filter((l) => labelLine(l) !== null).length;

/** Width the whole image is read at when no card was read (1.7× the card's). */
const WHOLE_IMAGE_WIDTH = 1600;
/**
 * At most this many reads of the ranked frames, and as many of the regions the ranking stopped
 * short of, before the whole image is read as one block.
 */
const MAX_READS = 3;

/**
 * `now` is the host's monotonic clock (performance.now); shared/ has no access to it.
 * Every candidate for the card (see locate-card), both ways up, is scored by how much it looks
 * like an upright e-KTP's label column (see layout-score); the most card-like is read first,
 * and the next ones only while a read yields too few of the card's labels, then the regions the
 * ranking stopped short of. When none yields any, the most card-like frame is read completed to a
 * card's proportions, and failing that the whole image as one block.
 */
export async function readKtp(img: RgbaImage, engine: OcrEngine, now: () => number = Date.now): Promise<KtpScan> {
  const t0 = now();
  const frames = rankedFrames(img, CARD_WIDTH);
  const tLocated = now();
  let attempts = 0;
  const extra: Record<string, number> = { locate: tLocated - t0 };
  /** Reads the frames in turn until one yields ENOUGH_LABELS: the read with most labels, `best` included. */
  const readInTurn = async (queue: readonly QueuedFrame[], best: ReadFrame | null = null): Promise<ReadFrame | null> => {
    for (const ranked of queue) {
      const { upsideDown } = ranked;
      // Put right as found: turned level (row-skew), then moved across (column-align).
      const { frame, aligned } = alignColumn(img, straighten(img, ranked.frame, ranked.score));
      const read = await readFrame(img, frame, engine, now, aligned);
      attempts++;
      if (attempts > 1) extra[`attempt${attempts}`] = read.timingsMs.total ?? 0;
      if (!best || read.labels > best.labels) best = { ...read, frame, upsideDown };
      if (read.labels >= ENOUGH_LABELS) break;
    }
    return best;
  };
  let best = await readInTurn(frames.slice(0, MAX_READS));
  // None was the card: the regions the ranking stopped short of (see moreFrames), as many more.
  if ((best?.labels ?? 0) < ENOUGH_LABELS) best = await readInTurn(moreFrames(img, CARD_WIDTH, frames).slice(0, MAX_READS), best);
  // Before the whole image: the most card-like frame completed to a card's proportions (see
  // completedFrames), when the region it was located from missed an edge of the card.
  const [first] = frames;
  if (first?.location && (best?.labels ?? 0) < MIN_LABELS) best = await readInTurn(completedFrames(img, first.frame).map((c) => ({ ...first, ...c })), best);
  const found = { cardFound: frames.some((f) => f.location !== null) };
  if (best && best.labels >= MIN_LABELS) {
    const { labels: _labels, ...read } = best;
    return { ...read, ...found, attempts, timingsMs: { ...read.timingsMs, ...extra, total: now() - t0 } };
  }
  // Nothing card-like was read anywhere: the whole image, as plain OCR sees it (no wider than a
  // card is read, so a 12-megapixel upload does not cost tens of seconds).
  const t1 = now();
  const whole = wholeImage(img, Math.min(img.width, WHOLE_IMAGE_WIDTH)).frame;
  const lines = await engine.recognize(normalise(warp(img, whole, 'blue'), Math.round(whole.width / 30)), 'block');
  const fields = parseKtp(lines);
  return { fields, lines, ...found, upsideDown: false, frame: null, attempts: attempts + 1, timingsMs: { ...extra, whole: now() - t1, total: now() - t0 } };
}

/** `labels`: how many of the card's labels the read showed (see ENOUGH_LABELS). */
type FrameRead = Omit<KtpScan, 'cardFound' | 'upsideDown' | 'frame' | 'attempts'> & { readonly labels: number };
/** A frame read, and the frame it was read from, put right. */
type ReadFrame = FrameRead & { readonly frame: Frame; readonly upsideDown: boolean };
type QueuedFrame = Pick<RankedFrame, 'frame' | 'upsideDown' | 'score'>;

/**
 * One read of the card in `frame` (the card upright in it, CARD_WIDTH wide). `aligned`: the
 * labels are known to start at the e-KTP's margin (see column-align).
 */
async function readFrame(img: RgbaImage, frame: Frame, engine: OcrEngine, now: () => number, aligned: boolean): Promise<FrameRead> {
  const t0 = now();
  // Luma for the NIK: JPEG keeps colour at half resolution, and the large bold digits need the edges.
  const lumaStrip = (): GrayImage => normalise(warp(img, { ...frame, height: Math.round(frame.height * 0.3) }, 'luma'), Math.round(CARD_WIDTH / 30));
  // On an aligned frame the NIK is found from its ink (see ink-band): its re-reads start first,
  // on the third worker, and are handed to it before the text column is made. Elsewhere they
  // start from the upper part's read, and the strip is made while the parts are read.
  const strip = aligned ? lumaStrip() : undefined;
  const nikFirst = strip ? speculativeNikRereads({ img, frame, nikStrip: strip, engine }) : {};
  if (nikFirst.nik) await dispatched();
  // The blue channel keeps black print dark and turns the light-blue guilloche nearly white.
  const columnFrame = { ...frame, width: Math.round(CARD_WIDTH * TEXT_COLUMN.w), height: Math.round(frame.height * TEXT_COLUMN.h) };
  const text = normalise(warp(img, columnFrame, 'blue'), Math.round(CARD_WIDTH / 30));
  // Left of the labels, a frame that fits the card exactly shows the desk behind its rounded
  // corners, which OCR reads as marks glued to the header or the last line.
  if (aligned) whiten(text, Math.round(CARD_WIDTH * BLANK_MARGIN));
  const t1 = now();
  // Two parts split between text lines, read in parallel (one engine worker per core). The upper
  // part is the smaller one: re-reads that need its lines start as soon as it is read, while the
  // lower part is still being read.
  // Residual skew leaves no clean horizontal gap across the whole column, so the parts overlap
  // and a line cut by a part's edge is taken from the other part: by half a row each way on a
  // frame only located. On an aligned (levelled) one each part ends just past the gap: the upper
  // part would otherwise read most of Tempat/Tgl Lahir, labels and all, which the lower part reads
  // anyway (a fifth of the upper part's work), and the lower part the Nama line again.
  const split = quietestRow(text, SPLIT.from, SPLIT.to, Math.round(text.height / 40));
  const overlap = Math.round(text.height * OVERLAP);
  const topOverlap = aligned ? Math.round(text.height * ALIGNED_TOP_OVERLAP) : overlap;
  const topHeight = Math.min(text.height, split + topOverlap);
  const bottomStart = Math.max(0, split - (aligned ? Math.round(text.height * ALIGNED_BOTTOM_OVERLAP) : overlap));
  // On an aligned frame the lower part is read right of its labels (see value-rows).
  const valuesFrom = aligned ? Math.round(CARD_WIDTH * VALUE_COLUMN) : 0;
  const readBottom = (from: number): Promise<OcrLine[]> => engine.recognize(crop(text, from, bottomStart, text.width - from, text.height - bottomStart), 'block')
    .then((read) => read.map((l) => shiftLine(l, from, bottomStart)));
  const bottomRead = readBottom(valuesFrom);
  const topRead = engine.recognize(crop(text, 0, 0, text.width, topHeight), 'block');
  await dispatched();
  const nikStrip = strip ?? lumaStrip();
  // The name's re-read from its ink, once both parts have been handed to the workers.
  const at: ReadContext = { img, frame, nikStrip, text, engine };
  const first = aligned ? { ...nikFirst, ...speculativeNameReread(at) } : {};
  const top = await topRead;
  const t2 = now();
  // All re-reads always run (~0.05 s each): a wrong serial digit or merged name words look as
  // confident and as consistent as right ones, so nothing in the block read tells them apart.
  // Those not started from the ink start from the upper part's lines; a line it did not hold (a
  // frame that sits high on the card puts the Nama line below the split) is re-read from the
  // whole column's afterwards.
  const topWhole = top.filter((l) => !l.bbox || l.bbox.y1 < topHeight - EDGE);
  const early = fieldRereads(at, topWhole, first, false);
  const values = await bottomRead;
  const rows = valuesFrom === 0 ? null : labelValueRows(values, topWhole, frame.height);
  const bottom = valuesFrom === 0 ? values : rows ?? await readBottom(0);
  // A line in both parts is taken from the upper one, which read its label, unless cut there.
  const lines = mergeHalves(top, bottom, topHeight, bottomStart, rows !== null);
  // Labels given back by row count as read: they are given only on rows pinned by values that
  // no other row prints, which a region other than the card does not show.
  const labels = labelCount(lines);
  const late = fieldRereads(at, lines, { ...first, ...early }, true);
  // The latest start wins: a name re-read again from where the block read found it.
  const pick = <K extends 'nik' | 'nikHiRes' | 'name' | 'ink'>(k: K) => late[k] ?? early[k] ?? first[k] ?? Promise.resolve(undefined);
  const [nikLine, nameLine, nikHiRes, ink] = await Promise.all([pick('nik'), pick('name'), pick('nikHiRes'), pick('ink')]);
  // The name re-read from its ink, when it was re-read again from where the block read found it:
  // a third witness (the two re-reads can disagree on a letter the block read misread too).
  const nameWitness = first.name && pick('name') !== first.name ? await first.name : undefined;
  const t3 = now();
  const nikLines = [nikLine, nikHiRes].filter((l): l is OcrLine => l !== undefined);
  const options = { nikLines, ...(nameLine ? { nameLine } : {}), ...(ink ? { nameInk: ink } : {}), ...(nameWitness ? { nameWitness } : {}) };
  let fields = parseKtp(lines, options);
  // A NIK in doubt (see nikInDoubt), such as one whose print a glare spot faded in part (see
  // print-fade), is read by the second engine, whose errors are not tesseract's (see
  // line-model). It runs on this thread while the workers read the name again below. One read
  // short of its digits, it reads from the box widened to hold them all (see wholeNikBox), and
  // that box is the one looked at for faded print too.
  const foundNik = late.nikBox ?? early.nikBox ?? first.nikBox;
  const nikBox = (foundNik && fields.nik ? wholeNikBox(foundNik, fields.nik.value.length) : null) ?? foundNik;
  const nikDoubt = nikInDoubt(fields.nik, nikLines, nikBox !== undefined && (fadedPrint(nikStrip, nikBox) || glareAlong(img, frame, nikBox) >= GLARE));
  // Evidence, never required: whatever fails in it leaves the NIK as the other reads gave it.
  const nikSecond = engine.lineModel && nikDoubt ? secondNikRead(engine.lineModel, img, frame, text, nikBox).catch(() => undefined) : undefined;
  const more: { nameTieBreak?: OcrLine; nameRescue?: OcrLine; nikSecond?: OcrLine; nameSecond?: LineRead } = {};
  // The block read and the re-read spell the name differently (one in ten cards or fewer): a third
  // read of the re-read's box, at another resolution, may side with one of them (see name-choice),
  // and so may the second engine's read of the line from the values' column on, after the NIK's.
  const nameBox = late.nameBox ?? early.nameBox ?? first.nameBox;
  const column = valuesColumn(lines);
  const lineBox = nameBox && column !== null
    ? { ...nameBox, x0: Math.min(nameBox.x0, column.x + (column.colon ? (nameBox.y1 - nameBox.y0) * COLON_WIDTH : 0)) }
    : nameBox;
  const tieBreak = nameLine !== undefined && nameBox !== undefined && (fields.nama?.flags.includes('ktp.nameReadsDisagree') ?? false);
  const readSecond = (box: Box | undefined): Promise<LineRead | undefined> | undefined =>
    engine.lineModel && box ? secondNameRead(engine.lineModel, img, frame, box).catch(() => undefined) : undefined;
  let nameSecond = tieBreak ? readSecond(lineBox) : undefined;
  if (tieBreak && nameBox) {
    const third = await firstLine(engine.recognize(resample(img, frame, nameBox, TIE_SCALE, 'blue'), 'name'));
    if (third) more.nameTieBreak = third;
    const letters = await nameSecond;
    if (letters) more.nameSecond = letters;
    fields = parseKtp(lines, { ...options, ...more });
  }
  // A name still in doubt is read once more from the values' column on, its contrast stretched
  // locally: under a glare spot the print is left light grey, and the reads above lose the letters
  // there, or whole words when the box they were read from starts past them (see name-choice).
  // The second engine reads it too (on this thread, while a worker makes the rescue read), and
  // may change the letters it is sure tesseract misread (see name-second).
  // Both read as far right as the rescue crop finds print (see rescueCrop): the second engine,
  // reading only the box the other reads saw, would vouch for a name they all cut short.
  const doubt = fields.nama && (fields.nama.flags.length > 0 || fields.nama.confidence < CONFIDENT);
  const line = fields.nama && lineBox && column !== null ? rescueCrop(img, frame, lineBox) : undefined;
  // Print a letter wide or more past the box every read took the name from puts a name in doubt
  // however surely and alike they read it: a glare spot left its last word light grey, and all of
  // them stopped before it (YUSRIZAL, surely read, for YUSRIZAL MALAYU on a tuning card).
  const printsOn = line !== undefined && lineBox !== undefined && line.box.x1 - lineBox.x1 >= lineBox.y1 - lineBox.y0;
  if ((doubt || printsOn) && line && lineBox) {
    if (!nameSecond || line.box !== lineBox) nameSecond = readSecond(line.box);
    const rescue = await firstLine(engine.recognize(line.image, 'name'));
    if (rescue) more.nameRescue = rescue;
    const letters = await nameSecond;
    if (letters) more.nameSecond = letters;
    if (rescue || letters) fields = parseKtp(lines, { ...options, ...more });
  }
  const second = await nikSecond;
  if (second) { more.nikSecond = second; fields = parseKtp(lines, { ...options, ...more }); }
  const t4 = now();
  return { fields, lines, labels, timingsMs: { preprocess: t1 - t0, ocrTop: t2 - t1, ocrRest: t3 - t2, parse: t4 - t3, total: t4 - t0 } };
}

function whiten(gray: GrayImage, width: number): void {
  for (let y = 0; y < gray.height; y++) gray.data.fill(255, y * gray.width, y * gray.width + Math.min(width, gray.width));
}

// Both hosts (browser, Node) have it; shared/ compiles without DOM or Node types.
declare const setTimeout: (callback: () => void, ms: number) => unknown;

/**
 * Resolves once pending engine calls have reached their workers (a macrotask later): a call hands
 * its image over only after the calling code gives way, and the pixel work after it would hold it.
 */
function dispatched(): Promise<void> {
  return new Promise((resolve) => { setTimeout(resolve, 0); });
}

/** The benchmark's baseline: plain OCR of the whole image, no preprocessing, same parser. */
export async function readKtpBaseline(img: RgbaImage, engine: OcrEngine, now: () => number = Date.now): Promise<KtpScan> {
  const t0 = now();
  const lines = await engine.recognize(toGray(img, 'luma'), 'block');
  const t1 = now();
  const fields = parseKtp(lines);
  return { fields, lines, cardFound: false, upsideDown: false, frame: null, attempts: 1, timingsMs: { ocrBlock: t1 - t0, total: now() - t0 } };
}
