// The NIK encodes province, regency, district (Kecamatan), birth date and sex. When the NIK is
// valid, each of those is compared with what the card prints elsewhere: agreement raises the NIK's
// confidence (independent readings agree), disagreement lowers both sides and flags them for the
// applicant to confirm. Agreement counts only when it is independent evidence: when the printed
// fields chose between NIK reads that disagreed (`contested`), they cannot also confirm the choice,
// and when the NIK's serial was a close call (`serialUncertain`) they confirm nothing of it.
import { checkNik } from '../identity/nik';
import { matchDistrict } from './regions-match';
import type { FieldReading, KtpReading } from './parse-ktp';
import type { KtpField } from './vocabulary';

/** A NIK read at least this confidently (its reads agree) vouches for the date and sex it encodes. */
const NIK_SURE = 0.9;

/** The fields the NIK's digits encode besides its region. */
const ENCODED: readonly KtpField[] = ['kecamatan', 'jenisKelamin', 'tanggalLahir'];

/** The first year a KTP holder can be born in (ages 17 and up; married minors are rare). */
const latestBirthYear = (): number => new Date().getFullYear() - 17;

/** `provinceCode`, `regencyCode`: the codes of the printed Provinsi and Kabupaten/Kota, as the parser matched them. */
export interface CrossCheckContext {
  readonly contested?: boolean;
  readonly serialUncertain?: boolean;
  /** The NIK's regency digits are the header's (see ResolvedNik): flagged, and the header confirms nothing. */
  readonly regencyFromHeader?: boolean;
  /** The chosen NIK is no read as it stands (a digit dropped or replaced; see ResolvedNik). */
  readonly corrected?: boolean;
  readonly provinceCode?: string;
  readonly regencyCode?: string;
}

export function crossCheck(fields: KtpReading, { contested = false, serialUncertain = false, regencyFromHeader = false, corrected = false, provinceCode, regencyCode }: CrossCheckContext = {}): KtpReading {
  const nik = fields.nik;
  if (!nik) return fields;
  const parsed = checkNik(nik.value);
  if (!parsed.ok) return fields;
  const info = parsed.info;
  const district = fields.kecamatan ? matchDistrict(fields.kecamatan.value, nik.value) : null;
  const out: Record<string, FieldReading> = { ...fields } as Record<string, FieldReading>;
  const checks: { field: KtpField; agrees: boolean | null; flag: string }[] = [
    { field: 'provinsi', flag: 'ktp.nikProvinceMismatch', agrees: fields.provinsi ? provinceCode === nik.value.slice(0, 2) : null },
    { field: 'kabupatenKota', flag: 'ktp.nikRegencyMismatch', agrees: fields.kabupatenKota ? regencyCode === nik.value.slice(0, 4) : null },
    {
      field: 'tanggalLahir', flag: 'ktp.nikDateMismatch',
      // The NIK holds the year's last two digits only: the century must be a possible one too.
      agrees: fields.tanggalLahir
        ? fields.tanggalLahir.value.slice(0, 5) === `${String(info.day).padStart(2, '0')}-${String(info.month).padStart(2, '0')}`
          && fields.tanggalLahir.value === dateFromNik(fields.tanggalLahir.value, info)
        : null,
    },
    { field: 'jenisKelamin', flag: 'ktp.nikSexMismatch', agrees: fields.jenisKelamin ? (fields.jenisKelamin.value === 'PEREMPUAN') === (info.sex === 'P') : null },
    // A read that matches no district of the regency says nothing (garbled); one that matches
    // another district disagrees. (Someone who moved keeps their NIK: confirm, never correct.)
    { field: 'kecamatan', flag: 'ktp.nikDistrictMismatch', agrees: district ? district.code === nik.value.slice(0, 6) : null },
  ];
  // Reads that gave different valid NIKs: whichever the card's other fields chose, confirm it.
  let nikConfidence = contested ? Math.min(nik.confidence, 0.7) : nik.confidence;
  const nikFlags = contested ? [...nik.flags, 'ktp.nikReadsDisagree'] : [...nik.flags];
  if (serialUncertain && !contested) nikFlags.push('ktp.nikSerialUnsure');
  if (regencyFromHeader) nikFlags.push('ktp.nikRegencyFromHeader');
  const agrees = (field: KtpField): boolean | null => checks.find((c) => c.field === field)?.agrees ?? null;
  // The header vouches for nothing when the NIK took its regency digits from it.
  const region = regencyFromHeader ? null : agrees('kabupatenKota') ?? agrees('provinsi');
  // The NIK's date and sex digits are vouched for, for a field that encodes them too, by
  // something other than that field: the NIK was read confidently, or the region printed (the
  // regency, else the province: both are its first digits) and another field it encodes agree.
  // Never when the printed fields chose its digits: reads that gave different valid NIKs (the
  // glare that split them may have misled all of them on the same digit), or a digit dropped or
  // replaced to make it valid. The serial plays no part in it.
  const vouchedFor = (field: KtpField): boolean => !contested && !corrected
    && (nik.confidence >= NIK_SURE || (region === true && ENCODED.some((f) => f !== field && agrees(f) === true)));
  for (const c of checks) {
    const other = out[c.field];
    if (c.agrees === null || !other) continue;
    if (c.agrees) {
      // A birth date or sex so vouched for is known twice over (the century follows, as nobody
      // is born in the future).
      const encoded = (c.field === 'tanggalLahir' || c.field === 'jenisKelamin') && vouchedFor(c.field) ? NIK_SURE : 0;
      const confirms = !(contested || serialUncertain || (regencyFromHeader && (c.field === 'provinsi' || c.field === 'kabupatenKota')));
      if (confirms) nikConfidence = 1 - (1 - nikConfidence) * 0.6;
      const raised = confirms ? 1 - (1 - other.confidence) * 0.6 : other.confidence;
      out[c.field] = { ...other, confidence: Math.max(encoded, raised) };
    } else {
      nikConfidence *= 0.6;
      nikFlags.push(c.flag);
      // A year that alone disagrees with a NIK so vouched for takes the NIK's, and so does a day
      // or month read as no date, one digit off (still flagged).
      const value = c.field === 'tanggalLahir' && vouchedFor(c.field) ? dateFromNik(other.value, info) : other.value;
      out[c.field] = { ...other, value, confidence: other.confidence * 0.5, flags: [...other.flags, c.flag] };
    }
  }
  out.nik = { ...nik, confidence: nikConfidence, flags: nikFlags };
  // The printed Kecamatan spelt as the official list spells it.
  const kecamatan = out.kecamatan;
  if (district && kecamatan) out.kecamatan = { ...kecamatan, value: district.name };
  return out;
}

