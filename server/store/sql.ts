// The small SQL surface the server's store is written against, so one set of queries runs on both
// engines. Queries use `?` placeholders (the PostgreSQL engine numbers them) and only SQL both
// engines speak: ON CONFLICT, RETURNING, FILTER, CAST(… AS INTEGER) for counts.
export type SqlValue = string | number | Buffer | null;

export interface SqlResult<T> {
  readonly rows: T[];
  /** Rows written by an INSERT/UPDATE/DELETE (with RETURNING: rows returned). */
  readonly changes: number;
}

export interface SqlRunner {
  run<T = Record<string, unknown>>(sql: string, params?: readonly SqlValue[]): Promise<SqlResult<T>>;
}

export type Engine = 'sqlite' | 'postgres';

export interface SqlDatabase extends SqlRunner {
  readonly engine: Engine;
  /**
   * The database's clock in epoch milliseconds, as an SQL expression: one clock for every process
   * and machine using the database (leases compare against it, never against a process's clock).
   */
  readonly clockMs: string;
  /**
   * Runs `fn` in one transaction: all of its writes commit together or none do. `fn` must use only
   * the `tx` it is given — on SQLite the database is held for the transaction, and a call on the
   * database itself from inside would wait for it forever.
   */
  transaction<T>(fn: (tx: SqlRunner) => Promise<T>): Promise<T>;
  /**
   * The next registration number of a prefix and year, inside `tx`. Counted per prefix, not per
   * profile: the number is the prefix, the year and the count, so if a prefix ever moved to another
   * profile its numbers would still not repeat. Numbers never repeat. On
   * SQLite they come from a counter row (no gaps: a rolled-back transaction gives its number
   * back); on PostgreSQL from a sequence, which never makes concurrent transactions wait for each
   * other — a number taken by a transaction that is then undone (a duplicate NIK, or a duplicate
   * delivery racing the first) is skipped.
   */
  nextNumber(tx: SqlRunner, prefix: string, year: number): Promise<number>;
  /** Called before the transaction that calls nextNumber for this prefix and year. */
  prepareNumbering(prefix: string, year: number): Promise<void>;
  close(): Promise<void>;
}
