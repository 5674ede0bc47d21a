// Pendaftaran Selesai. Only the receipt number (and, once the central server has the record, the
// registration number) stays on screen; the data is queued and immutable.
import type { Receipt } from '../../../shared/submission';
import { StepHeading } from '../../components/StepHeading';
import { useT } from '../../i18n/i18n';
import { RegistrationNumber } from './RegistrationNumber';

export function DoneStep({ receipt, onFinish }: { receipt: Receipt; onFinish: () => void }) {
  const t = useT();
  return (
    <section className="step step--done" aria-labelledby="receipt-label">
      <StepHeading step="done" />
      <p className="receipt">
        <span id="receipt-label" className="receipt__label">{t('done.receiptLabel')}</span>
        <output className="receipt__number" aria-labelledby="receipt-label">{receipt.receiptNumber}</output>
      </p>
      <p>{t('done.immutable')}</p>
      <RegistrationNumber recordId={receipt.id} />
      <div className="actions">
        <button type="button" className="button button--primary" onClick={onFinish}>{t('done.finish')}</button>
      </div>
    </section>
  );
}
