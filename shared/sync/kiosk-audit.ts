// The kiosk's local trail of operator actions (logins, exports, re-queues, enrolments, camera changes)
// travelling to the central server with sync, where each entry joins the hash-chained audit trail
// once (keyed by the kiosk's own entry id). No personal data: usernames, actions, counts, codes.
import { z } from 'zod';

export const KIOSK_AUDIT_PATH = '/v1/kiosk-audit';
/** Entries per request; a kiosk with more sends the rest in its next cycles. */
export const KIOSK_AUDIT_BATCH = 200;

const Scalar = z.union([z.string().max(100), z.number().finite(), z.boolean(), z.null()]);

export const KioskAuditEntrySchema = z.object({
  /** The kiosk's own id of the entry (its order on the kiosk). */
  id: z.number().int().positive(),
  at: z.iso.datetime(),
  operator: z.string().regex(/^[a-z0-9][a-z0-9._-]{1,39}$/).nullable(),
  action: z.string().regex(/^operator\.[a-z][a-z-]{1,40}$/),
  detail: z.record(z.string().regex(/^[a-zA-Z]{1,30}$/), Scalar).refine((d) => Object.keys(d).length <= 10, 'at most 10 facts').optional(),
}).strict();
export type KioskAuditEntry = z.infer<typeof KioskAuditEntrySchema>;

export const KioskAuditRequestSchema = z.object({ entries: z.array(KioskAuditEntrySchema).min(1).max(KIOSK_AUDIT_BATCH) }).strict();
export type KioskAuditRequest = z.infer<typeof KioskAuditRequestSchema>;
/** The entries now held by the server (stored by this request or an earlier one): the kiosk marks them sent. */
export const KioskAuditAnswerSchema = z.object({ stored: z.array(z.number().int()) }).strict();
