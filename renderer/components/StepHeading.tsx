// Each step's <h1> takes focus when the step appears, so keyboard and screen-reader users start at
// the top of the new step instead of on a button that no longer exists.
import { useEffect, useRef } from 'react';

export function StepHeading({ children }: { children: string }) {
  const ref = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    ref.current?.focus();
  }, []);
  return <h1 ref={ref} tabIndex={-1} className="step__title">{children}</h1>;
}
