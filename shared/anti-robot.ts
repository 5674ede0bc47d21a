// The anti-robot check's contract: the main process creates a challenge and keeps its answer; the
// renderer shows the challenge and sends back what the applicant typed; a correct answer earns a
// single-use pass that the submission must carry.
import { z } from 'zod';
import type { Profile } from './profile';

export const CHALLENGE_KINDS = ['image', 'question'] as const;
export type ChallengeKind = (typeof CHALLENGE_KINDS)[number];

export const CreateChallengeSchema = z.object({ kind: z.enum(CHALLENGE_KINDS) }).strict();

export const ChallengeSchema = z.object({
  id: z.uuid(),
  kind: z.enum(CHALLENGE_KINDS),
  /** 'image': a data:image/png URL (the answer is not in it as text). */
  image: z.string().startsWith('data:image/png;base64,').optional(),
  /** 'question': the question in both languages. */
  question: z.object({ id: z.string(), en: z.string() }).optional(),
  /** How many characters (image) the answer has, for the input's hint. */
  answerLength: z.number().int().positive().optional(),
  expiresAt: z.iso.datetime(),
});
export type Challenge = z.infer<typeof ChallengeSchema>;

export const AnswerChallengeSchema = z.object({ id: z.uuid(), answer: z.string().max(40) }).strict();

export const CHALLENGE_FAILURES = ['wrong', 'expired', 'unknown'] as const;
export const ChallengeVerdictSchema = z.discriminatedUnion('ok', [
  z.object({ ok: z.literal(true), pass: z.string().regex(/^[A-Za-z0-9_-]{22,64}$/) }),
  /** Every failure ends the challenge: the renderer asks for a new one. */
  z.object({ ok: z.literal(false), reason: z.enum(CHALLENGE_FAILURES) }),
]);
export type ChallengeVerdict = z.infer<typeof ChallengeVerdictSchema>;

export const AntiRobotPassSchema = z.string().regex(/^[A-Za-z0-9_-]{22,64}$/);

/**
 * The challenge kinds the main process makes and accepts for a profile, whatever the renderer asks:
 * a page in 'image' mode offers the text question as its accessible alternative (profile-steps.ts),
 * a page in 'question' mode only the question; a profile without a check admits none.
 */
export function profileChallengeKinds(profile: Pick<Profile, 'steps'>): ChallengeKind[] {
  const modes = new Set(profile.steps.flatMap((s) => (s.type === 'form' || s.type === 'account' ? [s.antiRobot] : [])));
  return CHALLENGE_KINDS.filter((k) => (k === 'image' ? modes.has('image') : modes.has('image') || modes.has('question')));
}
