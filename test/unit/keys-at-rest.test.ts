// Keys and data at rest on the kiosk (issue 15): keys are written durably and never silently
// replaced, a browser-host data directory's plain keys move into the Electron shell's wrapped form
// once, Linux refuses a keyring-less safeStorage, and settled records leave neither their NIK tag nor
// their purged ciphertext in the SQLite files.
import { afterEach, describe, expect, it, vi } from 'vitest';
import type * as NodeFs from 'node:fs';
import Database from 'better-sqlite3';
import { existsSync, readdirSync, readFileSync, statSync, unlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { checkedSecretStore, FileSecretStore, KeyCheckError, keyCheckValue, PLAIN_FILES, type KeyChecks, type SecretWrapping } from '../../node/crypto/secret-store';
import { createKioskServices, type KioskServices, type KioskServicesOptions } from '../../electron/services/kiosk-services';
import { DB_FILE, kioskMigrations, openDatabase } from '../../electron/services/db/open';
import { migrate } from '../../node/sqlite/migrate';
import { insertRecord, listAll } from '../../electron/services/queue/queue-repo';
import { markAcked } from '../../electron/services/sync/sync-repo';
import { keyringRefusal } from '../../electron/services/keyring';
import { SITI } from '../support/identities';
import { applicant, challenges, submission, submissionWithImages } from '../support/submissions';
import { startCentralServer } from '../support/central-server';
import { testProfiles } from '../support/simulated-kiosk';
import { useTempDirs } from './temp-dir';

// Every fsync and rename, by path, to check the order in which a key reaches the disk.
const disk = vi.hoisted(() => ({ events: [] as string[] }));
vi.mock('node:fs', async (importOriginal) => {
  const fs = await importOriginal<typeof NodeFs>();
  const paths = new Map<number, string>();
  return {
    ...fs,
    openSync: (...args: Parameters<typeof fs.openSync>) => {
      const fd = fs.openSync(...args);
      paths.set(fd, String(args[0]));
      return fd;
    },
    fsyncSync: (fd: number) => {
      disk.events.push(`fsync ${paths.get(fd) ?? fd}`);
      fs.fsyncSync(fd);
    },
    renameSync: (from: string, to: string) => {
      disk.events.push(`rename ${from} ${to}`);
      fs.renameSync(from, to);
    },
  };
});

const tempDir = useTempDirs();
const FAST = { probeIntervalMs: 200, backoffBaseMs: 20, backoffCapMs: 200, pauseMs: 200, uploadTimeoutMs: 1_500, probeTimeoutMs: 500 };
const cleanup: (() => Promise<void>)[] = [];
const running = new Set<KioskServices>();
afterEach(async () => {
  for (const k of running) await k.close();
  running.clear();
  for (const fn of cleanup.splice(0).reverse()) await fn();
});

function kiosk(dataDir: string, extra: Partial<KioskServicesOptions> = {}): KioskServices {
  const k = createKioskServices({ dataDir, challenges, sync: FAST, ...extra });
  running.add(k);
  return k;
}
/** Closes a kiosk now (its data directory is reopened by the test). */
async function closed(k: KioskServices): Promise<void> {
  running.delete(k);
  await k.close();
}
function startError(dataDir: string, extra: Partial<KioskServicesOptions> = {}): unknown {
  try {
    kiosk(dataDir, extra);
  } catch (error) {
    return error;
  }
  return undefined;
}
const keyFile = (dataDir: string, name: string) => join(dataDir, 'keys', `${name}.key`);
const flip: SecretWrapping = { suffix: '.wrapped', wrap: (b) => Buffer.from(b.map((x) => x ^ 0xff)), unwrap: (b) => Buffer.from(b.map((x) => x ^ 0xff)) };

describe('key files', () => {
  it('are written to a temporary file, fsynced, renamed into place, and the directory fsynced', () => {
    const dir = tempDir();
    const store = new FileSecretStore(dir);
    disk.events.length = 0;
    store.loadOrCreate('data', () => Buffer.alloc(32, 1));
    const path = store.pathOf('data');
    const tmp = `${path}.${process.pid}.tmp`;
    const order = [`fsync ${tmp}`, `rename ${tmp} ${path}`, `fsync ${store.dir}`];
    expect(disk.events.filter((e) => order.includes(e))).toEqual(order);
    expect(disk.events).toContain(`fsync ${dir}`); // the new keys/ folder itself
    expect(readdirSync(store.dir)).toEqual(['data.key']);
    expect(statSync(path).mode & 0o777).toBe(0o600);
  });
});

describe('key check values', () => {
  const memoryChecks = (): KeyChecks & { values: Map<string, Buffer | null> } => {
    const values = new Map<string, Buffer | null>();
    return { values, get: (n) => values.get(n), set: (n, v) => void values.set(n, v), names: () => [...values.keys()] };
  };

  it('are recorded for a new key and for a key found without one; a recorded key is never re-created', () => {
    const dir = tempDir();
    const checks = memoryChecks();
    const store = checkedSecretStore(new FileSecretStore(dir), checks);
    const key = store.loadOrCreate('data', () => Buffer.alloc(32, 1));
    expect(checks.values.get('data')).toEqual(keyCheckValue(key));
    checks.values.set('device-signing', null); // "must exist": a database from before check values
    expect(() => store.loadOrCreate('device-signing', () => Buffer.alloc(32, 2))).toThrow(KeyCheckError);
    expect(existsSync(keyFile(dir, 'device-signing'))).toBe(false);
    new FileSecretStore(dir).loadOrCreate('device-signing', () => Buffer.alloc(32, 3));
    expect(store.loadOrCreate('device-signing', () => Buffer.alloc(32, 4))).toEqual(Buffer.alloc(32, 3));
    expect(checks.values.get('device-signing')).toEqual(keyCheckValue(Buffer.alloc(32, 3)));
    expect(keyCheckValue(Buffer.alloc(32, 3)).equals(keyCheckValue(Buffer.alloc(32, 4)))).toBe(false);
  });

  it('stop the kiosk when the data key is missing: no new key is made, and the message names the way out', async () => {
    const dir = tempDir();
    const k = kiosk(dir);
    await k.queue.submit(submission(SITI));
    await closed(k);
    const before = readFileSync(keyFile(dir, 'data'));
    unlinkSync(keyFile(dir, 'data'));
    const error = startError(dir);
    expect(error).toBeInstanceOf(KeyCheckError);
    expect(error).toMatchObject({ secret: 'data', problem: 'missing' });
    expect((error as Error).message).toMatch(/keys\/data\.key is missing/);
    expect((error as Error).message).toMatch(/restore the keys\/ folder from the backup of this machine, or move the data directory aside/);
    expect(existsSync(keyFile(dir, 'data'))).toBe(false);
    // Restored from the backup, the kiosk starts and reads its records again.
    writeFileSync(keyFile(dir, 'data'), before, { mode: 0o600 });
    const again = kiosk(dir);
    expect(again.queue.readPayload(listAll(again.db)[0]?.id ?? '').fields.nik).toBe(SITI.nik);
  });

  it('stop the kiosk when a key file holds another key', async () => {
    const dir = tempDir();
    await closed(kiosk(dir));
    writeFileSync(keyFile(dir, 'data'), Buffer.alloc(32, 9));
    expect(startError(dir)).toMatchObject({ name: 'KeyCheckError', secret: 'data', problem: 'mismatch' });
    // Another store handing out another key is refused the same way.
    expect(startError(dir, { secrets: { loadOrCreate: () => Buffer.alloc(32, 1) } })).toMatchObject({ problem: 'mismatch' });
  });

  it('stop the kiosk at start when the device-signing key made for a receipt is missing', async () => {
    const dir = tempDir();
    const k = kiosk(dir);
    await k.queue.submit(submission(SITI)); // the printed receipt's QR is signed: the key is made
    expect(k.db.prepare(`SELECT name FROM key_checks ORDER BY name`).pluck().all()).toEqual(['data', 'device-signing']);
    await closed(k);
    unlinkSync(keyFile(dir, 'device-signing'));
    expect(startError(dir)).toMatchObject({ secret: 'device-signing', problem: 'missing' });
    expect(existsSync(keyFile(dir, 'device-signing'))).toBe(false);
  });

  it('stop an upgraded kiosk whose queue was written before check values and whose data key is lost', async () => {
    const dir = tempDir();
    const old = new Database(join(dir, DB_FILE));
    migrate(old, kioskMigrations(), 70);
    old.prepare(`INSERT INTO device VALUES (1, 'd', 2, 't')`).run();
    old.prepare(`INSERT INTO registrations (id, seq, receipt_number, profile_id, state, nik_tag, payload, sealing, created_at, updated_at)
                 VALUES ('r1', 1, 'R-1', 'sscasn', 'pending', x'01', x'02', 'device', 't', 't')`).run();
    old.close();
    expect(startError(dir)).toMatchObject({ secret: 'data', problem: 'missing' });
    expect(existsSync(keyFile(dir, 'data'))).toBe(false);
    // With its key back, the upgraded kiosk starts and records the key's check value.
    new FileSecretStore(dir).loadOrCreate('data', () => Buffer.alloc(32, 5));
    const k = kiosk(dir);
    expect(k.db.prepare(`SELECT check_value FROM key_checks WHERE name = 'data'`).pluck().get()).toEqual(keyCheckValue(Buffer.alloc(32, 5)));
  });
});

describe('plain keys of a browser-host data directory under a wrapping store', () => {
  it('move into the wrapped form once: written wrapped, then the plain file removed', () => {
    const dir = tempDir();
    const plain = new FileSecretStore(dir).loadOrCreate('data', () => Buffer.alloc(32, 6));
    const wrapped = new FileSecretStore(dir, flip, { legacy: PLAIN_FILES });
    disk.events.length = 0;
    expect(wrapped.loadOrCreate('data', () => Buffer.alloc(32, 7))).toEqual(plain);
    expect(readdirSync(wrapped.dir)).toEqual(['data.wrapped']);
    expect(readFileSync(wrapped.pathOf('data'))).toEqual(flip.wrap(plain));
    expect(disk.events).toContain(`fsync ${wrapped.pathOf('data')}.${process.pid}.tmp`);
    expect(wrapped.loadOrCreate('data', () => Buffer.alloc(32, 7))).toEqual(plain);
  });

  it('finish a move a crash interrupted, and leave a plain key that differs for an operator', () => {
    const dir = tempDir();
    const wrapped = new FileSecretStore(dir, flip, { legacy: PLAIN_FILES });
    wrapped.loadOrCreate('data', () => Buffer.alloc(32, 6));
    writeFileSync(keyFile(dir, 'data'), Buffer.alloc(32, 6), { mode: 0o600 }); // crashed before the removal
    wrapped.loadOrCreate('data', () => Buffer.alloc(32, 7));
    expect(readdirSync(wrapped.dir)).toEqual(['data.wrapped']);
    writeFileSync(keyFile(dir, 'data'), Buffer.alloc(32, 8), { mode: 0o600 });
    expect(wrapped.loadOrCreate('data', () => Buffer.alloc(32, 7))).toEqual(Buffer.alloc(32, 6));
    expect(readdirSync(wrapped.dir).sort()).toEqual(['data.key', 'data.wrapped']);
  });

  it('keep the kiosk\'s records readable when the Electron shell takes over a browser host\'s data directory', async () => {
    const dir = tempDir();
    const host = kiosk(dir);
    const r = await host.queue.submit(submission(SITI));
    await closed(host);
    const shell = kiosk(dir, { secrets: new FileSecretStore(dir, flip, { legacy: PLAIN_FILES }) });
    expect(shell.queue.readPayload(r.id).fields.nik).toBe(SITI.nik);
    expect(readdirSync(join(dir, 'keys')).sort()).toEqual(['data.wrapped', 'device-signing.wrapped']);
  });
});

describe('the keyring safeStorage would use', () => {
  it('is refused on Linux when it is basic_text, with the fix named', () => {
    const refusal = keyringRefusal({ platform: 'linux', encryptionAvailable: true, linuxBackend: 'basic_text' });
    expect(refusal).toMatch(/basic_text/);
    expect(refusal).toMatch(/gnome-keyring/);
    expect(refusal).toMatch(/KWallet/);
    expect(refusal).toMatch(/--password-store=gnome-libsecret/);
    expect(refusal).toMatch(/--password-store=kwallet5/);
    expect(keyringRefusal({ platform: 'linux', encryptionAvailable: true, linuxBackend: 'unknown' })).toBeDefined();
  });

  it('is accepted when it is a real keyring, and refused anywhere encryption is unavailable', () => {
    for (const linuxBackend of ['gnome_libsecret', 'kwallet', 'kwallet5', 'kwallet6']) {
      expect(keyringRefusal({ platform: 'linux', encryptionAvailable: true, linuxBackend })).toBeUndefined();
    }
    expect(keyringRefusal({ platform: 'win32', encryptionAvailable: true })).toBeUndefined();
    expect(keyringRefusal({ platform: 'darwin', encryptionAvailable: true })).toBeUndefined();
    expect(keyringRefusal({ platform: 'win32', encryptionAvailable: false })).toMatch(/unavailable/);
    expect(keyringRefusal({ platform: 'linux', encryptionAvailable: false, linuxBackend: 'gnome_libsecret' })).toMatch(/gnome-keyring/);
  });
});

describe('settled records on disk', () => {
  it('hold no NIK tag once delivered or refused, while waiting ones still keep duplicates out', async () => {
    const central = await startCentralServer(tempDir(), { profiles: testProfiles() });
    cleanup.push(() => central.stop());
    const dir = tempDir();
    const k = kiosk(dir);
    await k.enrol(central.url, await central.enrolCode());
    await k.queue.submit(submission(SITI));
    await k.queue.submit(submission(applicant(3)));
    await expect(k.queue.submit(submission(SITI))).rejects.toMatchObject({ code: 'duplicate-nik' });
    while (k.sync.status().pending > 0) await k.sync.syncNow();
    // The server is the authority now: the same applicant again is queued here and refused there.
    const again = await k.queue.submit(submission(SITI));
    while (k.sync.status().pending > 0) await k.sync.syncNow();
    expect(await k.handlers['kiosk:sync:record']({ id: again.id })).toMatchObject({ state: 'rejected', reason: 'duplicate-nik' });

    const file = new Database(join(dir, DB_FILE), { readonly: true });
    const rows = file.prepare(`SELECT state, nik_tag AS tag FROM registrations ORDER BY seq`).all() as { state: string; tag: Buffer | null }[];
    file.close();
    expect(rows.map((r) => [r.state, r.tag])).toEqual([['acked', null], ['acked', null], ['rejected', null]]);
  });

  it('leave no purged ciphertext in the database or its WAL file', async () => {
    const central = await startCentralServer(tempDir(), { profiles: testProfiles() });
    cleanup.push(() => central.stop());
    const dir = tempDir();
    const k = kiosk(dir);
    await k.enrol(central.url, await central.enrolCode());
    for (let i = 0; i < 3; i++) await k.queue.submit(submissionWithImages(applicant(i), 8 * 1024));
    const ciphertexts = listAll(k.db).map((r) => r.payload ?? Buffer.alloc(0));
    const marker = (c: Buffer) => c.subarray(c.length / 2, c.length / 2 + 64);
    const path = join(dir, DB_FILE);
    expect(ciphertexts.some((c) => readFileSync(`${path}-wal`).includes(marker(c)))).toBe(true); // the check can see them
    while (k.sync.status().pending > 0) await k.sync.syncNow();
    expect(listAll(k.db).map((r) => [r.state, r.payload])).toEqual([['acked', null], ['acked', null], ['acked', null]]);
    // The cycle writes on after the purges (sync state, operators' list), so the WAL is not empty here.
    const wal = existsSync(`${path}-wal`) ? readFileSync(`${path}-wal`) : Buffer.alloc(0);
    const db = readFileSync(path);
    for (const c of ciphertexts) expect([db.includes(marker(c)), wal.includes(marker(c))]).toEqual([false, false]);
  });
});

describe('the purge of a delivered payload', () => {
  it('empties the WAL file, so the zeroed pages are the only copy left', () => {
    const dir = tempDir();
    const db = openDatabase(dir);
    const payload = randomBytes(100_000);
    db.transaction(() => insertRecord(db, { id: 'r1', profileId: 'sscasn', nikTag: randomBytes(32), payload, sealing: 'server', receiptNumber: () => 'R-1' }))();
    const path = join(dir, DB_FILE);
    const marker = payload.subarray(50_000, 50_064);
    expect(readFileSync(`${path}-wal`).includes(marker)).toBe(true);
    expect(markAcked(db, 'r1', null, '{}', new Date())).toBe(true);
    expect(statSync(`${path}-wal`).size).toBe(0);
    expect(readFileSync(path).includes(marker)).toBe(false);
    db.close();
  });

  it('settles the record while another connection reads, and the next purge empties the WAL', () => {
    const dir = tempDir();
    const db = openDatabase(dir);
    const path = join(dir, DB_FILE);
    const insert = (id: string, seq: number) => db.transaction(() => insertRecord(db, {
      id, profileId: 'sscasn', nikTag: randomBytes(32), payload: randomBytes(50_000), sealing: 'server', receiptNumber: () => `R-${seq}`,
    }))();
    insert('r1', 1);
    insert('r2', 2);
    const reader = new Database(path, { readonly: true });
    reader.exec('BEGIN');
    reader.prepare(`SELECT count(*) FROM registrations`).get(); // holds its snapshot
    expect(markAcked(db, 'r1', null, '{}', new Date())).toBe(true);
    expect(statSync(`${path}-wal`).size).toBeGreaterThan(0);
    reader.exec('COMMIT');
    reader.close();
    expect(markAcked(db, 'r2', null, '{}', new Date())).toBe(true);
    expect(statSync(`${path}-wal`).size).toBe(0);
    expect(db.pragma('busy_timeout', { simple: true })).toBe(5000);
    db.close();
  });
});
