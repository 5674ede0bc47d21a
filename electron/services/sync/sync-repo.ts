// The sync side of the registrations table, plus the server link and the sync state rows. Plain
// functions with the database first; payloads pass through sealed.
import type Database from 'better-sqlite3';
import type { OutcomeState } from '../../../shared/sync/protocol';
import type { RecordOutcome } from '../../../shared/sync/status';
import { log } from '../../../node/log';

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
  /** As printed on the applicant's receipt. */
  readonly receiptNumber: string;
  readonly attempts: number;
  readonly payload: Buffer;
}

/** Records still sealed with the device key (queued before enrolment), oldest first. */
export function listDeviceSealed(db: Database.Database): { id: string; payload: Buffer }[] {
  return db.prepare(`SELECT id, payload FROM registrations WHERE sealing = 'device' AND state = 'pending' AND payload IS NOT NULL ORDER BY seq`)
    .all() as { id: string; payload: Buffer }[];
}

/** Replaces a device-sealed payload with its server-sealed form; false if it was already replaced. */
export function replaceWithServerSealed(db: Database.Database, id: string, sealed: Buffer, now: Date): boolean {
  return db.prepare(`UPDATE registrations SET payload = ?, sealing = 'server', updated_at = ? WHERE id = ? AND sealing = 'device' AND payload IS NOT NULL`)
    .run(sealed, now.toISOString(), id).changes === 1;
}

/** Sets a record that cannot be sent aside, with its reason; it keeps its (sealed) data for an operator. */
export function holdRecord(db: Database.Database, id: string, reason: string, now: Date): void {
  db.prepare(`UPDATE registrations SET state = 'held', reject_reason = ?, updated_at = ? WHERE id = ? AND state = 'pending'`)
    .run(reason, now.toISOString(), id);
}

/**
 * Records left 'uploading' by an earlier version of the kiosk, which marked uploads in the database,
 * go back to 'pending'. The server answers a resend of the same record id with its first answer.
 */
export function releaseUploading(db: Database.Database): number {
  return db.prepare(`UPDATE registrations SET state = 'pending' WHERE state = 'uploading'`).run().changes;
}

/**
 * The oldest due server-sealed records after `afterSeq`. A record is due when its time has come,
 * or when its time lies further ahead than any backoff could have set it (`capMs`) — the clock ran
 * ahead when it was written and has been corrected since. Reading claims nothing: the engine holds
 * its uploads in memory (one kiosk process per data directory), because any UPDATE of a row
 * rewrites its whole sealed payload in SQLite — it doubled the disk writes of every delivery.
 */
export function takeDue(db: Database.Database, afterSeq: number, limit: number, nowMs: number, capMs: number): OutboundRecord[] {
  return db.prepare(`SELECT id, seq, receipt_number AS receiptNumber, attempts, payload FROM registrations
                     WHERE state = 'pending' AND sealing = 'server' AND seq > ? AND (next_attempt_at <= ? OR next_attempt_at > ?)
                     ORDER BY seq LIMIT ?`).all(afterSeq, nowMs, nowMs + capMs, limit) as OutboundRecord[];
}

/**
 * The signed delivery receipt, the state and the purge of the payload commit in one UPDATE (the
 * schema refuses an ack without the receipt): after a crash the record is either still pending, and
 * is re-sent, or acknowledged with its proof — never purged without proof, never sent twice by us.
 * A number that came with the receipt settles the record at once. The NIK tag goes in the same
 * UPDATE: from here on the server is the authority on duplicates (the schema refuses a settled row
 * with a tag).
 */
export function markAcked(db: Database.Database, id: string, registrationNumber: string | null, receiptJson: string, now: Date): boolean {
  const ts = now.toISOString();
  const acked = db.prepare(`UPDATE registrations SET state = 'acked', payload = NULL, nik_tag = NULL, registration_number = ?, server_receipt = ?, acked_at = ?,
                       outcome = ?, settled_at = ?, last_error = NULL, updated_at = ? WHERE id = ? AND state = 'pending'`)
    .run(registrationNumber, receiptJson, ts, registrationNumber ? 'numbered' : 'received', registrationNumber ? ts : null, ts, id).changes === 1;
  if (acked) scrubWal(db);
  return acked;
}

