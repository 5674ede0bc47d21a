// Finds which printed label a line of OCR text starts with and what follows it.
import { LABELS, LABEL_TAILS, type KtpField } from './vocabulary';
import { similarity, squash } from './text';

export interface OcrLine {
  readonly text: string;
  /** Tesseract's line confidence, 0–100. */
  readonly confidence: number;
  /** Where the line is in the image that was read, when the engine reports it. */
  readonly bbox?: Box;
  readonly words?: readonly { readonly text: string; readonly bbox: Box }[];
}

export interface Box {
  readonly x0: number;
  readonly y0: number;
  readonly x1: number;
  readonly y1: number;
}

/**
 * A value's box with margins that keep its first and last glyphs whole for a re-read: a quarter
 * of its height left, above and below, half its height right, but not past `right`.
 */
export function paddedBox(box: Box, right: number): Box {
  const pad = (box.y1 - box.y0) * 0.25;
  return { x0: box.x0 - pad, y0: box.y0 - pad, x1: Math.min(right, box.x1 + pad * 2), y1: box.y1 + pad };
}

export type LabelledField = KtpField | 'tempatTanggalLahir';

export interface LabelledLine {
  readonly field: LabelledField;
  readonly value: string;
  /** How closely the label matched, 0–1. */
  readonly labelSimilarity: number;
  readonly confidence: number;
}

/** Drops raw characters from the start until `count` letters/digits have been consumed. */
function dropSquashed(text: string, count: number): string {
  let seen = 0;
  let i = 0;
  while (i < text.length && seen < count) {
    if (/[A-Za-z0-9]/.test(text[i] ?? '')) seen++;
    i++;
  }
  return text.slice(i);
}

/**
 * The label is matched on the squashed start of the line (letters and digits only), so "Kel/Desa",
 * "KelDesa" and "Kel / Desa" all match. Short labels (NIK) tolerate one wrong character, longer
 * ones 25 %. The value is what follows the colon, or failing that, the label's characters.
 */
export function labelLine(line: OcrLine): LabelledLine | null {
  // Asked of the same line many times per read (by the parser, the re-reads, the label count);
  // a line's text never changes.
  const known = labelled.get(line);
  if (known !== undefined) return known;
  const found = findLabel(line);
  labelled.set(line, found);
  return found;
}

const labelled = new WeakMap<OcrLine, LabelledLine | null>();
const SQUASHED_LABELS = LABELS.map(({ label, field }) => ({ target: squash(label), field }));

function findLabel(line: OcrLine): LabelledLine | null {
  const squashed = squash(line.text);
  let best: { field: LabelledField; sim: number; length: number } | null = null;
  for (const { target, field } of SQUASHED_LABELS) {
    for (const len of [target.length - 1, target.length, target.length + 1]) {
      if (len < 2) continue;
      const sim = similarity(squashed.slice(0, len), target);
      const min = target.length <= 4 ? 1 - 1 / target.length - 0.01 : 0.75;
      if (sim >= min && (!best || sim > best.sim)) best = { field, sim, length: len };
    }
  }
  if (!best) best = matchTail(squashed);
  if (!best) return null;
  const colon = line.text.search(/[:;]/);
  const afterLabel = dropSquashed(line.text, best.length);
  // A colon further right than the label's own text belongs to the label ("Nama : SITI").
  const hasColon = colon >= 0 && colon <= line.text.length - afterLabel.length + 4;
  const value = hasColon ? line.text.slice(colon + 1) : stripMisreadColon(afterLabel);
  return { field: best.field, value, labelSimilarity: best.sim, confidence: line.confidence / 100 };
}

/**
 * A colon read as a lone character ("A", "3", ".", "i") in front of the value, or read with a
 * stroke glued before it ("1:", "|:"), as a wide gap between label and colon often is.
 */
function stripMisreadColon(value: string): string {
  return value.replace(/^\s*(?:[.:;,|!iIl135A—-]|[|!iIl1][:;])\s+(?=\S)/, '');
}

/** The label's last word, after at most 3 junk characters ("5 Perkawinan", "Desai"). */
function matchTail(squashed: string): { field: LabelledField; sim: number; length: number } | null {
  for (const { tail, field } of LABEL_TAILS) {
    const target = squash(tail);
    for (let skip = 0; skip <= 3; skip++) {
      if (similarity(squashed.slice(skip, skip + target.length), target) >= 0.8) return { field, sim: 0.7, length: skip + target.length };
    }
  }
  return null;
}

/**
 * The value of a line whose label could not be read: after the colon, after a wide gap, or after
 * the colon misread as a lone mark opening the line, its label lost altogether under a glare spot
 * ("1 ROSMANIAR YULIARNI GUCI" on tuning seed 58).
 */
export function unlabelledValue(line: OcrLine): string {
  const colon = line.text.search(/[:;]/);
  if (colon >= 0 && colon < line.text.length * 0.6) return line.text.slice(colon + 1);
  const gap = /\S\s{2,}(?=\S)/.exec(line.text);
  if (gap) return line.text.slice(gap.index + gap[0].length);
  const mark = /^\s*[.,|!1l—-]\s+(?=\S)/.exec(line.text);
  return mark ? line.text.slice(mark[0].length) : '';
}
