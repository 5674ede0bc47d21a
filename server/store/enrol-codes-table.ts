// enrol_codes: one-time device enrolment codes, stored as SHA-256 hashes.
import type { SqlRunner } from './sql';

/** `createdBy`: the admin's staff username (null: made on the server's command line). */
export async function insertEnrolCode(db: SqlRunner, codeHash: Buffer, createdAt: string, expiresAt: string, createdBy: string | null = null): Promise<void> {
  await db.run(`INSERT INTO enrol_codes (code_hash, created_at, expires_at, created_by) VALUES (?, ?, ?, ?)`, [codeHash, createdAt, expiresAt, createdBy]);
}

/**
 * Spends a code that is unused and not expired. The condition and the write are one statement, so
 * of two processes presenting the same code at once exactly one gets `true`.
 */
export async function spendEnrolCode(db: SqlRunner, codeHash: Buffer, deviceId: string, now: string): Promise<boolean> {
  const r = await db.run(`UPDATE enrol_codes SET used_at = ?, used_by = ? WHERE code_hash = ? AND used_at IS NULL AND expires_at > ?`,
    [now, deviceId, codeHash, now]);
  return r.changes === 1;
}
