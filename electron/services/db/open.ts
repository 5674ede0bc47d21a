// The kiosk's queue database: the one file in the data directory, opened through the shared SQLite
// opener with the kiosk's migrations and its policy for a damaged file — move it aside (evidence)
// and start a fresh queue, so the kiosk keeps serving applicants. The fresh queue has a fresh device
// id (receipt numbers never repeat); the file moved aside is noted once (quarantine.ts) so the
// operator sees it and its sealed records still readable go into the operator's export.
import type Database from 'better-sqlite3';
import { join } from 'node:path';
import { openSqlite } from '../../../node/sqlite/open';
import { loadMigrations, type Migration } from '../../../node/migrations';
import { appPaths } from '../app-paths';
import { log } from '../../../node/log';
import { noteQuarantined } from './quarantine';

export const DB_FILE = 'queue.db';

export interface OpenOptions {
  readonly migrations?: readonly Migration[];
  readonly now?: () => Date;
}

export function kioskMigrations(dir: string = appPaths().migrations): Migration[] {
  return loadMigrations(dir);
}

export function openDatabase(dataDir: string, options: OpenOptions = {}): Database.Database {
  const db = openSqlite(join(dataDir, DB_FILE), {
    migrations: options.migrations ?? kioskMigrations(),
    onCorrupt: 'quarantine',
    ...(options.now ? { now: options.now } : {}),
  });
  // Tests of older schemas open without the table. Noting is best effort: the kiosk starts regardless.
  if (db.prepare(`SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'quarantined_databases'`).get()) {
    try {
      noteQuarantined(db, dataDir);
    } catch (error) {
      log.error('db.quarantine-note-failed', { code: String((error as { code?: unknown }).code ?? 'unknown') });
    }
  }
  return db;
}
