// Pendaftaran Selesai. Only the receipt number (and, once the central server has the record, the
// registration number) stays on screen; the data is queued and immutable. The profile may add what
// happens next (the association: the secretariat verifies and e-mails the Nomor Registrasi). A
// registration the server refused, or one stuck on the kiosk, is titled as such and says what to do.
// The printed receipt card carries the same status.
import type { Receipt } from '../../../shared/submission';
import type { Profile } from '../../../shared/profile';
import { StepHeading } from '../../components/StepHeading';
import { useLocale, useT, type MessageKey } from '../../i18n/i18n';
import { RegistrationNumber, statusText, useRecordOutcome } from './RegistrationNumber';
import { doneStatus, isProblem, type DoneStatus } from './outcome';
import { ReceiptCard } from '../../receipt/ReceiptCard';
import { PrintActions } from '../../receipt/PrintActions';
import { useReceiptPaper } from '../../receipt/use-receipt-paper';

const PROBLEM_TITLE: Partial<Record<DoneStatus['kind'], MessageKey>> = {
  refused: 'done.titleRefused',
  'review-rejected': 'done.titleReviewRejected',
  held: 'done.titleHeld',
};

export function DoneStep({ profile, receipt, onFinish }: { profile: Profile; receipt: Receipt; onFinish: () => void }) {
  const t = useT();
  const locale = useLocale();
  const status = doneStatus(useRecordOutcome(receipt.id));
  const paper = useReceiptPaper();
  const afterReview = profile.numbering.mode === 'after-review';
  const problemTitle = PROBLEM_TITLE[status.kind];
  const problem = isProblem(status);
  // On the card: the server's word when there is one, else the profile's own words for what comes next.
  const nextText = status.kind === 'queued' || status.kind === 'received'
    ? profile.doneNote?.[locale] ?? statusText(t, status, afterReview)
    : statusText(t, status, afterReview);
  return (
    <section className="step step--done" aria-labelledby="receipt-label">
      {problemTitle ? <StepHeading text={t(problemTitle)} /> : <StepHeading step="done" />}
      <p className="receipt">
        <span id="receipt-label" className="receipt__label">{t('done.receiptLabel')}</span>
        <output className="receipt__number" aria-labelledby="receipt-label">{receipt.receiptNumber}</output>
      </p>
      <p>{t(problem ? 'done.keepNumber' : 'done.immutable')}</p>
      {profile.doneNote && !problem ? <p className="note">{profile.doneNote[locale]}</p> : null}
      <RegistrationNumber status={status} afterReview={afterReview} />
      <PrintActions />
      <div className="actions">
        <button type="button" className="button button--primary" onClick={onFinish}>{t('done.finish')}</button>
      </div>
      <ReceiptCard
        profile={profile}
        receipt={receipt}
        paper={paper}
        registrationNumber={status.kind === 'numbered' ? status.number : undefined}
        nextText={nextText}
        problem={problem}
      />
    </section>
  );
}
