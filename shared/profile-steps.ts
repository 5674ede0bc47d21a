// The steps a profile may list, between the fixed Welcome and the fixed Pengecekan Ulang / Selesai.
// Each type has one renderer folder (renderer/steps/<type>/) that registers itself.
import { z } from 'zod';
import { FieldName, LocalisedText } from './fields/definitions';
import { PasswordPolicySchema } from './account/password-policy';

const Slug = z.string().regex(/^[a-z][a-z0-9-]{1,40}$/, 'an id is lower-case letters, digits and - (2–41)');
/** The fixed steps around the profile's own have these ids. */
const RESERVED_STEP_IDS = ['welcome', 'review', 'done'];
const StepId = Slug.refine((id) => !RESERVED_STEP_IDS.includes(id), 'welcome, review and done are the fixed steps\' ids');

/** A page's anti-robot mode: which challenge kinds may guard it (shared/anti-robot.ts `modeChallengeKinds`). */
export const ANTI_ROBOT_KINDS = ['image', 'image-or-question', 'question', 'none'] as const;
export type AntiRobotKind = (typeof ANTI_ROBOT_KINDS)[number];
/**
 * A profile file's `"antiRobot"` on a form or account page:
 * - 'image': a distorted-text image drawn by the main process, and nothing else (the SSCASN
 *   portal's CAPTCHA): the page offers no text question, the main process makes none unless another
 *   page admits it, and a submission whose last checked page is 'image' is refused with a pass
 *   earned on a question;
 * - 'image-or-question': the image, with the text question offered as its accessible alternative
 *   ("Gunakan pertanyaan teks"); a pass of either kind counts;
 * - 'question': the text question only (screen-reader friendly, as the professional association's
 *   form does);
 * - 'none' (the default): no check.
 * The submission carries the pass of the last page with a check, so that page must be the strictest
 * (shared/profile.ts refuses an 'image' page followed by a page that also admits the question).
 */
const AntiRobot = z.enum(ANTI_ROBOT_KINDS).default('none');

/** A yes/no question before the form: "yes" ends the visit with an explanation (the association's "Sudah punya Nomor Registrasi?"). */
const GateStep = z.object({
  type: z.literal('gate'),
  id: StepId,
  title: LocalisedText,
  question: LocalisedText,
  /** What the applicant who answers "yes" is told instead of registering. */
  yes: z.object({ title: LocalisedText, text: LocalisedText }).strict(),
}).strict();

const KtpScanStep = z.object({ type: z.literal('ktp-scan'), id: z.literal('ktp-scan').default('ktp-scan') }).strict();

/** Verifies an existing account against the institution's directory through the central server. */
const VerifyAccountStep = z.object({
  type: z.literal('verify-account'),
  id: z.literal('verify-account').default('verify-account'),
  title: LocalisedText,
  intro: LocalisedText,
  /** Label of the username input (e.g. "Username (NIM/NIP)"). */
  usernameLabel: LocalisedText,
  /** The read-only field that carries the verified username into the record. */
  usernameField: FieldName,
}).strict();

const FormStep = z.object({
  type: z.literal('form'),
  id: StepId,
  title: LocalisedText,
  intro: LocalisedText.optional(),
  /** A warning shown above the fields (SSCASN: these become the basis of the civil-servant number). */
  notice: LocalisedText.optional(),
  fields: z.array(FieldName).min(1).max(40),
  /** Values from earlier pages shown read-only above the fields (SSCASN's page 2: "sudah terisi otomatis"). */
  summary: z.array(FieldName).max(20).optional(),
  /** Guards this page's "Lanjutkan" (SSCASN's CAPTCHA on page 1). */
  antiRobot: AntiRobot,
}).strict();

const SelfieStep = z.object({
  type: z.literal('selfie'),
  id: z.literal('selfie').default('selfie'),
  /** The advisory liveness prompt; 'off' skips it. */
  liveness: z.enum(['turn-head', 'off']).default('turn-head'),
}).strict();

const AccountStep = z.object({
  type: z.literal('account'),
  id: z.literal('account').default('account'),
  passwordPolicy: PasswordPolicySchema.default('nist'),
  /** 'keep-or-new': a verified account may keep its existing password (campus SSO). */
  password: z.enum(['new', 'keep-or-new']).default('new'),
  /** The applicant picks two different questions from this list; empty: no security questions. */
  securityQuestions: z.array(z.object({ id: Slug, text: LocalisedText }).strict()).max(20).default([])
    .refine((qs) => qs.length === 0 || qs.length >= 2, 'list at least two questions, or none')
    .refine((qs) => new Set(qs.map((q) => q.id)).size === qs.length, 'duplicate question id'),
  antiRobot: AntiRobot,
}).strict();

export const ProfileStepSchema = z.discriminatedUnion('type', [GateStep, KtpScanStep, VerifyAccountStep, FormStep, SelfieStep, AccountStep]);
export type ProfileStep = z.output<typeof ProfileStepSchema>;
export type StepType = ProfileStep['type'];
export type StepOf<T extends StepType> = Extract<ProfileStep, { type: T }>;
export type AccountStepSettings = StepOf<'account'>;
