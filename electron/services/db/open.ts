// The single owner of the SQLite file: pragmas for durability and privacy, integrity check, and
// migrations. Nothing else opens the database (the reference server opens its own file through it).
import Database from 'better-sqlite3';
import { existsSync, renameSync } from 'node:fs';
import { join } from 'node:path';
import { log } from '../log';
import { loadMigrations, migrate, type Migration } from './migrate';

export const DB_FILE = 'queue.db';

export interface OpenOptions {
  /** The database file inside dataDir (the reference server uses its own). */
  readonly file?: string;
  readonly migrations?: readonly Migration[];
  readonly now?: () => Date;
}

function configure(db: Database.Database): void {
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

export function openDatabase(dataDir: string, options: OpenOptions = {}): Database.Database {
  const path = join(dataDir, options.file ?? DB_FILE);
  let db = tryOpen(path);
  if (!db) {
    const aside = quarantine(path, (options.now ?? (() => new Date()))());
    log.error('db.corrupt-moved-aside', { path, movedTo: aside });
    db = new Database(path);
    configure(db);
  }
  try {
    migrate(db, options.migrations ?? loadMigrations());
  } catch (error) {
    db.close();
    throw error;
  }
  return db;
}
