// The Electron host keeps the device's secrets (data key, request-signing key) wrapped with
// safeStorage: the OS keychain (DPAPI, Keychain, libsecret) holds the wrapping key, so a copied
// data directory alone does not open the queue or sign requests.
import { safeStorage } from 'electron';
import { FileSecretStore } from '../node/crypto/secret-store';

export function safeStorageSecretStore(dataDir: string): FileSecretStore {
  if (!safeStorage.isEncryptionAvailable()) {
    throw new Error('safeStorage is unavailable (no OS keychain); refusing to keep device keys unwrapped');
  }
  return new FileSecretStore(dataDir, {
    suffix: '.safe',
    wrap: (secret) => safeStorage.encryptString(secret.toString('base64')),
    unwrap: (stored) => Buffer.from(safeStorage.decryptString(stored), 'base64'),
  });
}
