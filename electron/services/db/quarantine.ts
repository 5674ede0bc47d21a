// What is left in a damaged queue database that was moved aside (open.ts): the kiosk notes each one
// once (name, time, how many records it can still read — counted without loading a payload) for the
// operator's dashboard, and reads its undelivered records again, one at a time, for the operator's
// export. Reading is best effort and read-only — the file is
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
  /** Sealed to the server's key, as it would have been uploaded. */
  readonly payload: Buffer;
}

/** What a damaged file still holds, counted without reading a payload. */
export interface SalvageCount {
  /** The device id the file held (its records' receipts name it); null when that row is unreadable. */
  readonly deviceId: string | null;
  /** Undelivered records sealed to the server. */
  readonly serverSealed: number;
  /** Undelivered records sealed with the device key only (queued before enrolment). */
  readonly deviceSealed: number;
}

export interface QuarantinedDatabase {
  readonly file: string;
  readonly quarantinedAt: string;
  readonly deviceId: string | null;
  /** Undelivered records sealed to the server, in a file whose device id is readable: the export carries them. */
  readonly serverSealed: number;
  /**
   * The same, in a file whose device id is unreadable: no export can carry them — each exported
   * record names its device, and the server checks it against that device — so they stay in the file.
   */
  readonly unexportable: number;
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

function openEvidence(path: string): Database.Database | undefined {
  try {
    return new Database(path, { readonly: true, fileMustExist: true });
  } catch {
    return undefined;
  }
}

/**
 * The registrations table's rows as `select` (one row, `WHERE rowid = ?`) reads them, one at a time:
 * row by row, so a damaged page loses the rows on it and not the rest, probing PROBE_AHEAD rowids
 * past the last one read.
 */
function* rowsOf<T>(db: Database.Database, select: string): Generator<T> {
  const row = tryGet(() => db.prepare(select));
  if (!row) return;
  for (let rowid = 1, lastSeen = 0; rowid <= lastSeen + PROBE_AHEAD; rowid++) {
    const r = tryGet(() => row.get(rowid) as T | undefined);
    if (r === undefined) continue;
    lastSeen = rowid;
    yield r;
  }
}

/** Undelivered: not acknowledged, so its sealed payload is still there (export-repo.ts says the same of the queue). */
const UNDELIVERED = `state IN ('pending', 'uploading') AND payload IS NOT NULL`;

/** How many undelivered records the damaged file at `path` still holds, by sealing; no payload is read into memory. */
export function countSalvageable(path: string): SalvageCount {
  const db = openEvidence(path);
  if (!db) return { deviceId: null, serverSealed: 0, deviceSealed: 0 };
  try {
    const deviceId = tryGet(() => db.prepare(`SELECT device_id FROM device WHERE singleton = 1`).pluck().get() as string | undefined) ?? null;
    let serverSealed = 0;
    let deviceSealed = 0;
    // Every row is read (an acknowledged one too), so the probe moves on past runs of delivered records.
    for (const r of rowsOf<{ sealing: string; undelivered: number }>(db, `SELECT sealing, (${UNDELIVERED}) AS undelivered FROM registrations WHERE rowid = ?`)) {
      if (r.undelivered !== 1) continue;
      if (r.sealing === 'server') serverSealed += 1;
      else if (r.sealing === 'device') deviceSealed += 1;
    }
    return { deviceId, serverSealed, deviceSealed };
  } finally {
    db.close();
  }
}

/**
 * The undelivered records sealed to the server still readable in the damaged file at `path`, oldest
 * first, read one at a time as they are asked for (the file stays open until the iteration ends).
 */
export function* salvageServerSealed(path: string): Generator<SalvagedRecord> {
  const db = openEvidence(path);
  if (!db) return;
  try {
    const select = `SELECT id, receipt_number AS receiptNumber, CASE WHEN ${UNDELIVERED} AND sealing = 'server' THEN payload END AS payload
                    FROM registrations WHERE rowid = ?`;
    for (const r of rowsOf<{ id: string; receiptNumber: string; payload: Buffer | null }>(db, select)) {
      if (Buffer.isBuffer(r.payload)) yield { id: r.id, receiptNumber: r.receiptNumber, payload: r.payload };
    }
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
  const old = openEvidence(path);
  if (!old) return;
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
    const found = countSalvageable(join(dataDir, file));
    carryOperators(db, join(dataDir, file));
    db.prepare(`INSERT INTO quarantined_databases (file, quarantined_at, device_id, server_sealed, device_sealed) VALUES (?, ?, ?, ?, ?)`)
      .run(file, at, found.deviceId, found.serverSealed, found.deviceSealed);
    log.warn('db.quarantined-noted', { file, serverSealed: found.serverSealed, deviceSealed: found.deviceSealed, deviceIdReadable: found.deviceId !== null });
  }
}

/**
 * The damaged databases noted, oldest first. A file whose device id is unreadable keeps its count of
 * server-sealed records (what the file holds), shown as `unexportable`: the export skips such a file.
 */
export function listQuarantined(db: Database.Database): QuarantinedDatabase[] {
  return db.prepare(`SELECT file, quarantined_at AS quarantinedAt, device_id AS deviceId,
                            CASE WHEN device_id IS NULL THEN 0 ELSE server_sealed END AS serverSealed,
                            CASE WHEN device_id IS NULL THEN server_sealed ELSE 0 END AS unexportable,
                            device_sealed AS deviceSealed, exported_at AS exportedAt
                     FROM quarantined_databases ORDER BY quarantined_at`)
    .all() as QuarantinedDatabase[];
}

export function markQuarantinedExported(db: Database.Database, files: readonly string[], now: Date): void {
  const mark = db.prepare(`UPDATE quarantined_databases SET exported_at = ? WHERE file = ?`);
  db.transaction(() => { for (const f of files) mark.run(now.toISOString(), f); })();
}
