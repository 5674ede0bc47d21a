// What the Nama line's ink says about the name, independently of what OCR made of it: how many
// words are printed and about how many letters each holds. A read with fewer words, or a word far
// shorter than its ink, lost part of the name (under a glare spot, on a dark table) — the costly
// error, since a name prefilled without a flag is not checked by the applicant.
import { crop, otsu, type GrayImage } from './image';
import type { Box } from './lines';

export interface NameInk {
  /** Printed words left to right, each as its estimated number of letters. */
  readonly words: readonly number[];
  /** From the first word's start to the last one's end, in letters (spaces included). */
  readonly extent: number;
  /** Letter-shaped blobs in the name: its letters, where none broke apart or touched. */
  readonly letters: number;
  /** Apostrophes printed between letters, each as how many letter blobs stand left of it. */
  readonly marks: readonly number[];
  /** Each printed word's width in cap heights (the `words` above); absent where not measured. */
  readonly widths?: readonly number[];
  /** The letter blobs (see `letters`) left to right, each from and to, in cap heights from the name's start; absent where not measured. */
  readonly blobs?: readonly (readonly [number, number])[];
}

/** Average advance of a capital in the KTP's sans-serif, in cap heights (Arial: ~0.67 em / 0.716 em). */
const ADVANCE = 0.94;
/** A gap wider than this (cap heights) is a word space: ~0.45–0.5 in Arial; beside an I, letters stand ~0.26 apart. */
const WORD_GAP = 0.36;

interface Blob { x0: number; x1: number; y0: number; y1: number }

/**
 * `text`: the normalised text column (print dark on white); `line`: the Nama line's box in it;
 * `fromX`: where the value may start (left of the colon; the label is not included).
 * Null when the line is too small to measure.
 */
