// POST /v1/receipts/verify: anyone holding a printed receipt (an operator, the back office, the
// applicant's employer) asks the central server whether its QR code was signed by an enrolled kiosk.
// No applicant data is sent or returned: only what the QR itself says, and the verdict.
import { z } from 'zod';
import { RECEIPT_QR_MAX_LENGTH } from './receipt-qr';

export const RECEIPT_VERIFY_PATH = '/v1/receipts/verify';

export const ReceiptVerifyRequestSchema = z.object({
  /** The QR code's text (KR1.…). */
  payload: z.string().min(1).max(RECEIPT_QR_MAX_LENGTH),
}).strict();
export type ReceiptVerifyRequest = z.infer<typeof ReceiptVerifyRequestSchema>;

/**
 * - valid: signed by the key of an enrolled device.
 * - revoked-device: signed by a device's key, but the device has been revoked since (see revokedAt:
 *   a card issued before that moment was genuine when it was printed).
 * - bad-signature: the device exists, the signature is not its own (altered or made up).
 * - unknown-device: no such device was ever enrolled with this server.
 */
export const RECEIPT_VERDICTS = ['valid', 'revoked-device', 'bad-signature', 'unknown-device'] as const;
export type ReceiptVerdict = (typeof RECEIPT_VERDICTS)[number];

export const ReceiptVerificationSchema = z.object({
  verdict: z.enum(RECEIPT_VERDICTS),
  signatureValid: z.boolean(),
  device: z.object({
    id: z.uuid(),
    status: z.enum(['enrolled', 'revoked', 'unknown']),
    revokedAt: z.string().nullable(),
  }).strict(),
  /** What the QR claims (trusted only when signatureValid). */
  receipt: z.object({
    number: z.string(),
    issuedAt: z.string(),
    profileId: z.string(),
    /** The receipt number's first four characters name this device. */
    numberMatchesDevice: z.boolean(),
    issuedBeforeRevocation: z.boolean().nullable(),
  }).strict(),
}).strict();
export type ReceiptVerification = z.infer<typeof ReceiptVerificationSchema>;
