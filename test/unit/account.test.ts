import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { dictionary } from '@zxcvbn-ts/language-common';
import { brokenRules, MAX_PASSWORD_LENGTH, personalWords, rulesOf, type PasswordContext } from '../../shared/account/password-policy';
import { hashSecret, MIN_SCRYPT_LN, normaliseAnswer, SecretHashSchema, verifySecret } from '../../shared/account/secret-hash';
import { fromBase64, toBase64 } from '../../shared/account/base64';
import { AccountRecordSchema } from '../../shared/account/account-record';

const common = new Set(dictionary['passwords-common'].map((p) => p.toLowerCase()));
const context = (personal: string[] = []): PasswordContext => ({ isCommon: (p) => common.has(p), personal });

// Pieces that are each in one character class, and never common or personal on their own.
const lower = fc.stringMatching(/^[a-z]{1,4}$/);
const upper = fc.stringMatching(/^[A-Z]{1,4}$/);
const digit = fc.stringMatching(/^[0-9]{1,3}$/);
const symbol = fc.constantFrom('!', '#', '?', '@', '%', '*');

describe('password policy', () => {
  it('sscasn: a password with every class and 8+ characters passes; dropping a class names that rule', () => {
    fc.assert(fc.property(lower, upper, digit, symbol, fc.stringMatching(/^[a-z]{4,8}$/), (l, u, d, s, pad) => {
      const parts = { lower: `${l}q${pad}`, upper: `${u}X`, digit: `${d}7`, symbol: `${s}~` };
      const all = Object.values(parts).join('');
      // A random string can still be common (rare): then only "common" may be reported.
      expect(brokenRules(all, 'sscasn', context()).filter((r) => r !== 'common')).toEqual([]);
      for (const rule of ['lower', 'upper', 'digit', 'symbol'] as const) {
        const others = Object.entries(parts).filter(([k]) => k !== rule).map(([, v]) => v).join('');
        expect(brokenRules(others + others, 'sscasn', context())).toContain(rule); // doubled: still 8+
      }
    }));
  });

  it('nist: length only, no composition rule; any 8+ character password that is not common or personal passes', () => {
    fc.assert(fc.property(fc.string({ minLength: 8, maxLength: 64, unit: 'grapheme' }), (pw) => {
      const broken = brokenRules(pw, 'nist', context());
      expect(broken.every((r) => r === 'common' || r === 'maxLength')).toBe(true);
      expect(broken).not.toContain('lower');
    }));
    expect(brokenRules('kuda lari di padang', 'nist', context())).toEqual([]);
  });

  it('length counts code points and has an upper bound', () => {
    expect(brokenRules('ab😀😀😀😀😀c', 'nist', context())).toEqual([]);
    expect(brokenRules('ab😀😀😀😀c', 'nist', context())).toEqual(['minLength']);
    expect(brokenRules('x'.repeat(MAX_PASSWORD_LENGTH + 1), 'nist', context())).toContain('maxLength');
  });

  it('refuses common passwords, also with the usual decorations, under both policies', () => {
    for (const pw of ['password', 'Password123!', 'Qwerty123!', 'iloveyou!!']) {
      expect(brokenRules(pw, 'nist', context()), pw).toContain('common');
      expect(brokenRules(pw, 'sscasn', context()), pw).toContain('common');
    }
  });

  it('refuses the applicant\'s own data, case and separators ignored', () => {
    const personal = personalWords({ nik: '3204055708950003', namaLengkap: 'SITI RAHMAWATI', tanggalLahir: '1995-08-17', email: 'siti.r@example.id', nomorHp: '+6281234567890' });
    for (const pw of ['Rahmawati#2024', 'x3204055708950003!', 'Aa!17081995', 'Aa!1995-08-17z', '+6281234567890aA!']) {
      expect(brokenRules(pw, 'sscasn', context(personal)), pw).toContain('personal');
    }
    expect(brokenRules('Kiosk#Aman2026', 'sscasn', context(personal))).toEqual([]);
  });

  it('shows the sscasn rules up front in the reference order', () => {
    expect(rulesOf('sscasn').slice(0, 5)).toEqual(['minLength', 'lower', 'upper', 'digit', 'symbol']);
    expect(rulesOf('nist')).toEqual(['minLength', 'common', 'personal']);
  });
});

describe('secret hashing', () => {
  const fast = { ln: MIN_SCRYPT_LN, r: 8, p: 1 };

  it('round-trips and records its parameters in a PHC string the contract accepts', async () => {
    const hash = await hashSecret('Kiosk#Aman2026', fast);
    expect(hash).toMatch(/^\$scrypt\$ln=15,r=8,p=1\$[A-Za-z0-9+/]{22}\$[A-Za-z0-9+/]{43}$/);
    expect(SecretHashSchema.safeParse(hash).success).toBe(true);
    expect(verifySecret('Kiosk#Aman2026', hash)).toBe(true);
    expect(verifySecret('kiosk#Aman2026', hash)).toBe(false);
    expect(await hashSecret('Kiosk#Aman2026', fast)).not.toBe(hash); // fresh salt each time
  });

  it('the contract refuses plaintext, malformed and too cheap hashes', () => {
    for (const bad of ['Kiosk#Aman2026', '$scrypt$ln=10,r=8,p=1$AAAAAAAAAAAAAAAAAAAAAA$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA', '$argon2id$v=19$m=1,t=1,p=1$AA$AA']) {
      expect(SecretHashSchema.safeParse(bad).success, bad).toBe(false);
    }
  });

  it('normalises answers so case, spacing and punctuation do not matter', () => {
    expect(normaliseAnswer('  SD Negeri-3,  Cibiru ')).toBe('sd negeri 3 cibiru');
    expect(normaliseAnswer('Ｓｉ　Ｂｅｌａｎｇ')).toBe('si belang'); // full-width input
    fc.assert(fc.property(fc.string(), (s) => { expect(normaliseAnswer(normaliseAnswer(s))).toBe(normaliseAnswer(s)); }));
  });

  it('base64 round-trips any bytes', () => {
    fc.assert(fc.property(fc.uint8Array({ maxLength: 64 }), (bytes) => {
      expect(fromBase64(toBase64(bytes))).toEqual(bytes);
      expect(toBase64(bytes)).toBe(Buffer.from(bytes).toString('base64').replace(/=+$/, ''));
    }));
  });

  it('an account record holds two different questions with hashed answers only', async () => {
    const h = await hashSecret('x', fast);
    const record = { passwordHash: h, passwordPolicy: 'sscasn', securityAnswers: [{ questionId: 'guru-favorit', answerHash: h }, { questionId: 'hewan-pertama', answerHash: h }] };
    expect(AccountRecordSchema.safeParse(record).success).toBe(true);
    expect(AccountRecordSchema.safeParse({ ...record, securityAnswers: [record.securityAnswers[0], record.securityAnswers[0]] }).success).toBe(false);
    expect(AccountRecordSchema.safeParse({ ...record, password: 'Kiosk#Aman2026' }).success).toBe(false);
  });
});

describe('test fixtures', () => {
  it('the precomputed account hash is the scrypt hash of the test password', async () => {
    const { ACCOUNT_HASH } = await import('../support/submissions');
    expect(await verifySecret('Kiosk#Aman2026', ACCOUNT_HASH)).toBe(true);
  });
});
