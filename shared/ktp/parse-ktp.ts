// Turns the OCR lines of an e-KTP into its fields, each with a confidence in 0–1. Enumerated fields
// snap to the values Dukcapil prints; region names snap to the official lists; then the NIK is
// cross-checked against what is printed and whatever disagrees loses confidence.
import { checkNik } from '../identity/nik';
import { AGAMA, GOLONGAN_DARAH, JENIS_KELAMIN, KEWARGANEGARAAN, LABELS, PEKERJAAN, STATUS_PERKAWINAN } from './vocabulary';
import { labelLine, unlabelledValue, type LabelledField, type OcrLine } from './lines';
import { dropFarMark, fixDigits, similarity, snap, squash, tidy } from './text';
import { matchPlace, matchProvince, matchRegency, placeIsPrefix } from './regions-match';
import { completedDate, crossCheck, lostFromNik } from './cross-check';
import { resolveNik, type NikRead } from './nik-resolve';
import type { NameInk } from './name-ink';
import type { LineRead } from './line-model';
import { nameStartsLate } from './name-start';
import { chooseName } from './name-choice';
import { reading, type FieldReading, type KtpReading } from './field-reading';
import { tidyAddress } from './address-text';

export type { FieldReading, KtpReading } from './field-reading';

export interface ParseOptions {
  /** The NIK read again with a digit whitelist (more reliable than the block read), one or more times. */
  readonly nikLines?: readonly OcrLine[];
  /** The NIK read by the second engine (see line-model), when the reads above left it in doubt. */
  readonly nikSecond?: OcrLine;
  /** The Nama value read again at a higher resolution with a letters-only whitelist. */
  readonly nameLine?: OcrLine;
  /**
   * The Nama read a third time, at another resolution, when the first two disagree outright: it
   * sides with one of them or with neither (see name-choice).
   */
  readonly nameTieBreak?: OcrLine;
  /** The Nama line's printed words as measured from its ink (see name-ink). */
  readonly nameInk?: NameInk;
  /**
   * The Nama re-read once more from another box (where its ink was found, when the block read
   * put it elsewhere): it decides nothing, but a name it spells otherwise is flagged.
   */
  readonly nameWitness?: OcrLine;
  /**
   * The Nama read once more, when still in doubt, from the values' column on with its contrast
   * stretched locally (see pipeline): letters a glare spot left light grey (see name-choice).
   */
  readonly nameRescue?: OcrLine;
  /**
   * The Nama read by the second engine (see line-model), when in doubt: it drops most word gaps,
   * so it tells only letters: it chooses between reads that spell them differently, and changes
   * the letters it is sure tesseract misread (see name-choice).
   */
  readonly nameSecond?: LineRead;
}

// Separators OCR may drop: "25 08- 1993", "01 10-1989", "25081993".
const DATE = /(\d{2})\s*[-/.]?\s*(\d{2})\s*[-/.]?\s*(\d{4})/;

/**
 * Confidence of a value read exactly as one of the few it can be is spelt (a listed place of
 * birth, LAKI-LAKI or PEREMPUAN): as certain as a dictionary word, whatever else shares its line.
 */
const SPELT_EXACTLY = 0.9;
/** Header regency read well enough (line confidence × name similarity) to lend its code to the NIK. */
const REGENCY_CERTAIN = 0.85;

function parseNik(text: string, confidence: number): FieldReading {
  const digits = fixDigits(text.replace(/\s+/g, '')).replace(/[^0-9]/g, '');
  const nik = digits.length > 16 ? digits.slice(0, 16) : digits;
  const check = checkNik(nik);
  return check.ok ? reading(nik, confidence) : reading(nik, confidence * 0.3, [`ktp.${check.problem}`]);
}

function parseDate(text: string, confidence: number): FieldReading | null {
  const m = DATE.exec(fixDigits(text));
  if (!m) return null;
  return reading(`${m[1]}-${m[2]}-${m[3]}`, confidence);
}

