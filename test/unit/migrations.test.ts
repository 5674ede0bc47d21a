import { describe, expect, it } from 'vitest';
import Database from 'better-sqlite3';
import { existsSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { migrate } from '../../node/sqlite/migrate';
import { DatabaseTooNewError } from '../../node/migrations';
import { kioskMigrations, openDatabase, DB_FILE } from '../../electron/services/db/open';
import { useTempDirs } from './temp-dir';

const tempDir = useTempDirs();
const migrations = kioskMigrations();
const latest = migrations.at(-1)?.version ?? 0;

describe('migrations', () => {
  it('are numbered in steps and loaded in order', () => {
    expect(migrations.map((m) => m.version)).toEqual([10, 20, 30, 40, 50, 60, 70, 80, 90]);
  });

  it('create the schema on a fresh database with durable, private pragmas', () => {
    const db = openDatabase(tempDir());
    expect(db.pragma('user_version', { simple: true })).toBe(latest);
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.pragma('synchronous', { simple: true })).toBe(2); // FULL
    expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
    expect(db.pragma('secure_delete', { simple: true })).toBe(1);
    const tables = db.prepare(`SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name`).pluck().all();
    expect(tables).toEqual(['device', 'key_checks', 'kiosk_audit', 'operator_attempts', 'operator_list', 'operators', 'quarantined_databases', 'registrations', 'server_link', 'settings', 'sqlite_sequence', 'sync_state']);
    db.close();
  });

  it('0010 → latest upgrades a database holding records without touching them', () => {
    const dir = tempDir();
    const db = new Database(join(dir, DB_FILE));
    migrate(db, migrations, 10);
    expect(db.pragma('user_version', { simple: true })).toBe(10);
    db.prepare(`INSERT INTO device VALUES (1, 'd', 2, 't')`).run();
    db.prepare(`INSERT INTO registrations (id, seq, receipt_number, profile_id, state, nik_tag, payload, created_at, updated_at)
      VALUES ('r1', 1, 'R-1', 'sscasn', 'pending', x'01', x'02', 't', 't')`).run();
    db.close();

    const upgraded = openDatabase(dir);
    expect(upgraded.pragma('user_version', { simple: true })).toBe(latest);
    expect(upgraded.prepare(`SELECT id, seq, sealing, attempts FROM registrations`).all()).toEqual([{ id: 'r1', seq: 1, sealing: 'device', attempts: 0 }]);
    // An acknowledgement without its delivery receipt, or keeping the payload, is refused by the schema;
    // with both it needs no registration number (review-first profiles are numbered later).
    expect(() => upgraded.prepare(`UPDATE registrations SET state = 'acked', payload = NULL, outcome = 'received'`).run()).toThrow(/needs its delivery receipt/);
    expect(() => upgraded.prepare(`UPDATE registrations SET state = 'acked', server_receipt = '{}', outcome = 'received'`).run()).toThrow(/needs its delivery receipt/);
    // A settled record keeps no NIK tag (0080).
    expect(() => upgraded.prepare(`UPDATE registrations SET state = 'acked', server_receipt = '{}', payload = NULL, outcome = 'received'`).run()).toThrow(/CHECK constraint/);
    upgraded.prepare(`UPDATE registrations SET state = 'acked', server_receipt = '{}', payload = NULL, nik_tag = NULL, outcome = 'received'`).run();
    const indexes = upgraded.prepare(`SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'registrations'`).pluck().all();
    expect(indexes).toContain('registrations_state_seq');
    upgraded.close();
  });

  it('0040 → 0050 keeps delivered records as numbered and pending ones pending', () => {
    const dir = tempDir();
    const db = new Database(join(dir, DB_FILE));
    migrate(db, migrations, 40);
    db.prepare(`INSERT INTO device VALUES (1, 'd', 3, 't')`).run();
    db.prepare(`INSERT INTO registrations (id, seq, receipt_number, profile_id, state, nik_tag, payload, created_at, updated_at, sealing, registration_number, server_receipt, acked_at)
      VALUES ('a', 1, 'R-1', 'sscasn', 'acked', x'01', NULL, 't', 't', 'server', 'REG-2026-0000001', '{}', 't1'),
             ('p', 2, 'R-2', 'sscasn', 'pending', x'02', x'03', 't', 't', 'server', NULL, NULL, NULL)`).run();
    db.close();
    const upgraded = openDatabase(dir);
    expect(upgraded.prepare(`SELECT id, state, outcome, registration_number AS n, settled_at AS settled FROM registrations ORDER BY seq`).all()).toEqual([
      { id: 'a', state: 'acked', outcome: 'numbered', n: 'REG-2026-0000001', settled: 't1' },
      { id: 'p', state: 'pending', outcome: null, n: null, settled: null },
    ]);
    upgraded.close();
  });

  it('0070 → 0080 clears the NIK tags of settled records and remembers which keys must exist', () => {
    const dir = tempDir();
    const db = new Database(join(dir, DB_FILE));
    migrate(db, migrations, 70);
    db.prepare(`INSERT INTO device VALUES (1, 'd', 4, 't')`).run();
    db.prepare(`INSERT INTO server_link VALUES (1, 'http://server', zeroblob(32), 'k', 'pk', 't')`).run();
    db.prepare(`INSERT INTO registrations (id, seq, receipt_number, profile_id, state, nik_tag, payload, sealing, registration_number, server_receipt,
                                           acked_at, outcome, settled_at, created_at, updated_at, exported_at)
      VALUES ('a', 1, 'R-1', 'sscasn', 'acked', x'01', NULL, 'server', 'REG-2026-0000001', '{}', 't1', 'numbered', 't1', 't', 't', NULL),
             ('r', 2, 'R-2', 'sscasn', 'rejected', x'02', x'12', 'server', NULL, NULL, NULL, NULL, NULL, 't', 't', NULL),
             ('p', 3, 'R-3', 'sscasn', 'pending', x'03', x'13', 'server', NULL, NULL, NULL, NULL, NULL, 't', 't', 'te'),
             ('h', 4, 'R-4', 'sscasn', 'held', x'04', x'14', 'device', NULL, NULL, NULL, NULL, NULL, 't', 't', NULL)`).run();
    db.close();
    const upgraded = openDatabase(dir);
    expect(upgraded.prepare(`SELECT id, state, quote(nik_tag) AS tag, quote(payload) AS payload, exported_at AS exported FROM registrations ORDER BY seq`).all()).toEqual([
      { id: 'a', state: 'acked', tag: 'NULL', payload: 'NULL', exported: null },
      { id: 'r', state: 'rejected', tag: 'NULL', payload: "X'12'", exported: null },
      { id: 'p', state: 'pending', tag: "X'03'", payload: "X'13'", exported: 'te' },
      { id: 'h', state: 'held', tag: "X'04'", payload: "X'14'", exported: null },
    ]);
    expect(upgraded.prepare(`SELECT name, check_value AS value FROM key_checks ORDER BY name`).all()).toEqual([
      { name: 'data', value: null }, { name: 'device-signing', value: null },
    ]);
    // Waiting records still keep a second one with the same tag out; settled ones no longer do.
    const insert = upgraded.prepare(`INSERT INTO registrations (id, seq, receipt_number, profile_id, state, nik_tag, payload, sealing, created_at, updated_at)
      VALUES (?, ?, ?, 'sscasn', 'pending', ?, x'00', 'server', 't', 't')`);
    expect(() => insert.run('p2', 5, 'R-5', Buffer.from([3]))).toThrow(/UNIQUE/);
    insert.run('a2', 6, 'R-6', Buffer.from([1]));
    expect(() => upgraded.prepare(`UPDATE registrations SET nik_tag = NULL WHERE id = 'p'`).run()).toThrow(/CHECK constraint/);
    upgraded.close();
  });

  it('0080 on a database without records expects no key yet', () => {
    const db = openDatabase(tempDir());
    expect(db.prepare(`SELECT count(*) FROM key_checks`).pluck().get()).toBe(0);
    db.close();
  });

  it('apply all pending steps in one transaction: a failing step leaves the old version intact', () => {
    const db = new Database(':memory:');
    migrate(db, migrations, 10);
    const broken = [...migrations, { version: 30, name: 'broken', sql: 'CREATE TABLE ok_table (x); SELECT * FROM missing_table;' }];
    expect(() => migrate(db, broken)).toThrow();
    expect(db.pragma('user_version', { simple: true })).toBe(10);
    expect(db.prepare(`SELECT count(*) FROM sqlite_master WHERE name IN ('ok_table', 'registrations_state_seq')`).pluck().get()).toBe(0);
  });

  it('refuse a database newer than the app', () => {
    const dir = tempDir();
    const db = new Database(join(dir, DB_FILE));
    db.pragma(`user_version = ${latest + 10}`);
    db.close();
    expect(() => openDatabase(dir)).toThrow(DatabaseTooNewError);
  });

  it('move a corrupt database aside (never overwrite it) and start a fresh one', () => {
    const dir = tempDir();
    writeFileSync(join(dir, DB_FILE), Buffer.concat([Buffer.from('SQLite format 3\0'), Buffer.alloc(4096, 0xab)]));
    const db = openDatabase(dir, { now: () => new Date('2026-11-22T10:00:00Z') });
    expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
    db.close();
    const aside = readdirSync(dir).filter((f) => f.startsWith(`${DB_FILE}.corrupt-`));
    expect(aside).toEqual([`${DB_FILE}.corrupt-2026-11-22T10-00-00-000Z`]);
    expect(existsSync(join(dir, aside[0] ?? ''))).toBe(true);
  });
});
