// POST /v1/receipts/verify: is this printed receipt's QR code signed by an enrolled kiosk, which
// one, when was it issued, and has this server received the registration it is for? Unsigned
// (anyone holding a card may ask), rate-limited per address (a server setting, config.ts), and
// answers only what the QR itself carries, the device's standing and whether the record arrived:
// no applicant data, and nothing of how the registration was decided. The device's standing is told
// only for a code its key really signed: a code no enrolled device signed — a device id the server
// does not know, or a signature that is not the named device's — gets one answer, so asking tells a
// stranger neither which device ids exist nor whether one was revoked.
import type { FastifyInstance } from 'fastify';
import { verifyEd25519 } from '../node/crypto/ed25519';
import { DECOY_KEY } from './devices';
import { decodeReceiptQr, receiptNumberMatchesDevice, receiptSigningText, type SignedReceiptClaim } from '../shared/receipt-qr';
import { RECEIPT_VERIFY_PATH, ReceiptVerifyRequestSchema, type ReceiptDelivery, type ReceiptVerification } from '../shared/receipt-verify';
import { ServerErrorSchema } from '../shared/sync/protocol';
import type { DeviceRow, KeyAnswer, RegistrationRow, ServerStore } from './store/server-store';

/** The default of --rate-limit-receipt-verify: a desk checking cards by hand stays far below. */
export const RECEIPT_VERIFY_PER_ADDRESS = 30;

/** When a stored final refusal was given (its signed body says; an answer of the first server version may not). */
function refusedAt(answer: KeyAnswer): string | null {
  try {
    const error = ServerErrorSchema.safeParse(JSON.parse(answer.answer.body));
    return error.success ? error.data.refusal?.refusal.serverTime ?? null : null;
  } catch {
    return null;
  }
}

/**
 * Whether the server has the record, from what it stored for (device, record id): the registration
 * row, else the stored final refusal of that upload (received, and answered), else nothing yet.
 */
function deliveryOf(row: RegistrationRow | undefined, answer: KeyAnswer | undefined): ReceiptDelivery {
  if (row) return { state: 'received', receivedAt: row.receivedAt };
  // A record is stored with its (201) answer in one transaction: an answer without a row is a refusal.
  if (answer && answer.answer.status >= 400) return { state: 'received', receivedAt: refusedAt(answer) };
  return { state: 'not-received' };
}

/**
 * The verdict for a decoded claim and the device row the server has (undefined: never enrolled);
 * delivery not looked up yet. The signature is checked first — against a decoy key when there is no
 * such device, so both cases take one verification — and the device's standing (enrolled, revoked,
 * since when) is read only once it checks out: 'bad-signature' with the device 'unknown' otherwise.
 */
export function verifyReceiptClaim(claim: SignedReceiptClaim, device: DeviceRow | undefined): ReceiptVerification {
  const verified = verifyEd25519(device ? device.signingKey : DECOY_KEY, receiptSigningText(claim), claim.signature);
  const signed = device !== undefined && verified;
  const revokedAt = signed ? device.revokedAt : null;
  return {
    verdict: !signed ? 'bad-signature' : revokedAt !== null ? 'revoked-device' : 'valid',
    signatureValid: signed,
    device: { id: claim.deviceId, status: !signed ? 'unknown' : revokedAt !== null ? 'revoked' : 'enrolled', revokedAt },
    receipt: {
      number: claim.receiptNumber,
      issuedAt: claim.issuedAt,
      profileId: claim.profileId,
      numberMatchesDevice: receiptNumberMatchesDevice(claim),
      issuedBeforeRevocation: revokedAt === null ? null : new Date(claim.issuedAt).getTime() < new Date(revokedAt).getTime(),
    },
    delivery: null,
  };
}

/** `perAddress`: verifications per minute per client address (RateLimits.receiptVerifyPerAddress). */
export function registerReceiptRoutes(app: FastifyInstance, { store, perAddress }: { store: ServerStore; perAddress: number }): void {
  app.post(RECEIPT_VERIFY_PATH, { config: { rateLimit: { max: perAddress, timeWindow: 60_000 } } }, async (req, reply) => {
    const parsed = ReceiptVerifyRequestSchema.safeParse(req.body);
    if (!parsed.success) return reply.code(400).send({ code: 'invalid-request', message: `invalid fields: ${parsed.error.issues.map((i) => i.path.join('.')).join(', ')}` });
    const decoded = decodeReceiptQr(parsed.data.payload);
    if (!decoded.ok) return reply.code(400).send({ code: 'invalid-request', message: `not a receipt code: ${decoded.reason}` });
    const { claim } = decoded;
    const verdict = verifyReceiptClaim(claim, await store.findDevice(claim.deviceId));
    // The record is looked up only for a code an enrolled, unrevoked kiosk really signed.
    if (verdict.verdict !== 'valid') return verdict;
    const [row] = await store.findRegistrations(claim.deviceId, [claim.recordId]);
    const answer = row ? undefined : await store.findAnswer(claim.deviceId, claim.recordId);
    return { ...verdict, delivery: deliveryOf(row, answer) };
  });
}
