// Staff passwords: hashed in the format node/crypto/password-hash.ts defines (scrypt, N = 2^17, r = 8,
// p = 1; the kiosk checks operator hashes with the same module). What is the server's own stays here:
// at most two hashes computed at once, the decoy for unknown names, and the 'nist' policy of
// shared/account (length, not composition; no common or personal passwords).
import { randomBytes } from 'node:crypto';
import { dictionary } from '@zxcvbn-ts/language-common';
import { brokenRules, type PasswordRule } from '../../shared/account/password-policy';
import { createPasswordHash, scryptKey, verifyPasswordHash, type DeriveKey } from '../../node/crypto/password-hash';

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

/** scrypt, in line: every hash the server computes (staff and operator accounts) waits its turn. */
const derive: DeriveKey = (password, salt, params) => inLine(() => scryptKey(password, salt, params));

export function hashStaffPassword(password: string): Promise<string> {
  return createPasswordHash(password, derive);
}

/** Whether `password` is the one hashed; a malformed or out-of-bounds hash never matches (and waits in no line). */
export function verifyStaffPassword(password: string, stored: string): Promise<boolean> {
  return verifyPasswordHash(password, stored, derive);
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
