// What the queue stores of the account step: hashes only (PHC strings, see secret-hash.ts). The
// schema refuses anything that is not a well-formed scrypt hash, so a plaintext password cannot
// cross the contract even from a tampered renderer.
import { z } from 'zod';
import { PasswordPolicySchema } from './password-policy';
import { SecretHashSchema } from './secret-hash';

export const SECURITY_QUESTION_COUNT = 2;

export const AccountRecordSchema = z.object({
  passwordHash: SecretHashSchema,
  /** The policy the password was checked against when it was chosen. */
  passwordPolicy: PasswordPolicySchema,
  securityAnswers: z.array(z.object({
    questionId: z.string().regex(/^[a-z][a-z0-9-]{1,40}$/),
    /** Hash of normaliseAnswer(answer). */
    answerHash: SecretHashSchema,
  }).strict()).length(SECURITY_QUESTION_COUNT)
    .refine((as) => new Set(as.map((a) => a.questionId)).size === as.length, 'account.sameQuestion'),
}).strict();
export type AccountRecord = z.infer<typeof AccountRecordSchema>;
