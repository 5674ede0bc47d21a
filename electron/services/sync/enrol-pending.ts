// A typed enrolment waiting for the operator: the server answered with its keys, and the operator
// compares their fingerprint on screen with the back office's before the link is saved. Held in this
// process's memory only, one at a time, for a few minutes; a restart forgets it (nothing was saved).
import { randomBytes } from 'node:crypto';
import type { EnrolAnswer } from './enrol';

export const PENDING_ENROL_MS = 5 * 60_000;

export interface PendingEnrolments {
  /** Holds `answer` (replacing any earlier one) and returns the id the screen confirms it with. */
  hold(answer: EnrolAnswer): string;
  /** The answer for `id`, removed either way; undefined when unknown or expired. */
  take(id: string): EnrolAnswer | undefined;
}

export function createPendingEnrolments(nowMs: () => number = Date.now, ttlMs = PENDING_ENROL_MS): PendingEnrolments {
  let pending: { id: string; answer: EnrolAnswer; expiresAtMs: number } | undefined;
  return {
    hold(answer) {
      const id = randomBytes(16).toString('base64url');
      pending = { id, answer, expiresAtMs: nowMs() + ttlMs };
      return id;
    },
    take(id) {
      const p = pending;
      if (!p || p.id !== id) return undefined;
      pending = undefined;
      return nowMs() <= p.expiresAtMs ? p.answer : undefined;
    },
  };
}
