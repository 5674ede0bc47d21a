// Key layouts of the on-screen keyboard: letters with what Indonesian names and addresses need
// (apostrophe, dot, dash, comma, slash), a number pad for NIK, KK and dates, a phone pad, and an
// e-mail layout with "@", "." and the field's usual domains as whole keys.

export type LayoutKind = 'text' | 'numeric' | 'tel' | 'email';

/** The usual providers, offered when the field names no domains of its own. */
export const COMMON_DOMAINS = ['gmail.com', 'yahoo.com', 'yahoo.co.id', 'outlook.com'] as const;
export const DOMAIN_KEYS = ['{dom0}', '{dom1}', '{dom2}', '{dom3}'] as const;

const LETTERS = [
  '1 2 3 4 5 6 7 8 9 0 {bksp}',
  'q w e r t y u i o p',
  "a s d f g h j k l '",
  '{shift} z x c v b n m , . -',
  '{hide} {symbols} / {space} {enter}',
];
/** Passwords and addresses need the rest of the printable symbols. */
const SYMBOLS = [
  '1 2 3 4 5 6 7 8 9 0 {bksp}',
  '! @ # $ % ^ & * ( )',
  '_ + = ? : ; " < > ~',
  '[ ] | \\ ` , . - /',
  '{hide} {letters} {space} {enter}',
];
const upper = (rows: string[]): string[] => rows.map((r) => r.split(' ').map((k) => (k.startsWith('{') ? k : k.toUpperCase())).join(' '));

const EMAIL = [
  '1 2 3 4 5 6 7 8 9 0 {bksp}',
  'q w e r t y u i o p',
  'a s d f g h j k l _',
  '{shift} z x c v b n m - .',
  `{hide} @ ${DOMAIN_KEYS.join(' ')} {enter}`,
];

/** simple-keyboard layouts by name: `<kind>` and `<kind>-shift`. */
export const LAYOUTS: Record<string, string[]> = {
  text: LETTERS,
  'text-shift': upper(LETTERS),
  'text-symbols': SYMBOLS,
  email: EMAIL,
  'email-shift': upper(EMAIL),
  numeric: ['1 2 3', '4 5 6', '7 8 9', '- 0 {bksp}', '{hide} {enter}'],
  tel: ['1 2 3', '4 5 6', '7 8 9', '+ 0 {bksp}', '{hide} {space} {enter}'],
};

/** Which layout a field wants, from its input mode and type (the field components set both). */
export function layoutFor(input: HTMLInputElement): LayoutKind {
  if (input.type === 'email' || input.inputMode === 'email') return 'email';
  if (input.inputMode === 'numeric') return 'numeric';
  if (input.inputMode === 'tel') return 'tel';
  return 'text';
}

/** The domains a field offers as keys: its own (data-email-domains, wildcards left out) or the common ones. */
export function domainsFor(input: HTMLInputElement): string[] {
  const own = (input.dataset.emailDomains ?? '').split(',').map((d) => d.trim()).filter((d) => d !== '' && !d.startsWith('*.'));
  return (own.length > 0 ? own : [...COMMON_DOMAINS]).slice(0, DOMAIN_KEYS.length);
}
