// The NIK encodes birth date and sex. Dukcapil data can legitimately disagree with what the
// applicant enters (corrected records, old NIKs), so a mismatch is a warning the applicant must
// confirm, never a hard error. It reads the fields by their conventional names: nik, tanggalLahir,
// jenisKelamin (a profile without them gets no warnings).
import { checkNik } from './nik';
import { parseIsoDate } from './dates';


export const NIK_WARNINGS = ['nik.birthDateMismatch', 'nik.sexMismatch'] as const;
export type NikWarning = (typeof NIK_WARNINGS)[number];

/** Expects normalised values (ISO date); returns nothing while the inputs are themselves invalid. */
export function nikWarnings(identity: Readonly<Record<string, string | undefined>>): NikWarning[] {
  const nik = checkNik(identity.nik ?? '');
  if (!nik.ok) return [];
  const warnings: NikWarning[] = [];
  const birth = parseIsoDate(identity.tanggalLahir ?? '');
  if (birth && (birth.day !== nik.info.day || birth.month !== nik.info.month || birth.year % 100 !== nik.info.yy)) {
    warnings.push('nik.birthDateMismatch');
  }
  const sex = identity.jenisKelamin;
  if ((sex === 'L' || sex === 'P') && sex !== nik.info.sex) warnings.push('nik.sexMismatch');
  return warnings;
}
