// Calibration of the KTP prefill for `npm run bench:ocr`: of the values the kiosk would prefill
// into the identity form, how many are wrong without being highlighted for the applicant to
// confirm (the costly error: SSCASN data cannot be changed after submission), and how many are
// right but highlighted anyway (the applicant checks for nothing).
import { prefillFromKtp, type PrefilledField } from '../shared/ktp/prefill';
import type { KtpReading } from '../shared/ktp/parse-ktp';
import type { KtpTruth } from '../test/fixtures/ktp/identities';

interface FieldTally { prefilled: number; right: number; wrongNotFlagged: number; rightButFlagged: number; wrongFlagged: number }

export interface Calibration extends FieldTally {
  notPrefilled: number;
  byField: Record<string, FieldTally>;
}

export function emptyCalibration(): Calibration {
  return { prefilled: 0, right: 0, wrongNotFlagged: 0, rightButFlagged: 0, wrongFlagged: 0, notPrefilled: 0, byField: {} };
}

function expected(field: PrefilledField, truth: KtpTruth): string {
  switch (field) {
    case 'namaLengkap': return truth.nama;
    case 'jenisKelamin': return truth.jenisKelamin === 'PEREMPUAN' ? 'P' : 'L';
    default: return truth[field];
  }
}

export type Verdict = 'right' | 'right-flagged' | 'wrong-flagged' | 'WRONG-NOT-FLAGGED' | 'missing';

/** Adds one card's prefill to `c`; returns each prefilled field's verdict. */
export function calibrate(c: Calibration, fields: KtpReading, truth: KtpTruth): Record<PrefilledField, Verdict> {
  const prefill = prefillFromKtp(fields);
  const fieldsOf: PrefilledField[] = ['nik', 'namaLengkap', 'tempatLahir', 'tanggalLahir', 'jenisKelamin'];
  const out = {} as Record<PrefilledField, Verdict>;
  for (const field of fieldsOf) {
    const t = (c.byField[field] ??= { prefilled: 0, right: 0, wrongNotFlagged: 0, rightButFlagged: 0, wrongFlagged: 0 });
    const value = prefill.values[field];
    if (value === undefined) { c.notPrefilled++; out[field] = 'missing'; continue; }
    const flagged = prefill.uncertain.includes(field);
    const right = value === expected(field, truth);
    const bump = (key: keyof FieldTally): void => { t[key]++; c[key]++; };
    bump('prefilled');
    if (right) bump('right');
    if (right && flagged) bump('rightButFlagged');
    if (!right && flagged) bump('wrongFlagged');
    if (!right && !flagged) bump('wrongNotFlagged');
    out[field] = right ? (flagged ? 'right-flagged' : 'right') : (flagged ? 'wrong-flagged' : 'WRONG-NOT-FLAGGED');
  }
  return out;
}
