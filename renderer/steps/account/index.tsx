import type { StepProps } from '../registry';
import { lazyStep, registerStep } from '../registry';
import { useLocale, useT } from '../../i18n/i18n';

const AccountStep = lazyStep(() => import('./AccountStep').then((m) => m.AccountStep));

/** The account as Review shows it: never the secrets, only that they are set and which questions. */
function AccountReview({ step, flow }: Pick<StepProps<'account'>, 'step' | 'flow'>) {
  const t = useT();
  const locale = useLocale();
  const account = flow.account;
  if (!account) return null;
  return (
    <dl className="review">
      <div className="review__row"><dt>{t('review.account')}</dt><dd>{t(account.keepsExistingPassword ? 'review.passwordKept' : 'review.passwordSet')}</dd></div>
      {account.securityAnswers.map((a, i) => (
        <div key={a.questionId} className="review__row">
          <dt>{t('account.question', { n: i + 1 })}</dt>
          <dd>{step.securityQuestions.find((q) => q.id === a.questionId)?.text[locale] ?? a.questionId}</dd>
        </div>
      ))}
    </dl>
  );
}

registerStep({
  type: 'account',
  title: (_step, _locale, t) => t('steps.account'),
  Component: AccountStep,
  warmUp: AccountStep.preload,
  Review: AccountReview,
  contribute: (flow) => (flow.account ? { account: flow.account } : {}),
});
