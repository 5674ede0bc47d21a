// Records sealed to the central server: HPKE (RFC 9180) base mode, DHKEM(X25519, HKDF-SHA256),
// HKDF-SHA256, AES-256-GCM, from @hpke/core. The sealing context (device id + record id) is the
// associated data, so a sealed record moved onto another record or device fails to open. The
// kiosk holds only the public key: once sealed, a record is unreadable on the kiosk.
import { Aes256Gcm, CipherSuite, DhkemX25519HkdfSha256, HkdfSha256 } from '@hpke/core';
import { generateKeyPairSync } from 'node:crypto';

/** First byte of a server-sealed record; 1 is the device's own AES-GCM format (payload-cipher). */
export const SERVER_SEALED_FORMAT = 2;
const ENC_BYTES = 32;
const INFO = new TextEncoder().encode('registration-kiosk/sealed-record/v1');

const suite = new CipherSuite({ kem: new DhkemX25519HkdfSha256(), kdf: new HkdfSha256(), aead: new Aes256Gcm() });

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
  const recipientPublicKey = await suite.kem.deserializePublicKey(publicKey);
  const { enc, ct } = await suite.seal({ recipientPublicKey, info: INFO }, plaintext, new TextEncoder().encode(context));
  return Buffer.concat([Buffer.from([SERVER_SEALED_FORMAT]), Buffer.from(enc), Buffer.from(ct)]);
}

export function isServerSealed(blob: Uint8Array): boolean {
  return blob[0] === SERVER_SEALED_FORMAT;
}

/** Throws when the blob is not a sealed record, was sealed to another key or for another context. */
export async function openRecord(privateKey: Uint8Array, sealed: Uint8Array, context: string): Promise<Buffer> {
  if (sealed.length <= 1 + ENC_BYTES + 16 || !isServerSealed(sealed)) throw new Error('not a server-sealed record');
  const recipientKey = await suite.kem.deserializePrivateKey(privateKey);
  const enc = sealed.slice(1, 1 + ENC_BYTES);
  const plaintext = await suite.open({ recipientKey, enc, info: INFO }, sealed.slice(1 + ENC_BYTES), new TextEncoder().encode(context));
  return Buffer.from(plaintext);
}
