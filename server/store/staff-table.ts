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

/** An account's second factor as stored: sealed secrets only (server/staff/totp-seal.ts). */
export interface StaffTotpRow {
  /** The confirmed secret; null: the account logs in with its password alone. */
  readonly secret: Buffer | null;
  /** A secret shown for setup and not yet confirmed with a code. */
  readonly pending: Buffer | null;
  /** The step of the last code accepted; codes of this step or before are refused. */
  readonly lastStep: number | null;
}

type RawTotp = { secret: Buffer | Uint8Array | null; pending: Buffer | Uint8Array | null; lastStep: number | string | null };
const bytes = (b: Buffer | Uint8Array | null): Buffer | null => (b === null ? null : Buffer.from(b));

export async function findStaffTotp(db: SqlRunner, id: number): Promise<StaffTotpRow | undefined> {
  const r = (await db.run<RawTotp>(`SELECT totp_secret AS secret, totp_pending AS pending, totp_last_step AS "lastStep" FROM staff WHERE id = ?`, [id])).rows[0];
  return r ? { secret: bytes(r.secret), pending: bytes(r.pending), lastStep: r.lastStep === null ? null : Number(r.lastStep) } : undefined;
}

/** A new setup secret replaces any earlier one; refused (false) while a confirmed secret is in place. */
export async function setStaffTotpPending(db: SqlRunner, id: number, sealed: Buffer): Promise<boolean> {
  return (await db.run(`UPDATE staff SET totp_pending = ? WHERE id = ? AND totp_secret IS NULL`, [sealed, id])).changes > 0;
}

/**
 * The pending secret becomes the account's, with the confirming code's step as the last used — only
 * if `pending` is still the one the code was checked against (a setup begun again meanwhile wins).
 */
export async function confirmStaffTotp(db: SqlRunner, id: number, pending: Buffer, step: number): Promise<boolean> {
  return (await db.run(`UPDATE staff SET totp_secret = totp_pending, totp_pending = NULL, totp_last_step = ?
                        WHERE id = ? AND totp_secret IS NULL AND totp_pending = ?`, [step, id, pending])).changes > 0;
}

/** Records a code's step as used; false when that step (or a later one) was used already: a replay. */
export async function useStaffTotpStep(db: SqlRunner, id: number, step: number): Promise<boolean> {
  return (await db.run(`UPDATE staff SET totp_last_step = ?
                        WHERE id = ? AND totp_secret IS NOT NULL AND (totp_last_step IS NULL OR totp_last_step < ?)`, [step, id, step])).changes > 0;
}

/**
 * Turns the second factor off. With `step` (the owner's code): only if that step is unused, in the
 * same statement, so one code cannot both log in and switch the factor off. Without (an admin's
 * reset): whatever was set, pending included. False when there was nothing to turn off.
 */
export async function clearStaffTotp(db: SqlRunner, id: number, step?: number): Promise<boolean> {
  const unused = step === undefined ? '' : ' AND totp_secret IS NOT NULL AND (totp_last_step IS NULL OR totp_last_step < ?)';
  return (await db.run(`UPDATE staff SET totp_secret = NULL, totp_pending = NULL, totp_last_step = NULL
                        WHERE id = ? AND (totp_secret IS NOT NULL OR totp_pending IS NOT NULL)${unused}`,
  step === undefined ? [id] : [id, step])).changes > 0;
}

/** The usernames whose accounts have a confirmed second factor (for the admins' list). */
export async function listStaffWithTotp(db: SqlRunner): Promise<string[]> {
  return (await db.run<{ username: string }>(`SELECT username FROM staff WHERE totp_secret IS NOT NULL ORDER BY username`)).rows.map((r) => r.username);
}
