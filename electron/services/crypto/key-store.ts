// The device's secrets (the data key, the request-signing key) never leave this machine. The
// browser host keeps each in a 0600 file; the Electron host keeps the same files wrapped with
// safeStorage (the OS keychain) by passing `wrap`/`unwrap`.
import { randomBytes } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

export const DATA_KEY_BYTES = 32;

/** 'data', 'device-signing' on a kiosk; the reference server keeps its own keys the same way. */
export type SecretName = string;

export interface SecretStore {
  /** The secret called `name`; on first use `create` makes it and it is durably stored. */
  loadOrCreate(name: SecretName, create: () => Buffer): Buffer;
}

export interface SecretWrapping {
  /** File name suffix, so wrapped and plain files are never confused. */
  readonly suffix: string;
  wrap(secret: Buffer): Buffer;
  unwrap(stored: Buffer): Buffer;
}

const PLAIN: SecretWrapping = { suffix: '.key', wrap: (b) => b, unwrap: (b) => b };

export class FileSecretStore implements SecretStore {
  readonly dir: string;

  constructor(dataDir: string, private readonly wrapping: SecretWrapping = PLAIN) {
    this.dir = join(dataDir, 'keys');
  }

  pathOf(name: SecretName): string {
    return join(this.dir, name + this.wrapping.suffix);
  }

  loadOrCreate(name: SecretName, create: () => Buffer): Buffer {
    const path = this.pathOf(name);
    if (existsSync(path)) return this.read(path);
    mkdirSync(dirname(path), { recursive: true, mode: 0o700 });
    const secret = create();
    // Write-then-rename: a crash never leaves a half-written key next to an encrypted queue.
    const tmp = `${path}.${process.pid}.tmp`;
    writeFileSync(tmp, this.wrapping.wrap(secret), { mode: 0o600, flag: 'wx' });
    renameSync(tmp, path);
    return secret;
  }

  private read(path: string): Buffer {
    if (process.platform !== 'win32' && (statSync(path).mode & 0o077) !== 0) chmodSync(path, 0o600);
    return this.wrapping.unwrap(readFileSync(path));
  }
}

/** The 32-byte data key that encrypts the local queue and keys the NIK de-duplication tags. */
export function loadDataKey(store: SecretStore): Buffer {
  const key = store.loadOrCreate('data', () => randomBytes(DATA_KEY_BYTES));
  if (key.length !== DATA_KEY_BYTES) {
    throw new Error(`the data key has ${key.length} bytes, expected ${DATA_KEY_BYTES}; refusing to continue`);
  }
  return key;
}
