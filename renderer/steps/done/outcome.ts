// Where the record stands, as the Done screen and the printed card say it. A registration the server
// refused (or that is stuck on the kiosk) is never called finished or saved.
import type { RecordOutcome } from '../../../shared/sync/status';

export type DoneStatus =
  | { kind: 'numbered'; number: string }
  | { kind: 'refused'; reason: string | null }
  | { kind: 'review-rejected'; reason: string | null }
  | { kind: 'held' }
  | { kind: 'received' }
  | { kind: 'queued' };

export function doneStatus(o: RecordOutcome | undefined): DoneStatus {
  if (o?.registrationNumber) return { kind: 'numbered', number: o.registrationNumber };
  if (o?.state === 'rejected') return { kind: 'refused', reason: o.reason };
  if (o?.state === 'held') return { kind: 'held' };
  if (o?.outcome === 'rejected') return { kind: 'review-rejected', reason: o.reason };
  if (o?.outcome === 'received') return { kind: 'received' };
  return { kind: 'queued' };
}

/** The registration did not go through: the screen says so instead of "Pendaftaran Selesai". */
export const isProblem = (s: DoneStatus): boolean => s.kind === 'refused' || s.kind === 'review-rejected' || s.kind === 'held';

/** Nothing more will change on this screen once the record is numbered, refused or held. */
export const settled = (o: RecordOutcome | undefined): boolean =>
  o?.state === 'rejected' || o?.state === 'held' || (o?.state === 'acked' && o.outcome !== 'received');
