// Pendaftaran Selesai. Only the receipt number (and, once the central server has the record, the
// registration number) stays on screen; the data is queued and immutable. The profile may add what
// happens next (the association: the secretariat verifies and e-mails the Nomor Registrasi).
import type { Receipt } from '../../../shared/submission';
import type { Profile } from '../../../shared/profile';
import { StepHeading } from '../../components/StepHeading';
import { useLocale, useT } from '../../i18n/i18n';
import { RegistrationNumber } from './RegistrationNumber';

export function DoneStep({ profile, receipt, onFinish }: { profile: Profile; receipt: Receipt; onFinish: () => void }) {
  const t = useT();
  const locale = useLocale();
  return (
    <section className="step step--done" aria-labelledby="receipt-label">
      <StepHeading step="done" />
      <p className="receipt">
        <span id="receipt-label" className="receipt__label">{t('done.receiptLabel')}</span>
        <output className="receipt__number" aria-labelledby="receipt-label">{receipt.receiptNumber}</output>
      </p>
      <p>{t('done.immutable')}</p>
      {profile.doneNote ? <p className="note">{profile.doneNote[locale]}</p> : null}
      <RegistrationNumber recordId={receipt.id} afterReview={profile.numbering.mode === 'after-review'} />
      <div className="actions">
        <button type="button" className="button button--primary" onClick={onFinish}>{t('done.finish')}</button>
      </div>
    </section>
  );
}
