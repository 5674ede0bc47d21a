// directory_attempts: verification attempts per account (an HMAC of profile and username) in a fixed
// window that starts at the window's first attempt. An attempt is taken BEFORE the directory is
// asked, by one conditional upsert: of any number of processes trying at once, only as many as the
// limit allows get through, and none of the others reaches the directory.
import type { SqlRunner } from './sql';

export interface AttemptPolicy {
  readonly max: number;
  readonly windowMs: number;
}

export type AttemptTaken = { readonly ok: true } | { readonly ok: false; readonly retryAfterMs: number };

/** Counts one attempt, unless the window already holds `max` (a window that has passed starts anew). */
export async function takeAttempt(db: SqlRunner, keyHash: Buffer, nowMs: number, policy: AttemptPolicy): Promise<AttemptTaken> {
  const passed = nowMs - policy.windowMs;
  const taken = await db.run(`INSERT INTO directory_attempts (key_hash, attempts, window_start) VALUES (?, 1, ?)
                              ON CONFLICT (key_hash) DO UPDATE SET
                                attempts = CASE WHEN directory_attempts.window_start <= ? THEN 1 ELSE directory_attempts.attempts + 1 END,
                                window_start = CASE WHEN directory_attempts.window_start <= ? THEN excluded.window_start ELSE directory_attempts.window_start END
                              WHERE directory_attempts.window_start <= ? OR directory_attempts.attempts < ?
                              RETURNING attempts`, [keyHash, nowMs, passed, passed, passed, policy.max]);
  if (taken.rows.length > 0) return { ok: true };
  const r = await db.run<{ windowStart: number }>(`SELECT window_start AS "windowStart" FROM directory_attempts WHERE key_hash = ?`, [keyHash]);
  const windowStart = r.rows[0]?.windowStart ?? nowMs;
  return { ok: false, retryAfterMs: Math.max(1, windowStart + policy.windowMs - nowMs) };
}

/** Gives an attempt back: the directory was never asked (it was unavailable). */
export async function returnAttempt(db: SqlRunner, keyHash: Buffer): Promise<void> {
  await db.run(`UPDATE directory_attempts SET attempts = attempts - 1 WHERE key_hash = ? AND attempts > 0`, [keyHash]);
}

/** The account signed in: its failures are forgiven. */
export async function clearAttempts(db: SqlRunner, keyHash: Buffer): Promise<void> {
  await db.run(`DELETE FROM directory_attempts WHERE key_hash = ?`, [keyHash]);
}

/** Windows that began before `beforeMs`; they no longer limit anything. */
export async function pruneAttempts(db: SqlRunner, beforeMs: number): Promise<number> {
  return (await db.run(`DELETE FROM directory_attempts WHERE window_start < ?`, [beforeMs])).changes;
}
