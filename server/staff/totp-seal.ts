// A staff member's TOTP secret at rest: AES-256-GCM under a key derived from the server's keys (kept
// with them, never in the database), the account's id as associated data so a sealed secret copied
// onto another account's row does not open. Layout: 12-byte nonce | 16-byte tag | ciphertext.
import { createCipheriv, createDecipheriv, createHmac, randomBytes } from 'node:crypto';
import type { ServerKeys } from '../keys';

const NONCE = 12;
const TAG = 16;

/** Derived from the server's HMAC key with its own label, like the audit chain's key. */
export const totpKeyOf = (keys: Pick<ServerKeys, 'nikKey'>): Buffer => createHmac('sha256', keys.nikKey).update('registration-server/staff-totp-v1').digest();

const associated = (staffId: number): Buffer => Buffer.from(`staff-totp\0${staffId}`, 'utf8');

export function sealTotpSecret(key: Buffer, staffId: number, secret: Buffer): Buffer {
  const nonce = randomBytes(NONCE);
  const cipher = createCipheriv('aes-256-gcm', key, nonce).setAAD(associated(staffId));
  const body = Buffer.concat([cipher.update(secret), cipher.final()]);
  return Buffer.concat([nonce, cipher.getAuthTag(), body]);
}

/** The secret, or undefined when the sealed bytes were altered, belong to another account or key. */
export function openTotpSecret(key: Buffer, staffId: number, sealed: Buffer): Buffer | undefined {
  if (sealed.length <= NONCE + TAG) return undefined;
  try {
    const decipher = createDecipheriv('aes-256-gcm', key, sealed.subarray(0, NONCE)).setAAD(associated(staffId));
    decipher.setAuthTag(sealed.subarray(NONCE, NONCE + TAG));
    return Buffer.concat([decipher.update(sealed.subarray(NONCE + TAG)), decipher.final()]);
  } catch {
    return undefined;
  }
}
