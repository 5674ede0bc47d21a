// What became of the record at the central server: the registration number (at once when the kiosk
// is online and the profile numbers on acceptance), "received, number after verification" for
// review-first profiles, a refusal explained, or — offline — that the data will be sent.
import type { RecordOutcome } from '../../../shared/sync/status';
import { api } from '../../app/api';
import { usePoll } from '../../app/use-poll';
import { hasMessage, useT, type Translate } from '../../i18n/i18n';
import { settled, type DoneStatus } from './outcome';

const POLL_MS = 2_000;

/** Polls the record's outcome until it settles (DoneStep shares it with the printed card). */
export function useRecordOutcome(recordId: string): RecordOutcome | undefined {
  return usePoll(() => api.sync.record({ id: recordId }), POLL_MS, settled);
}

export function reasonText(t: Translate, reason: string | null): string {
  const key = `sync.reason.${reason ?? 'unknown'}`;
  return t(hasMessage(key) ? key : 'sync.reason.unknown');
}

/** The status in words (screen and card); undefined when the registration number says it all. */
export function statusText(t: Translate, status: DoneStatus, afterReview: boolean): string | undefined {
  switch (status.kind) {
    case 'numbered': return undefined;
    case 'refused': return t('done.rejected', { reason: reasonText(t, status.reason) });
    case 'held': return t('done.held');
    case 'review-rejected': return t('done.reviewRejected', { reason: reasonText(t, status.reason) });
    case 'received': return t('done.received');
    case 'queued': return t(afterReview ? 'done.queuedReview' : 'done.queued');
  }
}

/** `afterReview`: the profile numbers after staff verification, so "queued" says the number comes later by e-mail, not from this screen. */
export function RegistrationNumber({ status, afterReview }: { status: DoneStatus; afterReview: boolean }) {
  const t = useT();
  if (status.kind === 'numbered') {
    return (
      <p className="receipt receipt--server">
        <span id="registration-label" className="receipt__label">{t('done.registrationLabel')}</span>
        <output className="receipt__number" aria-labelledby="registration-label">{status.number}</output>
      </p>
    );
  }
  const text = statusText(t, status, afterReview);
  if (status.kind === 'refused' || status.kind === 'held' || status.kind === 'review-rejected') return <p className="submit-error" role="alert">{text}</p>;
  return <p role="status">{text}</p>;
}
