// POST /v1/receipts/verify: anyone holding a printed receipt (an operator, the back office, the
// applicant's employer) asks the central server whether its QR code was signed by an enrolled kiosk,
// and whether the server has received the registration it is for. No applicant data is sent or
// returned: only what the QR itself says, the verdict, and whether the record arrived.
import { z } from 'zod';
import { RECEIPT_QR_MAX_LENGTH } from './receipt-qr';

export const RECEIPT_VERIFY_PATH = '/v1/receipts/verify';

export const ReceiptVerifyRequestSchema = z.object({
  /** The QR code's text (KR2.…). */
  payload: z.string().min(1).max(RECEIPT_QR_MAX_LENGTH),
}).strict();
export type ReceiptVerifyRequest = z.infer<typeof ReceiptVerifyRequestSchema>;

/**
 * - valid: signed by the key of an enrolled device.
 * - revoked-device: signed by a device's key, but the device has been revoked since (see revokedAt:
 *   a card issued before that moment was genuine when it was printed).
 * - bad-signature: no device enrolled with this server signed it (altered or made up, or the device
 *   id is one the server does not know): one answer for both, with the device 'unknown', so asking
 *   tells no one which device ids exist or whether one was revoked.
 * - unknown-device: only from servers older than issue 15, which told an unknown device apart.
 */
export const RECEIPT_VERDICTS = ['valid', 'revoked-device', 'bad-signature', 'unknown-device'] as const;
export type ReceiptVerdict = (typeof RECEIPT_VERDICTS)[number];

/**
 * Whether this server has the card's registration — told only for a code signed by an enrolled,
 * unrevoked kiosk, so a made-up code or a stolen key learns nothing about any record. Only that it
 * arrived, never how it was decided (numbered, approved, refused, and why): the outcome is the
 * applicant's own business, and anyone holding the card may ask. Times are the server's.
 * - not-received: no record with this id from this kiosk (yet): the kiosk may still be offline and
 *   delivers it once it reaches the server; not by itself a sign of a false card.
 * - received: the server has it (receivedAt null only for an answer stored without its time).
 */
export const ReceiptDeliverySchema = z.discriminatedUnion('state', [
  z.object({ state: z.literal('not-received') }).strict(),
  z.object({ state: z.literal('received'), receivedAt: z.string().nullable() }).strict(),
]);
export type ReceiptDelivery = z.infer<typeof ReceiptDeliverySchema>;

export const ReceiptVerificationSchema = z.object({
  verdict: z.enum(RECEIPT_VERDICTS),
  signatureValid: z.boolean(),
  device: z.object({
    id: z.uuid(),
    /** 'unknown' unless the code's signature checks against the named device's key: then nothing of it is told. */
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
  /** Null unless the verdict is 'valid': nothing is looked up for a code no enrolled kiosk signed. */
  delivery: ReceiptDeliverySchema.nullable(),
}).strict();
export type ReceiptVerification = z.infer<typeof ReceiptVerificationSchema>;
