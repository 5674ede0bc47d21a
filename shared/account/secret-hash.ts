// Password and security-answer hashing. The renderer hashes before anything crosses the contract,
// so no plaintext secret reaches the main process, the queue or the server. scrypt (RFC 7914,
// @noble/hashes) with a random 16-byte salt per secret; the result is a PHC string that carries
// its own parameters, so the server can verify it and raise the cost later without a migration.
import { scrypt, scryptAsync } from '@noble/hashes/scrypt.js';
import { randomBytes, utf8ToBytes } from '@noble/hashes/utils.js';
import { z } from 'zod';
import { fromBase64, toBase64 } from './base64';
import { scryptMaxMemory, scryptParamsOf, withinScryptBounds, type ScryptBounds, type ScryptParams } from './scrypt-params';

/**
 * OWASP's parameters: 2^17 × 8 × 128 B = 128 MiB per hash. The kiosk hashes up to three secrets in
 * pure JavaScript, yielding to the page between steps; `npm run bench:hash` measures it in Chromium.
 */
export const SCRYPT_PARAMS: ScryptParams = { ln: 17, r: 8, p: 1 };

/**
 * What the contract (and so the queue and the server) accepts. The floor refuses weak hashes from a
 * tampered renderer; it stays at 2^15 because records queued by earlier kiosks (2^16) must still be
 * delivered. The ceiling is today's cost: at most 128 MiB to verify one, so a tampered renderer cannot
 * make the server or an operator's tool spend gigabytes. Raise it on the server before the kiosks.
 */
export const SECRET_HASH_BOUNDS: ScryptBounds = { ln: { min: 15, max: 17 }, r: { min: 8, max: 8 }, p: { min: 1, max: 1 } };
export const MIN_SCRYPT_LN = SECRET_HASH_BOUNDS.ln.min;
const SALT_BYTES = 16;
const HASH_BYTES = 32;

const PHC = /^\$scrypt\$ln=(\d{1,2}),r=(\d{1,2}),p=(\d{1,2})\$([A-Za-z0-9+/]{22})\$([A-Za-z0-9+/]{43})$/;

const boundedParams = (s: string): ScryptParams | undefined => {
  const params = scryptParamsOf(s);
  return params && withinScryptBounds(params, SECRET_HASH_BOUNDS) ? params : undefined;
};

export const SecretHashSchema = z.string().max(200).regex(PHC, 'hash.format').refine((s) => boundedParams(s) !== undefined, 'hash.params');

/** How a security answer is compared: case, accents' composition, spacing and punctuation ignored. */
export function normaliseAnswer(answer: string): string {
  return answer.normalize('NFKC').toLowerCase().replace(/[^\p{L}\p{N}]+/gu, ' ').trim();
}

const utf8 = (s: string): Uint8Array => utf8ToBytes(s.normalize('NFC'));
const options = (params: ScryptParams) => ({ N: 2 ** params.ln, r: params.r, p: params.p, dkLen: HASH_BYTES, maxmem: scryptMaxMemory(SECRET_HASH_BOUNDS) });

function phc(params: ScryptParams, salt: Uint8Array, hash: Uint8Array): string {
  return `$scrypt$ln=${params.ln},r=${params.r},p=${params.p}$${toBase64(salt)}$${toBase64(hash)}`;
}

/** Hashes without blocking the page for long (scrypt yields to the event loop every few ms). */
export async function hashSecret(secret: string, params: ScryptParams = SCRYPT_PARAMS, onProgress?: (fraction: number) => void): Promise<string> {
  const salt = randomBytes(SALT_BYTES);
  const hash = await scryptAsync(utf8(secret), salt, { ...options(params), asyncTick: 20, ...(onProgress ? { onProgress } : {}) });
  return phc(params, salt, hash);
}

/** Constant-time check of a secret against a PHC string produced by hashSecret; one outside the bounds never matches, and costs nothing. */
export function verifySecret(secret: string, encoded: string): boolean {
  const m = PHC.exec(encoded);
  const params = boundedParams(encoded);
  if (!m || !params) return false;
  const expected = fromBase64(m[5] ?? '');
  const actual = scrypt(utf8(secret), fromBase64(m[4] ?? ''), options(params));
  let diff = expected.length ^ actual.length;
  for (let i = 0; i < expected.length; i++) diff |= (expected[i] ?? 0) ^ (actual[i] ?? 0);
  return diff === 0;
}
