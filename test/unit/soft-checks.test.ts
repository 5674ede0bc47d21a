import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { emailTypo, softWarnings, titleIn } from '../../shared/fields/soft-checks';
import { loadProfile } from '../../node/profiles';
import { appPaths } from '../../electron/services/app-paths';

const sscasn = loadProfile('sscasn', appPaths().resources);
const today = { year: 2026, month: 11, day: 29 };

describe('gentle checks', () => {
  it('suggests the one provider an e-mail domain is a slip away from, and nothing for real domains', () => {
    expect(emailTypo('budi@gmial.com')).toBe('budi@gmail.com');
    expect(emailTypo('Budi.S@gmail.co')).toBe('Budi.S@gmail.com');
    expect(emailTypo('budi@yaho.co.id')).toBe('budi@yahoo.co.id');
    for (const fine of ['budi@gmail.com', 'budi@yahoo.co.id', 'budi@contoh.co.id', 'budi@pnj.ac.id', 'budi@yahoo.co.uk', 'budi@yahoo.co.in', 'budi@nice.com', 'budi@line.com', 'not an address']) {
      expect(emailTypo(fine), fine).toBeUndefined();
    }
    // Whatever the local part, a real provider is never "corrected".
    fc.assert(fc.property(fc.stringMatching(/^[a-z0-9]{1,12}$/), fc.constantFrom('gmail.com', 'yahoo.com', 'outlook.com'), (local, domain) => {
      expect(emailTypo(`${local}@${domain}`)).toBeUndefined();
    }));
  });

  it('finds titles as Indonesians write them, and leaves names alone', () => {
    expect(titleIn('Budi Santoso, S.Pd.')).toBe('S.Pd.');
    expect(titleIn('Dr. Budi Santoso')).toBe('Dr.');
    expect(titleIn('Hj. Siti Aminah')).toBe('Hj.');
    expect(titleIn('Budi Santoso, SE')).toBe('SE');
    expect(titleIn('Rina Wati A.Md.')).toBe('A.Md.');
    for (const name of ['Agus Setiawan', 'MUH. ALI', 'Siti St Aminah', "Budi O'Neil", 'Se Hun', 'M. RIZKI', 'M.IQBAL', 'S.BUDI', 'D.SURYA', 'ANDI H. SAPUTRA']) {
      expect(titleIn(name), name).toBeUndefined();
    }
    expect(titleIn('Budi, S.Kom.')).toBe('S.Kom.');
    expect(titleIn('Rina, M.M.')).toBe('M.M.');
  });

  it('warns about a title in a name asked without titles, a KK equal to the NIK, an implausible age', () => {
    const values = { nik: '3171015708950003', nomorKk: '3171 0157 0895 0003', namaLengkap: 'Siti, S.Kom.', tanggalLahir: '17-08-2015', email: 'siti@gmial.com' };
    expect(softWarnings(sscasn.fields, values, today).map((w) => [w.field, w.code])).toEqual([
      ['nomorKk', 'kk.sameAsNik'], ['namaLengkap', 'name.title'], ['tanggalLahir', 'date.age'], ['email', 'email.typo'],
    ]);
    expect(softWarnings(sscasn.fields, { ...values, nomorKk: '3171012309180007', namaLengkap: 'Siti', tanggalLahir: '17-08-1995', email: 'siti@gmail.com' }, today)).toEqual([]);
  });
});