export function nameInk(text: GrayImage, line: Box, fromX: number): NameInk | null {
  const lineH = line.y1 - line.y0;
  if (lineH < 6) return null;
  const y0 = Math.max(0, Math.round(line.y0 - lineH * 0.15));
  const y1 = Math.min(text.height, Math.round(line.y1 + lineH * 0.15));
  const x0 = Math.max(0, Math.round(fromX));
  const w = text.width - x0;
  const bh = y1 - y0;
  if (w <= 0 || bh <= 0) return null;
  const band = crop(text, x0, y0, w, bh);
  // Faded print or a shadow leaves letters grey: the band's own split between ink and paper.
  const threshold = Math.min(otsu(band), 160);
  const dark = new Uint8Array(w * bh);
  for (let i = 0; i < dark.length; i++) dark[i] = (band.data[i] ?? 255) <= threshold ? 1 : 0;
  const all = components(dark, w, bh);
  // OCR's line box may reach above or below the capitals (a label's descender, a mark): the cap
  // height is the common height of the letter-shaped blobs.
  const letterLike = all.filter((b) => b.y1 - b.y0 + 1 >= lineH * 0.3 && b.y1 - b.y0 + 1 <= lineH * 1.2 && b.x1 - b.x0 < (b.y1 - b.y0 + 1) * 1.5);
  const h = median(letterLike.map((b) => b.y1 - b.y0 + 1));
  if (h < 5) return null;
  const tall = all
    // Letters stand most of the cap height; the colon's dots, specks and a full stop do not.
    .filter((b) => b.y1 - b.y0 + 1 >= h * 0.7 && b.y1 - b.y0 + 1 <= h * 1.5)
    // Something cut by the column's right edge is the photo's border, not print.
    .filter((b) => b.x1 < w - 2);
  // Capitals share a top and a bottom line; a tall mark off them (watermark, guilloche) is not print.
  const top = median(tall.map((b) => b.y0));
  const bottom = median(tall.map((b) => b.y1));
  const blobs = tall.filter((b) => Math.abs(b.y1 - bottom) <= h * 0.25 && Math.abs(b.y0 - top) <= h * 0.3).sort((a, b) => a.x0 - b.x0);
  const words: Blob[] = [];
  for (const b of blobs) {
    const last = words.at(-1);
    if (last && b.x0 - last.x1 < h * WORD_GAP) Object.assign(last, { x1: Math.max(last.x1, b.x1), y0: Math.min(last.y0, b.y0), y1: Math.max(last.y1, b.y1) });
    else words.push({ ...b });
  }
  const letters = (x0: number, x1: number): number => (x1 - x0 + 1) / (h * ADVANCE);
  const capHeight = bottom - top + 1;
  // A word narrower than a third of a letter is a stray stroke — unless it is a lone upright
  // stroke of the full cap height opening the name: the I of Balinese names ("I MADE …").
  const loneI = (word: Blob, i: number): boolean =>
    i === 0 && words.length > 1 && word.y1 - word.y0 + 1 >= capHeight * 0.85 && Math.abs(word.y0 - top) <= h * 0.15 && Math.abs(word.y1 - bottom) <= h * 0.15;
  const printed = words.filter((word, i) => letters(word.x0, word.x1) >= 0.35 || loneI(word, i));
  // No capitals found on the line (washed out, too faint): no evidence either way.
  if (printed.length === 0) return null;
  const first = printed[0];
  const last = printed.at(-1);
  const from = first?.x0 ?? 0;
  const to = last?.x1 ?? 0;
  const inName = blobs.filter((b) => b.x0 >= from && b.x1 <= to);
  const marks = h < APOSTROPHE.minCap ? [] : all
    .filter((b) => isApostrophe(b, h, top) && b.x0 > from && b.x1 < to && !blobs.some((t) => t.x0 <= b.x1 && b.x0 <= t.x1))
    .map((m) => inName.filter((b) => b.x1 < m.x0).length);
  return {
    words: printed.map((word) => Math.max(1, letters(word.x0, word.x1))),
    extent: letters(from, to),
    letters: inName.length,
    marks,
    widths: printed.map((word) => (word.x1 - word.x0 + 1) / capHeight),
    blobs: inName.map((b) => [(b.x0 - from) / capHeight, (b.x1 + 1 - from) / capHeight] as const),
  };
}

/**
 * The apostrophe's shape in the KTP's sans-serif, in cap heights, measured on 1,600 tuning cards:
 * a stroke 0.2–0.36 tall and at most 0.27 wide hanging from the capitals' top line. Below
 * `minCap` pixels of cap height it is 2 × 3 pixels, which a speck of noise matches as well.
 */
const APOSTROPHE = { minCap: 10, minHeight: 0.18, maxHeight: 0.42, maxWidth: 0.3, above: 0.15, below: 0.12 };

/** A blob shaped and placed like an apostrophe (see APOSTROPHE). */
function isApostrophe(b: Blob, h: number, top: number): boolean {
  const height = (b.y1 - b.y0 + 1) / h;
  const offset = (b.y0 - top) / h;
  return height >= APOSTROPHE.minHeight && height <= APOSTROPHE.maxHeight && (b.x1 - b.x0 + 1) / h <= APOSTROPHE.maxWidth
    && offset >= -APOSTROPHE.above && offset <= APOSTROPHE.below;
}

/** The upper middle value (sorts `xs` in place). */
export const median = (xs: number[]): number => xs.sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? 0;

