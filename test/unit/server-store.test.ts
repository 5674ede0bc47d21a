// The server's store on both engines: claims and their lease, nonces and their pruning, refusal to
// run on a damaged or newer database, and the SQLite upgrade from the first schema.
import { afterEach, describe, expect, it } from 'vitest';
import Database from 'better-sqlite3';
import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import pg from 'pg';
import { openServerStore, SERVER_DB_FILE } from '../../server/store/open-store';
import type { ServerStore } from '../../server/store/server-store';
import { SQLITE_MIGRATIONS } from '../../server/store/sqlite-database';
import { loadMigrations } from '../../node/migrations';
import { migrate } from '../../node/sqlite/migrate';
import { DatabaseTooNewError } from '../../node/migrations';
import { DatabaseCorruptError } from '../../node/sqlite/open';
import { databaseFor, ENGINES } from '../support/engines';
import { startCentralServer } from '../support/central-server';
import { testProfiles } from '../support/simulated-kiosk';
import { KeysMismatchError } from '../../server/keys';
import { useTempDirs } from './temp-dir';

const tempDir = useTempDirs();
const open: ServerStore[] = [];
afterEach(async () => { for (const s of open.splice(0)) await s.close(); });

describe.each(ENGINES)('server store on %s', (engine) => {
  async function store(databaseUrl?: string, dataDir = tempDir()): Promise<ServerStore> {
    const s = await openServerStore({ dataDir, databaseUrl: databaseUrl ?? await databaseFor(engine) });
    open.push(s);
    return s;
  }
  const device = '0b0c1a70-5b4e-4c52-9d47-1f1d1d1d1d1d';
  async function withDevice(s: ServerStore): Promise<ServerStore> {
    const hash = Buffer.alloc(32, 7);
    await s.createEnrolCode(hash, new Date().toISOString(), new Date(Date.now() + 60_000).toISOString());
    expect(await s.enrolDevice(hash, device, 'k', new Date().toISOString())).toBe('enrolled');
    return s;
  }

  it('spends an enrolment code once, and a refused enrolment keeps the code unspent', async () => {
    const s = await withDevice(await store());
    expect(await s.enrolDevice(Buffer.alloc(32, 7), '1b0c1a70-5b4e-4c52-9d47-1f1d1d1d1d1d', 'k', new Date().toISOString())).toBe('invalid-code');
    const hash = Buffer.alloc(32, 8);
    await s.createEnrolCode(hash, new Date().toISOString(), new Date(Date.now() + 60_000).toISOString());
    expect(await s.enrolDevice(hash, device, 'k2', new Date().toISOString())).toBe('already-enrolled');
    expect(await s.enrolDevice(hash, '2b0c1a70-5b4e-4c52-9d47-1f1d1d1d1d1d', 'k', new Date().toISOString())).toBe('enrolled');
  });

  it('stores the first answer to a key with its nonce; a second answer or a spent nonce changes nothing', async () => {
    const s = await withDevice(await store());
    const at = new Date().toISOString();
    const first = { status: 400, body: '{"code":"invalid-payload"}' };
    expect(await s.answerOnce(device, 'key-1', 'aa', first, { value: 'n1', seenAtMs: 1_000 }, at)).toEqual({ kind: 'answered', requestSha256: 'aa', answer: first });
    expect(await s.answerOnce(device, 'key-1', 'bb', { status: 201, body: '{}' }, { value: 'n2', seenAtMs: 1_000 }, at)).toEqual({ kind: 'answered', requestSha256: 'aa', answer: first });
    expect(await s.answerOnce(device, 'key-2', 'cc', first, { value: 'n1', seenAtMs: 1_000 }, at)).toEqual({ kind: 'replayed' });
    expect(await s.findAnswer(device, 'key-2')).toBeUndefined();
    expect(await s.findAnswer(device, 'key-1')).toEqual({ requestSha256: 'aa', answer: first });
    expect(await s.nonceSeen(device, 'n1')).toBe(true);
    // The undone second answer spent nothing.
    expect(await s.nonceSeen(device, 'n2')).toBe(false);
  });

  it('spends a nonce once and prunes the old ones', async () => {
    const s = await withDevice(await store());
    expect(await s.spendNonce(device, 'n1', 1_000)).toBe(true);
    expect(await s.spendNonce(device, 'n1', 1_000)).toBe(false);
    expect(await s.spendNonce(device, 'n2', 5_000)).toBe(true);
    expect(await s.pruneNonces(2_000)).toBe(1);
    expect(await s.spendNonce(device, 'n2', 5_000)).toBe(false);
  });

  it('a server whose keys are not the database’s own refuses to start (a node without a copy of keys/)', async () => {
    const databaseUrl = await databaseFor(engine);
    const dataDir = tempDir();
    const first = await startCentralServer(dataDir, { databaseUrl, profiles: testProfiles() });
    await first.stop();
    // Same keys (a restart, or a node with a copy of keys/): fine.
    await (await startCentralServer(dataDir, { databaseUrl, profiles: testProfiles() })).stop();
    if (engine === 'postgres') {
      await expect(startCentralServer(tempDir(), { databaseUrl, profiles: testProfiles() })).rejects.toThrow(KeysMismatchError);
    } else {
      rmSync(join(dataDir, 'keys'), { recursive: true });
      await expect(startCentralServer(dataDir, { profiles: testProfiles() })).rejects.toThrow(/copy keys\/ from the first server/);
    }
  });

  it('refuses a database newer than this program, with a clear message', async () => {
    if (engine === 'sqlite') {
      const dir = tempDir();
      const db = new Database(join(dir, SERVER_DB_FILE));
      db.pragma('user_version = 9999');
      db.close();
      await expect(store(undefined, dir)).rejects.toThrow(DatabaseTooNewError);
    } else {
      const url = await databaseFor(engine);
      await (await openServerStore({ dataDir: tempDir(), databaseUrl: url })).close();
      const client = new pg.Client({ connectionString: url });
      await client.connect();
      await client.query(`INSERT INTO schema_migrations (version, name) VALUES (9999, 'future')`);
      await client.end();
      await expect(store(url)).rejects.toThrow(/newer than this program supports/);
    }
  });
});

