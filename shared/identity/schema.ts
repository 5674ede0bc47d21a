// One schema per identity field, composed per deployment profile. The same schemas validate the
// renderer's form, the contract input and (later) the server. Error messages are i18n keys.
import { z } from 'zod';
import { checkKk, checkNik, cleanDigits } from './nik';
import { normaliseEmail, normalisePhone } from './contact';
import { checkName, checkPlace, normaliseSpaces } from './person';
import { parseDisplayDate, parseIsoDate, toIsoDate, type CalendarDate } from './dates';

export const IDENTITY_FIELDS = [
  'nik', 'nomorKk', 'namaLengkap', 'tempatLahir', 'tanggalLahir', 'jenisKelamin', 'nomorHp', 'email',
] as const;
export type IdentityField = (typeof IDENTITY_FIELDS)[number];
export type Identity = Partial<Record<IdentityField, string>>;

const EARLIEST_BIRTH_YEAR = 1900;

/** Turns a "problem code or null" check into a refinement whose message is the i18n key. */
function checked(check: (v: string) => string | null, normalise: (v: string) => string) {
  return z.string().max(300, 'field.tooLong').superRefine((v, ctx) => {
    const problem = check(v);
    if (problem) ctx.addIssue({ code: 'custom', message: problem });
  }).transform(normalise);
}

function birthDate(today: () => CalendarDate) {
  return z.string().max(20, 'field.tooLong').transform((v, ctx) => {
    const trimmed = v.trim();
    if (trimmed === '') {
      ctx.addIssue({ code: 'custom', message: 'date.required' });
      return z.NEVER;
    }
    const d = parseIsoDate(trimmed) ?? parseDisplayDate(trimmed);
    if (!d) {
      ctx.addIssue({ code: 'custom', message: 'date.format' });
      return z.NEVER;
    }
    const iso = toIsoDate(d);
    if (d.year < EARLIEST_BIRTH_YEAR || iso > toIsoDate(today())) {
      ctx.addIssue({ code: 'custom', message: 'date.range' });
      return z.NEVER;
    }
    return iso;
  });
}

function todayUtc(): CalendarDate {
  const now = new Date();
  return { year: now.getUTCFullYear(), month: now.getUTCMonth() + 1, day: now.getUTCDate() };
}

/** Field schemas: raw applicant input in, normalised value out (idempotent on their own output). */
export function fieldSchemas(today: () => CalendarDate = todayUtc) {
  return {
    nik: checked((v) => { const r = checkNik(v); return r.ok ? null : r.problem; }, cleanDigits),
    nomorKk: checked((v) => { const r = checkKk(v); return r.ok ? null : r.problem; }, cleanDigits),
    namaLengkap: checked(checkName, (v) => normaliseSpaces(v).toUpperCase()),
    tempatLahir: checked(checkPlace, normaliseSpaces),
    tanggalLahir: birthDate(today),
    jenisKelamin: z.string().refine((v): boolean => v === 'L' || v === 'P', 'sex.required'),
    nomorHp: checked(
      (v) => { const r = normalisePhone(v); return r.ok ? null : r.problem; },
      (v) => { const r = normalisePhone(v); return r.ok ? r.e164 : v; },
    ),
    email: checked(
      (v) => { const r = normaliseEmail(v); return r.ok ? null : r.problem; },
      (v) => { const r = normaliseEmail(v); return r.ok ? r.email : v; },
    ),
  } satisfies Record<IdentityField, z.ZodType<string, string>>;
}

export interface FieldRule {
  readonly name: IdentityField;
  readonly required: boolean;
}

/**
 * An optional field: empty (or blank) stays '', anything else must pass the field's schema, and
 * its own message (not a generic union error) reaches the applicant.
 */
export function optionalField(schema: z.ZodType<string, string>) {
  return z.string().transform((v, ctx) => {
    if (v.trim() === '') return '';
    const r = schema.safeParse(v);
    if (r.success) return r.data;
    for (const issue of r.error.issues) ctx.addIssue({ code: 'custom', message: issue.message });
    return z.NEVER;
  });
}

/**
 * The identity schema for one profile: listed fields only; an optional field may be left empty.
 * Unknown keys are stripped, so nothing the profile did not ask for reaches the queue.
 */
export function identitySchemaFor(rules: readonly FieldRule[], today?: () => CalendarDate) {
  const all = fieldSchemas(today);
  const shape: Record<string, z.ZodType<string, string>> = {};
  for (const rule of rules) {
    const schema = all[rule.name];
    shape[rule.name] = rule.required ? schema : optionalField(schema);
  }
  return z.object(shape);
}
