import { describe, expect, it } from 'vitest';
import { flowReducer, initialFlow, numberedSteps, stepsOf, type FlowState } from '../../renderer/app/flow';
import type { AccountRecord } from '../../shared/account/account-record';
import type { SelfieRecord } from '../../shared/face/selfie-record';

const selfie = { match: null } as unknown as SelfieRecord;
const account = { passwordPolicy: 'nist' } as unknown as AccountRecord;

describe('the applicant flow', () => {
  it('uses the selfie and account steps only when the profile configures them', () => {
    expect(stepsOf({})).toEqual(['welcome', 'ktp', 'identity', 'review', 'done']);
    expect(numberedSteps(stepsOf({ selfie: { liveness: 'off' } }))).toEqual(['ktp', 'identity', 'selfie', 'review', 'done']);
  });

  it('walks Identity → Swafoto → Data Akun → Review, back again, and a wipe forgets everything', () => {
    let s: FlowState = { ...initialFlow(stepsOf({ selfie: { liveness: 'turn-head' }, account: {} as never })), step: 'identity', consent: true };
    s = flowReducer(s, { type: 'identity-done', draft: { nik: 'x' }, identity: { nik: 'x' }, acknowledgedWarnings: [], submissionId: 'id-1' });
    expect(s.step).toBe('selfie');
    s = flowReducer(s, { type: 'selfie-done', selfie, match: Promise.resolve(null) });
    expect(s.step).toBe('account');
    s = flowReducer(s, { type: 'account-done', account, antiRobotPass: 'p'.repeat(32) });
    expect(s.step).toBe('review');
    for (const expected of ['account', 'selfie', 'identity', 'identity'] as const) {
      s = flowReducer(s, { type: 'back' });
      expect(s.step).toBe(expected); // never back into the scan from the identity data
    }
    expect(s.account).toBe(account);
    s = flowReducer({ ...s, step: 'review' }, { type: 'pass-refused' });
    expect(s).toMatchObject({ step: 'account', antiRobotPass: null, account });
    s = flowReducer(s, { type: 'wipe' });
    expect(s).toMatchObject({ step: 'welcome', selfie: null, selfieMatch: null, account: null, antiRobotPass: null, identity: null, session: 1 });
    expect(s.steps).toContain('account');
  });
});
