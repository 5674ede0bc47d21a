// The numbered steps in the header, on one line: numbers for all, the title of the current one (the
// others' titles stay for assistive technology); the current one is marked with aria-current.
import { useNumberedSteps } from './steps-context';
import { useT } from '../i18n/i18n';

export function StepProgress({ current }: { current: string }) {
  const t = useT();
  const steps = useNumberedSteps();
  if (current === 'welcome') return <span className="progress" />;
  return (
    <nav aria-label={t('app.progress')} className="progress">
      <ol className="progress__list">
        {steps.map((step, i) => (
          <li key={step.id} className="progress__item" aria-current={step.id === current ? 'step' : undefined}>
            <span className="progress__number" aria-hidden="true">{i + 1}</span>
            <span className="progress__title">{step.title}</span>
          </li>
        ))}
      </ol>
    </nav>
  );
}
