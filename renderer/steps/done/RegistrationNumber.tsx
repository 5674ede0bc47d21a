// What became of the record at the central server: the registration number (at once when the kiosk
// is online and the profile numbers on acceptance), "received, number after verification" for
// review-first profiles, a refusal explained, or — offline — that the data will be sent.
import type { RecordOutcome } from '../../../shared/sync/status';
import { api } from '../../app/api';
import { usePoll } from '../../app/use-poll';
import { hasMessage, useT } from '../../i18n/i18n';

const POLL_MS = 2_000;

/** Nothing more will change on this screen once the record is numbered, refused or held. */
const settled = (o: RecordOutcome | undefined): boolean =>
  o?.state === 'rejected' || o?.state === 'held' || (o?.state === 'acked' && o.outcome !== 'received');

/** `afterReview`: the profile numbers after staff verification, so "queued" says the number comes later by e-mail, not from this screen. */
export function RegistrationNumber({ recordId, afterReview }: { recordId: string; afterReview: boolean }) {
  const t = useT();
  const outcome = usePoll(() => api.sync.record({ id: recordId }), POLL_MS, settled);
  const reason = (): string => {
    const key = `sync.reason.${outcome?.reason ?? 'unknown'}`;
    return t(hasMessage(key) ? key : 'sync.reason.unknown');
  };
  if (outcome?.registrationNumber) {
    return (
      <p className="receipt receipt--server">
        <span id="registration-label" className="receipt__label">{t('done.registrationLabel')}</span>
        <output className="receipt__number" aria-labelledby="registration-label">{outcome.registrationNumber}</output>
      </p>
    );
  }
  if (outcome?.state === 'rejected') return <p className="submit-error" role="alert">{t('done.rejected', { reason: reason() })}</p>;
  if (outcome?.state === 'held') return <p className="submit-error" role="alert">{t('done.held')}</p>;
  if (outcome?.outcome === 'rejected') return <p className="submit-error" role="alert">{t('done.reviewRejected', { reason: reason() })}</p>;
  if (outcome?.outcome === 'received') return <p role="status">{t('done.received')}</p>;
  return <p role="status">{t(afterReview ? 'done.queuedReview' : 'done.queued')}</p>;
}
