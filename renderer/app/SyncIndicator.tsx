// A discreet line in the header: whether the kiosk reaches the central server and how many records
// wait. Loud only when something needs an operator (records overdue or refused). Not a live region:
// applicants' screen readers should not be interrupted by it.
// Records delivered and awaiting a staff decision count as sent: the kiosk's part is done.
import type { SyncStatus } from '../../shared/sync/status';
import { useT } from '../i18n/i18n';
import { api } from './api';
import { usePoll } from './use-poll';

const POLL_MS = 5_000;

export function SyncIndicator() {
  const t = useT();
  const status = usePoll(() => api.sync.status(undefined), POLL_MS);
  if (!status) return null;
  const { text, tone } = describe(status, t);
  return (
    <p className={`sync-indicator sync-indicator--${tone}`} data-testid="sync-indicator">
      <span className="sync-indicator__dot" aria-hidden="true" />
      {text}
    </p>
  );
}

type Tone = 'ok' | 'busy' | 'offline' | 'alert';

function describe(s: SyncStatus, t: ReturnType<typeof useT>): { text: string; tone: Tone } {
  if (s.localError) return { text: t('sync.local'), tone: 'alert' };
  if (s.blockedBy) return { text: t(s.blockedBy === 'stale-request' ? 'sync.clock' : 'sync.blocked'), tone: 'alert' };
  if (s.overdue) return { text: t('sync.overdue', { count: s.pending, days: s.warnAfterDays }), tone: 'alert' };
  if (s.rejected > 0) return { text: t('sync.rejected', { count: s.rejected }), tone: 'alert' };
  if (s.held > 0) return { text: t('sync.held', { count: s.held }), tone: 'alert' };
  if (!s.enrolled) return { text: t('sync.notEnrolled', { count: s.pending }), tone: 'offline' };
  if (s.online === false) return { text: t('sync.offline', { count: s.pending }), tone: 'offline' };
  if (s.pending > 0) return { text: t('sync.sending', { count: s.pending }), tone: 'busy' };
  return { text: t('sync.allSent'), tone: 'ok' };
}
