// Signed requests from a device to the central server: Ed25519 over the method, path, a fresh
// timestamp and nonce, the idempotency key and the body's SHA-256 (see shared/sync/protocol.ts).
// The kiosk signs with it; the server's tests and the load benchmark sign as simulated kiosks.
import { createHash, randomBytes } from 'node:crypto';
import { requestSigningText, SIGNATURE_HEADERS } from '../../shared/sync/protocol';
import type { Ed25519Signer } from './ed25519';

export function sha256Hex(data: Uint8Array): string {
  return createHash('sha256').update(data).digest('hex');
}

/** Signed headers for one request: a fresh timestamp and nonce every attempt. `bodySha256` when the caller has it already. */
export function signRequest(signer: Ed25519Signer, deviceId: string, method: string, path: string, idempotencyKey: string, body: Uint8Array,
  nowMs = Date.now(), bodySha256 = sha256Hex(body)): Record<string, string> {
  const timestamp = String(nowMs);
  const nonce = randomBytes(16).toString('base64url');
  const signature = signer.sign(requestSigningText({ method, path, timestamp, nonce, idempotencyKey, bodySha256 }));
  return {
    [SIGNATURE_HEADERS.device]: deviceId,
    [SIGNATURE_HEADERS.timestamp]: timestamp,
    [SIGNATURE_HEADERS.nonce]: nonce,
    [SIGNATURE_HEADERS.signature]: signature,
    'idempotency-key': idempotencyKey,
  };
}
