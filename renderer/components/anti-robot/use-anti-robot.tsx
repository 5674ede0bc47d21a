// The anti-robot check of one page (a form page's "Lanjutkan", Data Akun, as the SSCASN portal asks
// on both): the challenge, what was typed, and the pass a correct answer earns. A page whose check
// was already passed in this visit does not ask again when the applicant comes back to it.
import { useRef, useState, type ReactNode } from 'react';
import { modeChallengeKinds, type Challenge } from '../../../shared/anti-robot';
import type { AntiRobotKind } from '../../../shared/profile';
import { api } from '../../app/api';
import { useT } from '../../i18n/i18n';
import { AntiRobotCheck } from './AntiRobotCheck';

export interface AntiRobot {
  /** The check still has to be answered on this page. */
  readonly needed: boolean;
  /** A message when the answer is blank (and, if `focus`, the input focused), else undefined. */
  readonly validate: (focus?: boolean) => string | undefined;
  /**
   * Answers the challenge once. A failure shows its message and fetches a new challenge; what the
   * applicant typed elsewhere on the page is untouched. A pass only when one was earned just now.
   */
  readonly earn: () => Promise<{ ok: true; pass?: string } | { ok: false }>;
  readonly element: ReactNode;
}

/** `mode`: the page's own anti-robot mode from the profile; it alone decides the kinds offered. */
export function useAntiRobot(mode: AntiRobotKind, alreadyPassed: boolean): AntiRobot {
  const t = useT();
  const [challenge, setChallenge] = useState<Challenge | null>(null);
  const [answer, setAnswer] = useState('');
  const [generation, setGeneration] = useState(0);
  const [passed, setPassed] = useState(alreadyPassed);
  const [error, setError] = useState<string | undefined>();
  const ref = useRef<HTMLInputElement>(null);
  const needed = mode !== 'none' && !passed;

  const validate = (focus = true): string | undefined => {
    const problem = needed && answer.trim() === '' ? t('robot.required') : undefined;
    setError(problem);
    if (problem && focus) ref.current?.focus();
    return problem;
  };

  const earn = async (): Promise<{ ok: true; pass?: string } | { ok: false }> => {
    if (!needed) return { ok: true };
    if (!challenge) {
      setError(t('robot.failed'));
      return { ok: false };
    }
    const verdict = await api.challenge.answer({ id: challenge.id, answer });
    setAnswer('');
    if (!verdict.ok) {
      setError(t(verdict.reason === 'expired' ? 'robot.expired' : 'robot.wrong'));
      setGeneration((g) => g + 1);
      ref.current?.focus();
      return { ok: false };
    }
    setError(undefined);
    setPassed(true);
    return { ok: true, pass: verdict.pass };
  };

  const element = needed ? (
    <AntiRobotCheck ref={ref} kinds={modeChallengeKinds(mode)} challenge={challenge} onChallenge={setChallenge}
      answer={answer} onAnswer={setAnswer} error={error} generation={generation} />
  ) : null;
  return { needed, validate, earn, element };
}
