// The name in doubt spelled by the second engine where it reads more letters than tesseract's
// reads kept: its letters, with the word gaps and marks of the name where the two read alike.
import type { LineRead } from './line-model';
import { readLetters, readsWordGaps } from './name-second';
import { letterPositions, pairedIn } from './text';

/** The second engine's least probability (0–1) over a read for it to spell a name anew. */
const SURE_SPELLING = 0.4;

/**
 * `name` (a name in doubt, which the applicant confirms) spelled with the second engine's letters
 * where it reads more letters than the name holds. Fewer may be the thin glyphs it drops (I, ';
 * SYAF for SYAFI'I), and the name's letters are then kept. Tesseract loses letters and whole
 * words under glare and misreads a letter as two (HE for LIE), where the second engine reads the
 * line whole. Made to read every name of tuning seeds 48–52 in a trial, it spelled the letters of
 * all 495 it read; of the 534 names left in doubt on seeds 8–47, 501 (tesseract's reads as
 * chosen: 492).
 * Word gaps and marks are the name's between two letters read alike and side by side in both;
 * where the second engine reads no word gap on the line, between two letters it reads in their
 * place, alike or not. Elsewhere they are its own (it reads some word gaps, never one too many).
 * Letters it alone reads before the name's first letter, then after its last, are a word of
 * their own while `lostWords` (the words other evidence shows lost) allows (I WAYAN, read WAYAN).
 */
export function withSecondSpelling(name: string, second: LineRead | undefined, lostWords = 0): string {
  if (!second || second.confidence < SURE_SPELLING * 100) return name;
  const letters = readLetters(second);
  const own = letterPositions(name);
  const mine = own.map((at) => name[at]).join('');
  const theirs = letters.map((l) => l.ch).join('');
  if (own.length === 0 || theirs.length <= mine.length) return name;
  const paired = pairedIn(mine, theirs);
  // Its letters paired with the same letter of the name.
  const matched = paired.map((at, k) => (at !== undefined && mine[at] === theirs[k] ? at : undefined));
  const count = (xs: readonly (number | undefined)[]): number => xs.filter((at) => at !== undefined).length;
  // The alignment's edits (its letters more, the name's it lacks, letters changed): the distance.
  // Beyond half its letters, the second engine read other text (a line above or below).
  if (theirs.length + mine.length - count(paired) - count(matched) > Math.max(2, Math.floor(theirs.length / 2))) return name;
  const linked = readsWordGaps(letters) ? matched : paired;
  const [first, last] = [linked.indexOf(0), linked.indexOf(mine.length - 1)];
  const gapBefore = lostWords >= 1 && first > 0;
  const gapAfter = lostWords >= (gapBefore ? 2 : 1) && last >= 0 && last < letters.length - 1;
  // The name's text between its letters `from` and `from + 1`.
  const between = (from: number): string => name.slice((own[from] ?? 0) + 1, own[from + 1]);
  // Where the second engine reads letters between two letters linked side by side in the name,
  // the name's marks stay before those letters and its word gap goes after them: SYAFI' ASSEGAF,
  // read SYAFIIASSEGAF, is SYAFI'I ASSEGAF (tesseract lost the I after the mark).
  const before = (k: number): number | undefined => {
    const here = linked[k];
    if (here === undefined) return undefined;
    const next = linked.findIndex((m, j) => j > k && m !== undefined);
    return linked[next] === here + 1 ? here : undefined;
  };
  const after = (k: number): number | undefined => {
    const there = linked[k + 1];
    if (there === undefined || there === 0) return undefined;
    const previous = linked.slice(0, k + 1).findLastIndex((m) => m !== undefined);
    return linked[previous] === there - 1 ? there - 1 : undefined;
  };
  const separator = (k: number): string => {
    const [here, there] = [linked[k], linked[k + 1]];
    if (here !== undefined && there === here + 1) return between(here);
    const read = separatorOf(letters[k]?.after ?? '');
    if (read !== '') return read;
    const [opens, closes] = [before(k), after(k)];
    if (opens !== undefined) return between(opens).replace(/[^'-]/g, '');
    if (closes !== undefined) return /\s$/.test(between(closes)) ? ' ' : '';
    return (gapBefore && k + 1 === first) || (gapAfter && k === last) ? ' ' : '';
  };
  const tail = last === letters.length - 1 ? name.slice((own[own.length - 1] ?? 0) + 1) : '';
  return letters.map((l, k) => (k < letters.length - 1 ? l.ch + separator(k) : l.ch + tail)).join('');
}

/** What the second engine reads between two letters, as a name holds it: a mark beside a word gap ends a word. */
function separatorOf(read: string): string {
  if (read.includes('-')) return '-';
  if (read.includes(' ')) return ' ';
  return read.includes("'") ? "'" : '';
}
