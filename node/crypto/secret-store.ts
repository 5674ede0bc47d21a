// Secrets that never leave their machine, one file each in `<dataDir>/keys/`: the kiosk's data key
// and request-signing key, the central server's sealing, receipt and NIK keys. Plain files are
// 0600; the Electron host wraps the same files with safeStorage (the OS keychain) through `wrapping`.
//
// Invariant: a key that records depend on is never silently replaced. A key is made only when none
// exists; `checkedSecretStore` adds the kiosk's rule that a key its database remembers (by a check
// value) must be found again and must match, or the program stops (KeyCheckError).
import { chmodSync, closeSync, existsSync, fsyncSync, mkdirSync, openSync, readFileSync, renameSync, statSync, unlinkSync, writeFileSync } from 'node:fs';
import { createHmac, timingSafeEqual } from 'node:crypto';
import { dirname, join } from 'node:path';
import { log } from '../log';

/** 'data', 'device-signing' on a kiosk; 'server-sealing', 'server-receipt', 'server-nik' on the server. */
export type SecretName = string;

export interface SecretStore {
  /** The secret called `name`; on first use `create` makes it and it is durably stored. */
  loadOrCreate(name: SecretName, create: () => Buffer): Buffer;
  /** Where the secret is kept, for messages to an operator. */
  pathOf?(name: SecretName): string;
}

export interface SecretWrapping {
  /** File name suffix, so wrapped and plain files are never confused. */
  readonly suffix: string;
  wrap(secret: Buffer): Buffer;
  unwrap(stored: Buffer): Buffer;
}

/** 0600 files, as the browser host and the server keep them. */
export const PLAIN_FILES: SecretWrapping = { suffix: '.key', wrap: (b) => b, unwrap: (b) => b };

