// A deployment profile decides the steps, the fields and the rules of one sign-up, and its timings.
// Profiles are JSON files in resources/profiles/, parsed with this schema when the kiosk and the
// server start; every problem is reported with its path. The kiosk and the server read the same
// files, so a record is validated by the same rules at both ends.
import { z } from 'zod';
import { DEFAULT_FREEZE_LIMITS } from './intake';
import { FieldDefinitionSchema, FieldName, LocalisedText, type FieldDefinition } from './fields/definitions';
import { ProfileStepSchema, type StepOf, type StepType } from './profile-steps';
import { ProfileReceiptSchema } from './profile-receipt';
import { ProfileEmailsSchema } from './decision-mail';
import { modeStrictness } from './anti-robot';

export { ANTI_ROBOT_KINDS, type AntiRobotKind, type ProfileStep, type StepOf, type StepType } from './profile-steps';

/**
 * How the central server numbers this profile's registrations: 'on-accept' issues the number with
 * the delivery receipt (SSCASN); 'after-review' leaves the record 'received' until staff decide
 * (the professional association, whose secretariat issues the number after verification).
 */
const NumberingSettings = z.object({
  mode: z.enum(['on-accept', 'after-review']),
  /** Before the year and the counter: REG-2026-0000001. One counter per prefix and year. */
  prefix: z.string().regex(/^[A-Z][A-Z0-9]{1,11}$/),
}).strict();
export type Numbering = z.infer<typeof NumberingSettings>;

const ReviewGroup = z.object({ title: LocalisedText, fields: z.array(FieldName).min(1) }).strict();

/** Why staff may refuse a registration: the code goes to the kiosk and the e-mail, the words to people. */
const RejectReason = z.object({ code: z.string().regex(/^[a-z0-9-]{1,60}$/), label: LocalisedText }).strict();
const DEFAULT_REJECT_REASONS = [
  { code: 'data-tidak-sesuai', label: { id: 'Data tidak sesuai dengan dokumen', en: 'The data does not match the documents' } },
  { code: 'foto-tidak-jelas', label: { id: 'Foto KTP atau swafoto tidak jelas', en: 'The KTP photo or the selfie is not clear' } },
  { code: 'bukan-pemohon', label: { id: 'Swafoto bukan pemilik KTP', en: 'The selfie is not of the KTP holder' } },
  { code: 'lainnya', label: { id: 'Alasan lain (lihat catatan)', en: 'Another reason (see the note)' } },
];

/**
 * How long the central server keeps a decided registration whole (server/retention/): once the
 * decision (a number issued, or a rejection) is older than `afterDecisionDays`, the record is
 * reduced to the `keepFields` — the KTP image, the selfie and its face evidence, the OCR reading,
 * the account's hashes and every other field are gone. The row's number, state, dates, kiosk,
 * profile and the unique key's HMAC stay. The default is for a profile that says nothing: 90 days,
 * nothing kept but the row. The data controller sets the period its purpose needs (README).
 */
/** When the kiosk stops taking applicants (shared/intake.ts); MOSIP-like defaults. */
const IntakeFreezeSettings = z.object({
  afterUndeliveredDays: z.number().int().min(1).max(90).default(DEFAULT_FREEZE_LIMITS.afterUndeliveredDays),
  minFreeDiskMb: z.number().int().min(50).max(100_000).default(DEFAULT_FREEZE_LIMITS.minFreeDiskMb),
}).strict();

const RetentionSettings = z.object({
  afterDecisionDays: z.number().int().min(0).max(3650),
  keepFields: z.array(FieldName).max(80).default([]),
}).strict();
export type Retention = z.infer<typeof RetentionSettings>;
export const DEFAULT_RETENTION_DAYS = 90;

