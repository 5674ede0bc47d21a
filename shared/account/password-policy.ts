// Password rules, chosen by the profile. 'sscasn' is the portal's own rule (≥ 8 characters with
// lower case, upper case, digit and symbol); 'nist' follows NIST SP 800-63B §3.1.1.2: length only,
// no composition rules, and no password that is commonly used or made of the applicant's own data.
// Both policies refuse common and personal passwords: the portal's composition rule alone accepts
// "Password1!".
import { z } from 'zod';

export const PASSWORD_POLICIES = ['sscasn', 'nist'] as const;
export type PasswordPolicy = (typeof PASSWORD_POLICIES)[number];
export const PasswordPolicySchema = z.enum(PASSWORD_POLICIES);

export const PASSWORD_RULES = ['minLength', 'maxLength', 'lower', 'upper', 'digit', 'symbol', 'common', 'personal'] as const;
export type PasswordRule = (typeof PASSWORD_RULES)[number];

export const MIN_PASSWORD_LENGTH = 8;
/** NIST asks verifiers to accept at least 64 characters; longer input is refused, not truncated. */
export const MAX_PASSWORD_LENGTH = 128;

/** The rules a policy shows up front, in the order the applicant reads them. */
export function rulesOf(policy: PasswordPolicy): readonly PasswordRule[] {
  return policy === 'sscasn'
    ? ['minLength', 'lower', 'upper', 'digit', 'symbol', 'common', 'personal']
    : ['minLength', 'common', 'personal'];
}

export interface PasswordContext {
  /** Lower-cased common passwords (the strength meter's dictionary). */
  readonly isCommon: (lowered: string) => boolean;
  /** The applicant's own data: NIK, name words, birth date, e-mail's local part, phone. */
  readonly personal: readonly string[];
}

/** Length is counted in code points, as NIST says (an emoji or a combining mark is one). */
export function passwordLength(password: string): number {
  return [...password.normalize('NFC')].length;
}

/**
 * The rules the password breaks, in `rulesOf` order (empty when it is accepted). maxLength is
 * checked under every policy: it protects the hashing, not the applicant.
 */
export function brokenRules(password: string, policy: PasswordPolicy, context: PasswordContext): PasswordRule[] {
  const length = passwordLength(password);
  const broken: PasswordRule[] = [];
  const test: Record<PasswordRule, () => boolean> = {
    minLength: () => length >= MIN_PASSWORD_LENGTH,
    maxLength: () => length <= MAX_PASSWORD_LENGTH,
    lower: () => /\p{Ll}/u.test(password),
    upper: () => /\p{Lu}/u.test(password),
    digit: () => /\p{Nd}/u.test(password),
    symbol: () => /[^\p{L}\p{Nd}\s]/u.test(password),
    common: () => !isCommonPassword(password, context),
    personal: () => !containsPersonal(password, context.personal),
  };
  for (const rule of [...rulesOf(policy), 'maxLength' as const]) if (!test[rule]()) broken.push(rule);
  return broken;
}

/** Common as typed, or common once the usual decorations (trailing digits and marks) are removed. */
function isCommonPassword(password: string, context: PasswordContext): boolean {
  const lowered = password.normalize('NFC').toLowerCase();
  const bare = lowered.replace(/[\d\W_]+$/u, '');
  return context.isCommon(lowered) || (bare.length >= 4 && context.isCommon(bare));
}

/** A piece of the applicant's data of 4+ characters inside the password (case and spacing ignored). */
function containsPersonal(password: string, personal: readonly string[]): boolean {
  const squashed = password.toLowerCase().replace(/[\s._-]/g, '');
  return personal
    .flatMap((p) => p.toLowerCase().split(/[\s@._-]+/))
    .some((piece) => piece.length >= 4 && squashed.includes(piece));
}

/** The applicant's data a password must not contain, from the identity form's values. */
export function personalWords(identity: Readonly<Record<string, string | undefined>>): string[] {
  const words: string[] = [];
  for (const key of ['nik', 'nomorKk', 'namaLengkap', 'tempatLahir', 'nomorHp', 'email'] as const) {
    const value = identity[key];
    if (value) words.push(key === 'email' ? (value.split('@')[0] ?? '') : value);
  }
  const birth = identity.tanggalLahir; // yyyy-mm-dd
  if (birth) {
    const [y = '', m = '', d = ''] = birth.split('-');
    words.push(`${d}${m}${y}`, `${y}${m}${d}`, `${d}${m}${y.slice(2)}`);
  }
  return words.filter((w) => w.length >= 4);
}
