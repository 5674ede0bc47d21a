// Live NIK ↔ Tanggal Lahir / Jenis Kelamin cross-check while the applicant types, when the page has
// those fields (by their conventional names; see shared/identity/warnings.ts).
import { useMemo } from 'react';
import type { FieldDefinition } from '../../../shared/fields/definitions';
import { fieldSchema } from '../../../shared/fields/validate';
import { nikWarnings, type NikWarning } from '../../../shared/identity/warnings';

export function useNikWarnings(defs: readonly FieldDefinition[], values: Readonly<Record<string, unknown>>): NikWarning[] {
  const nikDef = defs.find((d) => d.name === 'nik');
  const dateDef = defs.find((d) => d.name === 'tanggalLahir');
  const nik = String(values.nik ?? '');
  const date = String(values.tanggalLahir ?? '');
  const sex = String(values.jenisKelamin ?? '');
  return useMemo(() => {
    if (!nikDef || !dateDef) return [];
    const n = fieldSchema({ ...nikDef, required: true }).safeParse(nik);
    const d = fieldSchema({ ...dateDef, required: true }).safeParse(date);
    if (!n.success || !d.success) return [];
    return nikWarnings({ nik: n.data, tanggalLahir: d.data, jenisKelamin: sex });
  }, [nikDef, dateDef, nik, date, sex]);
}
