// The second engine's letters in a name left in doubt. Its misses are not tesseract's: it drops
// thin glyphs (I, ') and most word gaps, where tesseract misreads a letter for a like one (J for
// N, E for U, T for I) and keeps the word gaps. Where both read as many letters, a letter the
// second engine reads surely and differently is a letter tesseract misread.
import type { LineRead } from './line-model';
import { letterPositions, markAfter } from './text';

/** The second engine's least probability (0–1) for each letter it changes. */
const SURE_LETTER = 0.8;
/** At most this many letters changed: beyond, the two reads are of different text. */
const MOST_CHANGED = 2;

/**
 * `name` (a name in doubt, which the applicant confirms) with the letters the second engine's
 * read `second` spells differently at the same place, when both spell as many letters and the
 * second engine is sure of each it changes; and a hyphen between two words read by the second
 * engine as a word gap (it reads hyphens, and a hyphen in tesseract's read is as often the gap's
 * noise), and a word gap it reads as a hyphen (the re-reads at higher resolution see the thin
 * hyphen as a gap more often than the block read), and an apostrophe it reads where the name has
 * none. The word gaps and marks are `name`'s otherwise. Unchanged when anything else differs.
 */
export function withSecondLetters(name: string, second: LineRead | undefined): string {
  if (!second) return name;
  const letters = readLetters(second);
  const own = letterPositions(name);
  if (letters.length !== own.length || own.length === 0) return name;
  const out = [...name];
  let changed = 0;
  const misread = new Set<number>();
  for (const [k, at] of own.entries()) {
    const letter = letters[k];
    if (!letter || letter.ch === name[at]) continue;
    if (letter.p < SURE_LETTER) return name;
    out[at] = letter.ch;
    misread.add(k);
    changed++;
  }
  const readsGaps = readsWordGaps(letters);
  for (const [k, at] of own.entries()) {
    const next = own[k + 1];
    if (next === undefined) continue;
    // A word gap between two misread letters, which the second engine reads as one word while it
    // reads word gaps elsewhere on the line, was misread with them: YUI TARNI is YULIARNI, not
    // YUL IARNI. (Two misread letters either side of a real gap would lose it: on the 617 names
    // in doubt of tuning seeds 8–52, none did.)
    if (misread.has(k) && misread.has(k + 1) && readsGaps && letters[k]?.after === '' && name.slice(at + 1, next) === ' ') {
      out[at + 1] = '';
      continue;
    }
    // An apostrophe it reads where the name has none, or a word gap (NI MAH): tesseract drops
    // the thin mark, or reads it as a gap, far more often than it invents one.
    const between = name.slice(at + 1, next);
    const after = letters[k]?.after ?? '';
    // Only a mark inside a word: one beside a gap ends a word ("SYAFI' ANWAR", its I lost).
    if (after === "'" && (between === '' || between === ' ')) {
      markAfter(out, at, next);
      changed++;
      continue;
    }
    if (next !== at + 2) continue;
    // A hyphen read beside a gap is the hyphen.
    if (name[at + 1] === '-' && after === ' ') { out[at + 1] = ' '; changed++; }
    if (name[at + 1] === ' ' && after.includes('-')) { out[at + 1] = '-'; changed++; }
  }
  return changed > 0 && changed <= MOST_CHANGED ? out.join('') : name;
}

export interface Letter {
  readonly ch: string;
  readonly p: number;
  /** What the read holds between it and the next letter: word gaps and marks (' -), '' for none. */
  after: string;
}

/** Whether the read holds a word gap anywhere: the second engine drops most, some lines all. */
export function readsWordGaps(letters: readonly Letter[]): boolean {
  return letters.some((l) => l.after.includes(' '));
}

/** The read's letters, each with its probability and the word gap or mark that follows it. */
export function readLetters(read: LineRead): Letter[] {
  const letters: Letter[] = [];
  [...read.text].forEach((ch, i) => {
    const last = letters[letters.length - 1];
    if (/[A-Z]/.test(ch)) letters.push({ ch, p: read.probs[i] ?? 0, after: '' });
    else if (/[ '-]/.test(ch) && last && !last.after.endsWith(ch)) last.after += ch;
  });
  return letters;
}
