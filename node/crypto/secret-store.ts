// Secrets that never leave their machine, one file each in `<dataDir>/keys/`: the kiosk's data key
// and request-signing key, the central server's sealing, receipt and NIK keys. Plain files are
// 0600; the Electron host wraps the same files with safeStorage (the OS keychain) through `wrapping`.
import { chmodSync, existsSync, mkdirSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

/** 'data', 'device-signing' on a kiosk; 'server-sealing', 'server-receipt', 'server-nik' on the server. */
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
