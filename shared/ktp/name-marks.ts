// Names printed with an apostrophe (an Arabic ain or hamza) that a camera photo can lose whole: at
// a cap height of 12–13 pixels the blur joins the thin mark to the letter beside it, so neither a
// read nor the ink (see name-ink) shows it. A word read as such a name without its mark, or with
// the letter beside the mark read otherwise (SYAFTI for SYAFI'I: the mark and the I read as T),
// is one the applicant must look at. It is not changed: MARUF and SYAFII are names too.

/** Indonesian names commonly printed with an apostrophe. */
const MARKED_NAMES = [
  "MA'RUF", "SYAFI'I", "NI'MAH", "NU'MAN", "MAS'UD", "JUM'AT", "RO'IFAH", "MA'MUN", "JA'FAR",
  "FU'AD", "SA'DIYAH", "MU'IN", "RIF'AT", "SYA'BAN", "MA'SUM", "NA'IMAH", "MU'MIN",
];

/** Each name without its mark, and where the mark stood (the index of the letter after it). */
const UNMARKED = MARKED_NAMES.map((name) => ({ letters: name.replace("'", ''), at: name.indexOf("'") }));

/** Whether a word of `name` is a name of MARKED_NAMES read without its apostrophe. */
export function lostNameMark(name: string): boolean {
  return name.split(/[\s.,-]+/).some((word) => UNMARKED.some(({ letters, at }) => markLost(word, letters, at)));
}

/** `word` is `letters`, or `letters` with one of the two letters beside the mark (at) read otherwise. */
function markLost(word: string, letters: string, at: number): boolean {
  if (word.length !== letters.length) return false;
  const differ = [...word].flatMap((ch, i) => (ch === letters[i] ? [] : [i]));
  return differ.length === 0 || (differ.length === 1 && (differ[0] === at - 1 || differ[0] === at));
}
