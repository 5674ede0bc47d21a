// The server's database: one file in its data directory, opened through the same database owner as
// the kiosk (pragmas, integrity check) with the server's own numbered migrations.
import type Database from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { openDatabase } from '../electron/services/db/open';
import { loadMigrations } from '../electron/services/db/migrate';

export const SERVER_DB_FILE = 'server.db';
const MIGRATIONS = resolve(import.meta.dirname, 'migrations');

export function openServerDb(dataDir: string): Database.Database {
  mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  return openDatabase(dataDir, { file: SERVER_DB_FILE, migrations: loadMigrations(MIGRATIONS) });
}
