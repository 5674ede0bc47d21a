// Records sealed to the central server: HPKE (RFC 9180) base mode, DHKEM(X25519, HKDF-SHA256),
// HKDF-SHA256, AES-256-GCM (hpke.ts). The sealing context (device id + record id) is the
// associated data, so a sealed record moved onto another record or device fails to open. The
// kiosk holds only the public key: once sealed, a record is unreadable on the kiosk.
import { generateKeyPairSync } from 'node:crypto';
import { hpkeOpen, hpkeRecipient, hpkeSeal, NENC } from './hpke';

/** First byte of a server-sealed record; 1 is the device's own AES-GCM format (payload-cipher). */
export const SERVER_SEALED_FORMAT = 2;
const INFO = new TextEncoder().encode('registration-kiosk/sealed-record/v1');
const text = (s: string): Buffer => Buffer.from(s, 'utf8');

export interface SealingKeyPair {
  readonly publicKey: Buffer;
  readonly privateKey: Buffer;
}

/** Raw X25519 keys (RFC 7748 byte strings, as HPKE serialises them): private ‖ public, 64 bytes. */
export function generateSealingKeyPair(): Buffer {
  const jwk = generateKeyPairSync('x25519').privateKey.export({ format: 'jwk' });
  if (typeof jwk.d !== 'string' || typeof jwk.x !== 'string') throw new Error('X25519 key export failed');
  return Buffer.concat([Buffer.from(jwk.d, 'base64url'), Buffer.from(jwk.x, 'base64url')]);
}

export function splitSealingKeyPair(stored: Buffer): SealingKeyPair {
  if (stored.length !== 64) throw new Error(`sealing key pair has ${stored.length} bytes, expected 64`);
  return { privateKey: stored.subarray(0, 32), publicKey: stored.subarray(32) };
}

export async function sealRecord(publicKey: Uint8Array, plaintext: Uint8Array, context: string): Promise<Buffer> {
  const { enc, ct } = hpkeSeal(publicKey, INFO, text(context), plaintext);
  return Buffer.concat([Buffer.from([SERVER_SEALED_FORMAT]), enc, ct]);
}

export function isServerSealed(blob: Uint8Array): boolean {
  return blob[0] === SERVER_SEALED_FORMAT;
}

/**
 * Opens records sealed to one private key (imported once); the opener throws for a blob that is not
 * a sealed record, was sealed to another key or for another context.
 */
export type RecordOpener = (sealed: Uint8Array, context: string) => Promise<Buffer>;

export function recordOpener(privateKey: Uint8Array): RecordOpener {
  const recipient = hpkeRecipient(privateKey);
  return async (sealed, context) => {
    if (sealed.length <= 1 + NENC + 16 || !isServerSealed(sealed)) throw new Error('not a server-sealed record');
    return hpkeOpen(recipient, INFO, text(context), sealed.subarray(1, 1 + NENC), sealed.subarray(1 + NENC));
  };
}
