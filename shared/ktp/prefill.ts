// From a KTP reading to the identity form: which values to prefill and which the applicant must
// check because the reading is unsure or disagrees with the NIK.
import type { IdentityField } from '../identity/schema';
import type { KtpReading } from './parse-ktp';

/** Below this, or with any flag, a prefilled field is highlighted for the applicant to confirm. */
export const CONFIDENT = 0.8;

export interface Prefill {
  readonly values: Partial<Record<IdentityField, string>>;
  readonly uncertain: IdentityField[];
}

export function prefillFromKtp(fields: KtpReading): Prefill {
  const values: Partial<Record<IdentityField, string>> = {};
  const uncertain: IdentityField[] = [];
  const take = (field: IdentityField, value: string | undefined, confidence: number, flags: readonly string[]): void => {
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
