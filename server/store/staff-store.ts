// The back office's data (staff, sessions, audit trail) behind one async interface for both engines,
// beside the kiosk-facing ServerStore. Each transaction states the invariant it protects.
import type { SqlDatabase } from './sql';
import { createHash } from 'node:crypto';
import { findStaffById, findStaffByName, insertStaff, listStaff, setStaffDisabled, type StaffRole, type StaffRow } from './staff-table';
import { clearAttempts, takeAttempt, type AttemptPolicy, type AttemptTaken } from './directory-attempts-table';
import { deleteSession, deleteStaffSessions, insertSession, pruneSessions, touchSession, type SessionLimits, type SessionRow } from './staff-sessions-table';
import { appendAudit, listAudit, verifyAuditChain, type AuditEntry, type ChainCheck, type StoredAuditEntry } from './audit-table';

export type { AttemptPolicy, AuditEntry, ChainCheck, SessionLimits, SessionRow, StaffRole, StaffRow, StoredAuditEntry };

export interface StaffStore {
  /** The new account's id; undefined when the username is taken. */
  createStaff(username: string, role: StaffRole, passwordHash: string, at: string): Promise<number | undefined>;
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
  disableStaff(id: number): Promise<'disabled' | 'last-admin' | 'not-found'>;
  createSession(tokenHash: Buffer, staffId: number, csrfToken: string, nowMs: number): Promise<void>;
  touchSession(tokenHash: Buffer, nowMs: number, limits: SessionLimits): Promise<SessionRow | undefined>;
  endSession(tokenHash: Buffer): Promise<void>;
  endAllSessions(staffId: number): Promise<number>;
  pruneSessions(nowMs: number, limits: SessionLimits): Promise<number>;
  /** Appends to the audit trail, chained under `key` (auditKey in server/keys.ts). */
  audit(key: Buffer, entry: AuditEntry): Promise<StoredAuditEntry>;
  listAudit(beforeSeq: number, limit: number): Promise<StoredAuditEntry[]>;
  verifyAudit(key: Buffer): Promise<ChainCheck>;
}

/**
 * The attempts table's key for a typed staff username: its own namespace beside the directory's
 * HMAC keys, lower-cased so that "Admin" and "admin" share one window.
 */
const loginKey = (username: string): Buffer => createHash('sha256').update(`staff-login\0${username.toLowerCase()}`, 'utf8').digest();

export function createStaffStore(db: SqlDatabase): StaffStore {
  return {
    createStaff: (username, role, hash, at) => insertStaff(db, username, role, hash, at),
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
    disableStaff: (id) => db.transaction(async (tx) => {
      const lock = db.engine === 'postgres' ? ' FOR UPDATE' : '';
      const admins = (await tx.run<{ id: number }>(`SELECT id FROM staff WHERE role = 'admin' AND disabled = 0 ORDER BY id${lock}`)).rows.map((r) => Number(r.id));
      const target = await findStaffById(tx, id);
      if (!target || target.disabled) return 'not-found' as const;
      if (target.role === 'admin' && admins.length <= 1) return 'last-admin' as const;
      await setStaffDisabled(tx, id, true);
      await deleteStaffSessions(tx, id);
      return 'disabled' as const;
    }),
    createSession: (tokenHash, staffId, csrfToken, nowMs) => insertSession(db, tokenHash, staffId, csrfToken, nowMs),
    touchSession: (tokenHash, nowMs, limits) => touchSession(db, tokenHash, nowMs, limits),
    endSession: (tokenHash) => deleteSession(db, tokenHash),
    endAllSessions: (staffId) => deleteStaffSessions(db, staffId),
    pruneSessions: (nowMs, limits) => pruneSessions(db, nowMs, limits),
    audit: (key, entry) => appendAudit(db, key, entry),
    listAudit: (beforeSeq, limit) => listAudit(db, beforeSeq, limit),
    verifyAudit: (key) => verifyAuditChain(db, key),
  };
}
