// What is left in a damaged queue database that was moved aside (open.ts): the kiosk notes each one
// once (name, time, what it can still read) for the operator's dashboard, and reads its undelivered
// records again for the operator's export. Reading is best effort and read-only — the file is
// evidence and is never written: a damaged page loses the rows on it, not the rest. The payloads
// stay sealed (to the server's key, or with the device key for records queued before enrolment);
// nothing here decrypts.
import Database from 'better-sqlite3';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { log } from '../../../node/log';

/** Moved aside by node/sqlite/open.ts: `<DB_FILE>.corrupt-<ISO time with : and . as ->` (its -wal/-shm beside it). */
const QUARANTINED = /^queue\.db\.corrupt-(\d{4}-\d{2}-\d{2})T(\d{2})-(\d{2})-(\d{2})-(\d{3})Z$/;
/** Rowids probed past the last one read before giving up (a damaged page hides a run of rows). */
const PROBE_AHEAD = 2_000;

export interface SalvagedRecord {
  readonly id: string;
  readonly receiptNumber: string;
  readonly payload: Buffer;
  readonly sealing: 'server' | 'device';
}

export interface Salvage {
  /** The device id the file held (its records' receipts name it); null when that row is unreadable. */
  readonly deviceId: string | null;
  /** Undelivered records read whole, oldest first. */
  readonly records: readonly SalvagedRecord[];
}

export interface QuarantinedDatabase {
  readonly file: string;
  readonly quarantinedAt: string;
  readonly deviceId: string | null;
  readonly serverSealed: number;
  readonly deviceSealed: number;
  readonly exportedAt: string | null;
}

const quarantinedAt = (name: string): string | null => {
  const m = QUARANTINED.exec(name);
  return m ? `${m[1]}T${m[2]}:${m[3]}:${m[4]}.${m[5]}Z` : null;
};

/** Reads one row, or undefined when its page is damaged. */
function tryGet<T>(read: () => T): T | undefined {
  try {
    return read();
  } catch {
    return undefined;
  }
}

/** Every undelivered record still readable in the damaged file at `path`, row by row. */
export function salvage(path: string): Salvage {
  let db: Database.Database;
  try {
    db = new Database(path, { readonly: true, fileMustExist: true });
  } catch {
    return { deviceId: null, records: [] };
  }
  try {
    const deviceId = tryGet(() => db.prepare(`SELECT device_id FROM device WHERE singleton = 1`).pluck().get() as string | undefined) ?? null;
    const row = tryGet(() => db.prepare(`SELECT id, receipt_number AS receiptNumber, payload, sealing, state FROM registrations WHERE rowid = ?`));
    if (!row) return { deviceId, records: [] };
    const records: SalvagedRecord[] = [];
    for (let rowid = 1, lastSeen = 0; rowid <= lastSeen + PROBE_AHEAD; rowid++) {
      const r = tryGet(() => row.get(rowid) as (SalvagedRecord & { state: string }) | undefined);
      if (r === undefined) continue;
      lastSeen = rowid;
      if ((r.state === 'pending' || r.state === 'uploading') && Buffer.isBuffer(r.payload)) {
        records.push({ id: r.id, receiptNumber: r.receiptNumber, payload: r.payload, sealing: r.sealing });
      }
    }
    return { deviceId, records };
  } finally {
    db.close();
  }
}

interface OperatorRow { username: string; display_name: string | null; password_hash: string; disabled: number; updated_at: string }

/**
 * The operators' accounts (server-sent hashes, no applicant data) the damaged file held, into a fresh
 * queue that has none: the fresh queue is not enrolled, so without them no operator could log in to
 * export what the file still holds. The next pull from the server replaces them as usual.
 */
function carryOperators(db: Database.Database, path: string): void {
  if ((db.prepare(`SELECT count(*) FROM operators`).pluck().get() as number) > 0) return;
  let old: Database.Database;
  try {
    old = new Database(path, { readonly: true, fileMustExist: true });
  } catch {
    return;
  }
  try {
    const rows = tryGet(() => old.prepare(`SELECT username, display_name, password_hash, disabled, updated_at FROM operators`).all() as OperatorRow[]) ?? [];
    const insert = db.prepare(`INSERT OR IGNORE INTO operators (username, display_name, password_hash, disabled, updated_at)
                               VALUES (@username, @display_name, @password_hash, @disabled, @updated_at)`);
    db.transaction(() => { for (const r of rows) insert.run(r); })();
  } finally {
    old.close();
  }
}

/** Notes every damaged database in `dataDir` not noted yet, with what it still holds. */
export function noteQuarantined(db: Database.Database, dataDir: string): void {
  const known = new Set(db.prepare(`SELECT file FROM quarantined_databases`).pluck().all() as string[]);
  for (const file of readdirSync(dataDir)) {
    const at = quarantinedAt(file);
    if (!at || known.has(file)) continue;
    const found = salvage(join(dataDir, file));
    carryOperators(db, join(dataDir, file));
    const server = found.records.filter((r) => r.sealing === 'server').length;
    db.prepare(`INSERT INTO quarantined_databases (file, quarantined_at, device_id, server_sealed, device_sealed) VALUES (?, ?, ?, ?, ?)`)
      .run(file, at, found.deviceId, server, found.records.length - server);
    log.warn('db.quarantined-noted', { file, serverSealed: server, deviceSealed: found.records.length - server });
  }
}

export function listQuarantined(db: Database.Database): QuarantinedDatabase[] {
  return db.prepare(`SELECT file, quarantined_at AS quarantinedAt, device_id AS deviceId, server_sealed AS serverSealed,
                            device_sealed AS deviceSealed, exported_at AS exportedAt FROM quarantined_databases ORDER BY quarantined_at`)
    .all() as QuarantinedDatabase[];
}

export function markQuarantinedExported(db: Database.Database, files: readonly string[], now: Date): void {
  const mark = db.prepare(`UPDATE quarantined_databases SET exported_at = ? WHERE file = ?`);
  db.transaction(() => { for (const f of files) mark.run(now.toISOString(), f); })();
}
