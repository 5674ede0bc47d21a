// The QR code on the printed receipt: a compact text the kiosk signs with its device key (Ed25519),
// so anyone holding the card can learn, from the central server or `npm run verify-receipt`, which
// kiosk issued it and when, whether the server has received that registration, and that nobody made
// it up. It holds no personal data: only the device, the record id (random, the key the server files
// the delivered record under), the receipt number, the time, the profile and the signature.
//
//   KR2.<device id>.<record id>.<receipt number>.<issued at, Unix seconds base36>.<profile id>.<signature base64url>
//   (ids as 16 bytes base64url)
//
// The signature covers RECEIPT_SIGNING_PREFIX + the fields with the ids as UUIDs; the
// prefix keeps it apart from the request signatures the same key makes ("KIOSK-REQUEST-V1\n…"), so
// a signed receipt can never be replayed as a request, nor the other way round.
import { z } from 'zod';
import { devicePrefix, isValidReceiptNumber } from './receipt';

// KR1 (no record id) was only ever printed by development builds: it is refused as another format.
export const RECEIPT_QR_VERSION = 'KR2';
export const RECEIPT_SIGNING_PREFIX = 'KIOSK-PRINTED-RECEIPT-V2\n';
/** Generous for the format (about 175 characters); refuses anything that cannot be one. */
export const RECEIPT_QR_MAX_LENGTH = 400;

export const ReceiptClaimSchema = z.object({
  deviceId: z.uuid(),
  /** The queued record's id: the server finds the delivered record by (device, record id). */
  recordId: z.uuid(),
  receiptNumber: z.string().refine(isValidReceiptNumber, 'not a receipt number (DDDD-SSSSSS-C with its check character)'),
  /** Whole seconds: what the QR carries. */
  issuedAt: z.iso.datetime(),
  profileId: z.string().regex(/^[a-z][a-z0-9-]{1,40}$/),
}).strict();
export type ReceiptClaim = z.infer<typeof ReceiptClaimSchema>;

export interface SignedReceiptClaim extends ReceiptClaim {
  readonly signature: string;
}

const B64URL = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';

function uuidToBase64Url(uuid: string): string {
  const hex = uuid.replace(/-/g, '');
  let bits = '';
  for (const h of hex) bits += parseInt(h, 16).toString(2).padStart(4, '0');
  bits = bits.padEnd(Math.ceil(bits.length / 6) * 6, '0');
  let out = '';
  for (let i = 0; i < bits.length; i += 6) out += B64URL[parseInt(bits.slice(i, i + 6), 2)];
  return out;
}

function base64UrlToUuid(text: string): string | undefined {
  if (!/^[A-Za-z0-9_-]{22}$/.test(text)) return undefined;
  let bits = '';
  for (const c of text) bits += B64URL.indexOf(c).toString(2).padStart(6, '0');
  // 22 characters carry 132 bits: the last 4 must be the zero padding, or two texts would name one device.
  if (!/^0{4}$/.test(bits.slice(128))) return undefined;
  let hex = '';
  for (let i = 0; i < 128; i += 4) hex += parseInt(bits.slice(i, i + 4), 2).toString(16);
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/** The claim as the QR carries it: ids in lower case, issued-at truncated to whole seconds. */
export function receiptClaim(c: Omit<ReceiptClaim, 'issuedAt'> & { readonly issuedAt: Date | string }): ReceiptClaim {
  const seconds = Math.floor(new Date(c.issuedAt).getTime() / 1000);
  return ReceiptClaimSchema.parse({
    deviceId: c.deviceId.toLowerCase(), recordId: c.recordId.toLowerCase(), receiptNumber: c.receiptNumber,
    issuedAt: new Date(seconds * 1000).toISOString(), profileId: c.profileId,
  });
}

/** The exact text the device signs. */
export function receiptSigningText(c: ReceiptClaim): string {
  const seconds = Math.floor(new Date(c.issuedAt).getTime() / 1000);
  return `${RECEIPT_SIGNING_PREFIX}${c.deviceId.toLowerCase()}\n${c.recordId.toLowerCase()}\n${c.receiptNumber}\n${seconds}\n${c.profileId}`;
}

export function encodeReceiptQr(c: SignedReceiptClaim): string {
  const seconds = Math.floor(new Date(c.issuedAt).getTime() / 1000);
  return [RECEIPT_QR_VERSION, uuidToBase64Url(c.deviceId), uuidToBase64Url(c.recordId), c.receiptNumber, seconds.toString(36), c.profileId, c.signature].join('.');
}

export type DecodedReceiptQr = { ok: true; claim: SignedReceiptClaim } | { ok: false; reason: string };

/** Parses a QR text; never throws. A decoded claim is not yet verified: check its signature. */
export function decodeReceiptQr(text: string): DecodedReceiptQr {
  const trimmed = text.trim();
  if (trimmed.length > RECEIPT_QR_MAX_LENGTH) return { ok: false, reason: 'too long to be a receipt code' };
  const parts = trimmed.split('.');
  if (parts[0] !== RECEIPT_QR_VERSION) return { ok: false, reason: `not a receipt code (expected it to start with ${RECEIPT_QR_VERSION}.)` };
  if (parts.length !== 7) return { ok: false, reason: 'a receipt code has 7 parts separated by dots' };
  const [, device = '', record = '', receiptNumber = '', issued = '', profileId = '', signature = ''] = parts;
  const deviceId = base64UrlToUuid(device);
  if (!deviceId) return { ok: false, reason: 'malformed device id' };
  const recordId = base64UrlToUuid(record);
  if (!recordId) return { ok: false, reason: 'malformed record id' };
  if (!/^[0-9a-z]{1,8}$/.test(issued)) return { ok: false, reason: 'malformed issue time' };
  if (!/^[A-Za-z0-9_-]{86}$/.test(signature)) return { ok: false, reason: 'malformed signature (an Ed25519 signature is 86 base64url characters)' };
  const claim = ReceiptClaimSchema.safeParse({ deviceId, recordId, receiptNumber, issuedAt: new Date(parseInt(issued, 36) * 1000).toISOString(), profileId });
  if (!claim.success) return { ok: false, reason: claim.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ') };
  return { ok: true, claim: { ...claim.data, signature } };
}

/** The receipt number names its device in its first four characters: a mismatch is a made-up card. */
export function receiptNumberMatchesDevice(c: ReceiptClaim): boolean {
  return c.receiptNumber.toUpperCase().startsWith(devicePrefix(c.deviceId));
}
