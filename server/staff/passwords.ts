// Staff passwords: scrypt at OWASP's parameters (N = 2^17, r = 8, p = 1; 128 MiB, about 0.3 s here),
// a 16-byte salt each, stored as "$scrypt$ln=17,r=8,p=1$<salt>$<hash>" (base64). The policy is the
// 'nist' one of shared/account (length, not composition; no common or personal passwords).
import { randomBytes, scrypt, timingSafeEqual, type ScryptOptions } from 'node:crypto';
import { dictionary } from '@zxcvbn-ts/language-common';
import { brokenRules, type PasswordRule } from '../../shared/account/password-policy';

const LN = 17;
const R = 8;
const P = 1;
const KEY_BYTES = 32;

/**
 * At most this many hashes at once (128 MiB each): a burst of logins from many addresses waits in
 * line instead of taking the server's memory.
 */
const PARALLEL = 2;
let active = 0;
const waiting: (() => void)[] = [];

/** More waiting than this and the server is flooded: a login is answered "busy" at once. */
const MAX_WAITING = 20;

export class PasswordCheckBusy extends Error {
  override name = 'PasswordCheckBusy';
}

async function inLine<T>(work: () => Promise<T>): Promise<T> {
  if (active >= PARALLEL && waiting.length >= MAX_WAITING) throw new PasswordCheckBusy('too many password checks waiting');
  if (active >= PARALLEL) await new Promise<void>((go) => waiting.push(go));
  active++;
  try {
    return await work();
  } finally {
    active--;
    waiting.shift()?.();
  }
}

const derive = (password: string, salt: Buffer, ln: number, r: number, p: number): Promise<Buffer> => inLine(() =>
  new Promise((ok, fail) => {
    const options: ScryptOptions = { N: 2 ** ln, r, p, maxmem: 256 * 1024 * 1024 };
    scrypt(password.normalize('NFC'), salt, KEY_BYTES, options, (error, key) => (error ? fail(error) : ok(key)));
  }));

export async function hashStaffPassword(password: string): Promise<string> {
  const salt = randomBytes(16);
  const key = await derive(password, salt, LN, R, P);
  return `$scrypt$ln=${LN},r=${R},p=${P}$${salt.toString('base64')}$${key.toString('base64')}`;
}

const FORMAT = /^\$scrypt\$ln=(\d{1,2}),r=(\d{1,2}),p=(\d{1,2})\$([A-Za-z0-9+/=]+)\$([A-Za-z0-9+/=]+)$/;

/** Whether `password` is the one hashed; a malformed or out-of-bounds hash never matches. */
export async function verifyStaffPassword(password: string, stored: string): Promise<boolean> {
  const m = FORMAT.exec(stored);
  if (!m) return false;
  const [ln, r, p] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (ln < 14 || ln > 20 || r < 1 || r > 16 || p < 1 || p > 4) return false;
  const expected = Buffer.from(m[5] ?? '', 'base64');
  const key = await derive(password, Buffer.from(m[4] ?? '', 'base64'), ln, r, p);
  return key.length === expected.length && timingSafeEqual(key, expected);
}

/** A hash to check against when the username is unknown, so that case takes as long as a wrong password. */
let decoy: Promise<string> | null = null;
export function decoyHash(): Promise<string> {
  decoy ??= hashStaffPassword(randomBytes(16).toString('hex'));
  return decoy;
}

/** zxcvbn's list of common passwords (the kiosk's own check uses the same list). */
let common: ReadonlySet<string> | null = null;
const isCommon = (lowered: string): boolean => (common ??= new Set(dictionary['passwords-common'].map((p) => p.toLowerCase()))).has(lowered);

/** The rules a new staff password breaks (none: acceptable). */
export function staffPasswordProblems(password: string, username: string): PasswordRule[] {
  return brokenRules(password, 'nist', { isCommon, personal: [username] });
}
