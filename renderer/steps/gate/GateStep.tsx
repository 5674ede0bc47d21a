// A yes/no question before the form (the association's "Sudah punya Nomor Registrasi?"): "yes" ends
// the visit with the profile's explanation, "no" goes on to the form.
import { useState } from 'react';
import { StepHeading } from '../../components/StepHeading';
import { useLocale, useT } from '../../i18n/i18n';
import type { StepProps } from '../registry';

export function GateStep({ step, complete, finish }: StepProps<'gate'>) {
  const t = useT();
  const locale = useLocale();
  const [answeredYes, setAnsweredYes] = useState(false);
  if (answeredYes) {
    return (
      // Keyed apart from the question, so the new heading mounts and takes the focus.
      <section key="yes" className="step" aria-labelledby={`${step.id}-yes`}>
        <StepHeading text={step.yes.title[locale]} />
        <p className="step__intro" id={`${step.id}-yes`}>{step.yes.text[locale]}</p>
        <div className="actions">
          <button type="button" className="button" onClick={() => setAnsweredYes(false)}>{t('gate.back')}</button>
          <button type="button" className="button button--primary" onClick={finish}>{t('done.finish')}</button>
        </div>
      </section>
    );
  }
  return (
    <section key="question" className="step" aria-labelledby={`${step.id}-question`}>
      <StepHeading step={step.id} />
      <p className="step__intro gate__question" id={`${step.id}-question`}>{step.question[locale]}</p>
      <div className="actions">
        <button type="button" className="button" onClick={() => setAnsweredYes(true)}>{t('gate.yes')}</button>
        <button type="button" className="button button--primary" onClick={() => complete({})}>{t('gate.no')}</button>
      </div>
    </section>
  );
}
