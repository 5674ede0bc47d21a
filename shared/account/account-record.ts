// What the queue stores of the account step: hashes only (PHC strings, see secret-hash.ts). The
// schema refuses anything that is not a well-formed scrypt hash, so a plaintext password cannot
// cross the contract even from a tampered renderer. A verified directory account may keep its
// existing password instead (campus SSO): then no password, not even a hash, is in the record.
import { z } from 'zod';
import { PasswordPolicySchema } from './password-policy';
import { SecretHashSchema } from './secret-hash';

export const SECURITY_QUESTION_COUNT = 2;

export const AccountRecordSchema = z.object({
  /** Absent when the applicant keeps the directory account's existing password. */
  passwordHash: SecretHashSchema.optional(),
  /** The policy the password was checked against when it was chosen. */
  passwordPolicy: PasswordPolicySchema.optional(),
  keepsExistingPassword: z.literal(true).optional(),
  /** Two answers, or none when the profile asks no security questions. */
  securityAnswers: z.array(z.object({
    questionId: z.string().regex(/^[a-z][a-z0-9-]{1,40}$/),
    /** Hash of normaliseAnswer(answer). */
    answerHash: SecretHashSchema,
  }).strict()).max(SECURITY_QUESTION_COUNT)
    .refine((as) => as.length === 0 || as.length === SECURITY_QUESTION_COUNT, 'account.answerCount')
    .refine((as) => new Set(as.map((a) => a.questionId)).size === as.length, 'account.sameQuestion'),
}).strict()
  .refine((a) => (a.passwordHash !== undefined) === (a.passwordPolicy !== undefined), { message: 'account.policy', path: ['passwordPolicy'] })
  .refine((a) => (a.passwordHash !== undefined) !== (a.keepsExistingPassword === true), { message: 'account.password', path: ['passwordHash'] });
export type AccountRecord = z.infer<typeof AccountRecordSchema>;
