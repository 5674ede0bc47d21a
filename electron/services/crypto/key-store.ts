// The device data key: 32 random bytes that never leave this machine. The browser host keeps it in
// a 0600 file; the Electron host will wrap the same bytes with safeStorage (a KeyStore of its own).
import { randomBytes } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

export const DATA_KEY_BYTES = 32;

export interface KeyStore {
  /** Returns the existing key, or creates and durably stores a new one. */
  loadOrCreate(): Buffer;
}

export class FileKeyStore implements KeyStore {
  readonly path: string;

  constructor(dataDir: string) {
    this.path = join(dataDir, 'keys', 'data.key');
  }

  loadOrCreate(): Buffer {
    if (existsSync(this.path)) return this.read();
    mkdirSync(dirname(this.path), { recursive: true, mode: 0o700 });
    const key = randomBytes(DATA_KEY_BYTES);
    // Write-then-rename so a crash never leaves a half-written key next to an encrypted queue.
    const tmp = `${this.path}.${process.pid}.tmp`;
    writeFileSync(tmp, key, { mode: 0o600, flag: 'wx' });
    renameSync(tmp, this.path);
    return key;
  }

  private read(): Buffer {
    if (process.platform !== 'win32' && (statSync(this.path).mode & 0o077) !== 0) {
      chmodSync(this.path, 0o600);
    }
    const key = readFileSync(this.path);
    if (key.length !== DATA_KEY_BYTES) {
      throw new Error(`data key at ${this.path} has ${key.length} bytes, expected ${DATA_KEY_BYTES}; refusing to continue`);
    }
    return key;
  }
}
