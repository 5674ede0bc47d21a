// The cost of a scrypt hash is named by the hash itself: every schema and parser that accepts one
// refuses a cost beyond its bounds before anything is derived (shared/account/scrypt-params.ts), so a
// tampered renderer, kiosk disk or server table cannot make a verifier spend gigabytes.
import { describe, expect, it } from 'vitest';
import { hashSecret, SCRYPT_PARAMS, SECRET_HASH_BOUNDS, SecretHashSchema, verifySecret } from '../../shared/account/secret-hash';
import { AccountRecordSchema } from '../../shared/account/account-record';
import { SyncedOperatorSchema } from '../../shared/sync/operators';
import { parsePasswordHash, PASSWORD_HASH_PARAMS, verifyPasswordHash, type DeriveKey } from '../../node/crypto/password-hash';
import { PASSWORD_HASH_BOUNDS } from '../../shared/account/scrypt-params';
import { SubmissionSchema } from '../../shared/submission';
import { ACCOUNT_HASH, submission } from '../support/submissions';
import { SITI } from '../support/identities';

/** A well-formed applicant secret hash (renderer format: unpadded base64) naming `params`. */
const secretHash = (params: string) => `$scrypt$${params}$${'A'.repeat(22)}$${'B'.repeat(43)}`;
/** A well-formed staff/operator password hash (server format: padded base64) naming `params`. */
const passwordHash = (params: string) => `$scrypt$${params}$${Buffer.alloc(16, 1).toString('base64')}$${Buffer.alloc(32, 2).toString('base64')}`;
const TOO_COSTLY = ['ln=20,r=8,p=1', 'ln=17,r=16,p=1', 'ln=99,r=99,p=99'];

describe('applicant secret hashes', () => {
  it('are made at OWASP\'s cost, within the bounds the contract accepts', () => {
    expect(SCRYPT_PARAMS).toEqual({ ln: 17, r: 8, p: 1 });
    expect(SECRET_HASH_BOUNDS).toEqual({ ln: { min: 15, max: 17 }, r: { min: 8, max: 8 }, p: { min: 1, max: 1 } });
  });

  it('are refused by the schema beyond ln=17, r=8, p=1, and accepted up to it (older kiosks\' 2^16 included)', () => {
    for (const params of [...TOO_COSTLY, 'ln=18,r=8,p=1', 'ln=17,r=8,p=2', 'ln=17,r=9,p=1']) {
      expect([params, SecretHashSchema.safeParse(secretHash(params)).success]).toEqual([params, false]);
    }
    for (const params of ['ln=17,r=8,p=1', 'ln=16,r=8,p=1', 'ln=15,r=8,p=1']) {
      expect([params, SecretHashSchema.safeParse(secretHash(params)).success]).toEqual([params, true]);
    }
  });

  it('are refused in an account record and in a whole submission', () => {
    const answers = (h: string) => [{ questionId: 'guru-favorit', answerHash: h }, { questionId: 'hewan-pertama', answerHash: h }];
    const ok = secretHash('ln=17,r=8,p=1');
    expect(AccountRecordSchema.safeParse({ passwordHash: ok, passwordPolicy: 'sscasn', securityAnswers: answers(ok) }).success).toBe(true);
    for (const params of TOO_COSTLY) {
      const costly = secretHash(params);
      expect(AccountRecordSchema.safeParse({ passwordHash: costly, passwordPolicy: 'sscasn', securityAnswers: answers(ok) }).success).toBe(false);
      expect(AccountRecordSchema.safeParse({ passwordHash: ok, passwordPolicy: 'sscasn', securityAnswers: answers(costly) }).success).toBe(false);
      expect(() => submission(SITI, { account: { passwordHash: costly, passwordPolicy: 'sscasn', securityAnswers: answers(ok) } })).toThrow();
    }
    expect(SubmissionSchema.safeParse(submission(SITI)).success).toBe(true);
  });

  it('never match outside the bounds, even with the right secret: the parameters are checked before anything is derived', async () => {
    for (const params of [{ ln: 10, r: 16, p: 1 }, { ln: 10, r: 8, p: 2 }, { ln: 10, r: 8, p: 1 }]) {
      const genuine = await hashSecret('Kiosk#Aman2026', params); // cheap, but outside the bounds
      expect([params, verifySecret('Kiosk#Aman2026', genuine)]).toEqual([params, false]);
    }
    for (const params of TOO_COSTLY) expect(verifySecret('Kiosk#Aman2026', secretHash(params))).toBe(false);
    expect(verifySecret('Kiosk#Aman2026', ACCOUNT_HASH)).toBe(true);
  });
});

describe('staff and operator password hashes', () => {
  it('are refused by the operator list\'s schema beyond PASSWORD_HASH_BOUNDS, and accepted within', () => {
    const operator = (hash: string) => ({ username: 'ops1', displayName: null, passwordHash: hash, disabled: false, updatedAt: '2026-11-29T00:00:00.000Z' });
    for (const params of [...TOO_COSTLY, 'ln=19,r=8,p=1', 'ln=17,r=8,p=3']) {
      expect([params, SyncedOperatorSchema.safeParse(operator(passwordHash(params))).success]).toEqual([params, false]);
    }
    const { ln, r, p } = PASSWORD_HASH_PARAMS;
    for (const params of [`ln=${ln},r=${r},p=${p}`, `ln=${PASSWORD_HASH_BOUNDS.ln.max},r=${PASSWORD_HASH_BOUNDS.r.max},p=${PASSWORD_HASH_BOUNDS.p.max}`]) {
      expect([params, SyncedOperatorSchema.safeParse(operator(passwordHash(params))).success]).toEqual([params, true]);
    }
  });

  it('are refused by the parser, and nothing is derived for them', async () => {
    const derived: unknown[] = [];
    const derive: DeriveKey = async (_password, _salt, params) => { derived.push(params); return Buffer.alloc(32); };
    for (const params of TOO_COSTLY) {
      expect(parsePasswordHash(passwordHash(params))).toBeUndefined();
      expect(await verifyPasswordHash('x', passwordHash(params), derive)).toBe(false);
    }
    expect(derived).toEqual([]);
  });
});
