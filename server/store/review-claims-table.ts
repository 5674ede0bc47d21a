// review_claims: who has a record open in the back office. A reviewer's page renews its claim while
// the record is on screen; a claim not renewed within CLAIM_TTL_MS has lapsed. Claims only inform
// (two reviewers see each other); the record's revision is what refuses a decision on a stale view.
import type { SqlRunner } from './sql';

/** A page renews its claim every 30 s; two missed renewals and a closed tab, and the claim lapses. */
export const CLAIM_TTL_MS = 90_000;

export interface Claim {
  readonly registrationId: number;
  readonly username: string;
  readonly sinceMs: number;
}

/** Claims (or renews the claim on) a record for a staff member. */
export async function upsertClaim(db: SqlRunner, registrationId: number, staffId: number, nowMs: number): Promise<void> {
  await db.run(`INSERT INTO review_claims (registration_id, staff_id, claimed_ms, seen_ms) VALUES (?, ?, ?, ?)
                ON CONFLICT (registration_id, staff_id) DO UPDATE SET seen_ms = excluded.seen_ms`, [registrationId, staffId, nowMs, nowMs]);
}

export async function dropClaim(db: SqlRunner, registrationId: number, staffId: number): Promise<void> {
  await db.run(`DELETE FROM review_claims WHERE registration_id = ? AND staff_id = ?`, [registrationId, staffId]);
}

/** A decided record is no one's to review any more: every claim on it goes with the decision. */
export async function dropClaims(db: SqlRunner, registrationId: number): Promise<void> {
  await db.run(`DELETE FROM review_claims WHERE registration_id = ?`, [registrationId]);
}

/** The live claims on these records, oldest first. */
export async function liveClaims(db: SqlRunner, registrationIds: readonly number[], nowMs: number): Promise<Claim[]> {
  if (registrationIds.length === 0) return [];
  const marks = registrationIds.map(() => '?').join(', ');
  const r = await db.run<{ registrationId: number; username: string; sinceMs: number }>(
    `SELECT c.registration_id AS "registrationId", s.username, c.claimed_ms AS "sinceMs" FROM review_claims c JOIN staff s ON s.id = c.staff_id
     WHERE c.registration_id IN (${marks}) AND c.seen_ms > ? ORDER BY c.claimed_ms`, [...registrationIds, nowMs - CLAIM_TTL_MS]);
  return r.rows.map((c) => ({ registrationId: Number(c.registrationId), username: c.username, sinceMs: Number(c.sinceMs) }));
}
