// The enrolment QR that the back office shows beside a one-time enrolment code, for a kiosk's
// document camera (issue 14): where the server is, the code, and the fingerprint of the server's
// keys, so a kiosk can refuse a server that answers with other keys than the ones the admin's page
// showed (a look-alike address, a proxy in between). One small text, versioned:
//
//   KE1 <code> <fingerprint> <server origin>
//   e.g. "KE1 7K3M-Q2XD-9PRA 5f0c…(64 hex) https://pendaftaran.example.org"
//
// Single spaces separate the parts; none of them can hold a space, and the origin comes last.
import { z } from 'zod';
import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex, utf8ToBytes } from '@noble/hashes/utils.js';
import { EnrolCodeSchema, type EnrolResponse } from './sync/protocol';

export const ENROLMENT_QR_VERSION = 'KE1';
/** Generous for the format (about 150 characters with a long host name). */
export const ENROLMENT_QR_MAX_LENGTH = 400;
const FINGERPRINT_LABEL = 'KIOSK-SERVER-KEYS-V1';

const LABEL = '[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?';
const ORIGIN = new RegExp(`^https?://(?:${LABEL}(?:\\.${LABEL})*|\\[[0-9a-f:.]{2,45}\\])(?::(\\d{1,5}))?$`);

/**
 * A server's origin as the kiosk will call it: http or https, a lower-case host name, IPv4 address
 * or bracketed IPv6 address, an optional port — no path, no trailing slash, no user info.
 */
export const ServerOriginSchema = z.string().max(200).refine((s) => {
  const m = ORIGIN.exec(s);
  if (!m) return false;
  return m[1] === undefined || (Number(m[1]) >= 1 && Number(m[1]) <= 65_535);
}, 'not an origin such as https://pendaftaran.example.org or http://10.0.0.5:8787');

/**
 * The fingerprint of the server's keys: SHA-256 (lower-case hex) of
 * "KIOSK-SERVER-KEYS-V1\n<sealingPublicKey>\n<receiptPublicKey>", the two keys exactly as the
 * enrolment answer carries them (EnrolResponse: raw 32-byte keys, unpadded base64url). These are
 * the keys a kiosk trusts after enrolment — records are sealed to the first, delivery receipts and
 * outcomes are verified with the second — so a kiosk recomputes it from the answer it got and
 * compares it with the QR's before it keeps the link. (sealingKeyId alone names only the sealing key.)
 */
export function serverKeyFingerprint(keys: Pick<EnrolResponse, 'sealingPublicKey' | 'receiptPublicKey'>): string {
  return bytesToHex(sha256(utf8ToBytes(`${FINGERPRINT_LABEL}\n${keys.sealingPublicKey}\n${keys.receiptPublicKey}`)));
}

export const FingerprintSchema = z.string().regex(/^[0-9a-f]{64}$/);

export const EnrolmentQrSchema = z.object({
  serverUrl: ServerOriginSchema,
  code: EnrolCodeSchema,
  fingerprint: FingerprintSchema,
}).strict();
export type EnrolmentQr = z.infer<typeof EnrolmentQrSchema>;

/** The QR's text; throws on a payload that is not valid (a server bug, never the user's input). */
export function encodeEnrolmentQr(payload: EnrolmentQr): string {
  const p = EnrolmentQrSchema.parse(payload);
  return [ENROLMENT_QR_VERSION, p.code, p.fingerprint, p.serverUrl].join(' ');
}

export type ParsedEnrolmentQr = { ok: true; payload: EnrolmentQr } | { ok: false; reason: 'not-enrolment-qr' | 'other-version' | 'invalid' };

/** Reads a scanned text; anything that is not exactly an enrolment QR of this version is refused. */
export function parseEnrolmentQr(text: string): ParsedEnrolmentQr {
  if (text.length > ENROLMENT_QR_MAX_LENGTH || !/^KE\d+ /.test(text)) return { ok: false, reason: 'not-enrolment-qr' };
  const parts = text.split(' ');
  if (parts[0] !== ENROLMENT_QR_VERSION) return { ok: false, reason: 'other-version' };
  if (parts.length !== 4) return { ok: false, reason: 'invalid' };
  const [, code, fingerprint, serverUrl] = parts;
  const parsed = EnrolmentQrSchema.safeParse({ code, fingerprint, serverUrl });
  // The code as printed: a lower-cased or padded copy is another text than the one the server made.
  if (!parsed.success || parsed.data.code !== code) return { ok: false, reason: 'invalid' };
  return { ok: true, payload: parsed.data };
}

/** Whether an enrolment answer carries the keys the QR named. */
export function keysMatchFingerprint(fingerprint: string, answer: Pick<EnrolResponse, 'sealingPublicKey' | 'receiptPublicKey'>): boolean {
  return serverKeyFingerprint(answer) === fingerprint;
}

/** For people comparing by eye: groups of four, e.g. "5f0c 91ab …". */
export function formatFingerprint(fingerprint: string): string {
  return fingerprint.replace(/(.{4})(?=.)/g, '$1 ');
}
