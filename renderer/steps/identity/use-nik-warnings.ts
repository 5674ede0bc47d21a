// Live NIK ↔ Tanggal Lahir / Jenis Kelamin cross-check while the applicant types.
import { useMemo } from 'react';
import { fieldSchemas } from '../../../shared/identity/schema';
import { nikWarnings, type NikWarning } from '../../../shared/identity/warnings';

const fields = fieldSchemas();

export function useNikWarnings(nik: string | undefined, tanggalLahir: string | undefined, jenisKelamin: string | undefined): NikWarning[] {
  return useMemo(() => {
    const n = fields.nik.safeParse(nik ?? '');
    const d = fields.tanggalLahir.safeParse(tanggalLahir ?? '');
    if (!n.success || !d.success) return [];
    return nikWarnings({ nik: n.data, tanggalLahir: d.data, jenisKelamin: jenisKelamin ?? '' });
  }, [nik, tanggalLahir, jenisKelamin]);
}
