// The key_checks table (migration 0080): the check value of each key the kiosk's rows were written
// with, so a lost or swapped key file stops the kiosk at start instead of being replaced.
import type Database from 'better-sqlite3';
import type { KeyChecks } from '../../../node/crypto/secret-store';

export function databaseKeyChecks(db: Database.Database): KeyChecks {
  return {
    get(name) {
      const row = db.prepare(`SELECT check_value AS value FROM key_checks WHERE name = ?`).get(name) as { value: Buffer | null } | undefined;
      return row?.value;
    },
    set(name, value) {
      db.prepare(`INSERT INTO key_checks (name, check_value) VALUES (?, ?)
                  ON CONFLICT (name) DO UPDATE SET check_value = excluded.check_value WHERE check_value IS NULL`).run(name, value);
    },
    names() {
      return db.prepare(`SELECT name FROM key_checks ORDER BY name`).pluck().all() as string[];
    },
  };
}
