// Password and security-answer hashing. The renderer hashes before anything crosses the contract,
// so no plaintext secret reaches the main process, the queue or the server. scrypt (RFC 7914,
// @noble/hashes) with a random 16-byte salt per secret; the result is a PHC string that carries
// its own parameters, so the server can verify it and raise the cost later without a migration.
import { scrypt, scryptAsync } from '@noble/hashes/scrypt.js';
import { randomBytes, utf8ToBytes } from '@noble/hashes/utils.js';
import { z } from 'zod';
import { fromBase64, toBase64 } from './base64';

export interface ScryptParams {
  /** log2 of N, the CPU/memory cost. */
  readonly ln: number;
  readonly r: number;
  readonly p: number;
}

/**
 * 2^16 × 8 × 128 B = 64 MiB per hash. OWASP's floor is 2^17; a kiosk hashes three secrets in
 * pure JavaScript: 2^16 measured ~0.6 s per hash on these 2-core machines (2^17: 1.7 s).
 */
export const SCRYPT_PARAMS: ScryptParams = { ln: 16, r: 8, p: 1 };
/** The contract refuses anything cheaper: a tampered renderer cannot send weak hashes. */
export const MIN_SCRYPT_LN = 15;
const SALT_BYTES = 16;
const HASH_BYTES = 32;

const PHC = /^\$scrypt\$ln=(\d{1,2}),r=(\d{1,2}),p=(\d{1,2})\$([A-Za-z0-9+/]{22})\$([A-Za-z0-9+/]{43})$/;

export const SecretHashSchema = z.string().max(200).regex(PHC, 'hash.format').refine((s) => {
  const m = PHC.exec(s);
  return m !== null && Number(m[1]) >= MIN_SCRYPT_LN && Number(m[1]) <= 20 && Number(m[2]) >= 8 && Number(m[2]) <= 32 && Number(m[3]) >= 1 && Number(m[3]) <= 4;
}, 'hash.params');

/** How a security answer is compared: case, accents' composition, spacing and punctuation ignored. */
export function normaliseAnswer(answer: string): string {
  return answer.normalize('NFKC').toLowerCase().replace(/[^\p{L}\p{N}]+/gu, ' ').trim();
}

const utf8 = (s: string): Uint8Array => utf8ToBytes(s.normalize('NFC'));
const options = (params: ScryptParams) => ({ N: 2 ** params.ln, r: params.r, p: params.p, dkLen: HASH_BYTES, maxmem: 2 ** 31 });

function phc(params: ScryptParams, salt: Uint8Array, hash: Uint8Array): string {
  return `$scrypt$ln=${params.ln},r=${params.r},p=${params.p}$${toBase64(salt)}$${toBase64(hash)}`;
}

/** Hashes without blocking the page for long (scrypt yields to the event loop every few ms). */
export async function hashSecret(secret: string, params: ScryptParams = SCRYPT_PARAMS, onProgress?: (fraction: number) => void): Promise<string> {
  const salt = randomBytes(SALT_BYTES);
  const hash = await scryptAsync(utf8(secret), salt, { ...options(params), asyncTick: 20, ...(onProgress ? { onProgress } : {}) });
  return phc(params, salt, hash);
}

/** Constant-time check of a secret against a PHC string produced by hashSecret. */
export function verifySecret(secret: string, encoded: string): boolean {
  const m = PHC.exec(encoded);
  if (!m) return false;
  const params = { ln: Number(m[1]), r: Number(m[2]), p: Number(m[3]) };
  const expected = fromBase64(m[5] ?? '');
  const actual = scrypt(utf8(secret), fromBase64(m[4] ?? ''), options(params));
  let diff = expected.length ^ actual.length;
  for (let i = 0; i < expected.length; i++) diff |= (expected[i] ?? 0) ^ (actual[i] ?? 0);
  return diff === 0;
}
