// Where the name starts, against where the card's values start. Every value of the e-KTP starts
// right after its colon, and the colons stand in one column: the NIK's digits (read with their
// colon) mark it. A name whose first word the block read found far right of that column lost its
// first words (a glare spot over them washes out the ink too, so the ink cannot tell).
import { labelLine, type Box, type OcrLine } from './lines';
import { fixDigits } from './text';
import { median } from './name-ink';

/**
 * How far right of the NIK's start the name's first word may start, in the name's cap heights.
 * Seen on tuning cards: 0.3–1.7 (a Balinese I read apart from its name the furthest); a lost
 * first word moves it by its letters plus a space, 3.5 or more.
 */
const LATE = 3;

/**
 * Where the values start, as the block read found the NIK's digits (their colon glued or not;
 * never a word holding the label's letters): the colons' column, in the read's coordinates.
 */
function valuesAnchor(lines: readonly OcrLine[]): { readonly text: string; readonly bbox: Box } | null {
  const nik = lines.find((l) => labelLine(l)?.field === 'nik');
  return nik?.words?.find((w) => !/[A-Za-z]{2}/.test(w.text) && fixDigits(w.text).replace(/[^0-9]/g, '').length >= 8) ?? null;
}

/**
 * Where the values' column starts (see valuesAnchor): `x`, at the colon when `colon` (read glued
 * to the digits), else at the NIK's first digit. Null when the NIK was not found.
 */
export function valuesColumn(lines: readonly OcrLine[]): { x: number; colon: boolean } | null {
  const word = valuesAnchor(lines);
  return word ? { x: word.bbox.x0, colon: !/^[0-9]/.test(fixDigits(word.text)) } : null;
}

/** Whether the block read put the name's first word well right of the values' column. */
export function nameStartsLate(lines: readonly OcrLine[]): boolean {
  const nama = lines.find((l) => labelLine(l)?.field === 'nama');
  const anchor = valuesAnchor(lines)?.bbox;
  if (!anchor || !nama?.words) return false;
  // The value's words: right of the label (which ends well left of the colon column).
  const value = nama.words.filter((w) => /[A-Za-z]/.test(w.text) && w.bbox.x0 >= anchor.x0 - height(anchor));
  const first = value[0]?.bbox;
  if (!first) return false;
  const cap = median(value.map((w) => height(w.bbox)));
  return first.x0 - anchor.x0 > LATE * cap;
}

const height = (b: Box): number => b.y1 - b.y0;
