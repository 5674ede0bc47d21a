// RFC 6238 time-based one-time codes for the back office's optional second factor, with node:crypto
// only: HMAC-SHA1, 6 digits, 30-second steps, the step before and after now accepted for clock
// drift. Secrets are 20 random bytes (RFC 4226's recommended length), shown to people in base32.
// Replay is refused by the caller's store: a code's step is recorded when used, and a step at or
// before the last used one is never accepted again (`matchTotp`'s `lastStep`).
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

export const TOTP = { digits: 6, stepSeconds: 30, window: 1, secretBytes: 20 } as const;
/** The name an authenticator app shows above the account's codes. */
export const TOTP_ISSUER = 'Back office pendaftaran';

const BASE32 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';

/** RFC 4648 base32 without padding (what authenticator apps expect in an otpauth URI). */
export function base32Encode(bytes: Buffer): string {
  let out = '';
  let bits = 0;
  let value = 0;
  for (const byte of bytes) {
    value = (value << 8) | byte;
    bits += 8;
    while (bits >= 5) {
      out += BASE32[(value >>> (bits - 5)) & 31];
      bits -= 5;
    }
    value &= (1 << bits) - 1;
  }
  return bits > 0 ? out + BASE32[(value << (5 - bits)) & 31] : out;
}

/** Base32 as people type it: any case, spaces and padding ignored. Throws on any other character. */
export function base32Decode(text: string): Buffer {
  const clean = text.replace(/[\s=]/g, '').toUpperCase();
  const bytes: number[] = [];
  let bits = 0;
  let value = 0;
  for (const ch of clean) {
    const digit = BASE32.indexOf(ch);
    if (digit < 0) throw new Error('not base32');
    value = (value << 5) | digit;
    bits += 5;
    if (bits >= 8) {
      bytes.push((value >>> (bits - 8)) & 255);
      bits -= 8;
    }
    value &= (1 << bits) - 1;
  }
  return Buffer.from(bytes);
}

export const newTotpSecret = (): Buffer => randomBytes(TOTP.secretBytes);

/** The 30-second step that `nowMs` falls in (T in RFC 6238, with T0 = 0). */
export const totpStepAt = (nowMs: number): number => Math.floor(nowMs / 1000 / TOTP.stepSeconds);

/** RFC 4226 HOTP: the code of one counter value (digits and hash only vary in the RFC's vectors). */
export function hotp(secret: Buffer, counter: number, digits: number = TOTP.digits, hash: 'sha1' | 'sha256' | 'sha512' = 'sha1'): string {
  const message = Buffer.alloc(8);
  message.writeBigUInt64BE(BigInt(counter));
  const mac = createHmac(hash, secret).update(message).digest();
  const offset = (mac[mac.length - 1] ?? 0) & 0x0f;
  const binary = mac.readUInt32BE(offset) & 0x7fffffff;
  return String(binary % 10 ** digits).padStart(digits, '0');
}

export const totpCode = (secret: Buffer, nowMs: number): string => hotp(secret, totpStepAt(nowMs));

/**
 * The step of `code` among now-1, now, now+1 that is later than `lastStep` (null: none used yet), or
 * undefined. Every candidate is compared, in constant time, whatever matched earlier.
 */
export function matchTotp(secret: Buffer, code: string, nowMs: number, lastStep: number | null): number | undefined {
  if (!/^\d{6}$/.test(code)) return undefined;
  const now = totpStepAt(nowMs);
  let found: number | undefined;
  for (let step = now - TOTP.window; step <= now + TOTP.window; step++) {
    const equal = timingSafeEqual(Buffer.from(hotp(secret, step)), Buffer.from(code));
    if (equal && found === undefined && (lastStep === null || step > lastStep)) found = step;
  }
  return found;
}

/** The Key URI an authenticator app reads from the QR code (Google Authenticator's format). */
export function otpauthUri(issuer: string, username: string, secret: Buffer): string {
  const label = `${encodeURIComponent(issuer)}:${encodeURIComponent(username)}`;
  return `otpauth://totp/${label}?secret=${base32Encode(secret)}&issuer=${encodeURIComponent(issuer)}`;
}