/** 8-connected components of the set pixels, as bounding boxes. */
function components(mask: Uint8Array, w: number, h: number): Blob[] {
  const seen = new Uint8Array(mask.length);
  const stack = new Int32Array(mask.length);
  const out: Blob[] = [];
  for (let start = 0; start < mask.length; start++) {
    if (!mask[start] || seen[start]) continue;
    let top = 0;
    stack[top++] = start; seen[start] = 1;
    const b = { x0: w, x1: 0, y0: h, y1: 0 };
    while (top > 0) {
      const k = stack[--top] ?? 0;
      const x = k % w; const y = (k - x) / w;
      if (x < b.x0) b.x0 = x; if (x > b.x1) b.x1 = x;
      if (y < b.y0) b.y0 = y; if (y > b.y1) b.y1 = y;
      for (let dy = -1; dy <= 1; dy++) {
        for (let dx = -1; dx <= 1; dx++) {
          const nx = x + dx; const ny = y + dy;
          if (nx < 0 || ny < 0 || nx >= w || ny >= h) continue;
          const n = ny * w + nx;
          if (mask[n] && !seen[n]) { seen[n] = 1; stack[top++] = n; }
        }
      }
    }
    out.push(b);
  }
  return out;
}

/**
 * Whether a read name holds less than the ink shows: far fewer characters than its ink's extent
 * (a lost first or last word, a name cut after an initial), a word of at least a letter and a
 * half more than it read, or a word under half the letters its ink's width suggests. Letters
 * vary in width (I, M), so only large gaps count.
 */
