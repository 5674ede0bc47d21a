// nonces: the nonce of every signed request inside the timestamp window. A replay finds its nonce
// here; nonces older than twice the window can never be accepted again and are pruned.
import type { SqlRunner } from './sql';

/** True when the nonce is new (and now spent); false for a replay, in any process. */
export async function spendNonce(db: SqlRunner, deviceId: string, nonce: string, seenAtMs: number): Promise<boolean> {
  const r = await db.run(`INSERT INTO nonces (device_id, nonce, seen_at) VALUES (?, ?, ?) ON CONFLICT DO NOTHING`, [deviceId, nonce, seenAtMs]);
  return r.changes === 1;
}

export async function pruneNonces(db: SqlRunner, beforeMs: number): Promise<number> {
  return (await db.run(`DELETE FROM nonces WHERE seen_at < ?`, [beforeMs])).changes;
}

export async function nonceSeen(db: SqlRunner, deviceId: string, nonce: string): Promise<boolean> {
  return (await db.run(`SELECT 1 FROM nonces WHERE device_id = ? AND nonce = ?`, [deviceId, nonce])).rows.length > 0;
}
