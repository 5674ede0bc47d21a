// Contact details: Indonesian mobile numbers and e-mail addresses.

export type PhoneProblem = 'phone.required' | 'phone.format' | 'phone.notMobile' | 'phone.length';

/**
 * Accepts 08…, +62 8…, 62 8… and (0)8… with spaces, dots, dashes or parentheses; returns E.164
 * (+628…). Indonesian mobile numbers have 9–12 digits after the country code, starting with 8
 * followed by a non-zero digit (operators' prefixes 811…899).
 */
export function normalisePhone(input: string): { ok: true; e164: string } | { ok: false; problem: PhoneProblem } {
  const compact = input.replace(/[\s.()-]/g, '');
  if (compact === '') return { ok: false, problem: 'phone.required' };
  if (!/^\+?\d+$/.test(compact)) return { ok: false, problem: 'phone.format' };
  let national: string;
  if (compact.startsWith('+62')) national = compact.slice(3);
  else if (compact.startsWith('62')) national = compact.slice(2);
  else if (compact.startsWith('0')) national = compact.slice(1);
  else if (compact.startsWith('+')) return { ok: false, problem: 'phone.format' };
  else national = compact;
  if (!/^8[1-9]/.test(national)) return { ok: false, problem: 'phone.notMobile' };
  if (national.length < 9 || national.length > 12) return { ok: false, problem: 'phone.length' };
  return { ok: true, e164: `+62${national}` };
}

export type EmailProblem = 'email.required' | 'email.format' | 'email.length';

// Practical subset of RFC 5322 that mail providers accept: dot-atom local part, LDH domain labels,
// alphabetic TLD. Quoted local parts and IP literals are refused on purpose (no applicant has one).
const LOCAL = /^[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+(\.[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+)*$/;
const LABEL = /^[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?$/;

export function normaliseEmail(input: string): { ok: true; email: string } | { ok: false; problem: EmailProblem } {
  const trimmed = input.trim();
  if (trimmed === '') return { ok: false, problem: 'email.required' };
  if (trimmed.length > 254) return { ok: false, problem: 'email.length' };
  const at = trimmed.lastIndexOf('@');
  if (at <= 0) return { ok: false, problem: 'email.format' };
  const local = trimmed.slice(0, at);
  const domain = trimmed.slice(at + 1).toLowerCase();
  if (local.length > 64 || !LOCAL.test(local)) return { ok: false, problem: 'email.format' };
  const labels = domain.split('.');
  const tld = labels[labels.length - 1] ?? '';
  if (labels.length < 2 || !labels.every((l) => LABEL.test(l)) || !/^[a-z]{2,63}$/.test(tld)) {
    return { ok: false, problem: 'email.format' };
  }
  return { ok: true, email: `${local}@${domain}` };
}
