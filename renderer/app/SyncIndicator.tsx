// A discreet line in the header: whether the kiosk reaches the central server. Applicants see no
// queue counts and no operator alerts (records refused, held, overdue, a stopped queue): those are
// the operator's business, not the next applicant's. Not a live region: applicants' screen readers
// should not be interrupted by it.
import type { SyncStatus } from '../../shared/sync/status';
import { useT } from '../i18n/i18n';
import { api } from './api';
import { usePoll } from './use-poll';

const POLL_MS = 5_000;

export function SyncIndicator() {
  const t = useT();
  const status = usePoll(() => api.sync.status(undefined), POLL_MS);
  if (!status) return null;
  const online = connected(status);
  return (
    <p className={`sync-indicator sync-indicator--${online ? 'ok' : 'offline'}`} data-testid="sync-indicator">
      <span className="sync-indicator__dot" aria-hidden="true" />
      {t(online ? 'sync.online' : 'sync.offlineQuiet')}
    </p>
  );
}

/** Reaching the server, as far as an applicant needs to know: whatever else is wrong is not theirs. */
function connected(s: SyncStatus): boolean {
  return s.enrolled && s.online !== false && !s.blockedBy && !s.localError;
}
