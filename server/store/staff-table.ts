// staff: back-office accounts. A failed login is counted and, at the policy's limit, locks the
// account until a time, by one conditional statement, so parallel guesses from several processes
// cannot slip past the limit.
import type { SqlRunner } from './sql';

export const STAFF_ROLES = ['admin', 'reviewer', 'auditor'] as const;
export type StaffRole = (typeof STAFF_ROLES)[number];

export interface StaffRow {
  readonly id: number;
  readonly username: string;
  readonly role: StaffRole;
  readonly passwordHash: string;
  readonly failedLogins: number;
  readonly lockedUntil: number;
  readonly disabled: boolean;
  readonly createdAt: string;
}

const COLUMNS = `id, username, role, password_hash AS "passwordHash", failed_logins AS "failedLogins",
                 locked_until AS "lockedUntil", disabled, created_at AS "createdAt"`;

type Raw = Omit<StaffRow, 'disabled'> & { disabled: number };
const row = (r: Raw | undefined): StaffRow | undefined => (r ? { ...r, id: Number(r.id), disabled: r.disabled === 1 } : undefined);

/** The new account's id, or undefined when the username is taken. */
export async function insertStaff(db: SqlRunner, username: string, role: StaffRole, passwordHash: string, createdAt: string): Promise<number | undefined> {
  const r = await db.run<{ id: number }>(`INSERT INTO staff (username, role, password_hash, created_at) VALUES (?, ?, ?, ?)
                                          ON CONFLICT (username) DO NOTHING RETURNING id`, [username, role, passwordHash, createdAt]);
  const id = r.rows[0]?.id;
  return id === undefined ? undefined : Number(id);
}

export async function findStaffByName(db: SqlRunner, username: string): Promise<StaffRow | undefined> {
  return row((await db.run<Raw>(`SELECT ${COLUMNS} FROM staff WHERE username = ?`, [username])).rows[0]);
}

export async function findStaffById(db: SqlRunner, id: number): Promise<StaffRow | undefined> {
  return row((await db.run<Raw>(`SELECT ${COLUMNS} FROM staff WHERE id = ?`, [id])).rows[0]);
}

export async function listStaff(db: SqlRunner): Promise<StaffRow[]> {
  return (await db.run<Raw>(`SELECT ${COLUMNS} FROM staff ORDER BY username`)).rows.map((r) => row(r) as StaffRow);
}

export async function countAdmins(db: SqlRunner): Promise<number> {
  const r = await db.run<{ n: number }>(`SELECT CAST(COUNT(*) AS INTEGER) AS n FROM staff WHERE role = 'admin' AND disabled = 0`);
  return Number(r.rows[0]?.n ?? 0);
}

/** Counts a failure; the `max`-th failure in a row locks the account until `lockUntil`. Returns the lock's end (0: not locked). */
export async function countFailedLogin(db: SqlRunner, id: number, max: number, lockUntil: number): Promise<number> {
  const r = await db.run<{ lockedUntil: number }>(`UPDATE staff SET
      failed_logins = CASE WHEN failed_logins + 1 >= ? THEN 0 ELSE failed_logins + 1 END,
      locked_until = CASE WHEN failed_logins + 1 >= ? THEN ? ELSE locked_until END
    WHERE id = ? RETURNING locked_until AS "lockedUntil"`, [max, max, lockUntil, id]);
  return Number(r.rows[0]?.lockedUntil ?? 0);
}

export async function clearFailedLogins(db: SqlRunner, id: number): Promise<void> {
  await db.run(`UPDATE staff SET failed_logins = 0, locked_until = 0 WHERE id = ?`, [id]);
}

export async function setStaffDisabled(db: SqlRunner, id: number, disabled: boolean): Promise<boolean> {
  return (await db.run(`UPDATE staff SET disabled = ? WHERE id = ?`, [disabled ? 1 : 0, id])).changes > 0;
}
