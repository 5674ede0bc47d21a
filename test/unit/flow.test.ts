import { describe, expect, it } from 'vitest';
import { flowReducer, flowRules, initialFlow, stepsOf, type FlowState } from '../../renderer/app/flow';
import type { AccountRecord } from '../../shared/account/account-record';
import type { SelfieRecord } from '../../shared/face/selfie-record';
import { loadProfile } from '../../node/profiles';
import { appPaths } from '../../electron/services/app-paths';

const selfie = { match: null } as unknown as SelfieRecord;
const account = { passwordPolicy: 'nist' } as unknown as AccountRecord;
const resources = appPaths().resources;

describe('the applicant flow', () => {
  it('runs the profile\'s steps between Welcome and Review', () => {
    expect(stepsOf(loadProfile('sscasn', resources))).toEqual(['welcome', 'ktp-scan', 'pengecekan-identitas', 'lengkapi-data', 'selfie', 'account', 'review', 'done']);
    expect(stepsOf(loadProfile('asosiasi', resources))).toEqual(['welcome', 'nomor-registrasi', 'formulir-registrasi', 'review', 'done']);
    expect(stepsOf(loadProfile('sso-kampus', resources))).toEqual(['welcome', 'verify-account', 'detail-akun', 'account', 'review', 'done']);
  });

  it('walks the SSCASN pages to Review, back again (never into the scan), and a wipe forgets everything', () => {
    const profile = loadProfile('sscasn', resources);
    const reduce = flowReducer(flowRules(profile));
    let s: FlowState = { ...initialFlow(stepsOf(profile)), consent: true };
    s = reduce(s, { type: 'start' });
    expect(s.step).toBe('ktp-scan');
    s = reduce(s, { type: 'complete', step: 'ktp-scan', collected: { ktp: null }, submissionId: 'id-0' });
    s = reduce(s, { type: 'complete', step: 'pengecekan-identitas', collected: { draft: { nik: 'x', namaLengkap: 'A' }, antiRobotPass: 'p'.repeat(32) }, submissionId: 'id-1' });
    expect(s).toMatchObject({ step: 'lengkapi-data', submissionId: null });
    // A late 'complete' from a page no longer shown changes nothing.
    expect(reduce(s, { type: 'complete', step: 'pengecekan-identitas', collected: { draft: { nik: 'y' } }, submissionId: 'x' })).toBe(s);
    s = reduce(s, { type: 'complete', step: 'lengkapi-data', collected: { draft: { namaTanpaGelar: 'A' } }, submissionId: 'id-2' });
    expect(s.draft).toEqual({ nik: 'x', namaLengkap: 'A', namaTanpaGelar: 'A' });
    s = reduce(s, { type: 'complete', step: 'selfie', collected: { selfie, selfieMatch: Promise.resolve(null) }, submissionId: 'id-3' });
    s = reduce(s, { type: 'complete', step: 'account', collected: { account }, submissionId: 'id-4' });
    expect(s).toMatchObject({ step: 'review', submissionId: 'id-4' });
    for (const expected of ['account', 'selfie', 'lengkapi-data', 'pengecekan-identitas', 'pengecekan-identitas'] as const) {
      s = reduce(s, { type: 'back' });
      expect(s.step).toBe(expected);
    }
    expect(s.account).toBe(account);
    s = reduce({ ...s, step: 'review' }, { type: 'pass-refused' });
    // An expired pass is asked for again on the last page with a check (Data Akun), not page 1.
    expect(s).toMatchObject({ step: 'account', antiRobotPass: null, account });
    s = reduce(s, { type: 'wipe' });
    expect(s).toMatchObject({ step: 'welcome', draft: {}, selfie: null, selfieMatch: null, account: null, antiRobotPass: null, verification: null, session: 1 });
  });

  it('does not go back past a verified account or a gate', () => {
    const sso = loadProfile('sso-kampus', resources);
    const reduce = flowReducer(flowRules(sso));
    const s: FlowState = { ...initialFlow(stepsOf(sso)), consent: true, step: 'detail-akun' };
    expect(reduce(s, { type: 'back' }).step).toBe('detail-akun');
    const association = loadProfile('asosiasi', resources);
    const a: FlowState = { ...initialFlow(stepsOf(association)), consent: true, step: 'formulir-registrasi' };
    expect(flowReducer(flowRules(association))(a, { type: 'back' }).step).toBe('formulir-registrasi');
    expect(flowReducer(flowRules(association))({ ...a, step: 'review' }, { type: 'pass-refused' }).step).toBe('formulir-registrasi');
  });
});
