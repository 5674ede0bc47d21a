// The anti-robot check: a challenge made by the main process (an image whose text only the main
// process knows, or a text question for screen-reader users), a refresh, and a switch between the
// two only when the page's mode admits both ('image-or-question'). The parent answers it through the
// contract on Lanjutkan.
import { forwardRef, useCallback, useEffect, useState } from 'react';
import type { Challenge, ChallengeKind } from '../../../shared/anti-robot';
import { api } from '../../app/api';
import { TextField } from '../TextField';
import { useLocale, useT } from '../../i18n/i18n';

export interface AntiRobotCheckProps {
  /** The kinds the page's mode admits (shared/anti-robot.ts modeChallengeKinds), the one shown first first. */
  readonly kinds: readonly ChallengeKind[];
  readonly challenge: Challenge | null;
  readonly onChallenge: (challenge: Challenge | null) => void;
  readonly answer: string;
  readonly onAnswer: (answer: string) => void;
  readonly error?: string | undefined;
  /** Bumped by the parent after a failed answer: a new challenge of the same kind is fetched. */
  readonly generation: number;
}

export const AntiRobotCheck = forwardRef<HTMLInputElement, AntiRobotCheckProps>(function AntiRobotCheck(props, ref) {
  const { kinds, challenge, onChallenge, answer, onAnswer, error, generation } = props;
  const t = useT();
  const locale = useLocale();
  const [kind, setKind] = useState<ChallengeKind>(kinds[0] ?? 'question');
  const other = kinds.find((k) => k !== kind);
  const [failed, setFailed] = useState(false);

  const load = useCallback((k: ChallengeKind) => {
    setFailed(false);
    onChallenge(null);
    api.challenge.create({ kind: k }).then(onChallenge, () => setFailed(true));
  }, [onChallenge]);

  useEffect(() => { load(kind); }, [kind, generation, load]);

  return (
    <fieldset className="fieldset anti-robot">
      <legend className="fieldset__legend">{t('robot.title')}</legend>
      {challenge?.kind === 'image' && challenge.image ? (
        <img className="anti-robot__image" src={challenge.image} width={260} height={90}
          alt={t('robot.imageAlt', { n: challenge.answerLength ?? 5 })} />
      ) : null}
      {challenge?.kind === 'question' && challenge.question ? (
        <p className="anti-robot__question" id="robot-question">{challenge.question[locale]}</p>
      ) : null}
      {!challenge && !failed ? <p role="status">{t('robot.loading')}</p> : null}
      {failed ? <p className="field__error" role="alert">{t('robot.failed')}</p> : null}
      <TextField
        ref={ref}
        id="robot-answer"
        label={t(kind === 'image' ? 'robot.imageLabel' : 'robot.questionLabel')}
        hint={kind === 'image' ? t('robot.imageHint', { n: challenge?.answerLength ?? 5 }) : undefined}
        describedBy={kind === 'question' && challenge ? 'robot-question' : undefined}
        required
        requiredText={t('form.required')}
        value={answer}
        maxLength={20}
        inputMode={kind === 'question' ? 'numeric' : 'text'}
        autoCapitalize="characters"
        error={error}
        onChange={(e) => onAnswer(e.target.value)}
      />
      <div className="actions actions--inline">
        <button type="button" className="button" onClick={() => { onAnswer(''); load(kind); }}>{t(kind === 'image' ? 'robot.refresh' : 'robot.refreshQuestion')}</button>
        {other ? (
          <button type="button" className="button" onClick={() => { onAnswer(''); setKind(other); }}>
            {t(kind === 'image' ? 'robot.useQuestion' : 'robot.useImage')}
          </button>
        ) : null}
      </div>
    </fieldset>
  );
});
