// The field catalogue's vocabulary: what a profile may say about one field. A field is named once
// in the profile (its key in the record) and shown by one or more form steps; its kind decides the
// input, the normalisation and the rules, the same everywhere (form, contract, queue, server).
import { z } from 'zod';

export const LocalisedText = z.object({ id: z.string().min(1), en: z.string().min(1) }).strict();
export type LocalisedText = z.infer<typeof LocalisedText>;

/** A record key: camelCase, as the reference forms name their fields (nik, nomorKk, namaTanpaGelar). */
export const FieldName = z.string().regex(/^[a-z][A-Za-z0-9]{1,40}$/, 'a field name is camelCase letters and digits (2–41)');

/**
 * Where a field's first value comes from: another field typed earlier ("field:tempatLahir") or the
 * verified directory account ("directory:mail"; its attributes are DirectoryPerson's). The applicant may still change it (unless the kind
 * is read-only).
 */
export const PrefillSource = z.string().regex(/^(field:[a-z][A-Za-z0-9]{1,40}|directory:(username|name|mail|unit))$/,
  'prefill is "field:<name>" or "directory:<username|name|mail|unit>"');

const common = {
  name: FieldName,
  label: LocalisedText,
  hint: LocalisedText.optional(),
  required: z.boolean(),
  prefill: PrefillSource.optional(),
};

/** A domain pattern: "gmail.com" exactly, or "*.pnj.ac.id" for any subdomain of pnj.ac.id. */
export const DomainPattern = z.string().regex(/^(\*\.)?([a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/, 'a domain is lower-case like "gmail.com" or "*.pnj.ac.id"');

const EmailRule = z.object({
  /** Only addresses at these domains are accepted. */
  allow: z.array(DomainPattern).min(1).max(100),
  /** Why anything else is refused and what to do instead (the reference's own reason). */
  refusal: LocalisedText,
}).strict();

const ChoiceOption = z.object({
  value: z.string().regex(/^[A-Za-z0-9][A-Za-z0-9_-]{0,40}$/, 'an option value is letters, digits, - and _'),
  label: LocalisedText,
}).strict();

export const FieldDefinitionSchema = z.discriminatedUnion('kind', [
  z.object({ ...common, kind: z.literal('nik') }).strict(),
  z.object({ ...common, kind: z.literal('kk') }).strict(),
  /** A person's name as printed on a document; upper-cased as the KTP prints it unless `case` is "keep". */
  z.object({
    ...common, kind: z.literal('person-name'), case: z.enum(['upper', 'keep']).default('upper'),
    /** Asked "tanpa gelar": a title in it is a gentle warning (shared/fields/soft-checks.ts). */
    noTitles: z.boolean().default(false),
  }).strict(),
  /** Free place name with Kab/Kota suggestions (a KTP may print a town; people born abroad). */
  z.object({ ...common, kind: z.literal('place'), suggestMinChars: z.number().int().min(1).max(5).default(3) }).strict(),
  /** One Kab/Kota from the official list, picked from suggestions after `suggestMinChars` characters. */
  z.object({ ...common, kind: z.literal('regency'), suggestMinChars: z.number().int().min(1).max(5).default(3) }).strict(),
  /** A birth date: 1900 to today, typed HH-BB-TTTT, stored ISO. */
  z.object({
    ...common, kind: z.literal('date'),
    /** Ages outside this range are a gentle warning (an applicant for a civil-service post is rarely 12). */
    plausibleAge: z.object({ min: z.number().int().min(0).max(120), max: z.number().int().min(0).max(120) }).strict().optional(),
  }).strict(),
  z.object({
    ...common,
    kind: z.literal('choice'),
    options: z.array(ChoiceOption).min(2).max(60)
      .refine((os) => new Set(os.map((o) => o.value)).size === os.length, 'duplicate option value'),
  }).strict(),
  z.object({ ...common, kind: z.literal('phone') }).strict(),
  z.object({ ...common, kind: z.literal('email'), domains: EmailRule.optional() }).strict(),
  z.object({
    ...common,
    kind: z.literal('text'),
    minLength: z.number().int().min(0).max(300).default(1),
    maxLength: z.number().int().min(1).max(300).default(100),
    /** A JavaScript regular expression the whole (trimmed) value must match. */
    pattern: z.string().max(200).refine((p) => { try { new RegExp(p, 'u'); return true; } catch { return false; } }, 'not a valid regular expression').optional(),
    /** Said when the pattern does not match. */
    patternMessage: LocalisedText.optional(),
    inputMode: z.enum(['text', 'numeric', 'tel', 'email']).default('text'),
  }).strict()
    .refine((f) => f.minLength <= f.maxLength, { message: 'minLength is above maxLength', path: ['minLength'] })
    .refine((f) => (f.pattern === undefined) === (f.patternMessage === undefined), { message: 'pattern and patternMessage go together', path: ['patternMessage'] }),
  /** Shown, never typed: its value comes from the verified directory account (`prefill`). */
  z.object({ ...common, kind: z.literal('readonly'), prefill: PrefillSource }).strict()
    .refine((f) => f.prefill.startsWith('directory:'), { message: 'a read-only field is prefilled from "directory:<attribute>"', path: ['prefill'] }),
]);
export type FieldDefinition = z.output<typeof FieldDefinitionSchema>;
export type FieldKind = FieldDefinition['kind'];
export type FieldDefinitionInput = z.input<typeof FieldDefinitionSchema>;
