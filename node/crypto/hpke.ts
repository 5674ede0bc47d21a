// HPKE (RFC 9180) base mode, single-shot, for one cipher suite only: DHKEM(X25519, HKDF-SHA256),
// HKDF-SHA256, AES-256-GCM — with node:crypto, synchronously. @hpke/core implements the same
// suite over WebCrypto, one asynchronous call per HKDF step: opening a 300 KB record took 3.2 ms
// of CPU with it and 0.5 ms with this, on the central server and on every kiosk. The tests check
// both directions against @hpke/core (seal here, open there and the reverse) and refuse tampering.
import { createCipheriv, createDecipheriv, createHmac, createPrivateKey, createPublicKey, diffieHellman, generateKeyPairSync, type KeyObject } from 'node:crypto';

const KEM_ID = 0x0020;
const KDF_ID = 0x0001;
const AEAD_ID = 0x0002;
const NK = 32; // AES-256 key
const NN = 12; // nonce
const NT = 16; // tag
const NSECRET = 32;
export const NENC = 32;

const u16 = (n: number): Buffer => Buffer.from([n >> 8, n & 0xff]);
const KEM_SUITE = Buffer.concat([Buffer.from('KEM'), u16(KEM_ID)]);
const HPKE_SUITE = Buffer.concat([Buffer.from('HPKE'), u16(KEM_ID), u16(KDF_ID), u16(AEAD_ID)]);
const V1 = Buffer.from('HPKE-v1');
const EMPTY = Buffer.alloc(0);

const extract = (salt: Buffer, ikm: Buffer): Buffer => createHmac('sha256', salt).update(ikm).digest();
/** HKDF-Expand for L ≤ 32 (one block: every length this suite needs). */
const expand = (prk: Buffer, info: Buffer, length: number): Buffer => createHmac('sha256', prk).update(info).update(Buffer.from([1])).digest().subarray(0, length);
const labeledExtract = (suite: Buffer, salt: Buffer, label: string, ikm: Buffer): Buffer => extract(salt, Buffer.concat([V1, suite, Buffer.from(label), ikm]));
const labeledExpand = (suite: Buffer, prk: Buffer, label: string, info: Buffer, length: number): Buffer =>
  expand(prk, Buffer.concat([u16(length), V1, suite, Buffer.from(label), info]), length);

// Raw X25519 keys (RFC 7748 byte strings) in their fixed DER wrappings (RFC 8410).
const PKCS8_X25519 = Buffer.from('302e020100300506032b656e04220420', 'hex');
const SPKI_X25519 = Buffer.from('302a300506032b656e032100', 'hex');
const publicKeyOf = (raw: Uint8Array): KeyObject => createPublicKey({ key: Buffer.concat([SPKI_X25519, raw]), format: 'der', type: 'spki' });
const rawPublic = (key: KeyObject): Buffer => key.export({ format: 'der', type: 'spki' }).subarray(SPKI_X25519.length);

/** The recipient's private key, imported once. */
export interface HpkeRecipient {
  readonly privateKey: KeyObject;
  readonly publicKey: Buffer;
}

export function hpkeRecipient(rawPrivateKey: Uint8Array): HpkeRecipient {
  if (rawPrivateKey.length !== 32) throw new Error('an X25519 private key has 32 bytes');
  const privateKey = createPrivateKey({ key: Buffer.concat([PKCS8_X25519, rawPrivateKey]), format: 'der', type: 'pkcs8' });
  return { privateKey, publicKey: rawPublic(createPublicKey(privateKey)) };
}

function sharedSecret(dh: Buffer, enc: Buffer, recipientPublic: Buffer): Buffer {
  // RFC 9180 §7.1.4: an all-zero X25519 output means a low-order public key.
  if (dh.every((b) => b === 0)) throw new Error('invalid HPKE public key');
  const prk = labeledExtract(KEM_SUITE, EMPTY, 'eae_prk', dh);
  return labeledExpand(KEM_SUITE, prk, 'shared_secret', Buffer.concat([enc, recipientPublic]), NSECRET);
}

function keySchedule(shared: Buffer, info: Uint8Array): { key: Buffer; nonce: Buffer } {
  const context = Buffer.concat([Buffer.from([0]), labeledExtract(HPKE_SUITE, EMPTY, 'psk_id_hash', EMPTY), labeledExtract(HPKE_SUITE, EMPTY, 'info_hash', Buffer.from(info))]);
  const secret = labeledExtract(HPKE_SUITE, shared, 'secret', EMPTY);
  return { key: labeledExpand(HPKE_SUITE, secret, 'key', context, NK), nonce: labeledExpand(HPKE_SUITE, secret, 'base_nonce', context, NN) };
}

/** Seals `plaintext` to the recipient's raw public key: the encapsulated key and ciphertext ‖ tag. */
export function hpkeSeal(recipientPublicKey: Uint8Array, info: Uint8Array, aad: Uint8Array, plaintext: Uint8Array): { enc: Buffer; ct: Buffer } {
  const pkR = Buffer.from(recipientPublicKey);
  const ephemeral = generateKeyPairSync('x25519');
  const enc = rawPublic(ephemeral.publicKey);
  const { key, nonce } = keySchedule(sharedSecret(diffieHellman({ privateKey: ephemeral.privateKey, publicKey: publicKeyOf(pkR) }), enc, pkR), info);
  const cipher = createCipheriv('aes-256-gcm', key, nonce);
  cipher.setAAD(aad);
  const ct = Buffer.concat([cipher.update(plaintext), cipher.final(), cipher.getAuthTag()]);
  return { enc, ct };
}

/** Opens what hpkeSeal sealed to this recipient with the same info and aad; throws otherwise. */
export function hpkeOpen(recipient: HpkeRecipient, info: Uint8Array, aad: Uint8Array, enc: Uint8Array, ct: Uint8Array): Buffer {
  if (enc.length !== NENC || ct.length < NT) throw new Error('malformed HPKE ciphertext');
  const encBuf = Buffer.from(enc);
  const dh = diffieHellman({ privateKey: recipient.privateKey, publicKey: publicKeyOf(encBuf) });
  const { key, nonce } = keySchedule(sharedSecret(dh, encBuf, recipient.publicKey), info);
  const decipher = createDecipheriv('aes-256-gcm', key, nonce);
  decipher.setAAD(aad);
  decipher.setAuthTag(Buffer.from(ct.subarray(ct.length - NT)));
  return Buffer.concat([decipher.update(ct.subarray(0, ct.length - NT)), decipher.final()]);
}
