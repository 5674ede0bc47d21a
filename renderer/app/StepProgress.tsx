// The numbered steps in the header; the current one is marked for assistive technology.
import type { Step } from './flow';
import { useNumberedSteps } from './steps-context';
import { useT } from '../i18n/i18n';

export function StepProgress({ current }: { current: Step }) {
  const t = useT();
  const steps = useNumberedSteps();
  if (current === 'welcome') return <span className="progress" />;
  return (
    <nav aria-label={t('app.progress')} className="progress">
      <ol className="progress__list">
        {steps.map((step, i) => (
          <li key={step} className="progress__item" aria-current={step === current ? 'step' : undefined}>
            <span className="progress__number" aria-hidden="true">{i + 1}</span>
            {t(`steps.${step}`)}
          </li>
        ))}
      </ol>
    </nav>
  );
}
