// Ed25519 signatures over text (device request signing, server receipts), with keys exchanged as
// raw 32-byte public keys in base64url (the JWK `x` member).
import { createPrivateKey, createPublicKey, generateKeyPairSync, sign, verify, type KeyObject } from 'node:crypto';

export interface Ed25519Signer {
  /** The raw public key, base64url. */
  readonly publicKey: string;
  sign(text: string): string;
}

/** A new private key as PKCS#8 DER (what the secret stores keep). */
export function generateEd25519PrivateKey(): Buffer {
  return generateKeyPairSync('ed25519').privateKey.export({ format: 'der', type: 'pkcs8' });
}

export function ed25519Signer(pkcs8Der: Buffer): Ed25519Signer {
  const privateKey = createPrivateKey({ key: pkcs8Der, format: 'der', type: 'pkcs8' });
  if (privateKey.asymmetricKeyType !== 'ed25519') throw new Error('not an Ed25519 private key');
  const jwk = createPublicKey(privateKey).export({ format: 'jwk' });
  if (typeof jwk.x !== 'string') throw new Error('Ed25519 public key has no x');
  return {
    publicKey: jwk.x,
    sign: (text) => sign(null, Buffer.from(text, 'utf8'), privateKey).toString('base64url'),
  };
}

const imported = new Map<string, KeyObject>();
const IMPORTED_MAX = 10_000;

/** The key object of a raw public key; the server checks every request of an enrolled device, so imports are kept (bounded). */
export function ed25519PublicKey(rawBase64Url: string): KeyObject {
  let key = imported.get(rawBase64Url);
  if (!key) {
    key = createPublicKey({ key: { kty: 'OKP', crv: 'Ed25519', x: rawBase64Url }, format: 'jwk' });
    if (imported.size >= IMPORTED_MAX) imported.clear();
    imported.set(rawBase64Url, key);
  }
  return key;
}

/** False for a wrong signature, a malformed one or a malformed key: never throws. */
export function verifyEd25519(publicKey: KeyObject | string, text: string, signatureBase64Url: string): boolean {
  try {
    const key = typeof publicKey === 'string' ? ed25519PublicKey(publicKey) : publicKey;
    return verify(null, Buffer.from(text, 'utf8'), key, Buffer.from(signatureBase64Url, 'base64url'));
  } catch {
    return false;
  }
}
