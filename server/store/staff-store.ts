// The back office's data (staff, sessions, audit trail) behind one async interface for both engines,
// beside the kiosk-facing ServerStore. Each transaction states the invariant it protects.
import type { SqlDatabase } from './sql';
import { createHash } from 'node:crypto';
import {
  clearStaffTotp, confirmStaffTotp, findStaffById, findStaffByName, findStaffTotp, insertStaff, listStaff, listStaffWithTotp, setStaffDisabled,
  setStaffTotpPending, useStaffTotpStep, type StaffRole, type StaffRow, type StaffTotpRow,
} from './staff-table';
import { clearAttempts, takeAttempt, type AttemptPolicy, type AttemptTaken } from './directory-attempts-table';
import { deleteOtherSessions, deleteSession, deleteStaffSessions, insertSession, pruneSessions, touchSession, type SessionLimits, type SessionRow } from './staff-sessions-table';
import { appendAudit, appendAuditIn, listAudit, verifyAuditChain, type AuditAppend, type AuditEntry, type ChainCheck, type StoredAuditEntry } from './audit-table';

export type { AttemptPolicy, AuditAppend, AuditEntry, ChainCheck, SessionLimits, SessionRow, StaffRole, StaffRow, StaffTotpRow, StoredAuditEntry };

export interface StaffStore {
  /** The new account's id; undefined when the username is taken. Its audit entry commits with it. */
  createStaff(username: string, role: StaffRole, passwordHash: string, at: string, audit?: AuditAppend): Promise<number | undefined>;
  findStaffByName(username: string): Promise<StaffRow | undefined>;
  findStaffById(id: number): Promise<StaffRow | undefined>;
  listStaff(): Promise<StaffRow[]>;
  /**
   * Counts a login attempt for the typed username (known or not) before its password is checked, or
   * refuses it while the name has used up its window. One conditional statement: parallel guesses
   * from any number of processes cannot get past the limit.
   */
  takeLoginAttempt(username: string, nowMs: number, policy: AttemptPolicy): Promise<AttemptTaken>;
  /** A successful login forgives the name's attempts. */
  clearLoginAttempts(username: string): Promise<void>;
  /** Whether the name has used up its window now (for the admins' list). */
  loginLocked(username: string, nowMs: number, policy: AttemptPolicy): Promise<boolean>;
  /**
   * Disables an account and ends all its sessions — unless it is the last active admin. Decided in
   * one transaction that holds the active admins' rows, so two admins disabling each other at once
   * cannot leave none.
   */
  disableStaff(id: number, audit?: AuditAppend): Promise<'disabled' | 'last-admin' | 'not-found'>;
  createSession(tokenHash: Buffer, staffId: number, csrfToken: string, nowMs: number): Promise<void>;
  /** `activity`: the request counts as the staff member's use (false: a page's background renewal). */
  touchSession(tokenHash: Buffer, nowMs: number, limits: SessionLimits, activity?: boolean): Promise<SessionRow | undefined>;
  endSession(tokenHash: Buffer): Promise<void>;
  endAllSessions(staffId: number): Promise<number>;
  pruneSessions(nowMs: number, limits: SessionLimits): Promise<number>;
  /** Appends to the audit trail, chained under `key` (auditKey in server/keys.ts). */
  audit(key: Buffer, entry: AuditEntry): Promise<StoredAuditEntry>;
  listAudit(beforeSeq: number, limit: number): Promise<StoredAuditEntry[]>;
  verifyAudit(key: Buffer): Promise<ChainCheck>;
  /** The account's second factor, sealed (server/staff/totp-seal.ts); the queries' invariants are in staff-table.ts. */
  staffTotp(id: number): Promise<StaffTotpRow | undefined>;
  setTotpPending(id: number, sealed: Buffer): Promise<boolean>;
  /**
   * Turns the second factor on (`audit` commits with it) and ends the account's other sessions: one
   * opened by someone who knew only the password does not outlive the factor.
   */
  confirmTotp(id: number, pending: Buffer, step: number, audit: AuditAppend, keepSession: Buffer): Promise<boolean>;
  useTotpStep(id: number, step: number): Promise<boolean>;
  /** Turns it off (a code's `step` when its owner does; none for an admin's reset), `audit` committing with it. */
  clearTotp(id: number, step: number | undefined, audit: AuditAppend): Promise<boolean>;
  listStaffWithTotp(): Promise<string[]>;
}

