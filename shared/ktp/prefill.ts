// From a KTP reading to the identity form: which values to prefill and which the applicant must
// check because the reading is unsure or disagrees with the NIK.
import type { KtpReading } from './parse-ktp';

/**
 * The fields a KTP reading prefills, by the names the profiles give them: a profile field with one
 * of these names (any kind) receives the card's value.
 */
export const KTP_PREFILL_FIELDS = ['nik', 'namaLengkap', 'tempatLahir', 'tanggalLahir', 'jenisKelamin'] as const;
export type PrefilledField = (typeof KTP_PREFILL_FIELDS)[number];

/** Below this, or with any flag, a prefilled field is highlighted for the applicant to confirm. */
export const CONFIDENT = 0.8;

export interface Prefill {
  readonly values: Partial<Record<PrefilledField, string>>;
  readonly uncertain: PrefilledField[];
}

export function prefillFromKtp(fields: KtpReading): Prefill {
  const values: Partial<Record<PrefilledField, string>> = {};
  const uncertain: PrefilledField[] = [];
  const take = (field: PrefilledField, value: string | undefined, confidence: number, flags: readonly string[]): void => {
    if (!value) return;
    values[field] = value;
    if (confidence < CONFIDENT || flags.length > 0) uncertain.push(field);
  };
  const { nik, nama, tempatLahir, tanggalLahir, jenisKelamin } = fields;
  if (nik) take('nik', nik.value, nik.confidence, nik.flags);
  if (nama) take('namaLengkap', nama.value, nama.confidence, nama.flags);
  if (tempatLahir) take('tempatLahir', tempatLahir.value, tempatLahir.confidence, tempatLahir.flags);
  if (tanggalLahir) take('tanggalLahir', tanggalLahir.value, tanggalLahir.confidence, tanggalLahir.flags);
  if (jenisKelamin) take('jenisKelamin', jenisKelamin.value === 'PEREMPUAN' ? 'P' : 'L', jenisKelamin.confidence, jenisKelamin.flags);
  return { values, uncertain };
}
