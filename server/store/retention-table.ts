// The retention job's side of the registrations table (server/retention/): which decided records of
// a profile are due, and their purge — the sealed blob replaced by the reduced one and purged_at set
// in one conditional UPDATE per row, so of two processes purging one row only the first changes it
// and the second counts nothing. A batch's audit entry commits with its purge, or neither does.
import type { SqlDatabase, SqlRunner } from './sql';
import { appendAuditIn, type AuditEntry } from './audit-table';
import { log } from '../../node/log';

/** A decided record not purged yet, with its sealed blob as stored. */
export interface DueRecord {
  readonly id: number;
  readonly deviceId: string;
  readonly recordId: string;
  readonly decidedAt: string;
  /** The decision this purge is due by: a record decided again since is left for its own period. */
  readonly revision: number;
  readonly sealed: Buffer;
}

/** Where the walk of one profile's due records stands: after this decision time and row id. */
export interface DueCursor {
  readonly decidedAt: string;
  readonly id: number;
}

/** A due record's reduced blob, sealed to the server's key for the same device and record. */
export interface ReducedRecord {
  readonly id: number;
  /** As listed: the row is purged only while it still stands at this revision. */
  readonly revision: number;
  readonly sealed: Buffer;
}

/** The audit entry of a batch, from how many rows it purged; chained under `key` (audit-trail.ts). */
export interface PurgeAudit {
  readonly key: Buffer;
  readonly entry: (purged: number) => AuditEntry;
}

export interface RetentionStore {
  /** The profile's records decided before `decidedBefore` and not purged, oldest decision first, after `after`. */
  listDue(profileId: string, decidedBefore: string, after: DueCursor | undefined, limit: number): Promise<DueRecord[]>;
  /**
   * Replaces each record's blob and sets purged_at, in one transaction with the batch's audit entry
   * (appended only when a row changed); how many rows this call changed (a row purged meanwhile by
   * another process, or reopened, is left as it is). On SQLite
   * the WAL is then checkpointed, so the old blobs' bytes (zeroed in the file by secure_delete)
   * leave the WAL file as well.
   */
  purge(records: readonly ReducedRecord[], at: string, audit: PurgeAudit): Promise<number>;
}

const DUE = `SELECT id, device_id AS "deviceId", record_id AS "recordId", decided_at AS "decidedAt", revision, sealed FROM registrations
  WHERE profile_id = ? AND purged_at IS NULL AND decided_at IS NOT NULL AND decided_at < ?`;

async function listDue(db: SqlRunner, profileId: string, decidedBefore: string, after: DueCursor | undefined, limit: number): Promise<DueRecord[]> {
  const r = after === undefined
    ? await db.run<DueRecord>(`${DUE} ORDER BY decided_at, id LIMIT ?`, [profileId, decidedBefore, limit])
    : await db.run<DueRecord>(`${DUE} AND (decided_at > ? OR (decided_at = ? AND id > ?)) ORDER BY decided_at, id LIMIT ?`,
      [profileId, decidedBefore, after.decidedAt, after.decidedAt, after.id, limit]);
  return r.rows.map((row) => ({ ...row, id: Number(row.id), revision: Number(row.revision), sealed: Buffer.from(row.sealed) }));
}

/**
 * Copies the WAL into the file and empties it: the old blobs were in the WAL since their insert (or
 * in the file, now overwritten with the zeroed pages). Another process reading the file can hold
 * the WAL back; then the next batch's checkpoint, or SQLite's own, finishes the work.
 */
async function checkpoint(db: SqlDatabase): Promise<void> {
  const r = await db.run<{ busy: number }>(`PRAGMA wal_checkpoint(TRUNCATE)`);
  if (Number(r.rows[0]?.busy ?? 0) !== 0) log.warn('retention.checkpoint-busy');
}

export function createRetentionStore(db: SqlDatabase): RetentionStore {
  return {
    listDue: (profileId, decidedBefore, after, limit) => listDue(db, profileId, decidedBefore, after, limit),
    async purge(records, at, audit) {
      if (records.length === 0) return 0;
      // Set when the file is opened (node/sqlite/open.ts); said again where it matters: the old
      // blob's pages are zeroed when freed, not left for anyone reading the file.
      if (db.engine === 'sqlite') await db.run(`PRAGMA secure_delete = ON`);
      // Only a decided row not purged yet, at the revision it was listed at: a second purge (another
      // process, or a run that overlapped) and a record reopened (and maybe decided again) meanwhile
      // are all left untouched.
      const changed = await db.transaction(async (tx) => {
        let n = 0;
        for (const r of records) {
          n += (await tx.run(`UPDATE registrations SET sealed = ?, purged_at = ? WHERE id = ? AND purged_at IS NULL AND state <> 'received' AND revision = ?`,
            [r.sealed, at, r.id, r.revision])).changes;
        }
        // The audit head is taken last, after the rows (audit-table.ts: no deadlock with decisions).
        if (n > 0) await appendAuditIn(tx, db.engine, audit.key, audit.entry(n));
        return n;
      });
      if (changed > 0 && db.engine === 'sqlite') await checkpoint(db);
      return changed;
    },
  };
}
