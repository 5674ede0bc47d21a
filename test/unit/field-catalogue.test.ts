import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { fieldSchema, fieldsSchema } from '../../shared/fields/validate';
import { FieldDefinitionSchema, type FieldDefinition, type FieldDefinitionInput } from '../../shared/fields/definitions';
import { domainAllowed, domainMatches } from '../../shared/fields/email-domains';
import { nikWarnings } from '../../shared/identity/warnings';
import { checkName } from '../../shared/identity/person';
import { parseDisplayDate, toDisplayDate, toIsoDate, parseIsoDate, isRealDate } from '../../shared/identity/dates';
import { allRegencies, suggestRegencies } from '../../shared/regions/regions';
import { loadProfile } from '../../node/profiles';
import { appPaths } from '../../electron/services/app-paths';

const today = () => ({ year: 2026, month: 11, day: 22 });
const def = (d: FieldDefinitionInput): FieldDefinition => FieldDefinitionSchema.parse(d);
const label = { id: 'L', en: 'L' };
const one = (d: FieldDefinitionInput) => fieldSchema(def(d), today);
const sscasn = loadProfile('sscasn', appPaths().resources);
const identityFields = sscasn.fields.filter((f) => ['nik', 'nomorKk', 'namaLengkap', 'tempatLahir', 'tanggalLahir', 'jenisKelamin', 'nomorHp', 'email'].includes(f.name));
const valid = {
  nik: '3171015708950003', nomorKk: '3171012309180007', namaLengkap: ' siti  rahmawati ', tempatLahir: 'Kota Bandung',
  tanggalLahir: '17-08-1995', jenisKelamin: 'P', nomorHp: '0812 3456 7890', email: 'Siti@Contoh.CO.ID',
};
const pad = (n: number, w = 2) => String(n).padStart(w, '0');

describe('the field catalogue on the SSCASN identity page', () => {
  it('normalises every field and is idempotent on its own output', () => {
    const schema = fieldsSchema(identityFields, today);
    const out = schema.parse(valid);
    expect(out).toEqual({
      nik: '3171015708950003', nomorKk: '3171012309180007', namaLengkap: 'SITI RAHMAWATI', tempatLahir: 'Kota Bandung',
      tanggalLahir: '1995-08-17', jenisKelamin: 'P', nomorHp: '+6281234567890', email: 'Siti@contoh.co.id',
    });
    expect(schema.parse(out)).toEqual(out);
  });

  it('reports each problem as a message code on its field; blank is field.required, an unchosen choice choice.required', () => {
    const r = fieldsSchema(identityFields, today).safeParse({ ...valid, nik: '12', tanggalLahir: '31-02-1990', jenisKelamin: '', nomorKk: ' ' });
    const issues = r.error?.issues.map((i) => [i.path.join('.'), i.message]);
    expect(issues).toEqual(expect.arrayContaining([['nik', 'nik.length'], ['tanggalLahir', 'date.format'], ['jenisKelamin', 'choice.required'], ['nomorKk', 'field.required']]));
  });

  it('refuses birth dates in the future or before 1900', () => {
    const schema = one({ name: 'tanggalLahir', kind: 'date', label, required: true });
    expect(schema.safeParse('23-11-2026').error?.issues[0]?.message).toBe('date.range');
    expect(schema.safeParse('31-12-1899').error?.issues[0]?.message).toBe('date.range');
    expect(schema.parse('22-11-2026')).toBe('2026-11-22');
  });

  it('lets an optional field stay empty, checks it when filled, and strips fields not asked for', () => {
    const schema = fieldsSchema([def({ name: 'nik', kind: 'nik', label, required: true }), def({ name: 'email', kind: 'email', label, required: false })], today);
    expect(schema.parse({ nik: valid.nik, email: '  ', nomorKk: 'ignored' })).toEqual({ nik: valid.nik, email: '' });
    expect(schema.safeParse({ nik: valid.nik, email: 'x@' }).success).toBe(false);
  });
});

