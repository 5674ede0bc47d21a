// Word gaps a camera photo cannot show. Between two A's the sans-serif's diagonals leave a word
// space no wider at the capitals' foot than the gap between letters of a word: "LA AMIRUDDIN"
// and "SOMPA ARUNG" were read, by every read and in the ink alike, as one word, confidently.
// The letter blobs can tell (see inkGapAt): side by side, two A's touch.
import { inkGapAt, type NameInk } from './name-ink';

/**
 * Whether a word of `name` holds AA with a letter before and after it: a double A (BAASYIR) or
 * two words joined by the reads (LA AMIRUDDIN), which only the applicant can tell apart. The
 * name is left as read, and flagged.
 */
export const mayHideWordGap = (name: string): boolean => /[A-Z]AA[A-Z]/.test(name);

/**
 * `name` with a word gap between two A's read as one word where the ink shows the A's apart
 * (see inkGapAt): LAARUNG read for LA ARUNG. The name stays flagged (see mayHideWordGap), as no
 * read gave the gap. Unchanged where the ink shows other words than those read.
 */
export function withInkWordGaps(name: string, ink: NameInk | undefined): string {
  // The ink's extent is the name's only where it shows the words read (or the gap too).
  const words = name.split(' ').length;
  if (!ink || (ink.words.length !== words && ink.words.length !== words + 1)) return name;
  const gaps = [...name.matchAll(/[A-Z]A(?=A[A-Z])/g)].map((m) => m.index + 2).filter((at) => inkGapAt(name, ink, at));
  return gaps.reduceRight((out, at) => `${out.slice(0, at)} ${out.slice(at)}`, name);
}
