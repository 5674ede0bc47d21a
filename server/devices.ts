// Devices: one-time enrolment codes, enrolment, revocation, and the authentication of signed
// requests (known device, not revoked, fresh timestamp, valid Ed25519 signature). A verified
// request's nonce is spent by the database together with what the request stores: single use
// across every process.
import { createHash, generateKeyPairSync, randomInt } from 'node:crypto';
import {
  requestSigningText, SIGNATURE_HEADERS, SIGNATURE_WINDOW_MS, SignedHeadersSchema, type EnrolRequest, type ServerErrorCode,
} from '../shared/sync/protocol';
import { verifyEd25519 } from '../node/crypto/ed25519';
import type { ServerStore } from './store/server-store';

const CROCKFORD = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
const hashCode = (code: string): Buffer => createHash('sha256').update(code.toUpperCase()).digest();

export interface IssuedEnrolCode {
  readonly code: string;
  readonly expiresAt: string;
}

/**
 * A new one-time code (60 random bits), valid for `ttlHours`; only its hash is stored, with the
 * admin who asked for it (`createdBy`; none from the command line).
 */
export async function issueEnrolCode(store: Pick<ServerStore, 'kiosks'>, now: Date, ttlHours = 24, createdBy: string | null = null): Promise<IssuedEnrolCode> {
  const chars = Array.from({ length: 12 }, () => CROCKFORD[randomInt(32)]).join('');
  const code = `${chars.slice(0, 4)}-${chars.slice(4, 8)}-${chars.slice(8)}`;
  const expiresAt = new Date(now.getTime() + ttlHours * 3_600_000).toISOString();
  await store.kiosks.createEnrolCode(hashCode(code), now.toISOString(), expiresAt, createdBy);
  return { code, expiresAt };
}

export async function createEnrolCode(store: Pick<ServerStore, 'kiosks'>, now: Date, ttlHours = 24): Promise<string> {
  return (await issueEnrolCode(store, now, ttlHours)).code;
}

export type EnrolResult = { ok: true } | { ok: false; status: number; code: ServerErrorCode; message: string };

export async function enrolWithCode(store: ServerStore, req: EnrolRequest, now: Date): Promise<EnrolResult> {
  const outcome = await store.enrolDevice(hashCode(req.code), req.deviceId, req.signingPublicKey, now.toISOString());
  if (outcome === 'invalid-code') return { ok: false, status: 403, code: 'invalid-enrol-code', message: 'the enrolment code is unknown, used or expired' };
  if (outcome === 'already-enrolled') return { ok: false, status: 409, code: 'device-already-enrolled', message: 'this device is already enrolled; revoke it first to re-enrol' };
  return { ok: true };
}

export type AuthResult =
  /** The nonce is not spent yet: the caller spends it with the request's effect. */
  | { ok: true; deviceId: string; idempotencyKey: string; nonce: { value: string; seenAtMs: number } }
  | { ok: false; status: 400 | 401 | 403 | 429; code: ServerErrorCode; message: string };

export interface SignedRequest {
  readonly method: string;
  readonly path: string;
  readonly headers: Record<string, string | string[] | undefined>;
  readonly bodySha256: string;
}

/**
 * Verified against when the named device is unknown, so that case costs what a bad signature costs
 * (here, and for a printed receipt's code: receipts.ts).
 */
export const DECOY_KEY = generateKeyPairSync('ed25519').publicKey;
/**
 * One answer for "no such device" and "not signed by its key". 'bad-signature' rather than
 * 'unknown-device': the kiosk pauses on it (sync-classify) where 'unknown-device' would also freeze
 * its intake (shared/intake.ts), and a body altered in transit must not stop registrations.
 */
const NOT_RECOGNISED = { ok: false, status: 401, code: 'bad-signature', message: 'the signature does not match the request, or the device is not enrolled' } as const;

/**
 * Checks in an order that tells a stranger nothing about a device id it names: the timestamp (no
 * lookup), then the signature against the device's key — or a decoy key when there is no such
 * device, so both take one verification and get the same answer — and only a verified device learns
 * that it is revoked. Nothing here writes: presence and rate counters are the caller's, after `ok`.
 */
export async function authenticate(store: ServerStore, req: SignedRequest, nowMs: number): Promise<AuthResult> {
  if (req.headers[SIGNATURE_HEADERS.signature] === undefined || req.headers[SIGNATURE_HEADERS.device] === undefined) {
    return { ok: false, status: 401, code: 'unsigned-request', message: 'the request carries no device signature' };
  }
  const headers = SignedHeadersSchema.safeParse(req.headers);
  if (!headers.success) {
    return { ok: false, status: 400, code: 'invalid-request', message: `malformed headers: ${headers.error.issues.map((i) => i.path.join('.')).join(', ')}` };
  }
  const h = headers.data;
  const deviceId = h[SIGNATURE_HEADERS.device];
  const timestamp = Number(h[SIGNATURE_HEADERS.timestamp]);
  if (Math.abs(nowMs - timestamp) > SIGNATURE_WINDOW_MS) {
    return { ok: false, status: 401, code: 'stale-request', message: 'the request timestamp is outside the accepted window (check the kiosk clock)' };
  }
  const text = requestSigningText({
    method: req.method, path: req.path, timestamp: h[SIGNATURE_HEADERS.timestamp], nonce: h[SIGNATURE_HEADERS.nonce],
    idempotencyKey: h['idempotency-key'], bodySha256: req.bodySha256,
  });
  const device = await store.findDevice(deviceId);
  const verified = verifyEd25519(device ? device.signingKey : DECOY_KEY, text, h[SIGNATURE_HEADERS.signature]);
  if (!device || !verified) return NOT_RECOGNISED;
  if (device.revokedAt !== null) return { ok: false, status: 403, code: 'revoked-device', message: 'this device has been revoked' };
  return { ok: true, deviceId, idempotencyKey: h['idempotency-key'], nonce: { value: h[SIGNATURE_HEADERS.nonce], seenAtMs: timestamp } };
}

/** Nonces older than this can never be accepted again (their timestamp is outside the window). */
export const NONCE_RETENTION_MS = 2 * SIGNATURE_WINDOW_MS;