function parseBirth(value: string, confidence: number, out: Record<string, FieldReading>): void {
  const fixed = value.replace(/\s+/g, ' ');
  const comma = fixed.search(/[,.]\s*[0-9OIlBSZ]{2}/);
  const digitsAt = fixed.search(/[0-9]{2}\s*[-/.]?\s*[0-9OIlBSZ]{2}/);
  const split = comma >= 0 ? comma : digitsAt;
  const place = tidy(split >= 0 ? fixed.slice(0, split) : fixed).replace(/[^A-Za-z .'-]/g, '').trim();
  // The comma glued to the place's last letter: no word printed between them was lost (the
  // block read keeps the gaps between words, so a word erased by glare leaves a wide one).
  const whole = comma >= 0 && fixed[comma] === ',' && /[A-Za-z]$/.test(fixed.slice(0, comma));
  if (place) out.tempatLahir = readPlace(place.toUpperCase(), confidence, whole);
  const date = parseDate(split >= 0 ? fixed.slice(split) : fixed, confidence);
  if (date) out.tanggalLahir = date;
}

/**
 * A read place that is a listed place as it stands is as certain as a dictionary word — unless
 * it is also the start of another one ("BANDUNG", "BANDUNG BARAT") and the read does not show
 * the comma right after it (`whole`), when a lost last word would look the same and only OCR's
 * own confidence counts; one a letter or two away from the closest listed place is that place,
 * to be confirmed; one that matches nothing may be right (a village, a place abroad) and is left
 * for the applicant to check.
 */
function readPlace(place: string, confidence: number, whole: boolean): FieldReading {
  const listed = matchPlace(place);
  if (listed?.similarity === 1) return reading(listed.name, placeIsPrefix(listed.name) && !whole ? confidence : Math.max(confidence, SPELT_EXACTLY));
  if (listed && listed.similarity >= 0.8) return reading(listed.name, Math.min(confidence, 0.7), ['ktp.placeCorrected']);
  return reading(place, Math.min(confidence, 0.7), ['ktp.placeUnlisted']);
}

/** "PEREMPUAN Gol. Darah : O" — the blood group shares the sex line. */
function parseSexAndBlood(value: string, confidence: number, out: Record<string, FieldReading>): void {
  const gol = value.search(/G[o0]l|Darah|Dara/i);
  const sexText = gol >= 0 ? value.slice(0, gol) : value;
  const sex = snap(sexText, JENIS_KELAMIN, 0.5);
  if (sex) out.jenisKelamin = reading(sex.value, sex.similarity === 1 ? Math.max(confidence, SPELT_EXACTLY) : confidence * sex.similarity);
  if (gol >= 0) {
    const after = value.slice(gol).replace(/^[^:;]*[:;]?/, '');
    // Only A, B, AB, O or "-" are printed: a digit there is the letter it resembles.
    const blood = tidy(after).toUpperCase().replace(/0/g, 'O').replace(/8/g, 'B').replace(/4/g, 'A').replace(/\s/g, '');
    // An empty value is the printed "-" (blood group unknown), which OCR often drops.
    const known = blood === '' ? '-' : (GOLONGAN_DARAH as readonly string[]).includes(blood) ? blood : null;
    if (known) out.golonganDarah = reading(known, confidence);
  }
}

function snapped<T extends string>(value: string, known: readonly T[], confidence: number): FieldReading | null {
  const s = snap(value, known, 0.6);
  return s ? reading(s.value, confidence * s.similarity) : null;
}

const ORDER: readonly LabelledField[] = LABELS.map((l) => l.field);

/**
 * Labels each line; a line whose label OCR garbled is given the one field the KTP's fixed order
 * leaves for it between its labelled neighbours (when exactly as many lines as missing fields sit
 * there). Unplaceable lines are dropped.
 */
function assignFields(lines: readonly OcrLine[]): { field: LabelledField; value: string; confidence: number }[] {
  const labelled = lines.map((line) => {
    const l = labelLine(line);
    return l ? { field: l.field, value: l.value, confidence: l.confidence * (0.5 + l.labelSimilarity / 2) } : null;
  });
  const out: { field: LabelledField; value: string; confidence: number }[] = [];
  let i = 0;
  while (i < lines.length) {
    const here = labelled[i];
    if (here) { out.push(here); i++; continue; }
    let j = i;
    while (j < lines.length && !labelled[j]) j++;
    const prev = out.at(-1)?.field;
    const next = labelled[j]?.field;
    const from = prev ? ORDER.indexOf(prev) + 1 : 0;
    const to = next ? ORDER.indexOf(next) : ORDER.length;
    const missing = ORDER.slice(from, Math.max(from, to));
    if (prev && missing.length === j - i) {
      missing.forEach((field, k) => {
        const line = lines[i + k];
        if (line) out.push({ field, value: unlabelledValue(line), confidence: (line.confidence / 100) * 0.6 });
      });
    }
    i = j;
  }
  return out;
}

function readField(field: LabelledField, value: string, conf: number, out: Record<string, FieldReading>): void {
  switch (field) {
    case 'nik': out.nik = reading(value, conf); return; // resolved after all lines are read
    case 'tempatTanggalLahir': parseBirth(value, conf, out); return;
    case 'jenisKelamin': parseSexAndBlood(value, conf, out); return;
    case 'agama': { const r = snapped(value, AGAMA, conf); if (r) out.agama = r; return; }
    case 'statusPerkawinan': { const r = snapped(value, STATUS_PERKAWINAN, conf); if (r) out.statusPerkawinan = r; return; }
    case 'kewarganegaraan': { const r = snapped(value, KEWARGANEGARAAN, conf); if (r) out.kewarganegaraan = r; return; }
    case 'pekerjaan': {
      const s = snap(value, PEKERJAAN, 0.8);
      const text = tidy(value).toUpperCase();
      if (s) out.pekerjaan = reading(s.value, conf * s.similarity);
      else if (text) out.pekerjaan = reading(text, conf * 0.8);
      return;
    }
    case 'rtRw': { const r = parseRtRw(value, conf); if (r) out.rtRw = r; return; }
    case 'berlakuHingga': {
      // Only two forms exist: a date, or SEUMUR HIDUP (every e-KTP issued since 2016).
      const date = parseDate(value, conf);
      const life = snap(value, ['SEUMUR HIDUP'], 0.3);
      if (date) out.berlakuHingga = date;
      else if (life) out.berlakuHingga = reading(life.value, conf * life.similarity);
      return;
    }
    case 'alamat': case 'kelDesa': case 'kecamatan': {
      const text = tidyAddress(tidy(value).toUpperCase());
      if (text) out[field] = reading(text, conf);
      return;
    }
    default: {
      const kept = field === 'nama' ? dropFarMark(value) : value;
      const text = tidy(kept).toUpperCase();
      // A name with a mark dropped is flagged: the mark may have been a short last word set apart
      // by a glare spot.
      if (text) out[field] = reading(text, conf, kept === value ? [] : ['ktp.nameOddCharacters']);
    }
  }
}

function parseRtRw(value: string, conf: number): FieldReading | null {
  const m = /(\d{1,3})\s*[/|\\lI1]?\s*(\d{3})$/.exec(fixDigits(value.replace(/\s+/g, '')).replace(/[^0-9/]/g, ''));
  const digits = fixDigits(value).replace(/[^0-9]/g, '');
  const rtRw = m ? `${m[1]?.padStart(3, '0')}/${m[2]}` : digits.length === 6 ? `${digits.slice(0, 3)}/${digits.slice(3)}` : '';
  return rtRw ? reading(rtRw, conf) : null;
}

/** Digit-by-digit majority of three or more 16-digit reads; null without a majority everywhere. */
function voteDigits(texts: readonly string[]): string | null {
  const reads = texts.map((t) => fixDigits(t.replace(/\s+/g, '')).replace(/[^0-9]/g, '')).filter((d) => d.length === 16);
  if (reads.length < 3) return null;
  let out = '';
  for (let i = 0; i < 16; i++) {
    const counts = new Map<string, number>();
    for (const r of reads) counts.set(r[i] ?? '', (counts.get(r[i] ?? '') ?? 0) + 1);
    const [digit, n] = [...counts.entries()].sort((a, b) => b[1] - a[1])[0] ?? ['', 0];
    if (n * 2 <= reads.length) return null;
    out += digit;
  }
  return out;
}

/**
 * The PROVINSI line from its first word on; null for any other line. A word or two of at most
 * three characters before it are a mark at the card's corner read as letters ("di PROVINSI …").
 */
function provinceHeader(text: string): string | null {
  const isHeader = (t: string): boolean => similarity(squash(t).slice(0, 8), 'PROVINSI') >= 0.75;
  if (isHeader(text)) return text;
  const unmarked = text.replace(/^\s*(?:\S{1,3}\s+){1,2}/, '');
  return unmarked !== text && isHeader(unmarked) ? unmarked : null;
}

export function parseKtp(lines: readonly OcrLine[], options: ParseOptions = {}): KtpReading {
  const out: Record<string, FieldReading> = {};
  const usable = lines.filter((l) => l.text.trim() !== '');
  const provinceAt = usable.findIndex((l) => provinceHeader(l.text) !== null);
  // The codes of the header's province and regency, as matched: the NIK starts with them.
  const region: { provinceCode?: string; regencyCode?: string } = {};
  if (provinceAt >= 0) {
    const line = usable[provinceAt];
    const header = line ? provinceHeader(line.text) : null;
    const province = header ? matchProvince(header.replace(/^\s*\S+/, '')) : null;
    if (line && province) {
      out.provinsi = reading(province.name, (line.confidence / 100) * province.similarity);
      region.provinceCode = province.code;
    }
    const next = usable[provinceAt + 1];
    if (next && !labelLine(next)) {
      const regency = matchRegency(next.text, province?.code);
      if (regency) {
        out.kabupatenKota = reading(regency.name, (next.confidence / 100) * regency.similarity);
        region.regencyCode = regency.code;
      }
    }
  }
  const body = usable.slice(provinceAt >= 0 ? provinceAt + 1 : 0);
  let blockNik: FieldReading | undefined;
  let birth: string | undefined;
  for (const { field, value, confidence } of assignFields(body)) {
    if (out[field]) continue; // the first reading of a label wins; later ones are usually noise
    readField(field, value, confidence, out);
    if (field === 'nik') blockNik = out.nik;
    if (field === 'tempatTanggalLahir') birth ??= value;
  }
  if (blockNik) out.nik = parseNik(blockNik.value, blockNik.confidence);
  const nikReads: NikRead[] = [
    ...(blockNik ? [{ text: blockNik.value, confidence: blockNik.confidence, trusted: false }] : []),
    ...(options.nikLines ?? []).map((l) => ({ text: l.text, confidence: l.confidence / 100, trusted: true })),
  ];
  const voted = voteDigits(nikReads.map((r) => r.text));
  if (voted) nikReads.push({ text: voted, confidence: Math.max(...nikReads.map((r) => r.confidence)), trusted: true, derived: true });
  // After the vote: the second engine is a witness apart, not one more tesseract read.
  if (options.nikSecond) nikReads.push({ text: options.nikSecond.text, confidence: options.nikSecond.confidence / 100, trusted: true, second: true });
  const resolved = resolveNik(nikReads, {
    ...(out.kabupatenKota ? { regencyCode: region.regencyCode, regencyCertain: out.kabupatenKota.confidence >= REGENCY_CERTAIN } : {}),
    ...(out.tanggalLahir ? { birthDate: out.tanggalLahir.value } : {}),
    ...(out.jenisKelamin ? { sex: out.jenisKelamin.value === 'PEREMPUAN' ? 'P' as const : 'L' as const } : {}),
    ...(out.kecamatan ? { kecamatan: out.kecamatan.value } : {}),
  });
  if (resolved) out.nik = reading(resolved.nik, resolved.confidence);
  else if (options.nikLines?.[0]) out.nik = parseNik(options.nikLines[0].text, options.nikLines[0].confidence / 100);
  const name = chooseName(out.nama, {
    line: options.nameLine, ink: options.nameInk, tie: options.nameTieBreak, witness: options.nameWitness, rescue: options.nameRescue, second: options.nameSecond,
    startsLate: nameStartsLate(usable),
  });
  if (name) out.nama = name;
  const context = { ...region, contested: resolved?.contested ?? false, serialUncertain: resolved?.serialUncertain ?? false, regencyFromHeader: resolved?.regencyFromHeader ?? false,
    corrected: resolved?.corrected ?? false };
  const checked = crossCheck(out, context);
  // After the cross-check: a date completed or given by the NIK must not count as agreeing with it.
  const completed = !checked.tanggalLahir && birth ? completedDate(fixDigits(birth), checked) : null;
  const dateLost = !/\d{2}\s*[-/.]\s*\d{2}/.test(fixDigits(birth ?? ''));
  return lostFromNik(completed ? { ...checked, tanggalLahir: completed } : checked, context, dateLost);
}
