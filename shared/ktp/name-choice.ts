// The Nama among its reads: the block read, the high-resolution re-read, and the reads made only
// when those leave doubt (a third read to break a tie, the re-read of another box, the rescue
// read). Tesseract drops thin glyphs and whole words under a glare spot far more often than it
// invents them; a name is prefilled unflagged only when every piece of evidence agrees.
import type { OcrLine } from './lines';
import type { LineRead } from './line-model';
import { nameShorterThanInk, type NameInk } from './name-ink';
import { withSecondLetters } from './name-second';
import { withSecondSpelling } from './name-spelling';
import { dropFarMark, isSubsequence, letterPositions, markAfter, tidy } from './text';
import { reading, type FieldReading } from './field-reading';
import { lostNameMark } from './name-marks';
import { mayHideWordGap, withInkWordGaps } from './name-gaps';

/**
 * The Nama from the block read and the high-resolution re-read. Both read the same print, and
 * tesseract drops thin glyphs (I, ') and word gaps far more often than it invents them: when one
 * read is the other with characters missing, the longer one is right. Otherwise a third read
 * (`tie`) that spells the name as one of them decides; failing that, the re-read wins when it is
 * confident. The second engine's letters (`letters`, '' without its read) come first: they choose
 * among the three.
 */
function pickName(block: FieldReading | undefined, line: OcrLine | undefined, tie: OcrLine | undefined, letters: string): FieldReading | undefined {
  const printed = block ? nameText(block.value) : '';
  const fromBlock = block && printed !== '' ? reading(printed, block.confidence, [...block.flags]) : block;
  const reread = line ? nameText(line.text) : '';
  if (!line || reread.length < 2) return fromBlock;
  const confidence = Math.max(block?.confidence ?? 0, line.confidence / 100);
  // The second engine spells the letters as one read and not the other: that read, whatever the
  // rules below would say (the block read's extra first letter, "PELFI" for ELFI, is no glyph
  // the re-read dropped). The reads still disagree, and the name stays flagged.
  const third = tie ? nameText(tie.text) : '';
  if (letters !== '' && lettersOf(printed) !== lettersOf(reread)) {
    if (letters === lettersOf(reread)) return reading(reread, confidence);
    if (letters === lettersOf(printed)) return fromBlock;
    // Neither: the third read, when it spells them (TJANDRA, read TIANDRA and TIJANDRA).
    if (third !== '' && letters === lettersOf(third)) return reading(third, confidence);
  }
  // The re-read's crop comes from the block read's word boxes: a word glued to the colon falls
  // outside it, and the re-read then holds only the last words of the name.
  if (isWordSuffix(reread, printed)) return reading(printed, block?.confidence ?? confidence);
  // A lone letter before the name in the block read is the colon misread ("1: NUR" → "I NUR"),
  // unless what follows is a Balinese name, which a lone I or NI opens.
  const lone = /^[A-Z] (.+)$/.exec(printed);
  if (lone?.[1] === reread && !BALINESE_NAME.test(reread)) return reading(reread, confidence);
  // Likewise a digit or mark glued to the name's first letter ("1UTSMAN").
  const unglued = block ? nameText(block.value.replace(/^\s*[0-9!|:;.,»]+(?=[A-Za-z])/, '')) : '';
  if (unglued === reread && unglued !== printed && !BALINESE_NAME.test(reread)) return reading(reread, confidence);
  // Beyond a couple of characters the longer read holds noise, not dropped glyphs.
  if (printed !== reread && Math.abs(printed.length - reread.length) <= 2) {
    if (isSubsequence(reread, printed)) return reading(printed, block?.confidence ?? confidence);
    if (isSubsequence(printed, reread)) return reading(reread, confidence);
  }
  if (third !== '' && third === printed) return fromBlock;
  if (third !== '' && third === reread) return reading(reread, confidence);
  return line.confidence >= 60 ? reading(reread, confidence) : fromBlock;
}

/** What besides the block read tells of the name (see ParseOptions in parse-ktp). */
export interface NameEvidence {
  /** The high-resolution re-read. */
  readonly line: OcrLine | undefined;
  readonly ink: NameInk | undefined;
  readonly tie: OcrLine | undefined;
  readonly witness: OcrLine | undefined;
  readonly rescue: OcrLine | undefined;
  /** The block read put the name's first word far right of the values' column (see name-start). */
  readonly startsLate: boolean;
  /** The second engine's read (see pickName and name-second). */
  readonly second?: LineRead | undefined;
}