/**
 * The attempts table's key for a typed staff username: its own namespace beside the directory's
 * HMAC keys, lower-cased so that "Admin" and "admin" share one window.
 */
const loginKey = (username: string): Buffer => createHash('sha256').update(`staff-login\0${username.toLowerCase()}`, 'utf8').digest();

export function createStaffStore(db: SqlDatabase): StaffStore {
  return {
    createStaff: (username, role, hash, at, audit) => db.transaction(async (tx) => {
      const id = await insertStaff(tx, username, role, hash, at);
      if (id !== undefined && audit) await appendAuditIn(tx, db.engine, audit.key, audit.entry);
      return id;
    }),
    findStaffByName: (username) => findStaffByName(db, username),
    findStaffById: (id) => findStaffById(db, id),
    listStaff: () => listStaff(db),
    takeLoginAttempt: (username, nowMs, policy) => takeAttempt(db, loginKey(username), nowMs, policy),
    clearLoginAttempts: (username) => clearAttempts(db, loginKey(username)),
    async loginLocked(username, nowMs, policy) {
      const r = await db.run<{ attempts: number; windowStart: number }>(
        `SELECT attempts, window_start AS "windowStart" FROM directory_attempts WHERE key_hash = ?`, [loginKey(username)]);
      const row = r.rows[0];
      return row !== undefined && Number(row.attempts) >= policy.max && Number(row.windowStart) > nowMs - policy.windowMs;
    },
    // The flag and the end of every session commit together: a disabled account keeps no session.
    disableStaff: (id, audit) => db.transaction(async (tx) => {
      const lock = db.engine === 'postgres' ? ' FOR UPDATE' : '';
      const admins = (await tx.run<{ id: number }>(`SELECT id FROM staff WHERE role = 'admin' AND disabled = 0 ORDER BY id${lock}`)).rows.map((r) => Number(r.id));
      const target = await findStaffById(tx, id);
      if (!target || target.disabled) return 'not-found' as const;
      if (target.role === 'admin' && admins.length <= 1) return 'last-admin' as const;
      await setStaffDisabled(tx, id, true);
      await deleteStaffSessions(tx, id);
      if (audit) await appendAuditIn(tx, db.engine, audit.key, audit.entry);
      return 'disabled' as const;
    }),
    createSession: (tokenHash, staffId, csrfToken, nowMs) => insertSession(db, tokenHash, staffId, csrfToken, nowMs),
    touchSession: (tokenHash, nowMs, limits, activity) => touchSession(db, tokenHash, nowMs, limits, activity),
    endSession: (tokenHash) => deleteSession(db, tokenHash),
    endAllSessions: (staffId) => deleteStaffSessions(db, staffId),
    pruneSessions: (nowMs, limits) => pruneSessions(db, nowMs, limits),
    audit: (key, entry) => appendAudit(db, key, entry),
    listAudit: (beforeSeq, limit) => listAudit(db, beforeSeq, limit),
    verifyAudit: (key) => verifyAuditChain(db, key),
    staffTotp: (id) => findStaffTotp(db, id),
    setTotpPending: (id, sealed) => setStaffTotpPending(db, id, sealed),
    confirmTotp: (id, pending, step, audit, keepSession) => db.transaction(async (tx) => {
      if (!(await confirmStaffTotp(tx, id, pending, step))) return false;
      await deleteOtherSessions(tx, id, keepSession);
      await appendAuditIn(tx, db.engine, audit.key, audit.entry);
      return true;
    }),
    useTotpStep: (id, step) => useStaffTotpStep(db, id, step),
    clearTotp: (id, step, audit) => db.transaction(async (tx) => {
      if (!(await clearStaffTotp(tx, id, step))) return false;
      await appendAuditIn(tx, db.engine, audit.key, audit.entry);
      return true;
    }),
    listStaffWithTotp: () => listStaffWithTotp(db),
  };
}
