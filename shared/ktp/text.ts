// Text helpers for OCR output: edit distance, snapping to known values, digit confusions.

export function levenshtein(a: string, b: string): number {
  if (a === b) return 0;
  if (a.length === 0) return b.length;
  if (b.length === 0) return a.length;
  let prev = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      cur[j] = Math.min((prev[j] ?? 0) + 1, (cur[j - 1] ?? 0) + 1, (prev[j - 1] ?? 0) + cost);
    }
    prev = cur;
  }
  return prev[b.length] ?? 0;
}

/** 1 for identical strings, 0 for nothing in common (by edit distance over the longer length). */
export function similarity(a: string, b: string): number {
  const longest = Math.max(a.length, b.length);
  return longest === 0 ? 1 : 1 - levenshtein(a, b) / longest;
}

/** Upper-case letters and digits only: how labels and enumerations are compared. */
export function squash(text: string): string {
  return text.toUpperCase().replace(/[^A-Z0-9]/g, '');
}

export interface Snapped<T extends string> {
  readonly value: T;
  readonly similarity: number;
}

/** The closest known value, or null when nothing is at least `min` similar. */
export function snap<T extends string>(text: string, known: readonly T[], min = 0.6): Snapped<T> | null {
  const s = squash(text);
  if (s === '') return null;
  let best: Snapped<T> | null = null;
  for (const k of known) {
    const sim = similarity(s, squash(k));
    if (!best || sim > best.similarity) best = { value: k, similarity: sim };
  }
  return best && best.similarity >= min ? best : null;
}

// Letters tesseract commonly returns for digits in the KTP's fonts.
const DIGIT_CONFUSIONS: Readonly<Record<string, string>> = {
  O: '0', o: '0', D: '0', Q: '0', U: '0',
  I: '1', l: '1', i: '1', '|': '1', '!': '1', L: '1', J: '1',
  Z: '2', z: '2',
  B: '8', E: '8',
  S: '5', s: '5',
  G: '6', b: '6',
  T: '7',
  A: '4',
  g: '9', q: '9',
};

/** Replaces look-alike letters by digits in a field that can only hold digits. */
export function fixDigits(text: string): string {
  return [...text].map((c) => DIGIT_CONFUSIONS[c] ?? c).join('');
}

/**
 * A value's words are printed one space apart: a mark of a few characters far right of them (the
 * photo's edge, a glare spot's rim; read with the gap as many spaces) is not part of it, nor is
 * one far left of them (guilloche or a glare spot's rim between the label and the value). A name
 * one was dropped from is flagged (see name-choice). A lone I or NI far left is kept: it opens
 * Balinese names.
 */
export function dropFarMark(text: string): string {
  const short = (mark: string | undefined): boolean => mark !== undefined && mark.replace(/[^A-Za-z0-9]/g, '').length <= 3;
  const trailing = /^(.*\S)\s{5,}(\S.{0,4})$/.exec(text.trimEnd());
  const kept = trailing?.[1] !== undefined && short(trailing[2]) ? trailing[1] : text;
  const leading = /^\s*(\S{1,5})\s{5,}(\S.*)$/.exec(kept);
  return leading?.[2] !== undefined && short(leading[1]) && !/^N?I$/.test(leading[1] ?? '') ? leading[2] : kept;
}

/**
 * Puts an apostrophe in `chars` (a name, character by character) right after the letter at `at`,
 * in place of whatever stood between it and the letter at `next` (nothing, or a word gap).
 */
export function markAfter(chars: string[], at: number, next: number): void {
  chars.fill('', at + 1, next);
  chars[at] = `${chars[at] ?? ''}'`;
}

/** Where the capital letters of `text` stand (its marks and word gaps left out). */
export function letterPositions(text: string): number[] {
  return [...text].flatMap((ch, i) => (/[A-Z]/.test(ch) ? [i] : []));
}

/** Whether every character of `short` appears in `long` in the same order. */
export function isSubsequence(short: string, long: string): boolean {
  let i = 0;
  for (const c of long) if (c === short[i]) i++;
  return i === short.length;
}

/** Collapses spaces and trims stray punctuation OCR leaves at the ends of a value. */
export function tidy(text: string): string {
  return text.replace(/\s+/g, ' ').replace(/^[\s:;.,'"`~_=|-]+|[\s:;,'"`~_=|]+$/g, '').trim();
}

/**
 * For each character of `b`, the index of the character of `a` it stands for in a least-edit
 * alignment of the two (the same character, or another read in its place); undefined where `b`
 * holds a character more. Among alignments of as few edits, `b`'s extra characters come as late
 * as they can: of a doubled letter where `a` holds one, the second is the extra one.
 */
export function pairedIn(a: string, b: string): (number | undefined)[] {
  const cost: number[][] = Array.from({ length: a.length + 1 }, (_, i) => Array.from({ length: b.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)));
  const at = (i: number, j: number): number => cost[i]?.[j] ?? Infinity;
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      (cost[i] as number[])[j] = Math.min(at(i - 1, j) + 1, at(i, j - 1) + 1, at(i - 1, j - 1) + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
  }
  const paired: (number | undefined)[] = new Array<number | undefined>(b.length).fill(undefined);
  let [i, j] = [a.length, b.length];
  while (i > 0 && j > 0) {
    if (at(i, j) === at(i, j - 1) + 1) j--;
    else if (at(i, j) === at(i - 1, j - 1) + (a[i - 1] === b[j - 1] ? 0 : 1)) paired[--j] = --i;
    else i--;
  }
  return paired;
}
