// Plausible applicants with NIKs that are valid against real region codes.
export interface Applicant {
  readonly nik: string;
  readonly nomorKk: string;
  readonly namaLengkap: string;
  readonly tempatLahir: string;
  readonly tanggalLahir: string; // as typed: DD-MM-YYYY
  readonly jenisKelamin: 'L' | 'P';
  readonly nomorHp: string;
  readonly email: string;
}

/** Gambir, Jakarta Pusat (31.71.01); born 17-08-1995, female (day 17 + 40 = 57). */
export const SITI: Applicant = {
  nik: '3171015708950003',
  nomorKk: '3171012309180007',
  namaLengkap: 'Siti Rahmawati Kusumadewi',
  tempatLahir: 'Kota Bandung',
  tanggalLahir: '17-08-1995',
  jenisKelamin: 'P',
  nomorHp: '0812 3456 7890',
  email: 'siti.rahmawati@contoh.co.id',
};

/** Bakongan, Aceh Selatan (11.01.01); born 02-01-1988, male. */
export const BUDI: Applicant = {
  nik: '1101010201880012',
  nomorKk: '1101011501100004',
  namaLengkap: "Budi O'Neil Santoso",
  tempatLahir: 'Kab. Aceh Selatan',
  tanggalLahir: '02-01-1988',
  jenisKelamin: 'L',
  nomorHp: '+62 857-1122-3344',
  email: 'budi.santoso@example.id',
};
