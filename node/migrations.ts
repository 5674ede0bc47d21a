// Numbered SQL migrations (NNNN-name.sql, step = NNNN), one folder per database and engine. SQLite
// tracks the applied version in PRAGMA user_version (sqlite/migrate.ts); the central server's
// PostgreSQL engine in a schema_migrations table.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

export interface Migration {
  readonly version: number;
  readonly name: string;
  readonly sql: string;
}

export function loadMigrations(dir: string): Migration[] {
  const migrations = readdirSync(dir)
    .map((file) => ({ file, m: /^(\d{4})-([a-z0-9-]+)\.sql$/.exec(file) }))
    .filter((x): x is { file: string; m: RegExpExecArray } => x.m !== null)
    .map(({ file, m }) => ({ version: Number(m[1]), name: m[2] ?? file, sql: readFileSync(join(dir, file), 'utf8') }))
    .sort((a, b) => a.version - b.version);
  const versions = new Set(migrations.map((m) => m.version));
  if (versions.size !== migrations.length) throw new Error(`duplicate migration number in ${dir}`);
  return migrations;
}

export class DatabaseTooNewError extends Error {
  constructor(readonly found: number, readonly supported: number) {
    super(`database schema version ${found} is newer than this program supports (${supported}); update the software instead of downgrading`);
    this.name = 'DatabaseTooNewError';
  }
}

/** The migrations after `current` (up to `upTo`); throws when the database is newer than them all. */
export function pendingMigrations(migrations: readonly Migration[], current: number, upTo = Infinity): Migration[] {
  const latest = migrations.at(-1)?.version ?? 0;
  if (current > latest) throw new DatabaseTooNewError(current, latest);
  return migrations.filter((m) => m.version > current && m.version <= upTo);
}