describe('each kind, over generated input', () => {
  it('nik/kk: every well-formed number from a real district passes unchanged; other lengths fail', () => {
    const nik = one({ name: 'nik', kind: 'nik', label, required: true });
    const gen = fc.record({ day: fc.integer({ min: 1, max: 28 }), month: fc.integer({ min: 1, max: 12 }), yy: fc.integer({ min: 0, max: 99 }), serial: fc.integer({ min: 1, max: 9999 }), female: fc.boolean() })
      .map(({ day, month, yy, serial, female }) => `317101${pad(day + (female ? 40 : 0))}${pad(month)}${pad(yy)}${pad(serial, 4)}`);
    fc.assert(fc.property(gen, (n) => { expect(nik.parse(n)).toBe(n); expect(nik.parse(n.replace(/(\d{4})/g, '$1 '))).toBe(n); }));
    fc.assert(fc.property(fc.stringMatching(/^\d{1,15}$|^\d{17,20}$/), (n) => { expect(nik.safeParse(n).success).toBe(false); }));
  });

  it('person-name: upper-cased unless the profile keeps the case, always single-spaced and idempotent', () => {
    const upper = one({ name: 'nama', kind: 'person-name', label, required: true });
    const keep = one({ name: 'nama', kind: 'person-name', label, required: true, case: 'keep' });
    const name = fc.array(fc.stringMatching(/^[A-Za-z]{1,10}$/), { minLength: 1, maxLength: 4 }).map((ws) => ws.join('  ') + 'a');
    fc.assert(fc.property(name, (n) => {
      const u = upper.parse(n);
      expect(u).toBe(u.toUpperCase());
      expect(upper.parse(u)).toBe(u);
      expect(keep.parse(n)).toBe(n.replace(/\s+/g, ' '));
    }));
  });

  it('regency: every official name passes in any case and spacing, normalised to the official spelling; anything else fails', () => {
    const regency = one({ name: 'kabKota', kind: 'regency', label, required: true });
    fc.assert(fc.property(fc.constantFrom(...allRegencies), fc.boolean(), (r, lower) => {
      const typed = ` ${lower ? r.name.toLowerCase() : r.name.toUpperCase()} `.replace(' ', '  ');
      expect(regency.parse(typed)).toBe(r.name);
    }));
    expect(regency.safeParse('Bandung').error?.issues[0]?.message).toBe('regency.unknown');
    fc.assert(fc.property(fc.stringMatching(/^[a-z]{3,8}\d$/), (s) => { expect(regency.safeParse(s).success).toBe(false); }));
  });

  it('choice: only the profile\'s option values', () => {
    const choice = one({ name: 'kegiatan', kind: 'choice', label, required: true, options: [{ value: 'seminar', label }, { value: 'workshop', label }] });
    expect(choice.parse('seminar')).toBe('seminar');
    fc.assert(fc.property(fc.string({ minLength: 1 }).filter((s) => s.trim() !== '' && s !== 'seminar' && s !== 'workshop'), (s) => {
      expect(choice.safeParse(s).error?.issues[0]?.message).toBe('choice.required');
    }));
  });

  it('phone: every Indonesian mobile number in any usual writing becomes one E.164 number', () => {
    const phone = one({ name: 'hp', kind: 'phone', label, required: true });
    fc.assert(fc.property(fc.integer({ min: 1, max: 9 }), fc.stringMatching(/^\d{7,10}$/), fc.constantFrom('0', '+62 ', '62'), (d, rest, prefix) => {
      const e164 = `+628${d}${rest}`;
      expect(phone.parse(`${prefix}8${d}${rest}`)).toBe(e164);
      expect(phone.parse(e164)).toBe(e164);
    }));
  });

  it('text: bounds and the profile\'s pattern, with the profile\'s message code', () => {
    const text = one({ name: 'kode', kind: 'text', label, required: true, minLength: 3, maxLength: 6, pattern: '[A-Z]+', patternMessage: label });
    fc.assert(fc.property(fc.stringMatching(/^[A-Z]{3,6}$/), (s) => { expect(text.parse(` ${s} `)).toBe(s); }));
    fc.assert(fc.property(fc.stringMatching(/^[A-Z]{7,12}$/), (s) => { expect(text.safeParse(s).error?.issues[0]?.message).toBe('text.length'); }));
    expect(text.safeParse('ab1').error?.issues[0]?.message).toBe('profile:kode:pattern');
    expect(() => def({ name: 'kode', kind: 'text', label, required: true, pattern: '[' , patternMessage: label })).toThrow(/regular expression/);
  });

  it('email: any well-formed address passes and is idempotent; the domain is lower-cased', () => {
    const email = one({ name: 'email', kind: 'email', label, required: true });
    fc.assert(fc.property(fc.stringMatching(/^[a-z0-9]{1,10}(\.[a-z0-9]{1,5})?$/), fc.stringMatching(/^[a-z]{2,10}$/), fc.constantFrom('com', 'co.id', 'ac.id'), (local, host, tld) => {
      const out = email.parse(`${local}@${host.toUpperCase()}.${tld}`);
      expect(out).toBe(`${local}@${host}.${tld}`);
      expect(email.parse(out)).toBe(out);
    }));
  });
});

describe('e-mail domain rules', () => {
  it('"*.x" matches every subdomain of x and nothing else; a plain domain matches only itself', () => {
    const label = fc.stringMatching(/^[a-z][a-z0-9]{0,8}$/);
    fc.assert(fc.property(fc.array(label, { minLength: 1, maxLength: 3 }), (sub) => {
      expect(domainMatches(`${sub.join('.')}.pnj.ac.id`, '*.pnj.ac.id')).toBe(true);
      expect(domainMatches(`${sub.join('.')}pnj.ac.id`, '*.pnj.ac.id')).toBe(false);
      expect(domainMatches(`pnj.ac.id.${sub.join('.')}`, '*.pnj.ac.id')).toBe(false);
    }));
    expect(domainMatches('pnj.ac.id', '*.pnj.ac.id')).toBe(false);
    expect(domainMatches('gmail.com', 'gmail.com')).toBe(true);
    expect(domainMatches('mail.gmail.com', 'gmail.com')).toBe(false);
  });

  it('the campus accepts its own domains only, the association personal mail only, each with its own message', () => {
    const campus = loadProfile('sso-kampus', appPaths().resources).fields.find((f) => f.name === 'email');
    const association = loadProfile('asosiasi', appPaths().resources).fields.find((f) => f.name === 'email');
    if (campus?.kind !== 'email' || association?.kind !== 'email') throw new Error('profiles changed');
    expect(fieldSchema(campus).parse('ani@mhsw.pnj.ac.id')).toBe('ani@mhsw.pnj.ac.id');
    expect(fieldSchema(campus).parse('budi@PNJ.ac.id')).toBe('budi@pnj.ac.id');
    expect(fieldSchema(campus).safeParse('ani@gmail.com').error?.issues[0]?.message).toBe('profile:email:domains');
    expect(fieldSchema(campus).safeParse('ani@pnj.ac.id.evil.example').success).toBe(false);
    expect(fieldSchema(association).parse('Ani.Lestari@gmail.com')).toBe('Ani.Lestari@gmail.com');
    expect(fieldSchema(association).safeParse('ani@asuransi-sehat.co.id').error?.issues[0]?.message).toBe('profile:email:domains');
    expect(domainAllowed('x@yahoo.co.id', association.domains?.allow ?? [])).toBe(true);
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
