// Devices: one-time enrolment codes, enrolment, revocation, and the authentication of signed
// requests (known device, not revoked, fresh timestamp, unused nonce, valid Ed25519 signature).
import type Database from 'better-sqlite3';
import { createHash, randomInt } from 'node:crypto';
import {
  requestSigningText, SIGNATURE_HEADERS, SIGNATURE_WINDOW_MS, SignedHeadersSchema, type EnrolRequest, type ServerErrorCode,
} from '../shared/sync/protocol';
import { verifyEd25519 } from '../electron/services/crypto/ed25519';

const CROCKFORD = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
const hashCode = (code: string): Buffer => createHash('sha256').update(code.toUpperCase()).digest();

/** A new one-time code (60 random bits), valid for `ttlHours`; only its hash is stored. */
export function createEnrolCode(db: Database.Database, now: Date, ttlHours = 24): string {
  const chars = Array.from({ length: 12 }, () => CROCKFORD[randomInt(32)]).join('');
  const code = `${chars.slice(0, 4)}-${chars.slice(4, 8)}-${chars.slice(8)}`;
  db.prepare(`INSERT INTO enrol_codes (code_hash, created_at, expires_at) VALUES (?, ?, ?)`)
    .run(hashCode(code), now.toISOString(), new Date(now.getTime() + ttlHours * 3_600_000).toISOString());
  return code;
}

export type EnrolResult = { ok: true } | { ok: false; status: number; code: ServerErrorCode; message: string };

/** Uses the code and records the device in one transaction: a code never enrols two devices. */
export function enrolWithCode(db: Database.Database, req: EnrolRequest, now: Date): EnrolResult {
  return db.transaction((): EnrolResult => {
    const code = db.prepare(`SELECT expires_at AS expiresAt, used_at AS usedAt FROM enrol_codes WHERE code_hash = ?`)
      .get(hashCode(req.code)) as { expiresAt: string; usedAt: string | null } | undefined;
    if (!code || code.usedAt !== null || Date.parse(code.expiresAt) < now.getTime()) {
      return { ok: false, status: 403, code: 'invalid-enrol-code', message: 'the enrolment code is unknown, used or expired' };
    }
    const existing = db.prepare(`SELECT revoked_at AS revokedAt FROM devices WHERE device_id = ?`).get(req.deviceId) as { revokedAt: string | null } | undefined;
    if (existing && existing.revokedAt === null) {
      return { ok: false, status: 409, code: 'device-already-enrolled', message: 'this device is already enrolled; revoke it first to re-enrol' };
    }
    const ts = now.toISOString();
    db.prepare(`UPDATE enrol_codes SET used_at = ?, used_by = ? WHERE code_hash = ?`).run(ts, req.deviceId, hashCode(req.code));
    // A revoked device re-enrolled with a new code gets its new key and is active again.
    db.prepare(`INSERT INTO devices (device_id, signing_key, enrolled_at) VALUES (?, ?, ?)
                ON CONFLICT (device_id) DO UPDATE SET signing_key = excluded.signing_key, enrolled_at = excluded.enrolled_at, revoked_at = NULL`)
      .run(req.deviceId, req.signingPublicKey, ts);
    return { ok: true };
  })();
}

export function revokeDevice(db: Database.Database, deviceId: string, now: Date): boolean {
  return db.prepare(`UPDATE devices SET revoked_at = ? WHERE device_id = ? AND revoked_at IS NULL`).run(now.toISOString(), deviceId).changes === 1;
}

export type AuthResult =
  | { ok: true; deviceId: string; idempotencyKey: string }
  | { ok: false; status: 400 | 401 | 403; code: ServerErrorCode; message: string };

export interface SignedRequest {
  readonly method: string;
  readonly path: string;
  readonly headers: Record<string, string | string[] | undefined>;
  readonly body: Buffer;
  readonly bodySha256: string;
}

export function authenticate(db: Database.Database, req: SignedRequest, nowMs: number): AuthResult {
  if (req.headers[SIGNATURE_HEADERS.signature] === undefined || req.headers[SIGNATURE_HEADERS.device] === undefined) {
    return { ok: false, status: 401, code: 'unsigned-request', message: 'the request carries no device signature' };
  }
  const headers = SignedHeadersSchema.safeParse(req.headers);
  if (!headers.success) {
    return { ok: false, status: 400, code: 'invalid-request', message: `malformed headers: ${headers.error.issues.map((i) => i.path.join('.')).join(', ')}` };
  }
  const h = headers.data;
  const deviceId = h[SIGNATURE_HEADERS.device];
  const device = db.prepare(`SELECT signing_key AS signingKey, revoked_at AS revokedAt FROM devices WHERE device_id = ?`)
    .get(deviceId) as { signingKey: string; revokedAt: string | null } | undefined;
  if (!device) return { ok: false, status: 401, code: 'unknown-device', message: 'this device is not enrolled' };
  if (device.revokedAt !== null) return { ok: false, status: 403, code: 'revoked-device', message: 'this device has been revoked' };
  const timestamp = Number(h[SIGNATURE_HEADERS.timestamp]);
  if (Math.abs(nowMs - timestamp) > SIGNATURE_WINDOW_MS) {
    return { ok: false, status: 401, code: 'stale-request', message: 'the request timestamp is outside the accepted window (check the kiosk clock)' };
  }
  const text = requestSigningText({
    method: req.method, path: req.path, timestamp: h[SIGNATURE_HEADERS.timestamp], nonce: h[SIGNATURE_HEADERS.nonce],
    idempotencyKey: h['idempotency-key'], bodySha256: req.bodySha256,
  });
  if (!verifyEd25519(device.signingKey, text, h[SIGNATURE_HEADERS.signature])) {
    return { ok: false, status: 401, code: 'bad-signature', message: 'the signature does not match the request' };
  }
  // Only a verified request spends its nonce; nonces older than the window can no longer be replayed.
  db.prepare(`DELETE FROM nonces WHERE seen_at < ?`).run(nowMs - 2 * SIGNATURE_WINDOW_MS);
  const fresh = db.prepare(`INSERT OR IGNORE INTO nonces (device_id, nonce, seen_at) VALUES (?, ?, ?)`)
    .run(deviceId, h[SIGNATURE_HEADERS.nonce], timestamp).changes === 1;
  if (!fresh) return { ok: false, status: 401, code: 'replayed-request', message: 'this request was already received' };
  return { ok: true, deviceId, idempotencyKey: h['idempotency-key'] };
}
