// A deployment profile decides which identity fields the kiosk asks for and its timings. Profiles
// are JSON files in resources/profiles/, parsed with this schema when the kiosk starts.
import { z } from 'zod';
import { IDENTITY_FIELDS } from './identity/schema';
import { PasswordPolicySchema } from './account/password-policy';

const LocalisedText = z.object({ id: z.string().min(1), en: z.string().min(1) });
const Slug = z.string().regex(/^[a-z][a-z0-9-]{1,40}$/);

export const ANTI_ROBOT_KINDS = ['image', 'question', 'none'] as const;
export type AntiRobotKind = (typeof ANTI_ROBOT_KINDS)[number];

/** The selfie step (Swafoto); absent: no selfie. */
const SelfieSettings = z.object({
  /** The advisory liveness prompt; 'off' skips it. */
  liveness: z.enum(['turn-head', 'off']).default('turn-head'),
});

/** The account step (password, security questions, anti-robot check); absent: no account step. */
const AccountSettings = z.object({
  passwordPolicy: PasswordPolicySchema.default('nist'),
  /** The applicant picks two different questions from this list. */
  securityQuestions: z.array(z.object({ id: Slug, text: LocalisedText })).min(2).max(20)
    .refine((qs) => new Set(qs.map((q) => q.id)).size === qs.length, 'duplicate question id'),
  /**
   * 'image': a distorted-text image drawn by the main process, with a text question offered as the
   * accessible alternative; 'question': the text question only (screen-reader friendly, as the
   * professional association's form does); 'none': no check.
   */
  antiRobot: z.enum(ANTI_ROBOT_KINDS).default('image'),
});

/**
 * How the central server numbers this profile's registrations: 'on-accept' issues the number with
 * the delivery receipt (SSCASN); 'after-review' leaves the record 'received' until staff decide
 * (the professional association, whose secretariat issues the number after verification).
 */
const NumberingSettings = z.object({
  mode: z.enum(['on-accept', 'after-review']),
  /** Before the year and the counter: REG-2026-0000001. One counter per profile and year. */
  prefix: z.string().regex(/^[A-Z][A-Z0-9]{1,11}$/),
}).strict();
export type Numbering = z.infer<typeof NumberingSettings>;

export const ProfileSchema = z.object({
  id: z.string().regex(/^[a-z][a-z0-9-]{1,40}$/),
  title: LocalisedText,
  /** Why the personal data is processed: shown on the consent screen (UU PDP 27/2022 art. 20). */
  purpose: LocalisedText,
  /** Who processes it and how to reach them. */
  controller: LocalisedText,
  fields: z.array(z.object({ name: z.enum(IDENTITY_FIELDS), required: z.boolean() }))
    .min(1)
    .refine((fs) => new Set(fs.map((f) => f.name)).size === fs.length, 'duplicate field'),
  idleTimeoutSeconds: z.number().int().min(30).max(1800).default(120),
  idleWarningSeconds: z.number().int().min(5).max(120).default(20),
  placeSuggestMinChars: z.number().int().min(1).max(5).default(3),
  selfie: SelfieSettings.optional(),
  account: AccountSettings.optional(),
  /** Records still undelivered after this many days are flagged on screen (MOSIP's sync limits). */
  syncWarnAfterDays: z.number().int().min(1).max(60).default(3),
  numbering: NumberingSettings.default({ mode: 'on-accept', prefix: 'REG' }),
}).refine((p) => p.idleWarningSeconds < p.idleTimeoutSeconds, {
  message: 'idleWarningSeconds must be shorter than idleTimeoutSeconds',
  path: ['idleWarningSeconds'],
});

export type Profile = z.output<typeof ProfileSchema>;
export type AccountProfile = NonNullable<Profile['account']>;

/** A readable one-line-per-problem description for the operator who wrote a bad profile. */
export function describeProfileError(error: z.ZodError): string {
  return error.issues.map((i) => `  ${i.path.join('.') || '(root)'}: ${i.message}`).join('\n');
}
