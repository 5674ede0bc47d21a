// operators: kiosk operator accounts (server/operators/), made by admins and pulled by every enrolled
// kiosk as one signed list. Rows are never deleted (a disabled account keeps travelling, disabled);
// every change a kiosk must hear of moves updated_at. Each change and its audit entry commit together.
import type { SqlDatabase, SqlRunner } from './sql';
import { appendAuditIn, type AuditAppend } from './audit-table';

export interface OperatorRow {
  readonly id: number;
  readonly username: string;
  readonly displayName: string | null;
  readonly passwordHash: string;
  readonly disabled: boolean;
  readonly createdAt: string;
  readonly updatedAt: string;
  readonly createdBy: string | null;
}

export interface NewOperator {
  readonly username: string;
  readonly displayName: string | null;
  readonly passwordHash: string;
  readonly at: string;
  /** The admin's username; null from the command line. */
  readonly createdBy: string | null;
}

const COLUMNS = `id, username, display_name AS "displayName", password_hash AS "passwordHash", disabled,
                 created_at AS "createdAt", updated_at AS "updatedAt", created_by AS "createdBy"`;

type Raw = Omit<OperatorRow, 'disabled'> & { disabled: number };
const row = (r: Raw): OperatorRow => ({ ...r, id: Number(r.id), disabled: Number(r.disabled) === 1 });

/** The new account's id, or undefined when the username is taken. */
export async function insertOperator(db: SqlRunner, o: NewOperator): Promise<number | undefined> {
  const r = await db.run<{ id: number }>(`INSERT INTO operators (username, display_name, password_hash, created_at, updated_at, created_by)
                                          VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (username) DO NOTHING RETURNING id`,
  [o.username, o.displayName, o.passwordHash, o.at, o.at, o.createdBy]);
  const id = r.rows[0]?.id;
  return id === undefined ? undefined : Number(id);
}

export async function findOperator(db: SqlRunner, username: string): Promise<OperatorRow | undefined> {
  const r = (await db.run<Raw>(`SELECT ${COLUMNS} FROM operators WHERE username = ?`, [username])).rows[0];
  return r ? row(r) : undefined;
}

/** Every account, disabled ones too (kiosks must hear that they are), in username order. */
export async function listOperators(db: SqlRunner): Promise<OperatorRow[]> {
  return (await db.run<Raw>(`SELECT ${COLUMNS} FROM operators ORDER BY username`)).rows.map(row);
}

export async function countOperators(db: SqlRunner): Promise<number> {
  return Number((await db.run<{ n: number }>(`SELECT CAST(COUNT(*) AS INTEGER) AS n FROM operators`)).rows[0]?.n ?? 0);
}

/** False when there is no such account or it is disabled already. */
export async function disableOperatorRow(db: SqlRunner, username: string, at: string): Promise<boolean> {
  return (await db.run(`UPDATE operators SET disabled = 1, updated_at = ? WHERE username = ? AND disabled = 0`, [at, username])).changes > 0;
}

/** False when there is no such account. A disabled account keeps its flag. */
export async function setOperatorPassword(db: SqlRunner, username: string, passwordHash: string, at: string): Promise<boolean> {
  return (await db.run(`UPDATE operators SET password_hash = ?, updated_at = ? WHERE username = ?`, [passwordHash, at, username])).changes > 0;
}

export interface OperatorsStore {
  /** The new account's id; undefined when the username is taken. Its audit entry commits with it. */
  create(o: NewOperator, audit?: AuditAppend): Promise<number | undefined>;
  find(username: string): Promise<OperatorRow | undefined>;
  list(): Promise<OperatorRow[]>;
  count(): Promise<number>;
  /** False when there is no such active account; the flag and its audit entry commit together. */
  disable(username: string, at: string, audit?: AuditAppend): Promise<boolean>;
  /** False when there is no such account; the new hash and its audit entry commit together. */
  setPassword(username: string, passwordHash: string, at: string, audit?: AuditAppend): Promise<boolean>;
}

export function createOperatorsStore(db: SqlDatabase): OperatorsStore {
  /** `change` first, the audit head last (appendAuditIn's rule against deadlocks); no entry for a change that did not happen. */
  const audited = <T>(change: (tx: SqlRunner) => Promise<T>, happened: (result: T) => boolean, audit: AuditAppend | undefined): Promise<T> =>
    db.transaction(async (tx) => {
      const result = await change(tx);
      if (audit && happened(result)) await appendAuditIn(tx, db.engine, audit.key, audit.entry);
      return result;
    });
  return {
    create: (o, audit) => audited((tx) => insertOperator(tx, o), (id) => id !== undefined, audit),
    find: (username) => findOperator(db, username),
    list: () => listOperators(db),
    count: () => countOperators(db),
    disable: (username, at, audit) => audited((tx) => disableOperatorRow(tx, username, at), (done) => done, audit),
    setPassword: (username, hash, at, audit) => audited((tx) => setOperatorPassword(tx, username, hash, at), (done) => done, audit),
  };
}
