// The SQLite engine (the default: no setup). One connection per process; better-sqlite3 is
// synchronous, so the only way two requests could interleave is across an `await` inside a
// transaction — every statement and transaction therefore takes the connection in turn.
// Transactions begin IMMEDIATE (the write lock up front), so a second process on the same file
// waits (busy_timeout) instead of failing half-way. A damaged file or one newer than this program
// stops the server: a fresh database would re-issue registration numbers.
import type Database from 'better-sqlite3';
import { resolve } from 'node:path';
import { openSqlite } from '../../node/sqlite/open';
import { loadMigrations } from '../../node/migrations';
import type { SqlDatabase, SqlResult, SqlRunner, SqlValue } from './sql';
import { takeNumber } from './number-counters-table';

export const SQLITE_MIGRATIONS = resolve(import.meta.dirname, '..', 'migrations', 'sqlite');

export function openSqliteDatabase(file: string): SqlDatabase {
  const db = openSqlite(file, { migrations: loadMigrations(SQLITE_MIGRATIONS), onCorrupt: 'refuse' });
  const statements = new Map<string, Database.Statement>();
  const prepare = (sql: string): Database.Statement => {
    let stmt = statements.get(sql);
    if (!stmt) statements.set(sql, (stmt = db.prepare(sql)));
    return stmt;
  };
  const runner: SqlRunner = {
    async run<T>(sql: string, params: readonly SqlValue[] = []): Promise<SqlResult<T>> {
      const stmt = prepare(sql);
      if (stmt.reader) {
        const rows = stmt.all(...params) as T[];
        return { rows, changes: rows.length };
      }
      return { rows: [], changes: stmt.run(...params).changes };
    },
  };

  let tail: Promise<unknown> = Promise.resolve();
  const inTurn = <T>(fn: () => Promise<T>): Promise<T> => {
    const turn = tail.then(fn);
    tail = turn.catch(() => undefined);
    return turn;
  };

  return {
    engine: 'sqlite',
    clockMs: `CAST(unixepoch('subsec') * 1000 AS INTEGER)`,
    run: (sql, params) => inTurn(() => runner.run(sql, params)),
    transaction: (fn) => inTurn(async () => {
      db.exec('BEGIN IMMEDIATE');
      try {
        const result = await fn(runner);
        db.exec('COMMIT');
        return result;
      } catch (error) {
        if (db.inTransaction) db.exec('ROLLBACK');
        throw error;
      }
    }),
    nextNumber: takeNumber,
    prepareNumbering: async () => {},
    close: () => inTurn(async () => { db.close(); }),
  };
}