export function nameShorterThanInk(name: string, ink: NameInk): boolean {
  if (name.length < ink.extent * 0.7 - 1) return true;
  // A hyphen or an apostrophe is too small to count as ink: AL-HABSYI, JUM'AT show as two words.
  const words = name.split(/[ '-]/).filter(Boolean);
  // A word of one letter counts only as the name's first (an initial, or a Balinese I).
  const substantial = ink.words.filter((w, i) => w >= 1.2 || i === 0);
  if (substantial.length > words.length) return true;
  if (ink.words.length !== words.length) return false;
  if (words.some((word, i) => word.replace(/[^A-Z]/g, '').length < (ink.words[i] ?? 0) * 0.55 - 0.5)) return true;
  return ink.widths !== undefined && wordNarrowerThanInk(words, ink.widths);
}

/**
 * Whether a word's ink is wider than its letters' advances allow: a letter lost from a short
 * word ("LE" for LIE) that the letter count above cannot tell. Ink and advance differ by the
 * blur and the end bearings, and by the measured cap height on each card, so a word is compared
 * with the name's other words of three letters or more (their median ratio) when there are any.
 * A print may set pairs such as AT and YA closer (see KERNING), or not: each way is taken in the
 * word's favour, unkerned for it and kerned for the others. On the tuning seeds' reads (3,000
 * names) the comparison flagged ten right names, each beside a word whose ink was a fraction of
 * its letters (HARTONO measured as 2.7 cap heights for 7.0): such a word is no measure.
 * Measured on the names of 314 tuning cards (seeds 8–37): of 739 words beside others, none was
 * 1.1 times as wide as the others (199 in 200 under 1.08); of 769 words alone, none 1.16 times its
 * advances. Dropping any one letter from those words would raise 83 % of them above the bounds
 * below, and dropping an I, the glyph reads lose most, 22 %.
 */
function wordNarrowerThanInk(words: readonly string[], widths: readonly number[]): boolean {
  const letters = words.map((word) => word.replace(/[^A-Z]/g, ''));
  const plain = letters.map((word, k) => (widths[k] ?? 0) / printedWidth(word, false));
  // A word whose ink is far narrower than its letters lost ink (glare, a fold), not letters: it
  // tells nothing of the others.
  const measure = letters.map((word, k) => {
    const kerned = (widths[k] ?? 0) / printedWidth(word, true);
    return word.length >= 3 && kerned >= FADED_BELOW ? kerned : null;
  });
  return plain.some((ratio, i) => {
    const others = measure.filter((m, k): m is number => k !== i && m !== null);
    return others.length > 0 ? ratio > median(others) * WIDER_THAN_OTHERS : ratio > WIDER_THAN_ADVANCES;
  });
}

/** See wordNarrowerThanInk. */
const WIDER_THAN_OTHERS = 1.12;
const WIDER_THAN_ADVANCES = 1.18;
/** Under this ratio a word's ink is not all there: 1 in 100 words read right measured under 0.8. */
const FADED_BELOW = 0.8;

/**
 * Whether the ink shows a gap between letters where `name`'s character `at` starts: placed by the
 * advances of the characters before it, on the scale of the ink's extent against all of theirs,
 * no letter blob covers that place and a gap of at least GAP_AT.least cap heights lies within
 * GAP_AT.near of it. Two A's set side by side touch at the foot, one blob; either side of a word
 * gap they stand apart. Measured on the names of tuning seeds 38–42 and 53–57 read with AA inside
 * a word: of the 18 that are one word (BAASYIR, SIAHAAN), the place lay inside a blob in each, at
 * least 0.8 cap heights from a gap; of the two that are two words (LA ARUNG, NAJWA AZ-ZAHRA),
 * within 0.07 of a gap 0.29 wide. False when the blobs are not measured.
 */
export function inkGapAt(name: string, ink: NameInk, at: number): boolean {
  const blobs = ink.blobs;
  const last = blobs?.at(-1);
  if (!blobs || !last) return false;
  const advance = (text: string): number => [...text].reduce((em, ch) => em + (ADVANCES[ch] ?? MARK_ADVANCES[ch] ?? AVERAGE_ADVANCE), 0);
  const place = (advance(name.slice(0, at)) / advance(name)) * last[1];
  if (blobs.some(([x0, x1]) => x0 < place && place < x1)) return false;
  return blobs.slice(1).some(([x0], k) => {
    const x1 = blobs[k]?.[1] ?? x0;
    return x0 - x1 >= GAP_AT.least && Math.abs((x0 + x1) / 2 - place) <= GAP_AT.near;
  });
}

/** See inkGapAt: half the narrowest word gap measured, and half the least distance to a gap of an AA inside a word. */
const GAP_AT = { least: 0.15, near: 0.4 };
/** The advances of a word space and the marks names hold, in em (Arial). */
const MARK_ADVANCES: Readonly<Record<string, number>> = { ' ': 0.278, '.': 0.278, ',': 0.278, "'": 0.191, '-': 0.333 };

/**
 * The printed width in cap heights of a word's `letters` (a full stop or a comma is no
 * letter-shaped ink: see nameInk), from their advances (see ADVANCES), `kerned` or not (see
 * KERNING).
 */
function printedWidth(letters: string, kerned: boolean): number {
  let em = 0;
  for (let k = 0; k < letters.length; k++) {
    em += ADVANCES[letters[k] ?? ''] ?? AVERAGE_ADVANCE;
    if (kerned) em += KERNING[letters.slice(k, k + 2)] ?? 0;
  }
  return em / CAP_HEIGHT_EM;
}

/** Advances of the capitals in the KTP's sans-serif (Arial and its metric twins), in em. */
const ADVANCES: Readonly<Record<string, number>> = {
  A: 0.667, B: 0.667, C: 0.722, D: 0.722, E: 0.667, F: 0.611, G: 0.778, H: 0.722, I: 0.278, J: 0.5, K: 0.667, L: 0.556, M: 0.833,
  N: 0.722, O: 0.778, P: 0.667, Q: 0.778, R: 0.722, S: 0.667, T: 0.611, U: 0.722, V: 0.667, W: 0.944, X: 0.667, Y: 0.667, Z: 0.611,
};
/** Pairs of capitals the sans-serif's kerning sets closer, in em (Arial's table). */
const KERNING: Readonly<Record<string, number>> = {
  AT: -0.074, AV: -0.074, AW: -0.037, AY: -0.074, FA: -0.055, LT: -0.074, LV: -0.074, LW: -0.074, LY: -0.074, PA: -0.074,
  RT: -0.018, RV: -0.018, RW: -0.018, RY: -0.018, TA: -0.074, VA: -0.074, WA: -0.037, YA: -0.074,
};
const AVERAGE_ADVANCE = 0.667;
/** Arial's cap height, in em. */
const CAP_HEIGHT_EM = 0.716;
