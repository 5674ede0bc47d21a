// One zod schema per field definition: raw applicant input in, normalised value out, idempotent on
// its own output (the server re-validates what the kiosk normalised). Messages are codes: "kind.problem"
// i18n keys, or "profile:<field>:<rule>" for a text the profile itself supplies (pattern, domains).
import { z } from 'zod';
import { checkKk, checkNik, cleanDigits } from '../identity/nik';
import { normaliseEmail, normalisePhone } from '../identity/contact';
import { checkName, checkPlace, normaliseSpaces } from '../identity/person';
import { parseDisplayDate, parseIsoDate, toIsoDate, type CalendarDate } from '../identity/dates';
import { allRegencies } from '../regions/regions';
import { domainAllowed } from './email-domains';
import { FieldName, type FieldDefinition } from './definitions';

const EARLIEST_BIRTH_YEAR = 1900;
const MAX_INPUT = 300;

export function todayUtc(): CalendarDate {
  const now = new Date();
  return { year: now.getUTCFullYear(), month: now.getUTCMonth() + 1, day: now.getUTCDate() };
}

/** The message code of a rule the profile words itself. */
export const profileMessage = (field: string, rule: 'pattern' | 'domains'): string => `profile:${field}:${rule}`;

type Check = (v: string) => { ok: true; value: string } | { ok: false; problem: string };

const fromProblem = (check: (v: string) => string | null, normalise: (v: string) => string): Check =>
  (v) => { const problem = check(v); return problem ? { ok: false, problem } : { ok: true, value: normalise(v) }; };

const foldRegency = (s: string): string => normaliseSpaces(s).toLowerCase();
let regencyIndex: Map<string, string> | undefined;
function officialRegency(input: string): string | undefined {
  regencyIndex ??= new Map(allRegencies.map((r) => [foldRegency(r.name), r.name]));
  return regencyIndex.get(foldRegency(input));
}

function birthDate(today: () => CalendarDate): Check {
  return (v) => {
    const d = parseIsoDate(v.trim()) ?? parseDisplayDate(v.trim());
    if (!d) return { ok: false, problem: 'date.format' };
    const iso = toIsoDate(d);
    if (d.year < EARLIEST_BIRTH_YEAR || iso > toIsoDate(today())) return { ok: false, problem: 'date.range' };
    return { ok: true, value: iso };
  };
}

function checkFor(def: FieldDefinition, today: () => CalendarDate): Check {
  switch (def.kind) {
    case 'nik':
      return fromProblem((v) => { const r = checkNik(v); return r.ok ? null : r.problem; }, cleanDigits);
    case 'kk':
      return fromProblem((v) => { const r = checkKk(v); return r.ok ? null : r.problem; }, cleanDigits);
    case 'person-name':
      return fromProblem(checkName, (v) => (def.case === 'upper' ? normaliseSpaces(v).toUpperCase() : normaliseSpaces(v)));
    case 'place':
      return fromProblem(checkPlace, normaliseSpaces);
    case 'regency':
      return (v) => { const name = officialRegency(v); return name ? { ok: true, value: name } : { ok: false, problem: 'regency.unknown' }; };
    case 'date':
      return birthDate(today);
    case 'choice':
      return (v) => (def.options.some((o) => o.value === v) ? { ok: true, value: v } : { ok: false, problem: 'choice.required' });
    case 'phone':
      return (v) => { const r = normalisePhone(v); return r.ok ? { ok: true, value: r.e164 } : r; };
    case 'email':
      return (v) => {
        const r = normaliseEmail(v);
        if (!r.ok) return r;
        if (def.domains && !domainAllowed(r.email, def.domains.allow)) return { ok: false, problem: profileMessage(def.name, 'domains') };
        return { ok: true, value: r.email };
      };
    case 'text':
      return (v) => {
        const value = normaliseSpaces(v);
        if (value.length < def.minLength || value.length > def.maxLength) return { ok: false, problem: 'text.length' };
        if (def.pattern !== undefined && !new RegExp(`^(?:${def.pattern})$`, 'u').test(value)) return { ok: false, problem: profileMessage(def.name, 'pattern') };
        return { ok: true, value };
      };
    case 'readonly':
      // The directory's value, as the directory spells it (its attributes are at most 256 characters).
      return (v) => ({ ok: true, value: normaliseSpaces(v) });
  }
}

/**
 * The schema of one field. Blank is "field.required" (choices: "choice.required") when the field is
 * required and '' when it is optional; anything else must pass the kind's check.
 */
export function fieldSchema(def: FieldDefinition, today: () => CalendarDate = todayUtc): z.ZodType<string, string> {
  const check = checkFor(def, today);
  return z.string().max(MAX_INPUT, 'field.tooLong').transform((v, ctx) => {
    if (v.trim() === '') {
      if (!def.required) return '';
      // A read-only value the directory lacks cannot be typed in: the applicant is told whom to ask.
      ctx.addIssue({ code: 'custom', message: def.kind === 'choice' ? 'choice.required' : def.kind === 'readonly' ? 'readonly.missing' : 'field.required' });
      return z.NEVER;
    }
    const r = check(v);
    if (r.ok) return r.value;
    ctx.addIssue({ code: 'custom', message: r.problem });
    return z.NEVER;
  });
}

/** The schema of a set of fields (one form step, or the whole record); unknown keys are stripped. */
export function fieldsSchema(defs: readonly FieldDefinition[], today?: () => CalendarDate) {
  return z.object(Object.fromEntries(defs.map((d) => [d.name, fieldSchema(d, today)])) as Record<string, z.ZodType<string, string>>);
}

/** Field values as they cross the contract and sit in a record: bounded, before the profile's rules. */
export const FieldValuesSchema = z.record(FieldName, z.string().max(MAX_INPUT))
  .refine((r) => Object.keys(r).length <= 80, 'too many fields');
export type FieldValues = Record<string, string>;
