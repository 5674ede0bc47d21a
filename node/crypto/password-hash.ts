// Password hashes the central server writes and both programs check: staff passwords on the server,
// operator passwords on the server and — offline — on every kiosk they reach through sync.
// scrypt at OWASP's parameters (N = 2^17, r = 8, p = 1; 128 MiB, about 0.3 s on a 2-core machine),
// a 16-byte salt each, stored as "$scrypt$ln=17,r=8,p=1$<salt>$<key>" (standard base64, 32-byte key).
//
// Invariant: a stored hash is parsed and bounded BEFORE anything is derived. The parameters come from
// the hash itself, and a hash that reached a kiosk may have been tampered with on the way or on its
// disk: a hash asking for more than PASSWORD_HASH_BOUNDS (shared/account/scrypt-params.ts, also
// checked by the operator list's schema) is refused outright, so it can never make the kiosk (or the
// server) allocate gigabytes or compute for minutes.
import { randomBytes, scrypt, timingSafeEqual, type ScryptOptions } from 'node:crypto';
import { PASSWORD_HASH_BOUNDS, scryptMaxMemory, withinScryptBounds, type ScryptParams } from '../../shared/account/scrypt-params';

/** What new hashes are made with. */
export const PASSWORD_HASH_PARAMS: ScryptParams = { ln: 17, r: 8, p: 1 };

/** scrypt's memory for the largest hash PASSWORD_HASH_BOUNDS allow (256 MiB), with room for its small extra blocks. */
const MAX_MEMORY = scryptMaxMemory(PASSWORD_HASH_BOUNDS);

const KEY_BYTES = 32;
const SALT_BYTES = 16;

/** One line, bounded lengths: a salt of 16–64 bytes and a key of exactly 32 (44 base64 characters). */
const FORMAT = /^\$scrypt\$ln=(\d{1,2}),r=(\d{1,2}),p=(\d{1,2})\$([A-Za-z0-9+/]{22,86}={0,2})\$([A-Za-z0-9+/]{43}=)$/;

export interface ParsedPasswordHash {
  readonly params: ScryptParams;
  readonly salt: Buffer;
  readonly key: Buffer;
}

/** The hash's parts, or undefined when it is malformed or asks for parameters outside PASSWORD_HASH_BOUNDS. */
export function parsePasswordHash(stored: string): ParsedPasswordHash | undefined {
  const m = FORMAT.exec(stored);
  if (!m) return undefined;
  const params = { ln: Number(m[1]), r: Number(m[2]), p: Number(m[3]) };
  if (!withinScryptBounds(params, PASSWORD_HASH_BOUNDS)) return undefined;
  const salt = Buffer.from(m[4] ?? '', 'base64');
  const key = Buffer.from(m[5] ?? '', 'base64');
  if (salt.length < SALT_BYTES || key.length !== KEY_BYTES) return undefined;
  return { params, salt, key };
}

/** Computes a key from a password; the server wraps scrypt in its own queue (server/staff/passwords.ts). */
export type DeriveKey = (password: string, salt: Buffer, params: ScryptParams) => Promise<Buffer>;

/** scrypt itself. Only ever called with bounded parameters (parsePasswordHash or PASSWORD_HASH_PARAMS). */
export const scryptKey: DeriveKey = (password, salt, { ln, r, p }) => new Promise((ok, fail) => {
  const options: ScryptOptions = { N: 2 ** ln, r, p, maxmem: MAX_MEMORY };
  scrypt(password, salt, KEY_BYTES, options, (error, key) => (error ? fail(error) : ok(key)));
});

/** Passwords typed on different keyboards compare as the same characters. */
const normal = (password: string): string => password.normalize('NFC');

export async function createPasswordHash(password: string, derive: DeriveKey = scryptKey): Promise<string> {
  const salt = randomBytes(SALT_BYTES);
  const { ln, r, p } = PASSWORD_HASH_PARAMS;
  const key = await derive(normal(password), salt, PASSWORD_HASH_PARAMS);
  return `$scrypt$ln=${ln},r=${r},p=${p}$${salt.toString('base64')}$${key.toString('base64')}`;
}

/** Whether `password` is the one hashed. A malformed or out-of-bounds hash never matches, and nothing is derived for it. */
export async function verifyPasswordHash(password: string, stored: string, derive: DeriveKey = scryptKey): Promise<boolean> {
  const parsed = parsePasswordHash(stored);
  if (!parsed) return false;
  const key = await derive(normal(password), parsed.salt, parsed.params);
  return key.length === parsed.key.length && timingSafeEqual(key, parsed.key);
}
