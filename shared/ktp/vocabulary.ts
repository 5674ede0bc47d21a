// The e-KTP's printed labels and the enumerated values Dukcapil prints (Permendagri 7/2019 forms).

export const KTP_FIELDS = [
  'provinsi', 'kabupatenKota', 'nik', 'nama', 'tempatLahir', 'tanggalLahir', 'jenisKelamin',
  'golonganDarah', 'alamat', 'rtRw', 'kelDesa', 'kecamatan', 'agama', 'statusPerkawinan',
  'pekerjaan', 'kewarganegaraan', 'berlakuHingga',
] as const;
export type KtpField = (typeof KTP_FIELDS)[number];

/** Label text as printed, per line-leading field. Tempat/Tgl Lahir carries two fields. */
export const LABELS: readonly { readonly label: string; readonly field: KtpField | 'tempatTanggalLahir' }[] = [
  { label: 'NIK', field: 'nik' },
  { label: 'Nama', field: 'nama' },
  { label: 'Tempat/Tgl Lahir', field: 'tempatTanggalLahir' },
  { label: 'Jenis Kelamin', field: 'jenisKelamin' },
  { label: 'Alamat', field: 'alamat' },
  { label: 'RT/RW', field: 'rtRw' },
  { label: 'Kel/Desa', field: 'kelDesa' },
  { label: 'Kecamatan', field: 'kecamatan' },
  { label: 'Agama', field: 'agama' },
  { label: 'Status Perkawinan', field: 'statusPerkawinan' },
  { label: 'Pekerjaan', field: 'pekerjaan' },
  { label: 'Kewarganegaraan', field: 'kewarganegaraan' },
  { label: 'Berlaku Hingga', field: 'berlakuHingga' },
];

/** The distinctive last word of a label, matched when OCR garbled the first one ("Statu5 Perkawinan"). */
export const LABEL_TAILS: readonly { readonly tail: string; readonly field: KtpField | 'tempatTanggalLahir' }[] = [
  { tail: 'Perkawinan', field: 'statusPerkawinan' },
  { tail: 'Kelamin', field: 'jenisKelamin' },
  { tail: 'Hingga', field: 'berlakuHingga' },
  { tail: 'Tgl Lahir', field: 'tempatTanggalLahir' },
  { tail: 'Kecamatan', field: 'kecamatan' },
  { tail: 'Pekerjaan', field: 'pekerjaan' },
  { tail: 'warganegaraan', field: 'kewarganegaraan' },
];

/** Common occupations as Dukcapil prints them (a value within 0.8 similarity snaps to one). */
export const PEKERJAAN = [
  'BELUM/TIDAK BEKERJA', 'MENGURUS RUMAH TANGGA', 'PELAJAR/MAHASISWA', 'PENSIUNAN', 'PEGAWAI NEGERI SIPIL',
  'TENTARA NASIONAL INDONESIA', 'KEPOLISIAN RI', 'PERDAGANGAN', 'PETANI/PEKEBUN', 'PETERNAK', 'NELAYAN/PERIKANAN',
  'INDUSTRI', 'KONSTRUKSI', 'TRANSPORTASI', 'KARYAWAN SWASTA', 'KARYAWAN BUMN', 'KARYAWAN BUMD', 'KARYAWAN HONORER',
  'BURUH HARIAN LEPAS', 'BURUH TANI/PERKEBUNAN', 'BURUH NELAYAN/PERIKANAN', 'PEMBANTU RUMAH TANGGA', 'TUKANG CUKUR',
  'TUKANG LISTRIK', 'TUKANG BATU', 'TUKANG KAYU', 'TUKANG JAHIT', 'PENATA RAMBUT', 'MEKANIK', 'SENIMAN', 'TABIB',
  'PERANCANG BUSANA', 'PENTERJEMAH', 'IMAM MASJID', 'PENDETA', 'PASTOR', 'WARTAWAN', 'USTADZ/MUBALIGH', 'JURU MASAK',
  'DOSEN', 'GURU', 'PILOT', 'PENGACARA', 'NOTARIS', 'ARSITEK', 'AKUNTAN', 'KONSULTAN', 'DOKTER', 'BIDAN', 'PERAWAT',
  'APOTEKER', 'PSIKIATER/PSIKOLOG', 'PENYIAR TELEVISI', 'PENYIAR RADIO', 'PELAUT', 'PENELITI', 'SOPIR', 'PIALANG',
  'PARANORMAL', 'PEDAGANG', 'PERANGKAT DESA', 'KEPALA DESA', 'BIARAWATI', 'WIRASWASTA', 'LAINNYA',
] as const;

export const JENIS_KELAMIN = ['LAKI-LAKI', 'PEREMPUAN'] as const;
export const GOLONGAN_DARAH = ['A', 'B', 'AB', 'O', 'A+', 'A-', 'B+', 'B-', 'AB+', 'AB-', 'O+', 'O-', '-'] as const;
export const AGAMA = ['ISLAM', 'KRISTEN', 'KATOLIK', 'HINDU', 'BUDDHA', 'KONGHUCU', 'KEPERCAYAAN TERHADAP TUHAN YME'] as const;
export const STATUS_PERKAWINAN = ['BELUM KAWIN', 'KAWIN', 'CERAI HIDUP', 'CERAI MATI'] as const;
export const KEWARGANEGARAAN = ['WNI', 'WNA'] as const;