describe('server store on SQLite only', () => {
  it('stops on a damaged database instead of starting afresh (numbers would repeat)', async () => {
    const dir = tempDir();
    writeFileSync(join(dir, SERVER_DB_FILE), Buffer.concat([Buffer.from('SQLite format 3\0'), Buffer.alloc(4096, 0xab)]));
    await expect(openServerStore({ dataDir: dir })).rejects.toThrow(DatabaseCorruptError);
    await expect(openServerStore({ dataDir: dir })).rejects.toThrow(/restore it from a backup/);
  });

  it('upgrades the first schema: registrations keep their numbers and the counter continues after them', async () => {
    const dir = tempDir();
    const db = new Database(join(dir, SERVER_DB_FILE));
    migrate(db, loadMigrations(SQLITE_MIGRATIONS), 10);
    db.prepare(`INSERT INTO devices VALUES ('d', 'k', 't', NULL)`).run();
    db.prepare(`INSERT INTO registrations (seq, registration_number, device_id, record_id, profile_id, nik_hash, sealed, payload_sha256, received_at)
                VALUES (7, 'REG-2026-0000007', 'd', 'r7', 'sscasn', x'01', x'02', 'h', '2026-11-20T00:00:00.000Z')`).run();
    db.prepare(`INSERT INTO registrations (seq, registration_number, device_id, record_id, profile_id, nik_hash, sealed, payload_sha256, received_at)
                VALUES (9, 'REG-2026-0000009', 'd', 'r9', 'lain', x'09', x'02', 'h9', '2026-11-21T00:00:00.000Z')`).run();
    db.prepare(`INSERT INTO idempotency VALUES ('d', 'r7', 'h', 201, '{}', 't')`).run();
    db.close();
    const s = await openServerStore({ dataDir: dir });
    try {
      expect(await s.listRegistrations(0, 10)).toMatchObject([
        { recordId: 'r7', state: 'numbered', registrationNumber: 'REG-2026-0000007' }, { recordId: 'r9', registrationNumber: 'REG-2026-0000009' },
      ]);
      expect(await s.findAnswer('d', 'r7')).toEqual({ requestSha256: 'h', answer: { status: 201, body: '{}' } });
      const now = new Date('2026-11-29T00:00:00Z');
      const stored = await s.storeRegistration(
        { deviceId: 'd', recordId: 'r8', profileId: 'sscasn', nikHash: Buffer.from([2]), sealed: Buffer.from([3]), payloadSha256: 'h8', receivedAt: now.toISOString(),
          numbering: { mode: 'on-accept', prefix: 'REG' }, nonce: { value: 'n', seenAtMs: now.getTime() } },
        (r) => ({ status: 201, body: JSON.stringify(r) }),
      );
      // After the highest REG number of any profile: one counter served them all.
      expect(stored.kind === 'answered' && JSON.parse(stored.answer.body)).toEqual({ kind: 'received', registrationNumber: 'REG-2026-0000010' });
    } finally {
      await s.close();
    }
  });
});
