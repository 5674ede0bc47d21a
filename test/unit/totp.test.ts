// The second factor's building blocks: RFC 6238's SHA-1 test vectors, base32 both ways, the ±1 step
// window and replay refusal, the otpauth URI, and the secret's sealing at rest.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { base32Decode, base32Encode, hotp, matchTotp, otpauthUri, totpCode, totpStepAt } from '../../server/staff/totp';
import { openTotpSecret, sealTotpSecret, totpKeyOf } from '../../server/staff/totp-seal';
import { auditKeyOf } from '../../server/staff/audit-trail';

/** RFC 6238 appendix B, SHA1 rows: the seed is the ASCII bytes "12345678901234567890". */
const SEED = Buffer.from('12345678901234567890', 'ascii');
const VECTORS: readonly [seconds: number, step: string, code: string][] = [
  [59, '0000000000000001', '94287082'],
  [1111111109, '00000000023523EC', '07081804'],
  [1111111111, '00000000023523ED', '14050471'],
  [1234567890, '000000000273EF07', '89005924'],
  [2000000000, '0000000003F940AA', '69279037'],
  [20000000000, '0000000027BC86AA', '65353130'],
];

describe('TOTP (RFC 6238)', () => {
  it.each(VECTORS)('at %i s: step %s, code %s (8 digits) and its last 6 digits', (seconds, step, code) => {
    expect(totpStepAt(seconds * 1000)).toBe(parseInt(step, 16));
    expect(hotp(SEED, totpStepAt(seconds * 1000), 8)).toBe(code);
    expect(totpCode(SEED, seconds * 1000)).toBe(code.slice(-6));
  });

  it('accepts the step before and after now, not two away, and never a step at or before the last used', () => {
    const t = 1111111111_000;
    const at = (steps: number) => totpCode(SEED, t + steps * 30_000);
    const now = totpStepAt(t);
    expect(matchTotp(SEED, at(0), t, null)).toBe(now);
    expect(matchTotp(SEED, at(-1), t, null)).toBe(now - 1);
    expect(matchTotp(SEED, at(1), t, null)).toBe(now + 1);
    expect(matchTotp(SEED, at(-2), t, null)).toBeUndefined();
    expect(matchTotp(SEED, at(2), t, null)).toBeUndefined();
    // Replay: the code of a used step, or of any earlier one, is refused.
    expect(matchTotp(SEED, at(0), t, now)).toBeUndefined();
    expect(matchTotp(SEED, at(-1), t, now)).toBeUndefined();
    expect(matchTotp(SEED, at(1), t, now)).toBe(now + 1);
    expect(matchTotp(SEED, '12345', t, null)).toBeUndefined();
    expect(matchTotp(SEED, `${at(0)} `, t, null)).toBeUndefined();
  });

  it('writes base32 as RFC 4648 does and reads it back as people type it', () => {
    expect(base32Encode(Buffer.from('foobar'))).toBe('MZXW6YTBOI');
    expect(base32Encode(SEED)).toBe('GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ');
    expect(base32Decode('gezd gnbv gy3t qojq gezd gnbv gy3t qojq')).toEqual(SEED);
    expect(() => base32Decode('GEZD1')).toThrow();
    fc.assert(fc.property(fc.uint8Array({ maxLength: 64 }), (bytes) => {
      expect(base32Decode(base32Encode(Buffer.from(bytes)))).toEqual(Buffer.from(bytes));
    }));
  });

  it('names the issuer and account in the otpauth URI an authenticator app reads', () => {
    expect(otpauthUri('Back office pendaftaran', 'rina.s', SEED))
      .toBe('otpauth://totp/Back%20office%20pendaftaran:rina.s?secret=GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ&issuer=Back%20office%20pendaftaran');
  });
});

describe('the TOTP secret at rest', () => {
  const keys = { nikKey: Buffer.alloc(32, 3) };
  const key = totpKeyOf(keys);

  it('has a key of its own, apart from the audit chain\'s', () => {
    expect(key).toHaveLength(32);
    expect(key.equals(auditKeyOf(keys))).toBe(false);
  });

  it('opens only for its account, under its key, unaltered', () => {
    const sealed = sealTotpSecret(key, 7, SEED);
    expect(sealed.includes(SEED)).toBe(false);
    expect(sealTotpSecret(key, 7, SEED).equals(sealed)).toBe(false);
    expect(openTotpSecret(key, 7, sealed)).toEqual(SEED);
    expect(openTotpSecret(key, 8, sealed)).toBeUndefined();
    expect(openTotpSecret(totpKeyOf({ nikKey: Buffer.alloc(32, 4) }), 7, sealed)).toBeUndefined();
    const altered = Buffer.from(sealed);
    altered[altered.length - 1] = (altered[altered.length - 1] ?? 0) ^ 1;
    expect(openTotpSecret(key, 7, altered)).toBeUndefined();
    expect(openTotpSecret(key, 7, sealed.subarray(0, 20))).toBeUndefined();
  });
});
