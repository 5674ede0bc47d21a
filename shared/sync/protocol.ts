// The kiosk ↔ central server protocol: one set of zod schemas used by the sync engine (to read the
// server's answers), by the reference server (to validate requests) and for its OpenAPI document.
import { z } from 'zod';

/** Unpadded base64url, as JWK and HPKE public keys travel. */
const Base64Url = (bytes: number) => z.string().regex(/^[A-Za-z0-9_-]+$/).length(Math.ceil((bytes * 4) / 3));

/** One-time enrolment codes: 12 Crockford base32 characters, grouped by dashes for reading aloud. */
export const EnrolCodeSchema = z.string().trim().toUpperCase().regex(/^[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}$/);

export const EnrolRequestSchema = z.object({
  code: EnrolCodeSchema,
  deviceId: z.uuid(),
  /** The device's Ed25519 request-signing public key (raw 32 bytes, base64url). */
  signingPublicKey: Base64Url(32),
}).strict();
export type EnrolRequest = z.infer<typeof EnrolRequestSchema>;

export const EnrolResponseSchema = z.object({
  deviceId: z.uuid(),
  /** X25519 public key every record is sealed to (HPKE, RFC 9180; raw 32 bytes, base64url). */
  sealingPublicKey: Base64Url(32),
  sealingKeyId: z.string().min(1).max(64),
  /** Ed25519 key the server signs receipts with (raw 32 bytes, base64url). */
  receiptPublicKey: Base64Url(32),
  enrolledAt: z.iso.datetime(),
}).strict();
export type EnrolResponse = z.infer<typeof EnrolResponseSchema>;

const Sha256Hex = z.string().regex(/^[0-9a-f]{64}$/);
const Signature = z.string().regex(/^[A-Za-z0-9_-]+$/).length(86);
export const RegistrationNumberSchema = z.string().regex(/^[A-Z][A-Z0-9]{1,11}-\d{4}-\d{7,}$/);

/**
 * What the server signs once it has durably stored a record — the kiosk's proof of delivery, the
 * only thing that lets it purge the payload. The registration number comes with it when the
 * profile numbers on acceptance (SSCASN); under review-first numbering it is null and arrives
 * later through the outcome pull.
 */
export const DeliveryReceiptBodySchema = z.object({
  recordId: z.uuid(),
  deviceId: z.uuid(),
  registrationNumber: RegistrationNumberSchema.nullable(),
  serverTime: z.iso.datetime(),
  /** SHA-256 (hex) of the exact bytes the server received: the sealed record. */
  payloadSha256: Sha256Hex,
}).strict();
export type DeliveryReceiptBody = z.infer<typeof DeliveryReceiptBodySchema>;

export const SignedDeliveryReceiptSchema = z.object({
  receipt: DeliveryReceiptBodySchema,
  /** Ed25519 signature over deliveryReceiptSigningText(receipt), base64url. */
  signature: Signature,
}).strict();
export type SignedDeliveryReceipt = z.infer<typeof SignedDeliveryReceiptSchema>;

/**
 * Refusals that are about one record and final: the server signs them, and only these make a kiosk
 * give a record up. What may be the server's own fault (a record it cannot open, a profile it does
 * not have yet) is never one of them: it is answered 500 unsigned, and the kiosk tries again later.
 */
export const RECORD_REFUSAL_CODES = ['invalid-payload', 'duplicate-nik', 'idempotency-key-reused'] as const;
export type RecordRefusalCode = (typeof RECORD_REFUSAL_CODES)[number];

export const RefusalBodySchema = z.object({
  recordId: z.uuid(),
  deviceId: z.uuid(),
  code: z.enum(RECORD_REFUSAL_CODES),
  serverTime: z.iso.datetime(),
  /** SHA-256 (hex) of the bytes refused: a refusal of something else never rejects this record. */
  payloadSha256: Sha256Hex,
}).strict();
export type RefusalBody = z.infer<typeof RefusalBodySchema>;

export const SignedRefusalSchema = z.object({ refusal: RefusalBodySchema, signature: Signature }).strict();

/** Where a delivered record stands at the central server. */
export const OUTCOME_STATES = ['received', 'numbered', 'rejected'] as const;
export type OutcomeState = (typeof OUTCOME_STATES)[number];

export const OutcomeBodySchema = z.object({
  recordId: z.uuid(),
  deviceId: z.uuid(),
  state: z.enum(OUTCOME_STATES),
  registrationNumber: RegistrationNumberSchema.nullable(),
  /** Why staff rejected it: a short code the kiosk has a text for. */
  reason: z.string().regex(/^[a-z0-9-]{1,60}$/).nullable(),
  decidedAt: z.iso.datetime().nullable(),
}).strict().refine((o) => (o.state === 'numbered') === (o.registrationNumber !== null), { message: 'a number exactly when numbered', path: ['registrationNumber'] });
export type OutcomeBody = z.infer<typeof OutcomeBodySchema>;

export const SignedOutcomeSchema = z.object({ outcome: OutcomeBodySchema, signature: Signature }).strict();
export type SignedOutcome = z.infer<typeof SignedOutcomeSchema>;

/** The signed outcome pull: the records this device delivered and has not yet seen settled. */
export const OutcomesRequestSchema = z.object({ recordIds: z.array(z.uuid()).min(1).max(100) }).strict();
export type OutcomesRequest = z.infer<typeof OutcomesRequestSchema>;

export const OutcomesResponseSchema = z.object({
  serverTime: z.iso.datetime(),
  /** One per requested record the server holds from this device; others are left out. */
  outcomes: z.array(SignedOutcomeSchema).max(100),
}).strict();
export type OutcomesResponse = z.infer<typeof OutcomesResponseSchema>;

