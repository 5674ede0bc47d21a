// enrol_codes: one-time device enrolment codes, stored as SHA-256 hashes.
import type { SqlRunner } from './sql';

export async function insertEnrolCode(db: SqlRunner, codeHash: Buffer, createdAt: string, expiresAt: string): Promise<void> {
  await db.run(`INSERT INTO enrol_codes (code_hash, created_at, expires_at) VALUES (?, ?, ?)`, [codeHash, createdAt, expiresAt]);
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