/**
 * The read date (DD-MM-YYYY) with the NIK's year when day and month agree with it: its last two
 * digits, in whichever century puts the year nearest the one read without a holder under 17.
 * Likewise the NIK's day and month when those read are no date ("13-00-1964" for 13-09-1964, a 9
 * read as 0), one digit off the NIK's, and the year's last two digits agree. Any other date is
 * returned as read: a card may print another day than its NIK holds, and the applicant checks.
 */
function dateFromNik(date: string, info: { day: number; month: number; yy: number }): string {
  const m = /^(\d{2})-(\d{2})-(\d{4})$/.exec(date);
  if (!m) return date;
  const dayMonth = `${String(info.day).padStart(2, '0')}-${String(info.month).padStart(2, '0')}`;
  const differ = [...`${m[1]}-${m[2]}`].filter((d, i) => d !== dayMonth[i]).length;
  const [day, month] = [Number(m[1]), Number(m[2])];
  const noDate = day < 1 || day > 31 || month < 1 || month > 12;
  if (differ > 1 || (differ === 1 && (!noDate || Number(m[3]) % 100 !== info.yy))) return date;
  const read = Number(m[3]);
  const years = [1900 + info.yy, 2000 + info.yy].filter((y) => y <= latestBirthYear());
  const year = years.sort((a, b) => Math.abs(a - read) - Math.abs(b - read))[0] ?? 1900 + info.yy;
  return `${dayMonth}-${year}`;
}

/**
 * A birth date cut at the text column's edge (a long place of birth pushes it under the photo):
 * "28-06-19" completed with the NIK's year when its day and month agree with the NIK's, in the
 * century the read digits start, else the latest that leaves the holder at least 17. Flagged: only
 * the NIK gave the year.
 */
export function completedDate(partial: string, fields: KtpReading): FieldReading | null {
  const m = /(\d{2})\s*[-/.]\s*(\d{2})(?:\s*[-/.]\s*(\d{0,3}))?\s*$/.exec(partial);
  const nik = fields.nik;
  const parsed = nik ? checkNik(nik.value) : null;
  if (!m || !nik || !parsed?.ok) return null;
  const { day, month, yy } = parsed.info;
  if (Number(m[1]) !== day || Number(m[2]) !== month) return null;
  const begun = m[3] ?? '';
  // The latest possible year the read digits begin: 2005 rather than 1905 for "28-06".
  const year = [2000 + yy, 1900 + yy].find((y) => String(y).startsWith(begun) && y <= latestBirthYear());
  if (year === undefined) return null;
  return { value: `${m[1]}-${m[2]}-${year}`, confidence: Math.min(nik.confidence, 0.7), flags: ['ktp.dateFromNik'] };
}

/**
 * The birth date and sex a NIK read surely encodes, for a card whose Tempat/Tgl Lahir or Jenis
 * Kelamin line was lost (washed out, cut off, or not read at all): flagged, as only the NIK gave
 * them, and never from a NIK whose digits the printed fields chose (contested) or that was
 * corrected. The century is the latest that leaves the holder at least 17. `dateLost`: no day and
 * month were read at all (a date read otherwise than the NIK has it is kept as the card prints it).
 */
export function lostFromNik(fields: KtpReading, { contested = false, corrected = false }: CrossCheckContext, dateLost: boolean): KtpReading {
  const nik = fields.nik;
  const parsed = nik ? checkNik(nik.value) : null;
  if (!nik || !parsed?.ok || contested || corrected || nik.confidence < NIK_SURE) return fields;
  const { day, month, sex } = parsed.info;
  const pad = (n: number): string => String(n).padStart(2, '0');
  const date = fields.tanggalLahir || !dateLost ? null : completedDate(`${pad(day)}-${pad(month)}`, fields);
  return {
    ...fields,
    ...(date ? { tanggalLahir: date } : {}),
    ...(fields.jenisKelamin ? {} : { jenisKelamin: { value: sex === 'P' ? 'PEREMPUAN' : 'LAKI-LAKI', confidence: Math.min(nik.confidence, 0.7), flags: ['ktp.sexFromNik'] } }),
  };
}
