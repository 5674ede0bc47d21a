// staff_sessions: who is logged in. A session is found by the SHA-256 of its cookie's token and is
// alive while it has been used within the idle limit and is younger than the absolute limit; one
// conditional statement checks both and records the use, so an expired session never revives.
import type { SqlRunner } from './sql';

export interface SessionRow {
  readonly staffId: number;
  readonly csrfToken: string;
  readonly createdMs: number;
}

export interface SessionLimits {
  readonly idleMs: number;
  readonly absoluteMs: number;
}

export async function insertSession(db: SqlRunner, tokenHash: Buffer, staffId: number, csrfToken: string, nowMs: number): Promise<void> {
  await db.run(`INSERT INTO staff_sessions (token_hash, staff_id, csrf_token, created_ms, last_seen_ms) VALUES (?, ?, ?, ?, ?)`,
    [tokenHash, staffId, csrfToken, nowMs, nowMs]);
}

/**
 * The live session for this token, marked as used now when the request was the staff member's own
 * doing (`activity`; a page's background renewal or a status poll is not, and writes nothing);
 * undefined when unknown, idle too long or too old.
 */
export async function touchSession(db: SqlRunner, tokenHash: Buffer, nowMs: number, limits: SessionLimits, activity = true): Promise<SessionRow | undefined> {
  const columns = `staff_id AS "staffId", csrf_token AS "csrfToken", created_ms AS "createdMs"`;
  const alive = `token_hash = ? AND last_seen_ms > ? AND created_ms > ?`;
  const bounds = [tokenHash, nowMs - limits.idleMs, nowMs - limits.absoluteMs];
  const r = activity
    ? await db.run<{ staffId: number; csrfToken: string; createdMs: number }>(`UPDATE staff_sessions SET last_seen_ms = ? WHERE ${alive} RETURNING ${columns}`, [nowMs, ...bounds])
    : await db.run<{ staffId: number; csrfToken: string; createdMs: number }>(`SELECT ${columns} FROM staff_sessions WHERE ${alive}`, bounds);
  const s = r.rows[0];
  if (s) return { staffId: Number(s.staffId), csrfToken: s.csrfToken, createdMs: Number(s.createdMs) };
  // Expired (or unknown): gone for good, so no later clock or retry can find it alive again.
  await db.run(`DELETE FROM staff_sessions WHERE token_hash = ?`, [tokenHash]);
  return undefined;
}

export async function deleteSession(db: SqlRunner, tokenHash: Buffer): Promise<void> {
  await db.run(`DELETE FROM staff_sessions WHERE token_hash = ?`, [tokenHash]);
}

/** Every session of the account ("log out everywhere", a disabled account). */
export async function deleteStaffSessions(db: SqlRunner, staffId: number): Promise<number> {
  return (await db.run(`DELETE FROM staff_sessions WHERE staff_id = ?`, [staffId])).changes;
}

/** Every session of the account but the one given (a second factor turned on ends the others). */
export async function deleteOtherSessions(db: SqlRunner, staffId: number, keepTokenHash: Buffer): Promise<number> {
  return (await db.run(`DELETE FROM staff_sessions WHERE staff_id = ? AND token_hash <> ?`, [staffId, keepTokenHash])).changes;
}

export async function pruneSessions(db: SqlRunner, nowMs: number, limits: SessionLimits): Promise<number> {
  return (await db.run(`DELETE FROM staff_sessions WHERE last_seen_ms <= ? OR created_ms <= ?`, [nowMs - limits.idleMs, nowMs - limits.absoluteMs])).changes;
}
