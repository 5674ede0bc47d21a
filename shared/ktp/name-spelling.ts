// The name in doubt spelled by the second engine where it reads other letters than tesseract's
// reads, and more than a read that lost some: its letters, with the word gaps and marks of the
// name where the two read alike.
import type { LineRead } from './line-model';
import { readLetters } from './name-second';
import { isSubsequence, letterPositions, levenshtein, matchedIn } from './text';

/** The second engine's least probability (0–1) over a read for it to spell a name anew. */
const SURE_SPELLING = 0.4;

/**
 * `name` (a name in doubt, which the applicant confirms) spelled with the second engine's letters
 * where it reads a different number of them and not merely fewer (it drops thin glyphs: I, ').
 * Tesseract loses letters and whole words under glare and misreads a letter as two (HE for LIE,
 * NTFMAH for NIMAH), where the second engine reads the line whole. Made to read every name of
 * tuning seeds 48–52 in a trial, it spelled the letters of all 495 it read; of the 534 names left
 * in doubt on seeds 8–47, 501 (tesseract's reads as chosen: 492). Word gaps and marks are
 * `name`'s between two letters both read alike and side by side, the second engine's elsewhere
 * (it drops most word gaps); letters only it reads before the name's first letter or after its
 * last are a word of their own when other evidence shows a word `lost` there (I WAYAN, read
 * WAYAN).
 */
export function withSecondSpelling(name: string, second: LineRead | undefined, lost = false): string {
  if (!second || second.confidence < SURE_SPELLING * 100) return name;
  const letters = readLetters(second);
  const own = letterPositions(name);
  const mine = own.map((at) => name[at]).join('');
  const theirs = letters.map((l) => l.ch).join('');
  if (own.length === 0 || theirs.length === mine.length || isSubsequence(theirs, mine)) return name;
  // Beyond half its letters changed, the second engine read other text (a line above or below).
  if (levenshtein(mine, theirs) > Math.max(2, Math.floor(theirs.length / 2))) return name;
  const matched = matchedIn(mine, theirs);
  const [first, last] = [matched.indexOf(0), matched.indexOf(mine.length - 1)];
  // The name's text between its letters `from` and `from + 1`.
  const between = (from: number): string => name.slice((own[from] ?? 0) + 1, own[from + 1]);
  // Where the second engine reads letters between two letters both read alike and side by side
  // in the name, the name's marks stay before those letters and its word gap goes after them:
  // SYAFI' ASSEGAF read SYAFIIASSEGAF is SYAFI'I ASSEGAF (tesseract lost the I after the mark).
  const before = (k: number): number | undefined => {
    const here = matched[k];
    if (here === undefined) return undefined;
    const next = matched.findIndex((m, j) => j > k && m !== undefined);
    return matched[next] === here + 1 ? here : undefined;
  };
  const after = (k: number): number | undefined => {
    const there = matched[k + 1];
    if (there === undefined || there === 0) return undefined;
    const previous = matched.slice(0, k + 1).findLastIndex((m) => m !== undefined);
    return matched[previous] === there - 1 ? there - 1 : undefined;
  };
  const separator = (k: number): string => {
    const [here, there] = [matched[k], matched[k + 1]];
    if (here !== undefined && there === here + 1) return between(here);
    const read = letters[k]?.after ?? '';
    if (read !== '') return read;
    const [opens, closes] = [before(k), after(k)];
    if (opens !== undefined) return between(opens).replace(/\s/g, '');
    if (closes !== undefined) return / $/.test(between(closes)) ? ' ' : '';
    return lost && (k + 1 === first || k === last) ? ' ' : '';
  };
  const tail = last === letters.length - 1 ? name.slice((own[own.length - 1] ?? 0) + 1) : '';
  return letters.map((l, k) => (k < letters.length - 1 ? l.ch + separator(k) : l.ch + tail)).join('');
}