export const REGISTRATIONS_PATH = '/v1/registrations';
export const OUTCOMES_PATH = '/v1/registrations/outcomes';

/**
 * Error codes the server answers with. The kiosk decides from the code, not the wording:
 * `duplicate-nik` is the applicant's business (shown), the
 * authentication codes pause the whole queue (a device problem, never a record's fault).
 */
export const SERVER_ERROR_CODES = [
  'invalid-request', 'invalid-payload', 'unknown-profile', 'cannot-open-record', 'payload-too-large', 'duplicate-nik', 'idempotency-key-reused',
  'invalid-enrol-code', 'device-already-enrolled', 'unsigned-request', 'bad-signature',
  'unknown-device', 'revoked-device', 'stale-request', 'replayed-request', 'rate-limited', 'internal',
  // Campus-directory verification (directory.ts: DIRECTORY_REFUSALS gives each its status).
  'wrong-credentials', 'account-locked', 'already-registered', 'too-many-attempts', 'directory-unavailable', 'no-directory',
] as const;
export type ServerErrorCode = (typeof SERVER_ERROR_CODES)[number];

export const ServerErrorSchema = z.object({
  code: z.enum(SERVER_ERROR_CODES),
  /** English, for operators; the kiosk shows its own i18n text for `code`. */
  message: z.string(),
  /** Present on a final refusal of one record (RECORD_REFUSAL_CODES), signed like a receipt. */
  refusal: SignedRefusalSchema.optional(),
}).strict();
export type ServerError = z.infer<typeof ServerErrorSchema>;

export const HealthSchema = z.object({ status: z.literal('ok'), serverTime: z.iso.datetime() }).strict();

const Count = z.number().int().nonnegative();

export const ServerStatusSchema = z.object({
  serverTime: z.iso.datetime(),
  registrations: z.object({ received: Count, numbered: Count, rejected: Count }),
  devices: z.object({ active: Count, revoked: Count }),
  sealingKeyId: z.string(),
}).strict();
export type ServerStatus = z.infer<typeof ServerStatusSchema>;

/**
 * The printed receipt's number of an uploaded record (shared/receipt.ts: the kiosk's prefix and its
 * sequence), so staff can find a registration from the card an applicant holds. Not signed: a
 * device can only mislabel its own records, and the server keeps one only if it names that device.
 */
export const RECEIPT_NUMBER_HEADER = 'x-kiosk-receipt';

/** Headers of a signed request (lower-case, as Node and Fastify present them). */
export const SIGNATURE_HEADERS = {
  device: 'x-kiosk-device',
  timestamp: 'x-kiosk-timestamp',
  nonce: 'x-kiosk-nonce',
  signature: 'x-kiosk-signature',
} as const;

export const SignedHeadersSchema = z.object({
  [SIGNATURE_HEADERS.device]: z.uuid(),
  /** Milliseconds since the epoch, as decimal digits. */
  [SIGNATURE_HEADERS.timestamp]: z.string().regex(/^\d{13}$/),
  /** 16 random bytes, base64url. */
  [SIGNATURE_HEADERS.nonce]: z.string().regex(/^[A-Za-z0-9_-]{22}$/),
  [SIGNATURE_HEADERS.signature]: z.string().regex(/^[A-Za-z0-9_-]{86}$/),
  /** The record id for an upload (a retry carries the same key and gets the same answer); a fresh UUID for a pull. */
  'idempotency-key': z.uuid(),
});

/** Maximum age (either direction) of a signed request's timestamp; nonces are kept this long. */
export const SIGNATURE_WINDOW_MS = 5 * 60_000;

export interface SignedRequestParts {
  readonly method: string;
  readonly path: string;
  readonly timestamp: string;
  readonly nonce: string;
  readonly idempotencyKey: string;
  /** SHA-256 (hex) of the request body. */
  readonly bodySha256: string;
}

/** The exact text a device signs: every part that must not be swapped or replayed. */
export function requestSigningText(p: SignedRequestParts): string {
  return ['KIOSK-REQUEST-V1', p.method.toUpperCase(), p.path, p.timestamp, p.nonce, p.idempotencyKey, p.bodySha256].join('\n');
}

/** The exact texts the server signs: fixed field order, independent of JSON key order; '-' for null. */
export function deliveryReceiptSigningText(r: DeliveryReceiptBody): string {
  return ['KIOSK-DELIVERY-V1', r.recordId, r.deviceId, r.registrationNumber ?? '-', r.serverTime, r.payloadSha256].join('\n');
}

export function refusalSigningText(r: RefusalBody): string {
  return ['KIOSK-REFUSAL-V1', r.recordId, r.deviceId, r.code, r.serverTime, r.payloadSha256].join('\n');
}

export function outcomeSigningText(o: OutcomeBody): string {
  return ['KIOSK-OUTCOME-V1', o.recordId, o.deviceId, o.state, o.registrationNumber ?? '-', o.reason ?? '-', o.decidedAt ?? '-'].join('\n');
}

/** Registration numbers: the profile's prefix, the year of issue and a counter per profile and year. */
export function formatRegistrationNumber(prefix: string, year: number, seq: number): string {
  return `${prefix}-${year}-${String(seq).padStart(7, '0')}`;
}

/** Associated data binding a sealed record to its device and record id. */
export function sealingContext(deviceId: string, recordId: string): string {
  return `registration-kiosk/record/v1/${deviceId}/${recordId}`;
}