const ProfileShape = z.object({
  id: z.string().regex(/^[a-z][a-z0-9-]{1,40}$/),
  /** Bumped whenever fields or rules change; a record names the version it was made under. */
  version: z.number().int().min(1).max(1_000_000),
  title: LocalisedText,
  /**
   * The header's logo. In a profile file: the name of an SVG in resources/profiles/logos/; once
   * loaded (node/profiles.ts), that SVG as a data: URL, so the renderer needs no file access.
   */
  logo: z.union([
    z.string().regex(/^[a-z0-9-]{1,40}\.svg$/),
    z.string().regex(/^data:image\/svg\+xml;base64,[A-Za-z0-9+/]+={0,2}$/).max(140_000),
  ]).optional(),
  /** Why the personal data is processed: shown on the consent screen (UU PDP 27/2022 art. 20). */
  purpose: LocalisedText,
  /** Who processes it and how to reach them. */
  controller: LocalisedText,
  /** What to bring, said on Welcome before anything is asked (e-KTP, Nomor KK, an active phone…). */
  bring: z.array(LocalisedText).max(8).default([]),
  fields: z.array(FieldDefinitionSchema).min(1).max(80),
  steps: z.array(ProfileStepSchema).min(1).max(12),
  /** Pengecekan Ulang Data: the fields in these groups, in this order (SSCASN: KTP, then Ijazah). */
  review: z.object({ groups: z.array(ReviewGroup).min(1).max(12) }).strict(),
  /** The reasons the back office offers to refuse a registration of this profile. */
  rejectReasons: z.array(RejectReason).min(1).max(20).default(DEFAULT_REJECT_REASONS),
  /** One registration per value of this field, per profile, on the kiosk and on the server. */
  uniqueField: FieldName.optional(),
  /** Said on Pendaftaran Selesai, after the receipt (e.g. who sends the registration number, and how). */
  doneNote: LocalisedText.optional(),
  receipt: ProfileReceiptSchema.optional(),
  /** The e-mail to the applicant when staff approve or reject (shared/decision-mail.ts; defaults there). */
  emails: ProfileEmailsSchema.optional(),
  idleTimeoutSeconds: z.number().int().min(30).max(1800).default(120),
  idleWarningSeconds: z.number().int().min(5).max(120).default(20),
  /** Records still undelivered after this many days are flagged on screen (MOSIP's sync limits). */
  syncWarnAfterDays: z.number().int().min(1).max(60).default(3),
  /** Intake closes when records stay undelivered this long or the disk runs low (shared/intake.ts). */
  intakeFreeze: IntakeFreezeSettings.default(() => ({ ...DEFAULT_FREEZE_LIMITS })),
  numbering: NumberingSettings.default({ mode: 'on-accept', prefix: 'REG' }),
  retention: RetentionSettings.default(() => ({ afterDecisionDays: DEFAULT_RETENTION_DAYS, keepFields: [] })),
}).strict();

type Shape = z.output<typeof ProfileShape>;
type Issue = { path: (string | number)[]; message: string };

const SINGLE_STEPS: readonly StepType[] = ['ktp-scan', 'verify-account', 'selfie', 'account'];

