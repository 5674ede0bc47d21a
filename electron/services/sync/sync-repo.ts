// The sync side of the registrations table, plus the server link and the sync state rows. Plain
// functions with the database first; payloads pass through sealed.
import type Database from 'better-sqlite3';
import type { RecordState } from '../queue/queue-repo';

export interface ServerLink {
  readonly serverUrl: string;
  readonly sealingPublicKey: Buffer;
  readonly sealingKeyId: string;
  readonly receiptPublicKey: string;
  readonly enrolledAt: string;
}

export function readLink(db: Database.Database): ServerLink | undefined {
  return db.prepare(`SELECT server_url AS serverUrl, sealing_public_key AS sealingPublicKey, sealing_key_id AS sealingKeyId,
                            receipt_public_key AS receiptPublicKey, enrolled_at AS enrolledAt
                     FROM server_link WHERE singleton = 1`).get() as ServerLink | undefined;
}

export function saveLink(db: Database.Database, link: ServerLink): void {
  db.prepare(`INSERT INTO server_link (singleton, server_url, sealing_public_key, sealing_key_id, receipt_public_key, enrolled_at)
              VALUES (1, ?, ?, ?, ?, ?)
              ON CONFLICT (singleton) DO UPDATE SET server_url = excluded.server_url, sealing_public_key = excluded.sealing_public_key,
                sealing_key_id = excluded.sealing_key_id, receipt_public_key = excluded.receipt_public_key, enrolled_at = excluded.enrolled_at`)
    .run(link.serverUrl, link.sealingPublicKey, link.sealingKeyId, link.receiptPublicKey, link.enrolledAt);
}

export interface OutboundRecord {
  readonly id: string;
  readonly seq: number;
  readonly attempts: number;
  readonly payload: Buffer;
}

/** Records still sealed with the device key (queued before enrolment), oldest first. */
export function listDeviceSealed(db: Database.Database): { id: string; payload: Buffer }[] {
  return db.prepare(`SELECT id, payload FROM registrations WHERE sealing = 'device' AND payload IS NOT NULL ORDER BY seq`)
    .all() as { id: string; payload: Buffer }[];
}

/** Replaces a device-sealed payload with its server-sealed form; false if it was already replaced. */
export function replaceWithServerSealed(db: Database.Database, id: string, sealed: Buffer, now: Date): boolean {
  return db.prepare(`UPDATE registrations SET payload = ?, sealing = 'server', updated_at = ? WHERE id = ? AND sealing = 'device' AND payload IS NOT NULL`)
    .run(sealed, now.toISOString(), id).changes === 1;
}

/**
 * A crash (or a stop) during an upload leaves records 'uploading'. They go back to 'pending': the
 * server answers a resend of the same record id with its first answer, so resending is safe.
 */
export function releaseUploading(db: Database.Database): number {
  return db.prepare(`UPDATE registrations SET state = 'pending' WHERE state = 'uploading'`).run().changes;
}

/** Claims the oldest due server-sealed records: pending → uploading in one transaction. */
export function takeBatch(db: Database.Database, limit: number, nowMs: number): OutboundRecord[] {
  return db.transaction(() => {
    const rows = db.prepare(`SELECT id, seq, attempts, payload FROM registrations
                             WHERE state = 'pending' AND sealing = 'server' AND next_attempt_at <= ?
                             ORDER BY seq LIMIT ?`).all(nowMs, limit) as OutboundRecord[];
    const claim = db.prepare(`UPDATE registrations SET state = 'uploading' WHERE id = ? AND state = 'pending'`);
    for (const r of rows) claim.run(r.id);
    return rows;
  })();
}

/**
 * The receipt, the registration number, the state and the purge of the payload commit in one UPDATE
 * (the schema refuses an ack without them): after a crash the record is either still pending, and
 * is re-sent, or acknowledged with its proof — never purged without proof, never sent twice by us.
 */
export function markAcked(db: Database.Database, id: string, registrationNumber: string, receiptJson: string, now: Date): boolean {
  const ts = now.toISOString();
  return db.prepare(`UPDATE registrations SET state = 'acked', payload = NULL, registration_number = ?, server_receipt = ?,
                       acked_at = ?, updated_at = ? WHERE id = ? AND state = 'uploading'`)
    .run(registrationNumber, receiptJson, ts, ts, id).changes === 1;
}

/** A final refusal by the server: the record keeps its payload (for an operator) and leaves the queue. */
export function markRejected(db: Database.Database, id: string, reason: string, now: Date): void {
  db.prepare(`UPDATE registrations SET state = 'rejected', reject_reason = ?, updated_at = ? WHERE id = ? AND state = 'uploading'`)
    .run(reason, now.toISOString(), id);
}

/** Back to pending after a failed attempt; `penalise` counts it and delays this record. */
export function releaseRecord(db: Database.Database, id: string, nextAttemptAtMs: number, penalise: boolean): void {
  db.prepare(`UPDATE registrations SET state = 'pending', attempts = attempts + ?, next_attempt_at = ? WHERE id = ? AND state = 'uploading'`)
    .run(penalise ? 1 : 0, nextAttemptAtMs, id);
}

export interface QueueSummary {
  readonly pending: number;
  readonly rejected: number;
  readonly oldestPendingAt: string | null;
}

export function summarise(db: Database.Database): QueueSummary {
  return db.prepare(`SELECT count(*) FILTER (WHERE state IN ('pending', 'uploading')) AS pending,
                            count(*) FILTER (WHERE state = 'rejected') AS rejected,
                            min(created_at) FILTER (WHERE state IN ('pending', 'uploading')) AS oldestPendingAt
                     FROM registrations`).get() as QueueSummary;
}

export interface RecordOutcome {
  readonly state: RecordState;
  readonly registrationNumber: string | null;
  readonly rejectReason: string | null;
}

export function outcomeOf(db: Database.Database, id: string): RecordOutcome | undefined {
  return db.prepare(`SELECT state, registration_number AS registrationNumber, reject_reason AS rejectReason FROM registrations WHERE id = ?`)
    .get(id) as RecordOutcome | undefined;
}

export interface SyncState {
  readonly lastSuccessAt: string | null;
  readonly lastErrorCode: string | null;
  readonly lastErrorAt: string | null;
}

export function readSyncState(db: Database.Database): SyncState {
  return db.prepare(`SELECT last_success_at AS lastSuccessAt, last_error_code AS lastErrorCode, last_error_at AS lastErrorAt
                     FROM sync_state WHERE singleton = 1`).get() as SyncState;
}

export function noteSuccess(db: Database.Database, now: Date): void {
  db.prepare(`UPDATE sync_state SET last_success_at = ? WHERE singleton = 1`).run(now.toISOString());
}

export function noteError(db: Database.Database, code: string, now: Date): void {
  db.prepare(`UPDATE sync_state SET last_error_code = ?, last_error_at = ? WHERE singleton = 1`).run(code, now.toISOString());
}
