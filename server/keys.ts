// The server's own keys, created on first start in its data directory (0600 files): the X25519 key
// records are sealed to, the Ed25519 key receipts are signed with, and the HMAC key for NIK hashes.
import { createHash, randomBytes } from 'node:crypto';
import { FileSecretStore } from '../node/crypto/secret-store';
import { generateSealingKeyPair, splitSealingKeyPair, type SealingKeyPair } from '../node/crypto/record-sealing';
import { ed25519Signer, generateEd25519PrivateKey, type Ed25519Signer } from '../node/crypto/ed25519';

export interface ServerKeys {
  readonly sealing: SealingKeyPair;
  /** Names the sealing key, so a future rotation can tell records apart. */
  readonly sealingKeyId: string;
  readonly receipts: Ed25519Signer;
  readonly nikKey: Buffer;
}

export function loadServerKeys(dataDir: string): ServerKeys {
  const store = new FileSecretStore(dataDir);
  const sealing = splitSealingKeyPair(store.loadOrCreate('server-sealing', generateSealingKeyPair));
  return {
    sealing,
    sealingKeyId: createHash('sha256').update(sealing.publicKey).digest('hex').slice(0, 16),
    receipts: ed25519Signer(store.loadOrCreate('server-receipt', generateEd25519PrivateKey)),
    nikKey: store.loadOrCreate('server-nik', () => randomBytes(32)),
  };
}
