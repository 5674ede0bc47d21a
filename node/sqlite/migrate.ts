// Applies numbered migrations to a SQLite database, tracking the version in PRAGMA user_version.
import type Database from 'better-sqlite3';
import { pendingMigrations, type Migration } from '../migrations';

/**
 * Applies every pending migration in one transaction: a crash mid-way leaves the previous version
 * intact, never a half-migrated schema.
 */
export function migrate(db: Database.Database, migrations: readonly Migration[], upTo = Infinity): number {
  const current = db.pragma('user_version', { simple: true }) as number;
  const pending = pendingMigrations(migrations, current, upTo);
  if (pending.length === 0) return current;
  const target = pending.at(-1)?.version ?? current;
  db.transaction(() => {
    for (const m of pending) db.exec(m.sql);
    db.pragma(`user_version = ${target}`);
  })();
  return target;
}
