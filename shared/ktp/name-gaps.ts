// Word gaps a camera photo cannot show. Between two A's the sans-serif's diagonals leave a word
// space no wider at the capitals' foot than the gap between letters of a word: "LA AMIRUDDIN"
// and "SOMPA ARUNG" were read, by every read and in the ink alike, as one word, confidently.

/**
 * Whether a word of `name` holds AA with a letter before and after it: a double A (BAASYIR) or
 * two words joined by the reads (LA AMIRUDDIN), which only the applicant can tell apart. The
 * name is left as read, and flagged.
 */
export const mayHideWordGap = (name: string): boolean => /[A-Z]AA[A-Z]/.test(name);