/**
 * The chosen name, flagged for the applicant to confirm whenever the evidence does not all agree:
 * only one read, the reads differing, characters no printed name holds, fewer words or letters
 * than the line's ink shows, a first word read far right of the values' column, or letters only a
 * later read gave back. A name prefilled unflagged is one the applicant will not check, and on
 * SSCASN it cannot be changed after submission.
 */
export function chooseName(block: FieldReading | undefined, { line, ink, tie, witness, rescue, startsLate, second }: NameEvidence): FieldReading | undefined {
  // The second engine's letters, word gaps and marks aside ('' without its read).
  const secondLetters = second ? lettersOf(nameText(second.text)) : '';
  const picked = pickName(block, line, tie, secondLetters);
  if (!picked) return undefined;
  // The re-read of another box, then the rescue read, may each give back letters the others lost,
  // unless the second engine spells the name as picked: the letters a read adds are then noise (a
  // rescue read "IL MADE" and "EUVUIS" where the block read and the second engine gave I MADE
  // and EUIS). The second engine drops a thin I as tesseract does, so an I that every read but
  // the rescue lost would stay lost: of the 45 names rescued right on tuning seeds 8–47, none was.
  const vouched = secondLetters !== '' && secondLetters === lettersOf(picked.value);
  const rescued = vouched ? picked.value : [witness, rescue].reduce((value, read) => rescuedName(value, read) ?? value, picked.value);
  const found = vouched ? rescued : outvoted(rescued, witness, rescue, secondLetters) ?? rescued;
  const printed = block ? nameText(block.value) : '';
  const reread = line ? nameText(line.text) : '';
  // Each read lost a different apostrophe of the same letters (NUMAN JUM'AT, NU'MAN JUMAT): both.
  const withMarks = [printed, reread].reduce(withMarksOf, found);
  const chosen = withMarks !== picked.value ? reading(withMarks, picked.confidence, [...picked.flags]) : picked;
  const flags = new Set(chosen.flags);
  if (found !== picked.value) flags.add('ktp.nameRescued');
  // The rescue read spells the name with letters more at an end, but too unsurely to give them
  // back (a faint last word's letters read at 0 confidence): the print is longer than the name.
  else if (rescue && extendsAtAnEnd(lettersOf(nameText(rescue.text)), lettersOf(found))) flags.add('ktp.nameShorterThanPrint');
  // Reads that differ only by a Balinese I the ink shows agree (see lostBalineseI).
  const agree = printed === reread || (ink !== undefined && lostBalineseI(chosen.value, printed, reread, ink));
  if (printed === '' || reread.length < 2) flags.add('ktp.nameReadOnce');
  else if (!agree) flags.add('ktp.nameReadsDisagree');
  // Its own flag: the tie-break read settles block read against re-read, not this.
  if (witness && !sameLetters(nameText(witness.text), picked.value)) flags.add('ktp.nameWitnessDisagrees');
  const raw = [block?.value, line?.text].filter((t): t is string => t !== undefined).map(tidy);
  if (!plausibleName(chosen.value) || raw.some((t) => /[0-9]/.test(t) || /[A-Za-z][^A-Za-z .,'-]+[A-Za-z]/.test(t) || [BALINESE_I_MISREAD, LONG_WORD_STOP].some((odd) => odd.test(t.toUpperCase())))
    || block?.flags.includes('ktp.nameOddCharacters') || (line && dropFarMark(line.text) !== line.text)) flags.add('ktp.nameOddCharacters');
  if (ink && nameShorterThanInk(chosen.value, ink)) flags.add('ktp.nameShorterThanPrint');
  if (startsLate) flags.add('ktp.nameStartsLate');
  // The I no read showed, given back from the ink (see withBalineseI): the print is longer than
  // what was read, whatever the letter count of its words says.
  const withI = withBalineseI(chosen.value, ink);
  if (withI !== chosen.value) flags.add('ktp.nameShorterThanPrint');
  // An apostrophe the ink shows and no read holds (see withInkMarks): likewise.
  const marked = withInkMarks(withI, ink);
  if (marked !== null) flags.add('ktp.nameShorterThanPrint');
  // A name often printed with an apostrophe, read without it (see name-marks).
  if (lostNameMark(marked ?? withI)) flags.add('ktp.nameMarkLost');
  // Two A's either side of a word gap, read as one word (see name-gaps); set apart where the ink
  // shows them apart, still flagged.
  if (mayHideWordGap(marked ?? withI)) flags.add('ktp.nameGapHidden');
  const shown = withInkWordGaps(marked ?? withI, ink);
  // A name in doubt takes the letters the second engine is sure tesseract misread (see
  // name-second), and its spelling where it reads more letters (see name-spelling).
  // Words lost before or after those read: as many as the ink shows more, or one when the first
  // word was read far right of the values' column.
  const lostWords = (name: string): number => Math.max(startsLate ? 1 : 0, ink ? ink.words.length - name.split(' ').length : 0);
  const spelled = (name: string): string => {
    const lettered = withSecondLetters(name, second);
    return withSecondSpelling(lettered, second, lostWords(lettered));
  };
  const value = withApostropheI(flags.size > 0 ? spelled(shown) : withI);
  const extra = flags.size - chosen.flags.length;
  // Two reads of one name are two witnesses: the name is as sure as they are on average. (The
  // surer of the two was tried: a name both reads gave without its Balinese I then went unflagged,
  // where its low mean had called for the rescue read that gave the I back.)
  const both = printed !== '' && agree && line ? (block?.confidence ?? 0) / 2 + line.confidence / 200 : chosen.confidence;
  // A third read spelling it alike, the rescue read (made only for a name in doubt, from another
  // crop with its contrast stretched locally): when it and the re-read, the better model's two
  // reads, are each confident, the name is as sure as they are on average, however unsure the
  // fast block read was. Only for a name nothing else flags.
  const sure = (read: OcrLine | undefined): read is OcrLine => read !== undefined && read.confidence >= SURE_READ;
  const three = flags.size === 0 && agree && sure(line) && sure(rescue) && nameText(rescue.text) === chosen.value
    ? (line.confidence + rescue.confidence) / 200 : 0;
  const confidence = Math.max(Math.min(chosen.confidence, both), three);
  return reading(value, confidence * 0.6 ** extra, [...flags]);
}

/**
 * `name` with the apostrophes `other` reads between the same letters where `name` reads none or a
 * word gap; `name` itself when the two spell different letters.
 */
function withMarksOf(name: string, other: string): string {
  const own = letterPositions(name);
  const theirs = letterPositions(other);
  if (lettersOf(name) !== lettersOf(other) || own.length === 0) return name;
  const out = [...name];
  for (const [k, at] of own.entries()) {
    const [next, there, thereNext] = [own[k + 1], theirs[k], theirs[k + 1]];
    if (next === undefined || there === undefined || thereNext === undefined) continue;
    const between = name.slice(at + 1, next);
    // Only a mark inside a word: one beside a gap ends a word ("SYAFI' ANWAR", its I lost).
    if (other.slice(there + 1, thereNext) === "'" && (between === '' || between === ' ')) {
      markAfter(out, at, next);
    }
  }
  return out.join('');
}

/**
 * One read is the other, chosen, with the lone I that opens a Balinese name dropped, and the ink
 * shows that I (a colon is no such stroke). The read that lost it was cropped from a box starting
 * past the thin stroke.
 */
function lostBalineseI(chosen: string, a: string, b: string, ink: NameInk): boolean {
  const [long, short] = a.length > b.length ? [a, b] : [b, a];
  return chosen === long && long === `I ${short}` && inkShowsBalineseI(short, ink);
}

/**
 * The Balinese I lost by both reads (read as a bar, dropped with it). The name stays flagged: its
 * reads did not show the I (see chooseName).
 */
function withBalineseI(name: string, ink: NameInk | undefined): string {
  return inkShowsBalineseI(name, ink) ? `I ${name}` : name;
}

/**
 * `name`, given without its I, is one Balinese names open with, and the ink shows a lone upright
 * stroke (a first word no wider than a letter) before as many words as it has.
 */
function inkShowsBalineseI(name: string, ink: NameInk | undefined): boolean {
  return ink?.words[0] === 1 && ink.words.length === name.split(' ').length + 1 && BALINESE_NAME.test(name);
}

/**
 * `name` with the apostrophes the ink shows between letters and no read gave (NIMAH, NI MAH for
 * NI'MAH: tesseract drops the thin mark, or reads it as a word gap). Each goes where the ink puts
 * it, after as many letters as letter blobs stand left of it, replacing any gap read there; that
 * place is known only when the ink's letter blobs are as many as the name's letters (none broke
 * apart under glare, none touched). Null when the ink shows no mark the name lacks; the name
 * itself when it lacks one whose place is unknown.
 */
function withInkMarks(name: string, ink: NameInk | undefined): string | null {
  const have = [...name].filter((ch) => ch === "'").length;
  if (!ink || ink.marks.length <= have) return null;
  const letters = letterPositions(name);
  if (ink.letters !== letters.length) return name;
  const out = [...name];
  for (const after of ink.marks) {
    const [at, next] = [letters[after - 1], letters[after]];
    if (at === undefined || next === undefined) return name;
    if (name.slice(at + 1, next).includes("'")) continue;
    markAfter(out, at, next);
  }
  return out.join('');
}

/**
 * A word ending in an apostrophe lost the thin I after it ("SYAFI'" for SYAFI'I): tesseract drops
 * an I beside a mark more often than any other glyph, and no printed name ends a word with one.
 * The name stays flagged: as read, it was no name that could be printed (see plausibleName).
 */
function withApostropheI(name: string): string {
  return name.replace(/([A-Z])'(?=\s|$)/g, "$1'I");
}

/**
 * Printed names are words of capitals, joined inside by ' or -, a full stop only after a short
 * abbreviation (MUH., H., MOCH.) and a comma only before a title.
 */
function plausibleName(name: string): boolean {
  return name.split(' ').every((w) => /^[A-Z]+(['-][A-Z]+)*,?$/.test(w) || /^[A-Z]{1,4}\.$/.test(w));
}

/**
 * A trailing mark after a full word is the crop's edge read as punctuation; after a short
 * abbreviation (MUH., MOH., H.) the full stop is printed.
 */
function nameText(text: string): string {
  // Printed in capitals: a lower-case letter in a read is the same letter in the wrong case.
  const letters = tidy(dropFarMark(text)).toUpperCase().replace(/([A-Z]{4,})[\s.,'-]+$/, '$1')
    // A lone digit before the name is the colon misread; only a 1 may be the Balinese I.
    .replace(/^[02-9]\s+(?=[A-Z])/, '')
    .replace(/[0-9]/g, (d) => NAME_DIGITS[d] ?? d)
    // Names are printed in capitals with . , ' - between words; anything else is noise ("» BUDI").
    .replace(/[^A-Z .,'-]/g, '')
    // A full stop ends only a short abbreviation (MUH., MOCH.): after a longer word it is a speck
    // ("ERIZAL SYAFRIL. TANJUNG"). The name is flagged (see LONG_WORD_STOP).
    .replace(new RegExp(LONG_WORD_STOP, 'g'), '$1');
  // "II WAYAN", "I IPUTU", "II. MADE": the colon read as an I before the Balinese I (glued to
  // the next word or not), which is then set apart; a full stop read after it is the colon's
  // other dot (the Balinese I is never abbreviated).
  // "LKETUT", "FGUSTI": the Balinese I misread as a letter beside it (see BALINESE_I_MISREAD).
  return tidy(letters).replace(COLON_BEFORE_BALINESE, '').replace(BALINESE_I_STOP, '$1 ').replace(BALINESE_I_MISREAD, 'I ')
    .replace(BALINESE_GLUED, '$1 $2').replace(BALINESE_TITLES_GLUED, '$1 $2');
}

/**
 * A read that may give back lost letters (the rescue read, see ParseOptions.nameRescue, or the
 * witness) replaces the name chosen only when it holds more letters and keeps, at one end or
 * both, most of what the chosen name spells: a glare spot took letters or words at one place,
 * and the rest was read alike. It never shortens a name, and one no printed name could be
 * (marks, digits) is ignored. The name stays flagged (see chooseName).
 */
function rescuedName(chosen: string, rescue: OcrLine | undefined): string | null {
  const text = rescue ? nameText(rescue.text) : '';
  if (!rescue || rescue.confidence < RESCUE_MIN || !plausibleName(text)) return null;
  const a = chosen.replace(/[^A-Z]/g, '');
  const b = text.replace(/[^A-Z]/g, '');
  if (b.length <= a.length) return null;
  let prefix = 0;
  while (prefix < a.length && a[prefix] === b[prefix]) prefix++;
  let suffix = 0;
  while (suffix < a.length - prefix && a[a.length - 1 - suffix] === b[b.length - 1 - suffix]) suffix++;
  return prefix + suffix >= a.length * RESCUE_KEPT ? text : null;
}

/**
 * The spelling the witness and the rescue read share, word gaps and all, where the second engine
 * spells the same letters and `chosen` as many, one or two of them otherwise: three reads of
 * other crops, one by another model, outvote the block read and the re-read that gave `chosen`
 * (FGUSTI AYU DEWI on a tuning card: the block read took the Balinese I for an F, the re-read
 * lost it, and the longer read was chosen). Null when they do not all agree.
 */
function outvoted(chosen: string, witness: OcrLine | undefined, rescue: OcrLine | undefined, secondLetters: string): string | null {
  if (!witness || !rescue || Math.min(witness.confidence, rescue.confidence) < RESCUE_MIN) return null;
  const text = nameText(witness.text);
  const [own, theirs] = [lettersOf(chosen), lettersOf(text)];
  if (text !== nameText(rescue.text) || theirs !== secondLetters || !plausibleName(text) || own.length !== theirs.length) return null;
  const differ = [...own].filter((ch, k) => ch !== theirs[k]).length;
  return differ > 0 && differ <= OUTVOTED_MOST ? text : null;
}

/** At most this many letters outvoted: beyond, the reads are of different text. */
const OUTVOTED_MOST = 2;

/** A read of the better model this confident (0–100) counts as sure (see chooseName). */
const SURE_READ = 80;

/** The rescue read's least confidence (0–100), and the share of the chosen name's letters it must keep. */
const RESCUE_MIN = 50;
const RESCUE_KEPT = 0.6;

/** `long` is `short` with two letters or more before or after it. */
function extendsAtAnEnd(long: string, short: string): boolean {
  return short.length > 0 && long.length >= short.length + 2 && (long.startsWith(short) || long.endsWith(short));
}

/** A read's letters, word gaps and marks aside ("IDABAGUS", "IDA BAGUS"). */
const lettersOf = (name: string): string => name.replace(/[^A-Z]/g, '');

/** Whether two reads spell the same letters. */
function sameLetters(a: string, b: string): boolean {
  return lettersOf(a) === lettersOf(b);
}

/**
 * `short`'s words are the last words of `long`, which has more of them, and the extra words hold
 * at least two letters (a lone "I" before them is as likely the colon misread as a Balinese I).
 */
function isWordSuffix(short: string, long: string): boolean {
  const s = short.split(' ');
  const l = long.split(' ');
  const extra = l.slice(0, l.length - s.length).join('').replace(/[^A-Z]/g, '');
  return s.length < l.length && l.slice(l.length - s.length).join(' ') === short && extra.length >= 2;
}

/**
 * Balinese names open with I (men) or NI (women) and a caste or birth-order name; the lone "I" is
 * the word gap tesseract drops most ("IGUSTI" → "I GUSTI").
 */
const BALINESE_NAMES = 'GUSTI|WAYAN|MADE|NYOMAN|KETUT|KOMANG|PUTU|GEDE|KADEK|NENGAH|LUH|DEWA|DESAK|AYU';
const BALINESE_GLUED = new RegExp(`^(I|NI)(${BALINESE_NAMES})\\b`);
const BALINESE_NAME = new RegExp(`^(${BALINESE_NAMES})\\b`);
const COLON_BEFORE_BALINESE = new RegExp(`^I\\s*(?=(?:I|NI)[.,]? ?(?:${BALINESE_NAMES})\\b)`);
/**
 * A letter glued before a Balinese name that opens with a consonant, where its I stands: the thin
 * I misread as a stroke letter (LKETUT and FGUSTI on tuning cards). No Indonesian name opens with
 * such a pair of consonants. The name is flagged (see chooseName).
 */
const BALINESE_I_MISREAD = new RegExp(`^[FJLT](?=(?:${BALINESE_NAMES.split('|').filter((n) => !/^[AEIOU]/.test(n)).join('|')})\\b)`);
/** A full stop after a word of five letters or more, inside the name. */
const LONG_WORD_STOP = /([A-Z]{5,})\.(?= )/;
const BALINESE_I_STOP = new RegExp(`^(I|NI)[.,] ?(?=(?:${BALINESE_NAMES})\\b)`);
/** Caste titles that open Balinese names, two words that OCR runs together ("IDAAYU"). */
const BALINESE_TITLES_GLUED = /\b(IDA|ANAK|GUSTI|DEWA)(AYU|BAGUS|AGUNG|NGURAH)\b/;

/** Names hold no digits: a digit in a read name is a letter it resembles ("1 GUSTI" → "I GUSTI"). */
const NAME_DIGITS: Readonly<Record<string, string>> = { 0: 'O', 1: 'I', 2: 'Z', 4: 'A', 5: 'S', 6: 'G', 7: 'T', 8: 'B' };
