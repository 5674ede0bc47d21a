// The anti-robot check's contract: the main process creates a challenge and keeps its answer; the
// renderer shows the challenge and sends back what the applicant typed; a correct answer earns a
// single-use pass that the submission must carry.
import { z } from 'zod';
import type { AntiRobotKind, Profile } from './profile';

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

/** The challenge kinds a page's anti-robot mode admits, its default (shown first) first. */
export function modeChallengeKinds(mode: AntiRobotKind): readonly ChallengeKind[] {
  switch (mode) {
    case 'image': return ['image'];
    case 'image-or-question': return ['image', 'question'];
    case 'question': return ['question'];
    case 'none': return [];
  }
}

/**
 * How hard a mode is for a script: that of the weakest kind it admits (a script picks the easiest):
 * 2 for 'image', 1 for 'image-or-question' and 'question' (a one-digit sum in text), 0 for 'none'.
 */
export function modeStrictness(mode: AntiRobotKind): number {
  const kinds = modeChallengeKinds(mode);
  return kinds.length === 0 ? 0 : kinds.includes('question') ? 1 : 2;
}

/** The anti-robot modes of a profile's pages that have a check, in page order. */
export function checkedModes(profile: Pick<Profile, 'steps'>): AntiRobotKind[] {
  return profile.steps.flatMap((s) => ((s.type === 'form' || s.type === 'account') && s.antiRobot !== 'none' ? [s.antiRobot] : []));
}

/**
 * The challenge kinds the main process makes for a profile, whatever the renderer asks: those some
 * page's mode admits (profile-steps.ts); a profile without a check admits none.
 */
export function profileChallengeKinds(profile: Pick<Profile, 'steps'>): ChallengeKind[] {
  const admitted = new Set(checkedModes(profile).flatMap((m) => modeChallengeKinds(m)));
  return CHALLENGE_KINDS.filter((k) => admitted.has(k));
}

/**
 * The kinds a submission's pass may have been earned on. The submission carries the pass of the last
 * page with a check (renderer/app/flow.ts), so it must be of a kind that page admits; the profile
 * schema makes that page the strictest (shared/profile.ts), so no page's check is met by a weaker
 * kind another page offers. A pass records its kind (electron/services/captcha/challenge-service.ts).
 */
export function submissionPassKinds(profile: Pick<Profile, 'steps'>): readonly ChallengeKind[] {
  const last = checkedModes(profile).at(-1);
  return last === undefined ? [] : modeChallengeKinds(last);
}
