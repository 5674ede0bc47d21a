// idempotency: the one answer to each (device, idempotency key), stored in the transaction that
// stores the request's effect. Retries get it byte for byte; whoever stores second finds it.
import type { SqlRunner } from './sql';

export interface StoredAnswer {
  readonly status: number;
  /** The JSON body exactly as first sent. */
  readonly body: string;
}

export interface KeyAnswer {
  /** SHA-256 of the request body the answer was given to. */
  readonly requestSha256: string;
  readonly answer: StoredAnswer;
}

export async function readAnswer(db: SqlRunner, deviceId: string, key: string): Promise<KeyAnswer | undefined> {
  const r = await db.run<{ requestSha256: string; status: number; response: string }>(
    `SELECT request_sha256 AS "requestSha256", status, response FROM idempotency WHERE device_id = ? AND key = ?`, [deviceId, key]);
  const row = r.rows[0];
  return row && { requestSha256: row.requestSha256, answer: { status: row.status, body: row.response } };
}

/** Stores the key's answer; false when the key has one already (the first answer stands). */
export async function insertAnswer(db: SqlRunner, deviceId: string, key: string, requestSha256: string, answer: StoredAnswer, at: string): Promise<boolean> {
  const r = await db.run(`INSERT INTO idempotency (device_id, key, request_sha256, status, response, answered_at) VALUES (?, ?, ?, ?, ?, ?)
                          ON CONFLICT DO NOTHING`, [deviceId, key, requestSha256, answer.status, answer.body, at]);
  return r.changes === 1;
}
