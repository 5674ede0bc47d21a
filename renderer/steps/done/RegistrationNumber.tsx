// The server's registration number, once the record has arrived (at once when the kiosk is
// online). Offline, the applicant is told the data will be sent; a refusal is explained.
import { api } from '../../app/api';
import { usePoll } from '../../app/use-poll';
import { hasMessage, useT } from '../../i18n/i18n';

const POLL_MS = 2_000;

export function RegistrationNumber({ recordId }: { recordId: string }) {
  const t = useT();
  const outcome = usePoll(() => api.sync.record({ id: recordId }), POLL_MS, (o) => o?.state === 'acked' || o?.state === 'rejected');
  if (outcome?.state === 'acked' && outcome.registrationNumber) {
    return (
      <p className="receipt receipt--server">
        <span id="registration-label" className="receipt__label">{t('done.registrationLabel')}</span>
        <output className="receipt__number" aria-labelledby="registration-label">{outcome.registrationNumber}</output>
      </p>
    );
  }
  if (outcome?.state === 'rejected') {
    const key = `sync.reason.${outcome.rejectReason ?? 'unknown'}`;
    return <p className="submit-error" role="alert">{t('done.rejected', { reason: t(hasMessage(key) ? key : 'sync.reason.unknown') })}</p>;
  }
  return <p role="status">{t('done.queued')}</p>;
}
