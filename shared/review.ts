// The back office's review API (server/review/): the queue, one record opened for a reviewer, and
// the decisions. Decisions name the state the reviewer saw: a record decided meanwhile by someone
// else is refused as stale, never decided twice.
import { z } from 'zod';
import { NIK_WARNINGS } from './identity/warnings';

export const ReviewStateSchema = z.enum(['received', 'numbered', 'rejected']);

export const ReviewQuerySchema = z.object({
  profile: z.string().regex(/^[a-z][a-z0-9-]{1,40}$/).optional(),
  state: ReviewStateSchema.optional(),
  device: z.uuid().optional(),
  /** received at or after / before (ISO dates or times). */
  from: z.iso.datetime().or(z.iso.date()).optional(),
  to: z.iso.datetime().or(z.iso.date()).optional(),
  number: z.string().regex(/^[A-Z][A-Z0-9]{1,11}-\d{4}-\d{7}$/).optional(),
  after: z.coerce.number().int().min(0).optional(),
}).strict();

/**
 * A search by exact NIK, matched through the server's NIK HMAC (never a plaintext index). A POST with
 * the NIK in its body: a query string would leave it in proxy and browser histories.
 */
export const NikSearchSchema = z.object({
  nik: z.string().regex(/^\d{16}$/),
  profile: z.string().regex(/^[a-z][a-z0-9-]{1,40}$/).optional(),
}).strict();
export type ReviewQuery = z.infer<typeof ReviewQuerySchema>;

export const ReviewRowSchema = z.object({
  deviceId: z.string(),
  recordId: z.string(),
  profileId: z.string(),
  state: ReviewStateSchema,
  receivedAt: z.string(),
  registrationNumber: z.string().nullable(),
  decisionReason: z.string().nullable(),
  decidedAt: z.string().nullable(),
  /** For the next page: `after` = the last row's position. */
  position: z.number().int(),
}).strict();

export const ApproveRequestSchema = z.object({ seenState: z.literal('received') }).strict();
export const RejectRequestSchema = z.object({
  seenState: z.literal('received'),
  reason: z.string().regex(/^[a-z0-9-]{1,60}$/),
  note: z.string().trim().max(500).optional(),
}).strict();

export const OpenedRecordSchema = z.object({
  registration: ReviewRowSchema.omit({ position: true }).extend({ profileVersion: z.number().int(), submittedAt: z.string() }),
  fields: z.record(z.string(), z.string()),
  acknowledgedWarnings: z.array(z.enum(NIK_WARNINGS)),
  ktp: z.unknown().nullable(),
  selfie: z.unknown().nullable(),
  verified: z.boolean(),
  rejectReasons: z.array(z.object({ code: z.string(), label: z.object({ id: z.string(), en: z.string() }) })),
  /** The profile's label of each field, as the applicant saw it. */
  labels: z.record(z.string(), z.object({ id: z.string(), en: z.string() })),
}).strict();
export type OpenedRecord = z.infer<typeof OpenedRecordSchema>;
