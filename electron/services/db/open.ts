// The kiosk's queue database: the one file in the data directory, opened through the shared SQLite
// opener with the kiosk's migrations and its policy for a damaged file — move it aside (evidence)
// and start a fresh queue, so the kiosk keeps serving applicants.
import type Database from 'better-sqlite3';
import { join } from 'node:path';
import { openSqlite } from '../../../node/sqlite/open';
import { loadMigrations, type Migration } from '../../../node/migrations';
import { appPaths } from '../app-paths';

export const DB_FILE = 'queue.db';

export interface OpenOptions {
  readonly migrations?: readonly Migration[];
  readonly now?: () => Date;
}

export function kioskMigrations(dir: string = appPaths().migrations): Migration[] {
  return loadMigrations(dir);
}

export function openDatabase(dataDir: string, options: OpenOptions = {}): Database.Database {
  return openSqlite(join(dataDir, DB_FILE), {
    migrations: options.migrations ?? kioskMigrations(),
    onCorrupt: 'quarantine',
    ...(options.now ? { now: options.now } : {}),
  });
}
