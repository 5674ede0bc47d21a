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

/** What the server signs when it accepts a record: the kiosk keeps it as proof of delivery. */
export const ReceiptBodySchema = z.object({
  recordId: z.uuid(),
  deviceId: z.uuid(),
  registrationNumber: z.string().min(1).max(40),
  serverTime: z.iso.datetime(),
  /** SHA-256 (hex) of the exact bytes the server received: the sealed record. */
  payloadSha256: z.string().regex(/^[0-9a-f]{64}$/),
}).strict();
export type ReceiptBody = z.infer<typeof ReceiptBodySchema>;

export const SignedReceiptSchema = z.object({
  receipt: ReceiptBodySchema,
  /** Ed25519 signature over receiptSigningBytes(receipt), base64url. */
  signature: z.string().regex(/^[A-Za-z0-9_-]+$/).length(86),
}).strict();
export type SignedReceipt = z.infer<typeof SignedReceiptSchema>;

/**
 * Error codes the server answers with. The kiosk decides from the code, not the wording:
 * `duplicate-nik` is the applicant's business (shown), `request-in-progress` is retried, the
 * authentication codes pause the whole queue (a device problem, never a record's fault).
 */
export const SERVER_ERROR_CODES = [
  'invalid-request', 'invalid-payload', 'payload-too-large', 'duplicate-nik', 'idempotency-key-reused',
  'request-in-progress', 'invalid-enrol-code', 'device-already-enrolled', 'unsigned-request', 'bad-signature',
  'unknown-device', 'revoked-device', 'stale-request', 'replayed-request', 'internal',
] as const;
export type ServerErrorCode = (typeof SERVER_ERROR_CODES)[number];

export const ServerErrorSchema = z.object({
  code: z.enum(SERVER_ERROR_CODES),
  /** English, for operators; the kiosk shows its own i18n text for `code`. */
  message: z.string(),
}).strict();
export type ServerError = z.infer<typeof ServerErrorSchema>;

export const HealthSchema = z.object({ status: z.literal('ok'), serverTime: z.iso.datetime() }).strict();

export const ServerStatusSchema = z.object({
  serverTime: z.iso.datetime(),
  registrations: z.number().int().nonnegative(),
  devices: z.object({ active: z.number().int().nonnegative(), revoked: z.number().int().nonnegative() }),
  sealingKeyId: z.string(),
}).strict();

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
  /** The record id: a retry carries the same key, and the server answers it the same way. */
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

/** The exact text the server signs for a receipt: fixed field order, independent of JSON key order. */
export function receiptSigningText(r: ReceiptBody): string {
  return ['KIOSK-RECEIPT-V1', r.recordId, r.deviceId, r.registrationNumber, r.serverTime, r.payloadSha256].join('\n');
}

/** Associated data binding a sealed record to its device and record id. */
export function sealingContext(deviceId: string, recordId: string): string {
  return `registration-kiosk/record/v1/${deviceId}/${recordId}`;
}
