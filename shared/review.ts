// The back office's review API (server/review/): the queue, one record opened for a reviewer, and
// the decisions. Decisions name the state the reviewer saw: a record decided meanwhile by someone
// else is refused as stale, never decided twice.
import { z } from 'zod';
import { NIK_WARNINGS } from './identity/warnings';
import { isValidReceiptNumber } from './receipt';

export const ReviewStateSchema = z.enum(['received', 'numbered', 'rejected']);

export const ReviewQuerySchema = z.object({
  profile: z.string().regex(/^[a-z][a-z0-9-]{1,40}$/).optional(),
  state: ReviewStateSchema.optional(),
  device: z.uuid().optional(),
  /** received at or after / before (ISO dates or times). */
  from: z.iso.datetime().or(z.iso.date()).optional(),
  to: z.iso.datetime().or(z.iso.date()).optional(),
  number: z.string().regex(/^[A-Z][A-Z0-9]{1,11}-\d{4}-\d{7}$/).optional(),
  /** The number on the applicant's printed receipt (DDDD-SSSSSS-C, its check character right). */
  receipt: z.string().toUpperCase().refine(isValidReceiptNumber, 'not a receipt number').optional(),
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
  /** As printed on the applicant's receipt (null for records from kiosks that did not send it). */
  receiptNumber: z.string().nullable(),
  decisionReason: z.string().nullable(),
  decidedAt: z.string().nullable(),
  /** Counts decisions and reopenings; a decision names the revision its reviewer saw. */
  revision: z.number().int().min(0),
  /** For the next page: `after` = the last row's position. */
  position: z.number().int(),
  /** Staff who have the record open now (their claims), oldest first. */
  claimedBy: z.array(z.string()),
}).strict();

/** What the queue can be filtered by. */
export const ReviewFacetsSchema = z.object({
  profiles: z.array(z.object({ id: z.string(), title: z.object({ id: z.string(), en: z.string() }) })),
  kiosks: z.array(z.object({ deviceId: z.string(), name: z.string().nullable(), registrations: z.number().int() })),
}).strict();

/** Who has a record open, and since when (ISO time). */
export const ClaimSchema = z.object({ username: z.string(), since: z.string() }).strict();
export const ClaimsSchema = z.object({ claims: z.array(ClaimSchema) }).strict();

/** A decision on the record as its reviewer saw it: refused as stale if it was decided or reopened since. */
const seen = { seenRevision: z.number().int().min(0).max(1_000_000) };
export const ApproveRequestSchema = z.object(seen).strict();
export const RejectRequestSchema = z.object({
  ...seen,
  reason: z.string().regex(/^[a-z0-9-]{1,60}$/),
  note: z.string().trim().max(500).optional(),
}).strict();
/** Why an admin reopens a rejection: a code, so the audit trail never holds free text about an applicant. */
export const REOPEN_REASONS = ['decided-in-error', 'applicant-appeal', 'new-evidence'] as const;
export const ReopenRequestSchema = z.object({ ...seen, why: z.enum(REOPEN_REASONS) }).strict();

export const OpenedRecordSchema = z.object({
  registration: ReviewRowSchema.omit({ position: true, claimedBy: true }).extend({ profileVersion: z.number().int(), submittedAt: z.string() }),
  /** Other staff who have this record open now. */
  claims: z.array(ClaimSchema),
  fields: z.record(z.string(), z.string()),
  acknowledgedWarnings: z.array(z.enum(NIK_WARNINGS)),
  ktp: z.unknown().nullable(),
  selfie: z.unknown().nullable(),
  verified: z.boolean(),
  /** The kiosk operator who started the registration for a walk-in; null when the applicant came alone. */
  assistedBy: z.string().nullable(),
  rejectReasons: z.array(z.object({ code: z.string(), label: z.object({ id: z.string(), en: z.string() }) })),
  /** The profile's label of each field, as the applicant saw it. */
  labels: z.record(z.string(), z.object({ id: z.string(), en: z.string() })),
  /** When the retention job reduced the record to its profile's kept fields (no images since); absent if it was not. */
  purgedAt: z.string().optional(),
}).strict();
export type OpenedRecord = z.infer<typeof OpenedRecordSchema>;