/** A final, signed refusal by the server: the record keeps its payload (for an operator) and leaves the queue, without its NIK tag. */
export function markRejected(db: Database.Database, id: string, reason: string, now: Date): void {
  const rejected = db.prepare(`UPDATE registrations SET state = 'rejected', nik_tag = NULL, reject_reason = ?, last_error = NULL, updated_at = ? WHERE id = ? AND state = 'pending'`)
    .run(reason, now.toISOString(), id).changes === 1;
  if (rejected) scrubWal(db);
}

/**
 * secure_delete zeroes a purged payload's pages, but in WAL mode the zeroed pages are new frames:
 * the old frames with the ciphertext (and the NIK tag) stay in the -wal file until SQLite happens to
 * overwrite them. A TRUNCATE checkpoint copies the zeroed pages into the database and empties the
 * -wal file (about 3 ms per settled record here). Not inside a caller's transaction (SQLite cannot
 * checkpoint there), and without waiting: under another connection's read it does what it can, and
 * the next purge finishes the job.
 */
function scrubWal(db: Database.Database): void {
  if (db.inTransaction) return;
  const wait = db.pragma('busy_timeout', { simple: true }) as number;
  try {
    db.pragma('busy_timeout = 0');
    db.pragma('wal_checkpoint(TRUNCATE)');
  } catch (error) {
    // The record is settled and committed; a checkpoint that fails (disk full, I/O) is retried at the next purge.
    log.warn('db.checkpoint-failed', { code: String((error as { code?: unknown }).code ?? 'unknown') });
  } finally {
    db.pragma(`busy_timeout = ${wait}`);
  }
}

/** A failed attempt: why, and (when `penalise`) one more attempt counted and this record delayed. */
export function noteAttempt(db: Database.Database, id: string, nextAttemptAtMs: number, penalise: boolean, error: string): void {
  db.prepare(`UPDATE registrations SET attempts = attempts + ?, next_attempt_at = ?, last_error = ? WHERE id = ? AND state = 'pending'`)
    .run(penalise ? 1 : 0, nextAttemptAtMs, error, id);
}

/** Delivered records whose fate the server has not decided yet, oldest first, after `afterSeq`. */
export function listUnsettled(db: Database.Database, afterSeq: number, limit: number): { id: string; seq: number }[] {
  return db.prepare(`SELECT id, seq FROM registrations WHERE outcome = 'received' AND seq > ? ORDER BY seq LIMIT ?`)
    .all(afterSeq, limit) as { id: string; seq: number }[];
}

/** A signed final outcome settles a delivered record, once: later answers never change it. */
export function settleOutcome(db: Database.Database, id: string, outcome: Exclude<OutcomeState, 'received'>, registrationNumber: string | null,
  reason: string | null, proofJson: string, now: Date): boolean {
  const ts = now.toISOString();
  return db.prepare(`UPDATE registrations SET outcome = ?, registration_number = ?, outcome_reason = ?, outcome_proof = ?, settled_at = ?, updated_at = ?
                     WHERE id = ? AND state = 'acked' AND outcome = 'received'`)
    .run(outcome, registrationNumber, reason, proofJson, ts, ts, id).changes === 1;
}

export interface QueueSummary {
  readonly pending: number;
  readonly rejected: number;
  readonly held: number;
  readonly awaitingDecision: number;
  readonly oldestPendingAt: string | null;
}

export function summarise(db: Database.Database): QueueSummary {
  return db.prepare(`SELECT count(*) FILTER (WHERE state IN ('pending', 'uploading')) AS pending,
                            count(*) FILTER (WHERE state = 'rejected') AS rejected,
                            count(*) FILTER (WHERE state = 'held') AS held,
                            count(*) FILTER (WHERE outcome = 'received') AS awaitingDecision,
                            min(created_at) FILTER (WHERE state IN ('pending', 'uploading')) AS oldestPendingAt
                     FROM registrations`).get() as QueueSummary;
}

export function outcomeOf(db: Database.Database, id: string): RecordOutcome {
  return (db.prepare(`SELECT state, outcome, registration_number AS registrationNumber,
                             CASE WHEN outcome = 'rejected' THEN outcome_reason ELSE reject_reason END AS reason
                      FROM registrations WHERE id = ?`).get(id) as RecordOutcome | undefined) ?? null;
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

/** When the earliest waiting record becomes due (epoch ms), or null when none waits. */
export function nextDueAt(db: Database.Database): number | null {
  return db.prepare(`SELECT min(next_attempt_at) FROM registrations WHERE state = 'pending' AND sealing = 'server'`).pluck().get() as number | null;
}
