import { describe, expect, it } from 'vitest';
import { checkRecordParts, uniqueValueOf } from '../../shared/record-rules';
import { loadProfile } from '../../node/profiles';
import { appPaths } from '../../electron/services/app-paths';
import { submission, ACCOUNT, SELFIE } from '../support/submissions';
import { SITI } from '../support/identities';

const resources = appPaths().resources;
const sscasn = loadProfile('sscasn', resources);
const sso = loadProfile('sso-kampus', resources);
const messages = (r: ReturnType<typeof checkRecordParts>) => (r.ok ? [] : r.issues.map((i) => `${i.path.join('.')}: ${i.message}`));

describe('a record against its profile', () => {
  it('accepts exactly the parts the steps produce, with the fields normalised', () => {
    const s = submission(SITI);
    const r = checkRecordParts(sscasn, s);
    expect(r.ok && r.fields.kabKotaLahir).toBe('Kota Bandung');
    expect(messages(checkRecordParts(sscasn, { ...s, selfie: undefined }))).toEqual(['selfie: selfie.required']);
    expect(messages(checkRecordParts(sscasn, { ...s, verification: { assertion: 'x' } }))).toEqual(['verification: verification.unexpected']);
    expect(messages(checkRecordParts(sscasn, { ...s, fields: { ...s.fields, sepatu: '42' } }))).toEqual(['fields.sepatu: field.unexpected']);
    expect(messages(checkRecordParts(sscasn, { ...s, fields: { ...s.fields, kabKotaLahir: 'Bandung' } }))).toEqual(['fields.kabKotaLahir: regency.unknown']);
  });

  it('lets only a keep-or-new account keep its password, and asks as many answers as the profile has questions', () => {
    const kept = { keepsExistingPassword: true as const, securityAnswers: [] };
    const s = submission(SITI);
    expect(messages(checkRecordParts(sscasn, { ...s, account: kept }))).toEqual(['account.keepsExistingPassword: account.mustSetPassword', 'account.securityAnswers: account.answerCount']);
    const ssoFields = { nama: 'Andi Pratama', nimNip: '2207411001', email: 'andi@mhsw.pnj.ac.id', jurusan: 'tik', nomorTelepon: '0812 5555 0101' };
    const base = { fields: ssoFields, verification: { assertion: 'a.b' } };
    expect(messages(checkRecordParts(sso, { ...base, account: kept }))).toEqual([]);
    expect(messages(checkRecordParts(sso, { ...base, account: ACCOUNT }))).toEqual(['account.passwordPolicy: account.policy', 'account.securityAnswers: account.answerCount',
      'account.securityAnswers.0.questionId: account.unknownQuestion', 'account.securityAnswers.1.questionId: account.unknownQuestion']);
    expect(messages(checkRecordParts(sso, { ...base, account: kept, selfie: SELFIE }))).toEqual(['selfie: selfie.unexpected']);
  });

  it('tells applicants apart by the profile\'s unique field, whatever its case', () => {
    expect(uniqueValueOf(sso, { nimNip: 'AB123' })).toBe('ab123');
    expect(uniqueValueOf(sscasn, { nik: SITI.nik })).toBe(SITI.nik);
    expect(uniqueValueOf({ uniqueField: undefined }, { nik: SITI.nik })).toBeUndefined();
  });
});
