// One pass of the retention job: for each profile, the records decided more than its
// `retention.afterDecisionDays` ago and not purged yet are opened in memory, reduced to the
// profile's kept fields (reduce-record.ts), sealed again to the server's key and written back, a
// batch at a time. Any number of processes may run this at once: the purge of a row is one
// conditional UPDATE (retention-table.ts), so a row is purged once and counted only by the process
// that changed it. Each batch that purged something appends one audit entry in the purge's own
// transaction (actor 'system', action 'retention.purge', the profile and the count — never a
// record's data), under the audit trail's key (server/staff/audit-trail.ts). A record this
// server cannot open (another key, a damaged row) is skipped and counted, never purged blind.
import type { Profile } from '../../shared/profile';
import { log } from '../../node/log';
import type { ServerKeys } from '../keys';
import { auditKeyOf } from '../staff/audit-trail';
import type { ServerStore } from '../store/server-store';
import type { DueCursor, ReducedRecord } from '../store/retention-table';
import { reviewOpener } from '../review/open-record';
import { reduceRecord, sealReduced } from './reduce-record';

const DAY_MS = 86_400_000;
/** Records per batch: each holds up to two ~200 KB images while it is reduced. */
export const RETENTION_BATCH = 50;

export interface RetentionDeps {
  readonly store: Pick<ServerStore, 'retention'>;
  readonly keys: ServerKeys;
  readonly profiles: ReadonlyMap<string, Profile>;
  readonly now: () => Date;
  readonly batchSize?: number;
}

/** What one pass did for one profile: rows this process purged, and records it could not open. */
export interface ProfilePurge {
  readonly profileId: string;
  readonly purged: number;
  readonly unreadable: number;
}

export async function runRetention(deps: RetentionDeps): Promise<ProfilePurge[]> {
  const open = reviewOpener(deps.keys);
  const results: ProfilePurge[] = [];
  for (const profile of deps.profiles.values()) results.push(await purgeProfile(deps, open, profile));
  return results;
}

async function purgeProfile(deps: RetentionDeps, open: ReturnType<typeof reviewOpener>, profile: Profile): Promise<ProfilePurge> {
  const { store, keys, now } = deps;
  const auditKey = auditKeyOf(keys);
  const limit = deps.batchSize ?? RETENTION_BATCH;
  const decidedBefore = new Date(now().getTime() - profile.retention.afterDecisionDays * DAY_MS).toISOString();
  let purged = 0;
  let unreadable = 0;
  let cursor: DueCursor | undefined;
  for (;;) {
    const due = await store.retention.listDue(profile.id, decidedBefore, cursor, limit);
    const last = due.at(-1);
    if (!last) break;
    cursor = { decidedAt: last.decidedAt, id: last.id };
    const reduced: ReducedRecord[] = [];
    for (const row of due) {
      const opened = await open(row.deviceId, row.recordId, row.sealed);
      if (!opened.ok) {
        unreadable++;
        continue;
      }
      const kept = reduceRecord(opened.record, profile.retention.keepFields);
      reduced.push({ id: row.id, revision: row.revision, sealed: await sealReduced(keys.sealing.publicKey, row.deviceId, row.recordId, kept) });
    }
    const at = now().toISOString();
    purged += await store.retention.purge(reduced, at, {
      key: auditKey, entry: (records) => ({ at, actor: 'system', action: 'retention.purge', detail: { profile: profile.id, records } }),
    });
    if (due.length < limit) break;
  }
  if (purged > 0) log.info('retention.purged', { profile: profile.id, records: purged });
  if (unreadable > 0) log.warn('retention.unreadable', { profile: profile.id, records: unreadable });
  return { profileId: profile.id, purged, unreadable };
}
