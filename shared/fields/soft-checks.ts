// Gentle checks: values that are valid but often a slip — an e-mail domain one letter off a common
// provider, an academic title in a name asked "tanpa gelar", a Nomor KK equal to the NIK, an age the
// profile finds implausible. The applicant confirms or corrects; they never block on their own.
import type { FieldDefinition } from './definitions';
import { normaliseEmail } from '../identity/contact';
import { parseDisplayDate, parseIsoDate, type CalendarDate } from '../identity/dates';
import { cleanDigits } from '../identity/nik';

export type SoftCode = 'email.typo' | 'name.title' | 'kk.sameAsNik' | 'date.age';

export interface SoftWarning {
  readonly field: string;
  readonly code: SoftCode;
  /** Words for the message ({suggestion}, {title}, {age}). */
  readonly vars: Readonly<Record<string, string | number>>;
  /** A corrected value the applicant can take with one tap. */
  readonly suggestion?: string;
}

// Long enough names that one slip rarely lands on another real domain (live.com is one letter from line.com).
const PROVIDERS = ['gmail.com', 'yahoo.com', 'yahoo.co.id', 'ymail.com', 'hotmail.com', 'outlook.com', 'icloud.com'];

/** Edit distance where a swapped pair of neighbouring letters is one slip (optimal string alignment). */
function distance(a: string, b: string): number {
  const d: number[][] = Array.from({ length: a.length + 1 }, (_, i) => Array.from({ length: b.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)));
  for (let i = 1; i <= a.length; i += 1) {
    for (let j = 1; j <= b.length; j += 1) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      const row = d[i] as number[];
      const up = d[i - 1] as number[];
      row[j] = Math.min((up[j] ?? 0) + 1, (row[j - 1] ?? 0) + 1, (up[j - 1] ?? 0) + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) row[j] = Math.min(row[j] ?? 0, ((d[i - 2] as number[])[j - 2] ?? 0) + 1);
    }
  }
  return (d[a.length] as number[])[b.length] ?? 0;
}

/** "budi@gmial.com" → "budi@gmail.com"; undefined when the domain is a provider or none is close. */
export function emailTypo(input: string): string | undefined {
  const r = normaliseEmail(input);
  if (!r.ok) return undefined;
  const at = r.email.lastIndexOf('@');
  const domain = r.email.slice(at + 1);
  if (PROVIDERS.includes(domain)) return undefined;
  // One slip only (a missing, extra, wrong or swapped letter): yahoo.co.uk is not a misspelt yahoo.co.id.
  const country = (d: string): string => d.slice(d.lastIndexOf('.') + 1);
  // …and another country's ending is another country, not a slip (yahoo.co.in is not yahoo.co.id).
  const otherCountry = (p: string): boolean => country(domain).length === 2 && country(p).length === 2 && country(domain) !== country(p);
  const scored = PROVIDERS.filter((p) => !otherCountry(p)).map((p) => ({ p, d: distance(domain, p) })).filter((x) => x.d <= 1);
  const best = Math.min(...scored.map((x) => x.d));
  // The one nearest provider; two equally near (ymail/gmail) is no suggestion at all.
  const nearest = scored.filter((x) => x.d === best);
  return nearest.length === 1 ? `${r.email.slice(0, at)}@${nearest[0]?.p}` : undefined;
}

// Degrees and honorifics as Indonesians write them: Prof., Dr., Ir., H., Hj. before the name; S.Pd.,
// S.T., M.M., A.Md. after it. A dotted initial inside a name is the KTP's short form (M. RIZKI for
// Muhammad Rizki, ANDI H. SAPUTRA), so only known degrees count, and H./Hj. only at the start.
const LEADING = /^(prof|dr|drs|dra|ir|h|hj)\.$/i;
const DEGREE = /^(s|m|d\d?)\.\s?(pd|t|kom|h|e|si|sos|ked|psi|ag|ak|ip|hum|farm|kes|kep|ds|sn|tr|ag|mat)\.?$|^a\.\s?md\.?$|^ph\.\s?d\.?$|^m\.\s?m\.?$/i;
const BARE_DEGREE = /^(se|sh|st|spd|skom|sked|mm|mpd|mt|msi|mkom|amd|phd)$/i;

/** The first academic or honorific title in a name, if any. */
export function titleIn(name: string): string | undefined {
  let afterComma = false;
  let first = true;
  for (const token of name.split(/(\s+|,)/)) {
    if (token === ',') { afterComma = true; continue; }
    if (token.trim() === '') continue;
    if ((first && LEADING.test(token)) || DEGREE.test(token) || (afterComma && BARE_DEGREE.test(token))) return token;
    first = false;
  }
  return undefined;
}

function ageOn(birth: CalendarDate, today: CalendarDate): number {
  const had = today.month > birth.month || (today.month === birth.month && today.day >= birth.day);
  return today.year - birth.year - (had ? 0 : 1);
}

/** The gentle warnings for one page's values. */
export function softWarnings(defs: readonly FieldDefinition[], values: Readonly<Record<string, string>>, today: CalendarDate): SoftWarning[] {
  const out: SoftWarning[] = [];
  for (const def of defs) {
    const value = values[def.name] ?? '';
    if (value.trim() === '') continue;
    if (def.kind === 'email') {
      const suggestion = emailTypo(value);
      if (suggestion) out.push({ field: def.name, code: 'email.typo', vars: { suggestion }, suggestion });
    } else if (def.kind === 'person-name' && def.noTitles) {
      const title = titleIn(value);
      if (title) out.push({ field: def.name, code: 'name.title', vars: { title } });
    } else if (def.kind === 'kk' && cleanDigits(value) === cleanDigits(values.nik ?? '')) {
      out.push({ field: def.name, code: 'kk.sameAsNik', vars: {} });
    } else if (def.kind === 'date' && def.plausibleAge) {
      const birth = parseIsoDate(value.trim()) ?? parseDisplayDate(value.trim());
      const age = birth ? ageOn(birth, today) : undefined;
      if (age !== undefined && age >= 0 && (age < def.plausibleAge.min || age > def.plausibleAge.max)) out.push({ field: def.name, code: 'date.age', vars: { age } });
    }
  }
  return out;
}
