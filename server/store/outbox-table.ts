// outbox: the e-mail owed to applicants for staff decisions, written in the decision's transaction
// (server-store.ts) and sent by the outbox worker (server/mail/outbox-worker.ts) in any process.
// A worker claims a due row by moving its lease forward in one conditional UPDATE: of two workers
// claiming at once, the second finds the lease taken (PostgreSQL re-checks the WHERE on the row the
// first one wrote) and gets nothing. Every later write names the claim's token, so a worker whose
// lease ran out cannot settle a row another worker has taken since.
import type { SqlRunner } from './sql';
import type { MailKind } from '../../shared/decision-mail';

export type { MailKind };

/** The composed message, sealed (outbox-cipher.ts): nothing in it is readable in the database. */
export interface NewOutboxMail {
  readonly kind: MailKind;
  readonly sealed: Buffer;
}

export interface ClaimedMail {
  readonly id: number;
  readonly kind: MailKind;
  readonly sealed: Buffer;
  /** This claim's attempt, counting from 1 (counted when claimed: a worker that dies mid-send still counts). */
  readonly attempts: number;
  readonly leaseToken: string;
  /** What the message is sealed for (outbox-cipher.ts binds it to its registration). */
  readonly deviceId: string;
  readonly recordId: string;
}

export interface OutboxRow {
  readonly id: number;
  readonly registrationId: number;
  readonly kind: MailKind;
  readonly state: 'pending' | 'sent' | 'failed' | 'cancelled';
  readonly hasMessage: boolean;
  readonly attempts: number;
  readonly lastError: string | null;
  readonly sentAt: string | null;
  readonly nextAttemptMs: number;
}

/**
 * One mail per decision (registration, kind and the revision the decision made): a decision retried
 * after a crash does not queue a second one, and a decision after a reopening queues its own.
 */
export async function insertOutboxMail(tx: SqlRunner, registrationId: number, revision: number, mail: NewOutboxMail, at: string, nowMs: number): Promise<void> {
  await tx.run(`INSERT INTO outbox (registration_id, kind, revision, sealed, created_at, next_attempt_ms) VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING`,
    [registrationId, mail.kind, revision, mail.sealed, at, nowMs]);
}

/**
 * A reopened record's mail not yet sent announces a decision that no longer stands: cancelled, its
 * message cleared, in the reopening's transaction. (A worker sending it at that very moment may
 * still deliver it; its lease then no longer settles the row.)
 */
export async function cancelPendingMail(tx: SqlRunner, registrationId: number): Promise<number> {
  return (await tx.run(`UPDATE outbox SET state = 'cancelled', sealed = NULL, lease_until_ms = 0, lease_token = NULL WHERE registration_id = ? AND state = 'pending'`,
    [registrationId])).changes;
}

/**
 * Takes the oldest due row for `leaseMs`, or nothing when none is due (or another worker took it
 * first). Due and leased by the database's clock (`clock`, SqlDatabase.clockMs): workers on machines
 * whose clocks disagree still never hold one row at once.
 */
export async function claimOutboxMail(db: SqlRunner, clock: string, leaseMs: number, leaseToken: string): Promise<ClaimedMail | undefined> {
  const r = await db.run<Omit<ClaimedMail, 'deviceId' | 'recordId'> & { registrationId: number }>(
    `UPDATE outbox SET lease_until_ms = ${clock} + ?, lease_token = ?, attempts = attempts + 1
     WHERE id = (SELECT id FROM outbox WHERE state = 'pending' AND next_attempt_ms <= ${clock} AND lease_until_ms <= ${clock} ORDER BY next_attempt_ms, id LIMIT 1)
       AND state = 'pending' AND lease_until_ms <= ${clock}
     RETURNING id, kind, sealed, attempts, lease_token AS "leaseToken", registration_id AS "registrationId"`,
    [leaseMs, leaseToken]);
  const row = r.rows[0];
  if (!row) return undefined;
  const reg = (await db.run<{ deviceId: string; recordId: string }>(
    `SELECT device_id AS "deviceId", record_id AS "recordId" FROM registrations WHERE id = ?`, [row.registrationId])).rows[0];
  if (!reg) throw new Error('an outbox row names no registration');
  return { id: Number(row.id), kind: row.kind, sealed: Buffer.from(row.sealed), attempts: Number(row.attempts), leaseToken: row.leaseToken, ...reg };
}

/** Sent (the last error, if any, kept) or refused for good: the message is cleared in the same statement. False when the lease was lost. */
export async function settleOutboxMail(db: SqlRunner, id: number, leaseToken: string, outcome: { state: 'sent'; at: string } | { state: 'failed'; error: string }): Promise<boolean> {
  const r = await db.run(
    `UPDATE outbox SET state = ?, sealed = NULL, sent_at = ?, last_error = coalesce(?, last_error), lease_until_ms = 0, lease_token = NULL
     WHERE id = ? AND lease_token = ?`,
    [outcome.state, outcome.state === 'sent' ? outcome.at : null, outcome.state === 'failed' ? outcome.error : null, id, leaseToken]);
  return r.changes === 1;
}

/** Not delivered this time: tried again `delayMs` from now by the database's clock, with the error's code kept. */
export async function retryOutboxMail(db: SqlRunner, clock: string, id: number, leaseToken: string, delayMs: number, error: string): Promise<boolean> {
  const r = await db.run(`UPDATE outbox SET next_attempt_ms = ${clock} + ?, last_error = ?, lease_until_ms = 0, lease_token = NULL WHERE id = ? AND lease_token = ?`,
    [delayMs, error, id, leaseToken]);
  return r.changes === 1;
}

/** The outbox in order, a page after `afterId` (for staff tools and checks): never the message, only whether one is kept. */
export async function listOutbox(db: SqlRunner, afterId: number, limit: number): Promise<OutboxRow[]> {
  const r = await db.run<Omit<OutboxRow, 'hasMessage'> & { hasMessage: number | boolean }>(
    `SELECT id, registration_id AS "registrationId", kind, state, CAST(sealed IS NOT NULL AS INTEGER) AS "hasMessage", attempts,
            last_error AS "lastError", sent_at AS "sentAt", next_attempt_ms AS "nextAttemptMs"
     FROM outbox WHERE id > ? ORDER BY id LIMIT ?`, [afterId, limit]);
  return r.rows.map((row) => ({
    ...row, id: Number(row.id), registrationId: Number(row.registrationId), attempts: Number(row.attempts),
    nextAttemptMs: Number(row.nextAttemptMs), hasMessage: Number(row.hasMessage) === 1,
  }));
}
