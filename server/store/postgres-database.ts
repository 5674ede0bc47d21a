// The PostgreSQL engine, for more than one machine's worth of load: a connection pool per process,
// any number of processes on one database. Correctness across processes rests on the database
// alone (constraints, row locks, counters) — nothing here remembers anything between requests.
// Migrations run under an advisory lock, so workers starting together migrate once.
import pg from 'pg';
import { resolve } from 'node:path';
import { loadMigrations, pendingMigrations, type Migration } from '../../node/migrations';
import { log } from '../../node/log';
import type { SqlDatabase, SqlResult, SqlRunner, SqlValue } from './sql';

export const POSTGRES_MIGRATIONS = resolve(import.meta.dirname, '..', 'migrations', 'postgres');

const INT8 = 20;
const TIMESTAMPTZ = 1184;
/** Deadlock and serialisation failures: the transaction did nothing and may simply run again. */
const RETRYABLE = new Set(['40P01', '40001']);

/**
 * Results look like SQLite's: 64-bit integers as numbers (counters and epoch milliseconds stay far
 * below 2^53) and times as ISO-8601 strings, so the store reads both engines the same way.
 */
const parseTimestamp = pg.types.getTypeParser(TIMESTAMPTZ) as (value: string) => Date;
const types = {
  getTypeParser(oid: number, format?: 'text' | 'binary') {
    if (oid === INT8) return (value: string) => Number(value);
    if (oid === TIMESTAMPTZ) return (value: string) => parseTimestamp(value).toISOString();
    return pg.types.getTypeParser(oid, format);
  },
} as pg.CustomTypesConfig;

const prepared = new Map<string, { name: string; text: string }>();
/**
 * `?` → `$1, $2, …` (queries never hold a literal question mark), as a named statement: each
 * connection parses and plans it once instead of on every request.
 */
function toPostgres(sql: string): { name: string; text: string } {
  let out = prepared.get(sql);
  if (out === undefined) {
    let n = 0;
    out = { name: `s${prepared.size + 1}`, text: sql.replace(/\?/g, () => `$${++n}`) };
    prepared.set(sql, out);
  }
  return out;
}

async function query<T>(client: pg.Pool | pg.PoolClient, sql: string, params: readonly SqlValue[] = []): Promise<SqlResult<T>> {
  const r = await client.query({ ...toPostgres(sql), values: params as SqlValue[] });
  return { rows: r.rows as T[], changes: r.rowCount ?? 0 };
}

async function migrate(pool: pg.Pool, migrations: readonly Migration[]): Promise<number> {
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    await client.query(`SELECT pg_advisory_xact_lock(hashtext('registration-server/migrations'))`);
    await client.query(`CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TIMESTAMPTZ NOT NULL DEFAULT now())`);
    const current = Number((await client.query(`SELECT coalesce(max(version), 0) AS v FROM schema_migrations`)).rows[0]?.v ?? 0);
    const pending = pendingMigrations(migrations, current);
    for (const m of pending) {
      await client.query(m.sql);
      await client.query(`INSERT INTO schema_migrations (version, name) VALUES ($1, $2)`, [m.version, m.name]);
    }
    await client.query('COMMIT');
    return pending.at(-1)?.version ?? current;
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  } finally {
    client.release();
  }
}

export interface PostgresOptions {
  /** Connections per process. */
  readonly poolSize?: number;
}

export async function openPostgresDatabase(url: string, options: PostgresOptions = {}): Promise<SqlDatabase> {
  const pool = new pg.Pool({
    connectionString: url,
    max: options.poolSize ?? 10,
    types,
    connectionTimeoutMillis: 10_000,
    // A statement stuck behind a lock for this long is a bug or an outage; fail the request.
    statement_timeout: 30_000,
    application_name: 'registration-server',
  });
  // An idle connection dropped by the server must not take the process down; the pool replaces it.
  pool.on('error', (error) => log.warn('postgres.idle-client-error', { code: (error as { code?: string }).code ?? 'unknown' }));
  try {
    await migrate(pool, loadMigrations(POSTGRES_MIGRATIONS));
  } catch (error) {
    await pool.end();
    throw error;
  }

  async function attempt<T>(fn: (tx: SqlRunner) => Promise<T>): Promise<T> {
    const client = await pool.connect();
    try {
      await client.query('BEGIN');
      const result = await fn({ run: (sql, params) => query(client, sql, params) });
      await client.query('COMMIT');
      return result;
    } catch (error) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw error;
    } finally {
      client.release();
    }
  }

  async function transaction<T>(fn: (tx: SqlRunner) => Promise<T>): Promise<T> {
    for (let n = 1; ; n++) {
      try {
        return await attempt(fn);
      } catch (error) {
        const code = (error as { code?: string }).code;
        if (!(code && RETRYABLE.has(code) && n < 3)) throw error;
      }
    }
  }

  // One sequence per number prefix and year, made on first use in a statement of its own — never
  // inside a transaction, which would make every transaction wait for a free connection to create
  // it. Prefixes are [A-Z][A-Z0-9]{1,11}: the name is short and unique.
  const sequences = new Map<string, Promise<void>>();
  const sequenceName = (prefix: string, year: number): string => `registration_number_${prefix.toLowerCase()}_${year}`;
  function ensureSequence(name: string): Promise<void> {
    let made = sequences.get(name);
    if (!made) {
      made = pool.query(`CREATE SEQUENCE IF NOT EXISTS "${name}" AS BIGINT`).then(() => undefined, (error: { code?: string }) => {
        // Two processes creating it at once: the other one won, which is all we need.
        if (error.code === '23505' || error.code === '42P07') return;
        sequences.delete(name);
        throw error;
      });
      sequences.set(name, made);
    }
    return made;
  }

  return {
    engine: 'postgres',
    clockMs: `CAST(floor(extract(epoch FROM clock_timestamp()) * 1000) AS BIGINT)`,
    run: (sql, params) => query(pool, sql, params),
    transaction: (fn) => transaction(fn),
    prepareNumbering: (prefix, year) => ensureSequence(sequenceName(prefix, year)),
    async nextNumber(tx, prefix, year) {
      const r = await tx.run<{ n: number }>(`SELECT nextval(CAST(? AS regclass)) AS n`, [`"${sequenceName(prefix, year)}"`]);
      const n = r.rows[0]?.n;
      if (n === undefined) throw new Error('the number sequence returned no value');
      return n;
    },
    close: () => pool.end(),
  };
}
