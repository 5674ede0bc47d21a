// A record against the profile it names: the fields by their kinds, and exactly the parts the
// profile's steps produce (scan, selfie, account, verification). The kiosk's queue checks a
// submission with this before sealing it; the central server checks the opened record again.
import type { z } from 'zod';
import { stepOf, type Profile } from './profile';
import { fieldsSchema, type FieldValues } from './fields/validate';
import type { CalendarDate } from './identity/dates';
import type { SubmissionSchema } from './submission';

export interface RecordIssue {
  readonly path: (string | number)[];
  readonly message: string;
}

type Parts = Pick<z.output<typeof SubmissionSchema>, 'fields' | 'ktp' | 'selfie' | 'account' | 'verification'>;

export type RecordCheck = { ok: true; fields: FieldValues } | { ok: false; issues: RecordIssue[] };

function partIssues(profile: Profile, parts: Parts): RecordIssue[] {
  const issues: RecordIssue[] = [];
  const present = (path: string, wanted: boolean, has: boolean): void => {
    if (wanted && !has) issues.push({ path: [path], message: `${path}.required` });
    if (!wanted && has) issues.push({ path: [path], message: `${path}.unexpected` });
  };
  // The scan is never required (the applicant may type everything), only impossible without its step.
  if (parts.ktp !== undefined && stepOf(profile, 'ktp-scan') === undefined) issues.push({ path: ['ktp'], message: 'ktp.unexpected' });
  present('selfie', stepOf(profile, 'selfie') !== undefined, parts.selfie !== undefined);
  present('verification', stepOf(profile, 'verify-account') !== undefined, parts.verification !== undefined);
  const account = stepOf(profile, 'account');
  present('account', account !== undefined, parts.account !== undefined);
  if (account && parts.account) {
    const a = parts.account;
    if (a.keepsExistingPassword && account.password !== 'keep-or-new') issues.push({ path: ['account', 'keepsExistingPassword'], message: 'account.mustSetPassword' });
    if (a.passwordPolicy !== undefined && a.passwordPolicy !== account.passwordPolicy) issues.push({ path: ['account', 'passwordPolicy'], message: 'account.policy' });
    const wantedAnswers = account.securityQuestions.length === 0 ? 0 : 2;
    if (a.securityAnswers.length !== wantedAnswers) issues.push({ path: ['account', 'securityAnswers'], message: 'account.answerCount' });
    a.securityAnswers.forEach((s, i) => {
      if (!account.securityQuestions.some((q) => q.id === s.questionId)) issues.push({ path: ['account', 'securityAnswers', i, 'questionId'], message: 'account.unknownQuestion' });
    });
  }
  return issues;
}

// Every record is checked against its profile (on the server, per upload): the schema is built once per
// profile object. A test's own calendar gets a fresh one.
const schemas = new WeakMap<Profile, ReturnType<typeof strictFields>>();
const strictFields = (profile: Profile, today?: () => CalendarDate) => fieldsSchema(profile.fields, today).strict();
function recordFieldsSchema(profile: Profile, today?: () => CalendarDate) {
  if (today) return strictFields(profile, today);
  let schema = schemas.get(profile);
  if (!schema) schemas.set(profile, (schema = strictFields(profile)));
  return schema;
}

/** The fields normalised by their kinds (unknown ones refused), and the parts the steps call for. */
export function checkRecordParts(profile: Profile, parts: Parts, today?: () => CalendarDate): RecordCheck {
  const issues = partIssues(profile, parts);
  const parsed = recordFieldsSchema(profile, today).safeParse(parts.fields);
  if (!parsed.success) {
    for (const i of parsed.error.issues) {
      const keys = 'keys' in i && Array.isArray(i.keys) ? (i.keys as string[]) : [];
      if (keys.length > 0) for (const k of keys) issues.push({ path: ['fields', k], message: 'field.unexpected' });
      else issues.push({ path: ['fields', ...i.path.map((p) => (typeof p === 'symbol' ? String(p) : p))], message: i.message });
    }
  }
  if (issues.length > 0 || !parsed.success) return { ok: false, issues };
  return { ok: true, fields: parsed.data };
}

/** The value that tells this profile's applicants apart (NIK, NIM/NIP, personal e-mail), if it has one. */
export function uniqueValueOf(profile: Pick<Profile, 'uniqueField'>, fields: FieldValues): string | undefined {
  // Case never tells two applicants apart (Budi@Gmail.com is budi@gmail.com to the association).
  return profile.uniqueField ? fields[profile.uniqueField]?.toLowerCase() || undefined : undefined;
}
