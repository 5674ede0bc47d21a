// The server's own keys, created on first start in its data directory (0600 files): the X25519 key
// records are sealed to, the Ed25519 key receipts are signed with, and the HMAC key for NIK hashes.
import { createHash, createHmac, randomBytes } from 'node:crypto';
import { FileSecretStore } from '../node/crypto/secret-store';
import { generateSealingKeyPair, splitSealingKeyPair, type SealingKeyPair } from '../node/crypto/record-sealing';
import { ed25519Signer, generateEd25519PrivateKey, type Ed25519Signer } from '../node/crypto/ed25519';
import type { KeyFacts, ServerStore } from './store/server-store';

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

/** The public facts of these keys, recorded in the database by the first server to use it. */
function keyFacts(keys: ServerKeys): KeyFacts {
  return {
    sealingKeyId: keys.sealingKeyId,
    receiptPublicKey: keys.receipts.publicKey,
    nikKeyCheck: createHmac('sha256', keys.nikKey).update('registration-server/nik-key-check').digest('hex').slice(0, 32),
  };
}

export class KeysMismatchError extends Error {
  override name = 'KeysMismatchError';
}

/** Refuses keys other than the ones the database was started with (see store/server-keys-table.ts). */
export async function checkKeysAgainst(store: Pick<ServerStore, 'bindKeyFacts'>, keys: ServerKeys, dataDir: string): Promise<void> {
  const mine = keyFacts(keys);
  const recorded = await store.bindKeyFacts(mine, new Date().toISOString());
  const differing = (Object.keys(mine) as (keyof typeof mine)[]).filter((k) => mine[k] !== recorded[k]);
  if (differing.length > 0) {
    throw new KeysMismatchError(`the keys in ${dataDir}/keys are not the ones this database was started with (sealing key ${mine.sealingKeyId}, expected ${recorded.sealingKeyId}); copy keys/ from the first server's data directory — other keys could not open its records, and kiosks would not trust their answers`);
  }
}
