// Each step's <h1> takes focus when the step appears, so keyboard and screen-reader users start at
// the top of the new step instead of on a button that no longer exists. Numbered steps read
// "Langkah n: <name>", numbered from the flow's order.
import { useEffect, useRef } from 'react';
import { useNumberedSteps } from '../app/steps-context';
import { useT } from '../i18n/i18n';

export function StepHeading(props: { step: string } | { text: string }) {
  const t = useT();
  const ref = useRef<HTMLHeadingElement>(null);
  const steps = useNumberedSteps();
  useEffect(() => {
    ref.current?.focus();
  }, []);
  let text: string;
  if ('text' in props) text = props.text;
  else {
    const n = steps.findIndex((s) => s.id === props.step);
    text = t('app.stepTitle', { n: n + 1, title: steps[n]?.title ?? props.step });
  }
  return <h1 ref={ref} tabIndex={-1} className="step__title">{text}</h1>;
}
