// Shown instead of Welcome while intake is closed (shared/intake.ts): a polite notice for a walk-in,
// never the technical reason — that is on the operator's screen, which still opens from here.
import { useT } from '../i18n/i18n';

export function IntakeClosed() {
  const t = useT();
  return (
    <section className="step" aria-labelledby="intake-closed-title">
      <h1 id="intake-closed-title" className="step__title">{t('intake.closedTitle')}</h1>
      <p className="note" role="status">{t('intake.closedText')}</p>
    </section>
  );
}
