// Opens the server's store: PostgreSQL when a database URL is given, else the SQLite file in the
// data directory (no setup; one process).
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { createServerStore, type ServerStore } from './server-store';
import { openSqliteDatabase } from './sqlite-database';
import { openPostgresDatabase } from './postgres-database';

export const SERVER_DB_FILE = 'server.db';

export interface StoreLocation {
  readonly dataDir: string;
  /** postgres://… ; absent: SQLite in dataDir. */
  readonly databaseUrl?: string | undefined;
  readonly poolSize?: number;
}

export async function openServerStore({ dataDir, databaseUrl, poolSize }: StoreLocation): Promise<ServerStore> {
  if (databaseUrl) {
    if (!/^postgres(ql)?:\/\//.test(databaseUrl)) throw new Error('the database URL must start with postgres:// or postgresql://');
    return createServerStore(await openPostgresDatabase(databaseUrl, poolSize === undefined ? {} : { poolSize }));
  }
  mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  return createServerStore(openSqliteDatabase(join(dataDir, SERVER_DB_FILE)));
}
