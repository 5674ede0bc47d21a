// Clean-up of the free-text fields (Alamat, Kel/Desa, Kecamatan): the colon before the value read
// as a stray mark ("1: GG. MAWAR", "» JL. KENANGA"), abbreviations whose full stop OCR read as a
// colon ("NO: 12"), and two common address words read as one ("GRIYAASRI", "MERDEKANO. 41").

/**
 * Marks OCR makes of the colon and the gap after it. A value never opens with a digit glued to
 * letters or with a symbol (any: "»", "£", "$", "?"); a lone I or l counts only when punctuation
 * follows it.
 */
const LEADING_MARK = /^(?:[^\sA-Za-z]+\s*|[Il][:;.,»]\s*)(?=[A-Z])/;

export function stripLeadingMark(value: string): string {
  const stripped = value.replace(LEADING_MARK, '');
  // "12 JL. MAWAR" starts with a house number and "3-4 ULU" (Palembang) with a number: not marks.
  return /^[0-9]+(?:[-/][0-9]+)?\s/.test(value) ? value : stripped;
}

/** Words of Indonesian addresses that OCR often runs together with their neighbour. */
const ADDRESS_WORDS = new Set([
  'JALAN', 'JL', 'GANG', 'GG', 'PERUM', 'PERUMAHAN', 'KOMPLEK', 'KOMP', 'BLOK', 'DUSUN', 'KAMPUNG', 'KP',
  'LINGKUNGAN', 'LINGK', 'DESA', 'NO', 'GRIYA', 'GRAHA', 'ASRI', 'INDAH', 'PERMAI', 'RAYA', 'BARU', 'LAMA',
  'TAMAN', 'VILLA', 'PURI', 'BUKIT', 'PONDOK', 'TIMUR', 'BARAT', 'UTARA', 'SELATAN', 'TENGAH', 'KRAJAN',
]);

/** Splits a word that is two address words run together, when exactly one split makes two. */
function splitGlued(word: string): string {
  if (ADDRESS_WORDS.has(word) || word.length < 6) return word;
  const splits: string[] = [];
  for (let i = 2; i <= word.length - 2; i++) {
    if (ADDRESS_WORDS.has(word.slice(0, i)) && ADDRESS_WORDS.has(word.slice(i))) splits.push(`${word.slice(0, i)} ${word.slice(i)}`);
  }
  return splits.length === 1 ? (splits[0] ?? word) : word;
}

export function tidyAddress(value: string): string {
  return stripLeadingMark(value)
    .replace(/\b(NO|JL|GG|BLK)[:;,](?=\s|\d)/g, '$1.')
    // "MERDEKANO. 41": the house-number abbreviation run into the street's name.
    .replace(/\b([A-Z]{3,})NO\.(?=\s*\d)/g, '$1 NO.')
    .split(' ').map(splitGlued).join(' ');
}
