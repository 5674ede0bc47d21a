// Opens a SQLite file the way every database of this project is opened: pragmas for durability and
// privacy, an integrity check, then the owner's migrations. What to do with a damaged file is the
// owner's policy: the kiosk moves it aside and starts afresh (its records are also on the server
// or still sealed in the file moved aside); the central server refuses to start, because a fresh
// database there would re-issue registration numbers.
import Database from 'better-sqlite3';
import { existsSync, renameSync } from 'node:fs';
import { log } from '../log';
import { migrate } from './migrate';
import type { Migration } from '../migrations';

export type CorruptionPolicy = 'quarantine' | 'refuse';

export interface OpenSqliteOptions {
  readonly migrations: readonly Migration[];
  readonly onCorrupt: CorruptionPolicy;
  readonly now?: () => Date;
}

export class DatabaseCorruptError extends Error {
  constructor(readonly path: string) {
    super(`the database ${path} is damaged (integrity check failed); restore it from a backup — it was left untouched`);
    this.name = 'DatabaseCorruptError';
  }
}

function configure(db: Database.Database): void {
  // Takes effect on a new file only. Records carry ~300 KB of sealed images: with 16 KB pages a
  // durable insert took 1.3 ms instead of 2.0 and a purge 1.0 instead of 1.6 (4 KB pages; 64 KB
  // pages were slower again).
  db.pragma('page_size = 16384');
  db.pragma('journal_mode = WAL');
  // better-sqlite3 leaves WAL at synchronous=NORMAL, where a commit can vanish on power loss.
  db.pragma('synchronous = FULL');
  db.pragma('foreign_keys = ON');
  // Deleted/overwritten pages are zeroed, so purged payloads do not linger in free pages.
  db.pragma('secure_delete = ON');
  db.pragma('busy_timeout = 5000');
}

function isHealthy(db: Database.Database): boolean {
  const rows = db.pragma('integrity_check') as { integrity_check: string }[];
  return rows.length === 1 && rows[0]?.integrity_check === 'ok';
}

/** Moves a damaged database (and its WAL/SHM) aside; it is evidence, never silently overwritten. */
function quarantine(path: string, now: Date): string {
  const aside = `${path}.corrupt-${now.toISOString().replace(/[:.]/g, '-')}`;
  for (const suffix of ['', '-wal', '-shm']) {
    if (existsSync(path + suffix)) renameSync(path + suffix, aside + suffix);
  }
  return aside;
}

/** The open, healthy database, or null when the file is damaged. Other errors (disk, permissions) throw. */
function tryOpen(path: string): Database.Database | null {
  let db: Database.Database | undefined;
  try {
    db = new Database(path);
    configure(db);
    if (isHealthy(db)) return db;
    db.close();
    return null;
  } catch (error) {
    const code = (error as { code?: unknown }).code;
    if (code !== 'SQLITE_CORRUPT' && code !== 'SQLITE_NOTADB') throw error;
    db?.close();
    return null;
  }
}

export function openSqlite(path: string, options: OpenSqliteOptions): Database.Database {
  let db = tryOpen(path);
  if (!db) {
    if (options.onCorrupt === 'refuse') throw new DatabaseCorruptError(path);
    const aside = quarantine(path, (options.now ?? (() => new Date()))());
    log.error('db.corrupt-moved-aside', { path, movedTo: aside });
    db = new Database(path);
    configure(db);
  }
  try {
    migrate(db, options.migrations);
  } catch (error) {
    db.close();
    throw error;
  }
  return db;
}
