// What the kiosk tells the screen about delivery to the central server. No personal data: counts,
// times, error codes and registration numbers only.
import { z } from 'zod';
import { OUTCOME_STATES } from './protocol';

/**
 * A queued record on the kiosk: waiting ('pending', 'uploading'), delivered ('acked': the server
 * signed a delivery receipt and the payload is gone), refused for good by the server ('rejected'),
 * or 'held' because it cannot be sent at all (an operator must look at it).
 */
export const RECORD_STATES = ['pending', 'uploading', 'acked', 'rejected', 'held'] as const;
export type RecordState = (typeof RECORD_STATES)[number];

export const SyncStatusSchema = z.object({
  /** False until an operator enrols the device with a central server. */
  enrolled: z.boolean(),
  /** null before the first health probe of this run. */
  online: z.boolean().nullable(),
  /** Records not yet acknowledged by the server (pending or uploading). */
  pending: z.number().int().nonnegative(),
  /** Records the server refused for good; they keep their data for an operator. */
  rejected: z.number().int().nonnegative(),
  /** Records that cannot be sent at all (their sealed data no longer opens); an operator must look. */
  held: z.number().int().nonnegative(),
  /** Delivered records still waiting for a staff decision (review-first profiles). */
  awaitingDecision: z.number().int().nonnegative(),
  oldestPendingAt: z.iso.datetime().nullable(),
  lastSuccessAt: z.iso.datetime().nullable(),
  lastError: z.object({ code: z.string(), at: z.iso.datetime() }).nullable(),
  /**
   * Set while the server refuses the device itself (revoked, unknown, clock outside the window,
   * untrusted receipts): nothing will be delivered until an operator acts. The error code.
   */
  blockedBy: z.string().nullable(),
  /** Set while the kiosk itself cannot work on its queue (disk full, disk error): the code. */
  localError: z.string().nullable(),
  /** The profile's limit: records older than this many days make `overdue` true (MOSIP-like). */
  warnAfterDays: z.number().int().positive(),
  overdue: z.boolean(),
});
export type SyncStatus = z.infer<typeof SyncStatusSchema>;

export const RecordOutcomeQuerySchema = z.object({ id: z.uuid() }).strict();

export const RecordOutcomeSchema = z.object({
  state: z.enum(RECORD_STATES),
  /** Once delivered: where the record stands at the server (null before delivery). */
  outcome: z.enum(OUTCOME_STATES).nullable(),
  /** Issued by the server, with the delivery or after review. */
  registrationNumber: z.string().nullable(),
  /** A code: the server's refusal (e.g. duplicate-nik), a staff rejection's reason, or why it is held. */
  reason: z.string().nullable(),
}).nullable();
export type RecordOutcome = z.infer<typeof RecordOutcomeSchema>;

const DAY_MS = 86_400_000;

/** Whether the oldest undelivered record has waited longer than the limit. */
export function isOverdue(oldestPendingAt: string | null, warnAfterDays: number, now: Date): boolean {
  return oldestPendingAt !== null && now.getTime() - Date.parse(oldestPendingAt) > warnAfterDays * DAY_MS;
}
