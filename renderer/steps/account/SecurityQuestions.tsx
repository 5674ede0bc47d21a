// Pertanyaan Pengaman 1 and 2 with their answers: two different questions from the profile's list.
import type { AccountStepSettings } from '../../../shared/profile-steps';
import { TextField } from '../../components/TextField';
import { useLocale, useT } from '../../i18n/i18n';
import { RequiredMark } from '../../components/RequiredMark';

export interface SecurityAnswer {
  readonly questionId: string;
  readonly answer: string;
}

export interface SecurityQuestionsProps {
  readonly questions: AccountStepSettings['securityQuestions'];
  readonly value: readonly [SecurityAnswer, SecurityAnswer];
  readonly onChange: (index: 0 | 1, next: SecurityAnswer) => void;
  readonly errors: readonly [{ question?: string; answer?: string }, { question?: string; answer?: string }];
}

export function SecurityQuestions({ questions, value, onChange, errors }: SecurityQuestionsProps) {
  const t = useT();
  const locale = useLocale();
  return (
    <>
      {([0, 1] as const).map((i) => {
        const n = i + 1;
        const error = errors[i];
        const selectId = `question-${n}`;
        const other = value[i === 0 ? 1 : 0].questionId;
        return (
          <fieldset key={n} className="fieldset">
            <legend className="visually-hidden">{t('account.question', { n })}</legend>
            <div className={`field${error.question ? ' field--invalid' : ''}`}>
              <label htmlFor={selectId} className="field__label">
                {t('account.question', { n })}<RequiredMark text={t('form.required')} />
              </label>
              <select
                id={selectId}
                className="field__input"
                value={value[i].questionId}
                aria-required
                aria-invalid={error.question ? true : undefined}
                aria-describedby={error.question ? `${selectId}-error` : undefined}
                onChange={(e) => onChange(i, { ...value[i], questionId: e.target.value })}
              >
                <option value="">{t('account.chooseQuestion')}</option>
                {questions.map((q) => (
                  <option key={q.id} value={q.id} disabled={q.id === other}>{q.text[locale]}</option>
                ))}
              </select>
              {error.question ? <p id={`${selectId}-error`} className="field__error" role="alert">{error.question}</p> : null}
            </div>
            <TextField
              id={`answer-${n}`}
              label={t('account.answer', { n })}
              required
              requiredText={t('form.required')}
              value={value[i].answer}
              maxLength={200}
              error={error.answer}
              onChange={(e) => onChange(i, { ...value[i], answer: e.target.value })}
            />
          </fieldset>
        );
      })}
    </>
  );
}
