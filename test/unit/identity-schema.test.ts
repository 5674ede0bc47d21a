import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { identitySchemaFor, IDENTITY_FIELDS } from '../../shared/identity/schema';
import { nikWarnings } from '../../shared/identity/warnings';
import { checkName } from '../../shared/identity/person';
import { parseDisplayDate, toDisplayDate, toIsoDate, parseIsoDate, isRealDate } from '../../shared/identity/dates';
import { suggestRegencies } from '../../shared/regions/regions';

const today = () => ({ year: 2026, month: 11, day: 22 });
const allRequired = IDENTITY_FIELDS.map((name) => ({ name, required: true }));
const valid = {
  nik: '3171015708950003', nomorKk: '3171012309180007', namaLengkap: ' siti  rahmawati ', tempatLahir: 'Kota Bandung',
  tanggalLahir: '17-08-1995', jenisKelamin: 'P', nomorHp: '0812 3456 7890', email: 'Siti@Contoh.CO.ID',
};

describe('identity schema', () => {
  it('normalises every field and is idempotent on its own output', () => {
    const schema = identitySchemaFor(allRequired, today);
    const out = schema.parse(valid);
    expect(out).toEqual({
      nik: '3171015708950003', nomorKk: '3171012309180007', namaLengkap: 'SITI RAHMAWATI', tempatLahir: 'Kota Bandung',
      tanggalLahir: '1995-08-17', jenisKelamin: 'P', nomorHp: '+6281234567890', email: 'Siti@contoh.co.id',
    });
    expect(schema.parse(out)).toEqual(out);
  });

  it('reports each problem as an i18n key on its field', () => {
    const r = identitySchemaFor(allRequired, today).safeParse({ ...valid, nik: '12', tanggalLahir: '31-02-1990', jenisKelamin: '' });
    expect(r.success).toBe(false);
    const issues = r.error?.issues.map((i) => [i.path.join('.'), i.message]);
    expect(issues).toEqual(expect.arrayContaining([['nik', 'nik.length'], ['tanggalLahir', 'date.format'], ['jenisKelamin', 'sex.required']]));
  });

  it('refuses birth dates in the future or before 1900', () => {
    const schema = identitySchemaFor([{ name: 'tanggalLahir', required: true }], today);
    expect(schema.safeParse({ tanggalLahir: '23-11-2026' }).error?.issues[0]?.message).toBe('date.range');
    expect(schema.safeParse({ tanggalLahir: '31-12-1899' }).error?.issues[0]?.message).toBe('date.range');
    expect(schema.parse({ tanggalLahir: '22-11-2026' })).toEqual({ tanggalLahir: '2026-11-22' });
  });

  it('lets an optional field stay empty and strips fields the profile does not ask for', () => {
    const schema = identitySchemaFor([{ name: 'nik', required: true }, { name: 'email', required: false }], today);
    expect(schema.parse({ nik: valid.nik, email: '', nomorKk: 'ignored' })).toEqual({ nik: valid.nik, email: '' });
    expect(schema.safeParse({ nik: valid.nik, email: 'x@' }).success).toBe(false);
  });
});

describe('NIK cross-check warnings', () => {
  it('is silent when the NIK agrees with Tanggal Lahir and Jenis Kelamin', () => {
    expect(nikWarnings({ nik: valid.nik, tanggalLahir: '1995-08-17', jenisKelamin: 'P' })).toEqual([]);
  });

  it('warns on each disagreement, never errors', () => {
    expect(nikWarnings({ nik: valid.nik, tanggalLahir: '1995-08-18', jenisKelamin: 'L' })).toEqual(['nik.birthDateMismatch', 'nik.sexMismatch']);
    expect(nikWarnings({ nik: valid.nik, tanggalLahir: '1895-08-17', jenisKelamin: 'P' })).toEqual([]);
    expect(nikWarnings({ nik: valid.nik, tanggalLahir: '1996-08-17', jenisKelamin: 'P' })).toEqual(['nik.birthDateMismatch']);
    expect(nikWarnings({ nik: 'not a nik', tanggalLahir: '1996-08-17', jenisKelamin: 'P' })).toEqual([]);
  });
});

describe('dates and names', () => {
  it('display and ISO forms round-trip for every real date', () => {
    const date = fc.record({ year: fc.integer({ min: 1900, max: 2100 }), month: fc.integer({ min: 1, max: 12 }), day: fc.integer({ min: 1, max: 31 }) })
      .filter((d) => isRealDate(d.year, d.month, d.day));
    fc.assert(fc.property(date, (d) => {
      expect(parseDisplayDate(toDisplayDate(d))).toEqual(d);
      expect(parseIsoDate(toIsoDate(d))).toEqual(d);
    }));
  });

  it('accepts any name of letters, spaces and name punctuation; refuses any name with a digit or symbol', () => {
    const word = fc.stringMatching(/^[A-Za-zÀ-ÖØ-öø-ÿ]{1,12}$/);
    const name = fc.array(fc.tuple(word, fc.constantFrom(' ', '. ', "'", '-', ', ')), { minLength: 1, maxLength: 5 })
      .map((parts) => parts.map(([w, sep]) => w + sep).join('') + 'A');
    fc.assert(fc.property(name, (n) => { expect(checkName(n)).toBeNull(); }));
    fc.assert(fc.property(name, fc.constantFrom('1', '@', '#', '_', '/', '!'), fc.nat(), (n, bad, at) => {
      const i = 1 + (at % n.length);
      expect(checkName(n.slice(0, i) + bad + n.slice(i))).toBe('name.chars');
    }));
  });

  it('accepts the names Dukcapil prints and refuses digits and symbols', () => {
    for (const ok of ["MUH. ALI", "O'NEIL", 'SITI-AMINAH', 'I GUSTI AYU', 'NUR\u2019AINI'.replace('\u2019', "'")]) expect(checkName(ok), ok).toBeNull();
    expect(checkName('BUDI 2')).toBe('name.chars');
    expect(checkName('A')).toBe('name.length');
    expect(checkName('   ')).toBe('name.required');
  });
});

describe('Kab/Kota suggestions', () => {
  it('start after 3 characters and rank prefix matches first', () => {
    expect(suggestRegencies('ba')).toEqual([]);
    expect(suggestRegencies('bandung').map((r) => r.name)).toEqual(['Kab. Bandung', 'Kab. Bandung Barat', 'Kota Bandung']);
    expect(suggestRegencies('SURABAYA')[0]?.name).toBe('Kota Surabaya');
  });
});