/** Makes a directory entry (a create, rename or unlink in `dir`) survive a power cut. Windows cannot open a directory for it. */
function fsyncDir(dir: string): void {
  if (process.platform === 'win32') return;
  const fd = openSync(dir, 'r');
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

/**
 * Write, fsync, rename, fsync the directory: after a crash or power cut the file holds either its
 * old content or all of the new one, never a half-written or vanished key.
 */
export function writeFileDurably(path: string, data: Buffer): void {
  const tmp = `${path}.${process.pid}.tmp`;
  const fd = openSync(tmp, 'wx', 0o600);
  try {
    writeFileSync(fd, data);
    fsyncSync(fd);
  } catch (error) {
    closeSync(fd);
    unlinkSync(tmp);
    throw error;
  }
  closeSync(fd);
  renameSync(tmp, path);
  fsyncDir(dirname(path));
}

export interface FileSecretStoreOptions {
  /**
   * How an earlier host of the same data directory kept its secrets (the browser host's plain files,
   * for the Electron shell). A secret found only in that form is moved into this store's form once:
   * written wrapped and durably, then the old file is removed.
   */
  readonly legacy?: SecretWrapping;
}

export class FileSecretStore implements SecretStore {
  readonly dir: string;
  private readonly legacy: SecretWrapping | undefined;

  constructor(dataDir: string, private readonly wrapping: SecretWrapping = PLAIN_FILES, options: FileSecretStoreOptions = {}) {
    this.dir = join(dataDir, 'keys');
    if (options.legacy?.suffix === wrapping.suffix) throw new Error('a legacy wrapping needs its own file suffix');
    this.legacy = options.legacy;
  }

  pathOf(name: SecretName): string {
    return join(this.dir, name + this.wrapping.suffix);
  }

  loadOrCreate(name: SecretName, create: () => Buffer): Buffer {
    const found = this.load(name);
    if (found) return found;
    const secret = create();
    this.save(name, secret);
    return secret;
  }

  /** The secret, or undefined when there is none in either form. */
  private load(name: SecretName): Buffer | undefined {
    const path = this.pathOf(name);
    const legacyPath = this.legacy && join(this.dir, name + this.legacy.suffix);
    const old = this.legacy && legacyPath && existsSync(legacyPath) ? { wrapping: this.legacy, path: legacyPath } : undefined;
    if (existsSync(path)) {
      const secret = this.read(path, this.wrapping);
      // A crash between writing the wrapped form and removing the old one leaves both.
      if (old) this.dropLegacy(name, old.path, secret, old.wrapping);
      return secret;
    }
    if (!old) return undefined;
    const secret = this.read(old.path, old.wrapping);
    this.save(name, secret);
    unlinkSync(old.path);
    fsyncDir(this.dir);
    log.info('keys.migrated', { name, to: this.wrapping.suffix });
    return secret;
  }

  /** Removes the old form once the wrapped one holds the same secret; a different one is left for an operator to judge. */
  private dropLegacy(name: SecretName, legacyPath: string, secret: Buffer, legacy: SecretWrapping): void {
    const old = this.read(legacyPath, legacy);
    const same = old.length === secret.length && timingSafeEqual(old, secret);
    old.fill(0);
    if (!same) {
      log.warn('keys.legacy-differs', { name });
      return;
    }
    unlinkSync(legacyPath);
    fsyncDir(this.dir);
  }

  private save(name: SecretName, secret: Buffer): void {
    if (mkdirSync(this.dir, { recursive: true, mode: 0o700 }) !== undefined) fsyncDir(dirname(this.dir));
    writeFileDurably(this.pathOf(name), this.wrapping.wrap(secret));
  }

  private read(path: string, wrapping: SecretWrapping): Buffer {
    if (process.platform !== 'win32' && (statSync(path).mode & 0o077) !== 0) chmodSync(path, 0o600);
    return wrapping.unwrap(readFileSync(path));
  }
}

/**
 * What a database remembers of its keys: a check value per key name (keyCheckValue), or null for a
 * key that must exist but has no check value yet (a database written before check values).
 */
export interface KeyChecks {
  /** undefined: this key was never recorded; null: recorded as existing, value not yet known. */
  get(name: SecretName): Buffer | null | undefined;
  /** Records the check value of a key found or made now. */
  set(name: SecretName, value: Buffer): void;
  /** Every key recorded. */
  names(): SecretName[];
}

const CHECK_CONSTANT = 'registration-kiosk/key-check/v1';

/** HMAC-SHA256 of a fixed text under the key: tells keys apart without revealing anything about them. */
export function keyCheckValue(secret: Buffer): Buffer {
  return createHmac('sha256', secret).update(CHECK_CONSTANT, 'utf8').digest();
}

export class KeyCheckError extends Error {
  constructor(readonly secret: SecretName, readonly problem: 'missing' | 'mismatch', readonly path: string) {
    super(`${problem === 'missing'
      ? `the key ${path} is missing, but this data directory's records were written with it`
      : `the key ${path} is not the key this data directory's records were written with`}. No new key was made: the kiosk does not start, so that no record becomes unreadable. Way out: restore the keys/ folder from the backup of this machine, or move the data directory aside and start with a fresh one (the records in the old one stay sealed).`);
    this.name = 'KeyCheckError';
  }
}

export interface CheckedSecretStore extends SecretStore {
  /** Loads every key the database recorded and not yet loaded here, so a lost one stops the start, not a later sync. */
  verifyRecorded(): void;
}

/**
 * `store`, held to the check values in `checks`: a recorded key that is missing is never re-created
 * and a key that does not match is refused (KeyCheckError); a key without a check value gets one.
 */
export function checkedSecretStore(store: SecretStore, checks: KeyChecks): CheckedSecretStore {
  const verified = new Set<SecretName>();
  const where = (name: SecretName): string => store.pathOf?.(name) ?? name;
  /** Without `create`, a missing key is an error whether or not it was recorded. */
  const open = (name: SecretName, create?: () => Buffer): Buffer => {
    const expected = checks.get(name);
    const secret = store.loadOrCreate(name, () => {
      if (expected !== undefined || !create) throw new KeyCheckError(name, 'missing', where(name));
      return create();
    });
    const actual = keyCheckValue(secret);
    if (!expected) {
      checks.set(name, actual);
    } else if (!(expected.length === actual.length && timingSafeEqual(expected, actual))) {
      secret.fill(0);
      throw new KeyCheckError(name, 'mismatch', where(name));
    }
    verified.add(name);
    return secret;
  };
  return {
    loadOrCreate: open,
    pathOf: where,
    verifyRecorded() {
      for (const name of checks.names()) if (!verified.has(name)) open(name).fill(0);
    },
  };
}
