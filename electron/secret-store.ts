// The Electron host keeps the device's secrets (data key, request-signing key) wrapped with
// safeStorage: the OS keychain (DPAPI, Keychain, libsecret) holds the wrapping key, so a copied
// data directory alone does not open the queue or sign requests. A data directory first used by the
// browser host has plain 0600 key files: each is moved into its wrapped form once, at first use.
import { safeStorage } from 'electron';
import { FileSecretStore, PLAIN_FILES } from '../node/crypto/secret-store';
import { KeyringError, keyringRefusal } from './services/keyring';

export function safeStorageSecretStore(dataDir: string): FileSecretStore {
  const refusal = keyringRefusal({
    platform: process.platform,
    encryptionAvailable: safeStorage.isEncryptionAvailable(),
    ...(process.platform === 'linux' ? { linuxBackend: safeStorage.getSelectedStorageBackend() } : {}),
  });
  if (refusal) throw new KeyringError(refusal);
  return new FileSecretStore(dataDir, {
    suffix: '.safe',
    wrap: (secret) => safeStorage.encryptString(secret.toString('base64')),
    unwrap: (stored) => Buffer.from(safeStorage.decryptString(stored), 'base64'),
  }, { legacy: PLAIN_FILES });
}
