// idempotency: one row per (device, idempotency key). Claimed before the request is processed
// (status NULL), answered in the transaction that stores the request's effect. Retries get the
// stored answer byte for byte; a concurrent duplicate sees the claim.
import type { SqlRunner } from './sql';

export interface StoredAnswer {
  readonly status: number;
  /** The JSON body exactly as first sent. */
  readonly body: string;
}

export interface KeyRow {
  readonly requestSha256: string;
  readonly claimedAt: number;
  readonly status: number | null;
  readonly response: string | null;
}

export async function insertClaim(db: SqlRunner, deviceId: string, key: string, requestSha256: string, nowMs: number): Promise<boolean> {
  const r = await db.run(`INSERT INTO idempotency (device_id, key, request_sha256, claimed_at) VALUES (?, ?, ?, ?) ON CONFLICT DO NOTHING`,
    [deviceId, key, requestSha256, nowMs]);
  return r.changes === 1;
}

export async function readKey(db: SqlRunner, deviceId: string, key: string): Promise<KeyRow | undefined> {
  const r = await db.run<KeyRow>(`SELECT request_sha256 AS "requestSha256", claimed_at AS "claimedAt", status, response
                                  FROM idempotency WHERE device_id = ? AND key = ?`, [deviceId, key]);
  return r.rows[0];
}

/** Takes over an unanswered claim last renewed at `claimedAt` (its process died); one taker wins. */
export async function renewClaim(db: SqlRunner, deviceId: string, key: string, claimedAt: number, nowMs: number): Promise<boolean> {
  const r = await db.run(`UPDATE idempotency SET claimed_at = ? WHERE device_id = ? AND key = ? AND status IS NULL AND claimed_at = ?`,
    [nowMs, deviceId, key, claimedAt]);
  return r.changes === 1;
}

/** Gives up an unanswered claim (the request failed before any effect), so a retry can proceed. */
export async function dropClaim(db: SqlRunner, deviceId: string, key: string): Promise<void> {
  await db.run(`DELETE FROM idempotency WHERE device_id = ? AND key = ? AND status IS NULL`, [deviceId, key]);
}

/** Stores the key's one answer; false if it was answered already (the first answer stands). */
export async function answerKey(db: SqlRunner, deviceId: string, key: string, answer: StoredAnswer, at: string): Promise<boolean> {
  const r = await db.run(`UPDATE idempotency SET status = ?, response = ?, answered_at = ? WHERE device_id = ? AND key = ? AND status IS NULL`,
    [answer.status, answer.body, at, deviceId, key]);
  return r.changes === 1;
}
