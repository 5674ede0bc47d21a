// POST /v1/receipts/verify: is this printed receipt's QR code signed by an enrolled kiosk, which
// one, and when was it issued? Unsigned (anyone holding a card may ask), rate-limited per address,
// and answers only what the QR itself carries plus the device's standing: no applicant data.
import type { FastifyInstance } from 'fastify';
import { verifyEd25519 } from '../node/crypto/ed25519';
import { decodeReceiptQr, receiptNumberMatchesDevice, receiptSigningText, type SignedReceiptClaim } from '../shared/receipt-qr';
import { RECEIPT_VERIFY_PATH, ReceiptVerifyRequestSchema, type ReceiptVerification } from '../shared/receipt-verify';
import type { DeviceRow } from './store/server-store';
import type { ServerStore } from './store/server-store';

/** Verifications per minute per client address: a desk checking cards by hand stays far below. */
export const RECEIPT_VERIFY_PER_ADDRESS = 30;

/** The verdict for a decoded claim and the device row the server has (undefined: never enrolled). */
export function verifyReceiptClaim(claim: SignedReceiptClaim, device: DeviceRow | undefined): ReceiptVerification {
  const signatureValid = device !== undefined && verifyEd25519(device.signingKey, receiptSigningText(claim), claim.signature);
  const revokedAt = device?.revokedAt ?? null;
  const verdict = !device ? 'unknown-device' : !signatureValid ? 'bad-signature' : revokedAt !== null ? 'revoked-device' : 'valid';
  return {
    verdict,
    signatureValid,
    device: { id: claim.deviceId, status: !device ? 'unknown' : revokedAt !== null ? 'revoked' : 'enrolled', revokedAt },
    receipt: {
      number: claim.receiptNumber,
      issuedAt: claim.issuedAt,
      profileId: claim.profileId,
      numberMatchesDevice: receiptNumberMatchesDevice(claim),
      issuedBeforeRevocation: revokedAt === null ? null : new Date(claim.issuedAt).getTime() < new Date(revokedAt).getTime(),
    },
  };
}

export function registerReceiptRoutes(app: FastifyInstance, { store, perAddress = RECEIPT_VERIFY_PER_ADDRESS }: { store: ServerStore; perAddress?: number }): void {
  app.post(RECEIPT_VERIFY_PATH, { config: { rateLimit: { max: perAddress, timeWindow: 60_000 } } }, async (req, reply) => {
    const parsed = ReceiptVerifyRequestSchema.safeParse(req.body);
    if (!parsed.success) return reply.code(400).send({ code: 'invalid-request', message: `invalid fields: ${parsed.error.issues.map((i) => i.path.join('.')).join(', ')}` });
    const decoded = decodeReceiptQr(parsed.data.payload);
    if (!decoded.ok) return reply.code(400).send({ code: 'invalid-request', message: `not a receipt code: ${decoded.reason}` });
    return verifyReceiptClaim(decoded.claim, await store.findDevice(decoded.claim.deviceId));
  });
}
