// staff: back-office accounts, one role each. (Login attempts are counted elsewhere, per typed
// username, before any password is checked: staff-store.ts.)
import type { SqlRunner } from './sql';

export const STAFF_ROLES = ['admin', 'reviewer', 'auditor'] as const;
export type StaffRole = (typeof STAFF_ROLES)[number];

export interface StaffRow {
  readonly id: number;
  readonly username: string;
  readonly role: StaffRole;
  readonly passwordHash: string;
  readonly disabled: boolean;
  readonly createdAt: string;
}

const COLUMNS = `id, username, role, password_hash AS "passwordHash", disabled, created_at AS "createdAt"`;

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

export async function setStaffDisabled(db: SqlRunner, id: number, disabled: boolean): Promise<boolean> {
  return (await db.run(`UPDATE staff SET disabled = ? WHERE id = ?`, [disabled ? 1 : 0, id])).changes > 0;
}
