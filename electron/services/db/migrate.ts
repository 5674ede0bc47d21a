// Numbered SQL migrations (NNNN-name.sql, step = NNNN) tracked in PRAGMA user_version.
import type Database from 'better-sqlite3';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { appPaths } from '../app-paths';

export interface Migration {
  readonly version: number;
  readonly name: string;
  readonly sql: string;
}

export function loadMigrations(dir: string = appPaths().migrations): Migration[] {
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
    super(`database schema version ${found} is newer than this app supports (${supported}); update the kiosk software instead of downgrading`);
    this.name = 'DatabaseTooNewError';
  }
}

/**
 * Applies every pending migration in one transaction: a crash mid-way leaves the previous version
 * intact, never a half-migrated schema.
 */
export function migrate(db: Database.Database, migrations: readonly Migration[], upTo = Infinity): number {
  const current = db.pragma('user_version', { simple: true }) as number;
  const latest = migrations.at(-1)?.version ?? 0;
  if (current > latest) throw new DatabaseTooNewError(current, latest);
  const pending = migrations.filter((m) => m.version > current && m.version <= upTo);
  if (pending.length === 0) return current;
  const target = pending.at(-1)?.version ?? current;
  db.transaction(() => {
    for (const m of pending) db.exec(m.sql);
    db.pragma(`user_version = ${target}`);
  })();
  return target;
}
