// AES-256-GCM for queued payloads and an HMAC for NIK de-duplication, both from the device data key
// through HKDF with distinct labels, so neither key can be derived from the other.
import { createCipheriv, createDecipheriv, createHmac, hkdfSync, randomBytes } from 'node:crypto';
import type { SecretStore } from '../../../node/crypto/secret-store';

export const DATA_KEY_BYTES = 32;

/** The 32-byte data key that encrypts the local queue and keys the NIK de-duplication tags. */
export function loadDataKey(store: SecretStore): Buffer {
  const key = store.loadOrCreate('data', () => randomBytes(DATA_KEY_BYTES));
  if (key.length !== DATA_KEY_BYTES) {
    throw new Error(`the data key has ${key.length} bytes, expected ${DATA_KEY_BYTES}; refusing to continue`);
  }
  return key;
}

const FORMAT_V1 = 1;
const IV_BYTES = 12;
const TAG_BYTES = 16;

export interface PayloadCipher {
  seal(plaintext: Buffer, associatedData: string): Buffer;
  open(sealed: Buffer, associatedData: string): Buffer;
  /** Keyed hash: equal inputs give equal tags on this device, and the tag reveals nothing offline. */
  tag(value: string): Buffer;
}

function derive(dataKey: Buffer, label: string): Buffer {
  return Buffer.from(hkdfSync('sha256', dataKey, Buffer.alloc(0), `registration-kiosk/${label}`, 32));
}

export function createPayloadCipher(dataKey: Buffer): PayloadCipher {
  const encKey = derive(dataKey, 'payload-aes-256-gcm/v1');
  const macKey = derive(dataKey, 'nik-hmac-sha256/v1');
  return {
    // Layout: version(1) | iv(12) | ciphertext | tag(16). The associated data binds the blob to its
    // record, so a blob copied onto another row fails to open.
    seal(plaintext, associatedData) {
      const iv = randomBytes(IV_BYTES);
      const cipher = createCipheriv('aes-256-gcm', encKey, iv);
      cipher.setAAD(Buffer.from(associatedData, 'utf8'));
      const body = Buffer.concat([cipher.update(plaintext), cipher.final()]);
      return Buffer.concat([Buffer.from([FORMAT_V1]), iv, body, cipher.getAuthTag()]);
    },
    open(sealed, associatedData) {
      if (sealed.length < 1 + IV_BYTES + TAG_BYTES || sealed[0] !== FORMAT_V1) {
        throw new Error('sealed payload has an unknown format');
      }
      const iv = sealed.subarray(1, 1 + IV_BYTES);
      const tag = sealed.subarray(sealed.length - TAG_BYTES);
      const decipher = createDecipheriv('aes-256-gcm', encKey, iv);
      decipher.setAAD(Buffer.from(associatedData, 'utf8'));
      decipher.setAuthTag(tag);
      return Buffer.concat([decipher.update(sealed.subarray(1 + IV_BYTES, sealed.length - TAG_BYTES)), decipher.final()]);
    },
    tag(value) {
      return createHmac('sha256', macKey).update(value, 'utf8').digest();
    },
  };
}