/** What a per-part schema cannot see: names that must refer to each other. */
function crossCheck(p: Shape): Issue[] {
  const issues: Issue[] = [];
  const defs = new Map<string, FieldDefinition>();
  p.fields.forEach((f, i) => {
    if (defs.has(f.name)) issues.push({ path: ['fields', i, 'name'], message: `duplicate field ${f.name}` });
    defs.set(f.name, f);
  });
  const stepIds = new Set<string>();
  const shown = new Set<string>();
  p.steps.forEach((s, i) => {
    if (stepIds.has(s.id)) issues.push({ path: ['steps', i, 'id'], message: `duplicate step ${s.id}` });
    stepIds.add(s.id);
    if (s.type === 'form') {
      (s.summary ?? []).forEach((name, j) => {
        if (!shown.has(name)) issues.push({ path: ['steps', i, 'summary', j], message: `${name} is not on an earlier form step` });
      });
      // A field may appear again on a later page (SSCASN's page 2 repeats Tempat Lahir): one value, edited on either.
      s.fields.forEach((name, j) => {
        if (!defs.has(name)) issues.push({ path: ['steps', i, 'fields', j], message: `no field named ${name} in fields` });
        shown.add(name);
      });
    }
    if (s.type === 'gate' && i !== 0) issues.push({ path: ['steps', i, 'type'], message: 'a gate is the first step' });
  });
  for (const type of SINGLE_STEPS) {
    if (p.steps.filter((s) => s.type === type).length > 1) issues.push({ path: ['steps'], message: `at most one ${type} step` });
  }
  if (!p.steps.some((s) => s.type === 'form')) issues.push({ path: ['steps'], message: 'a profile needs at least one form step' });
  const verify = p.steps.find((s): s is StepOf<'verify-account'> => s.type === 'verify-account');
  p.fields.forEach((f, i) => {
    if (!shown.has(f.name)) issues.push({ path: ['fields', i, 'name'], message: `${f.name} is on no form step` });
    if (f.prefill?.startsWith('directory:') && !verify) issues.push({ path: ['fields', i, 'prefill'], message: 'prefilled from the directory, but no verify-account step' });
    if (f.prefill?.startsWith('field:')) {
      const from = f.prefill.slice('field:'.length);
      if (from === f.name || !defs.has(from)) issues.push({ path: ['fields', i, 'prefill'], message: `no other field named ${from}` });
    }
  });
  const account = p.steps.find((s): s is StepOf<'account'> => s.type === 'account');
  if (account?.password === 'keep-or-new' && !verify) {
    issues.push({ path: ['steps', p.steps.indexOf(account), 'password'], message: 'keeping the existing password needs a verify-account step' });
  }
  // The submission carries the last checked page's pass: an earlier page may not ask for more than it
  // ('image' then 'image-or-question' would let a question pass stand for the image).
  const checked = p.steps.flatMap((s, i) => ((s.type === 'form' || s.type === 'account') && s.antiRobot !== 'none' ? [{ i, id: s.id, mode: s.antiRobot }] : []));
  const last = checked.at(-1);
  for (const page of checked.slice(0, -1)) {
    if (last && modeStrictness(page.mode) > modeStrictness(last.mode)) {
      issues.push({ path: ['steps', last.i, 'antiRobot'], message: `the submission carries this page's pass, so it must be as strict as ${page.id}'s '${page.mode}' (it is '${last.mode}')` });
    }
  }
  // The NIK cross-check is confirmed on the page that shows the NIK: the fields it compares must be there too.
  const nikPage = p.steps.find((s): s is StepOf<'form'> => s.type === 'form' && s.fields.includes('nik'));
  for (const name of ['tanggalLahir', 'jenisKelamin']) {
    const i = p.steps.findIndex((s) => s.type === 'form' && s.fields.includes(name));
    if (nikPage && i >= 0 && !nikPage.fields.includes(name)) issues.push({ path: ['steps', i, 'fields'], message: `${name} must be on the page with nik (the NIK cross-check compares them)` });
  }
  if (verify) {
    const i = p.steps.indexOf(verify);
    // Registrations are unique by the verified account, the key the server checks at verification.
    if (p.uniqueField !== verify.usernameField) issues.push({ path: ['uniqueField'], message: `with verify-account, uniqueField is its usernameField (${verify.usernameField})` });
    const def = defs.get(verify.usernameField);
    if (def?.kind !== 'readonly' || def.prefill !== 'directory:username') {
      issues.push({ path: ['steps', i, 'usernameField'], message: 'must name a read-only field prefilled from "directory:username"' });
    }
    if (p.steps.findIndex((s) => s.type === 'form') < i) issues.push({ path: ['steps', i], message: 'verify-account comes before the form steps' });
  }
  const reviewed = new Set<string>();
  p.review.groups.forEach((g, i) => g.fields.forEach((name, j) => {
    if (!defs.has(name)) issues.push({ path: ['review', 'groups', i, 'fields', j], message: `no field named ${name} in fields` });
    reviewed.add(name);
  }));
  p.fields.forEach((f, i) => {
    if (!reviewed.has(f.name)) issues.push({ path: ['fields', i, 'name'], message: `${f.name} is in no review group` });
  });
  if (p.uniqueField !== undefined) {
    const def = defs.get(p.uniqueField);
    if (!def) issues.push({ path: ['uniqueField'], message: `no field named ${p.uniqueField} in fields` });
    else if (!def.required) issues.push({ path: ['uniqueField'], message: `${p.uniqueField} must be required to tell applicants apart` });
  }
  const kept = new Set<string>();
  p.retention.keepFields.forEach((name, i) => {
    if (!defs.has(name)) issues.push({ path: ['retention', 'keepFields', i], message: `no field named ${name} in fields` });
    if (kept.has(name)) issues.push({ path: ['retention', 'keepFields', i], message: `${name} is listed twice` });
    kept.add(name);
  });
  if (p.idleWarningSeconds >= p.idleTimeoutSeconds) issues.push({ path: ['idleWarningSeconds'], message: 'idleWarningSeconds must be shorter than idleTimeoutSeconds' });
  return issues;
}

export const ProfileSchema = ProfileShape.superRefine((p, ctx) => {
  for (const issue of crossCheck(p)) ctx.addIssue({ code: 'custom', ...issue });
});

export type Profile = z.output<typeof ProfileSchema>;

/** The profile's step of one type, if it has one. */
export function stepOf<T extends StepType>(profile: Pick<Profile, 'steps'>, type: T): StepOf<T> | undefined {
  return profile.steps.find((s): s is StepOf<T> => s.type === type);
}

export function fieldsOf(profile: Pick<Profile, 'fields'>, names: readonly string[]): FieldDefinition[] {
  return names.map((n) => profile.fields.find((f) => f.name === n)).filter((f): f is FieldDefinition => f !== undefined);
}

/** The ids of the pages with an anti-robot check, in order; the submission spends the last one's pass. */
export function antiRobotSteps(profile: Pick<Profile, 'steps'>): string[] {
  return profile.steps.filter((s) => (s.type === 'form' || s.type === 'account') && s.antiRobot !== 'none').map((s) => s.id);
}

export function needsAntiRobotPass(profile: Pick<Profile, 'steps'>): boolean {
  return antiRobotSteps(profile).length > 0;
}

/** A readable one-line-per-problem description for the operator who wrote a bad profile. */
export function describeProfileError(error: z.ZodError): string {
  return error.issues.map((i) => `  ${i.path.join('.') || '(root)'}: ${i.message}`).join('\n');
}
