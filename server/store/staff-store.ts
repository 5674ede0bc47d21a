// The back office's data (staff, sessions, audit trail) behind one async interface for both engines,
// beside the kiosk-facing ServerStore. Each transaction states the invariant it protects.
import type { SqlDatabase } from './sql';
import {
  clearFailedLogins, countAdmins, countFailedLogin, findStaffById, findStaffByName, insertStaff, listStaff, setStaffDisabled,
  type StaffRole, type StaffRow,
} from './staff-table';
import { deleteSession, deleteStaffSessions, insertSession, pruneSessions, touchSession, type SessionLimits, type SessionRow } from './staff-sessions-table';
import { appendAudit, listAudit, verifyAuditChain, type AuditEntry, type ChainCheck, type StoredAuditEntry } from './audit-table';

export type { AuditEntry, ChainCheck, SessionLimits, SessionRow, StaffRole, StaffRow, StoredAuditEntry };

export interface StaffStore {
  /** The new account's id; undefined when the username is taken. */
  createStaff(username: string, role: StaffRole, passwordHash: string, at: string): Promise<number | undefined>;
  findStaffByName(username: string): Promise<StaffRow | undefined>;
  findStaffById(id: number): Promise<StaffRow | undefined>;
  listStaff(): Promise<StaffRow[]>;
  countAdmins(): Promise<number>;
  /** A failure counted; the lock's end in epoch ms once the limit is reached (else 0). */
  countFailedLogin(id: number, max: number, lockUntil: number): Promise<number>;
  clearFailedLogins(id: number): Promise<void>;
  /** Disables or enables an account; disabling also ends all its sessions. */
  setDisabled(id: number, disabled: boolean): Promise<boolean>;
  createSession(tokenHash: Buffer, staffId: number, csrfToken: string, nowMs: number): Promise<void>;
  touchSession(tokenHash: Buffer, nowMs: number, limits: SessionLimits): Promise<SessionRow | undefined>;
  endSession(tokenHash: Buffer): Promise<void>;
  endAllSessions(staffId: number): Promise<number>;
  pruneSessions(nowMs: number, limits: SessionLimits): Promise<number>;
  audit(entry: AuditEntry): Promise<StoredAuditEntry>;
  listAudit(beforeSeq: number, limit: number): Promise<StoredAuditEntry[]>;
  verifyAudit(): Promise<ChainCheck>;
}

export function createStaffStore(db: SqlDatabase): StaffStore {
  return {
    createStaff: (username, role, hash, at) => insertStaff(db, username, role, hash, at),
    findStaffByName: (username) => findStaffByName(db, username),
    findStaffById: (id) => findStaffById(db, id),
    listStaff: () => listStaff(db),
    countAdmins: () => countAdmins(db),
    countFailedLogin: (id, max, lockUntil) => countFailedLogin(db, id, max, lockUntil),
    clearFailedLogins: (id) => clearFailedLogins(db, id),
    // The flag and the end of every session commit together: a disabled account keeps no session.
    setDisabled: (id, disabled) => db.transaction(async (tx) => {
      const changed = await setStaffDisabled(tx, id, disabled);
      if (changed && disabled) await deleteStaffSessions(tx, id);
      return changed;
    }),
    createSession: (tokenHash, staffId, csrfToken, nowMs) => insertSession(db, tokenHash, staffId, csrfToken, nowMs),
    touchSession: (tokenHash, nowMs, limits) => touchSession(db, tokenHash, nowMs, limits),
    endSession: (tokenHash) => deleteSession(db, tokenHash),
    endAllSessions: (staffId) => deleteStaffSessions(db, staffId),
    pruneSessions: (nowMs, limits) => pruneSessions(db, nowMs, limits),
    audit: (entry) => appendAudit(db, entry),
    listAudit: (beforeSeq, limit) => listAudit(db, beforeSeq, limit),
    verifyAudit: () => verifyAuditChain(db),
  };
}
