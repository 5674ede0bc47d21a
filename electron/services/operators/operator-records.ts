// What the operator screen reads of the queue: records by receipt number, state and outcome (their
// contents are sealed: no personal data here), delivered counts, and the re-queue of a record that
// is waiting after failed attempts.
import type Database from 'better-sqlite3';
import type { OperatorRecord } from '../../../shared/operator';

const PAGE = 50;

interface Row {
  id: string; seq: number; receiptNumber: string; createdAt: string; state: OperatorRecord['state']; outcome: OperatorRecord['outcome'];
  registrationNumber: string | null; reason: string | null; attempts: number; nextAttemptAt: number;
}

/** Newest first, a page before `beforeSeq`. */
export function listOperatorRecords(db: Database.Database, beforeSeq: number | undefined, nowMs: number): OperatorRecord[] {
  const rows = db.prepare(`SELECT id, seq, receipt_number AS receiptNumber, created_at AS createdAt, state, outcome,
                                  registration_number AS registrationNumber, attempts, next_attempt_at AS nextAttemptAt,
                                  CASE WHEN outcome = 'rejected' THEN outcome_reason WHEN state IN ('rejected', 'held') THEN reject_reason ELSE last_error END AS reason
                           FROM registrations WHERE seq < ? ORDER BY seq DESC LIMIT ?`).all(beforeSeq ?? Number.MAX_SAFE_INTEGER, PAGE) as Row[];
  return rows.map(({ attempts, nextAttemptAt, ...r }) => ({ ...r, requeueable: r.state === 'pending' && attempts > 0 && nextAttemptAt > nowMs }));
}

/** A record waiting after failures is due again now, its attempts forgiven; false when it is not waiting. */
export function requeueRecord(db: Database.Database, id: string): boolean {
  return db.prepare(`UPDATE registrations SET attempts = 0, next_attempt_at = 0, last_error = NULL WHERE id = ? AND state = 'pending' AND attempts > 0`)
    .run(id).changes === 1;
}

export function deliveredCounts(db: Database.Database): { received: number; numbered: number; rejected: number } {
  return db.prepare(`SELECT count(*) FILTER (WHERE outcome = 'received') AS received, count(*) FILTER (WHERE outcome = 'numbered') AS numbered,
                            count(*) FILTER (WHERE outcome = 'rejected') AS rejected FROM registrations WHERE state = 'acked'`)
    .get() as { received: number; numbered: number; rejected: number };
}
