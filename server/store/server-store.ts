// The central server's data, behind one async interface for both engines. Every rule that must hold
// across processes is a database constraint or a single conditional statement; nothing here keeps
// state between calls. Each transaction below states the invariant it protects.
import type { Numbering } from '../../shared/profile';
import { formatRegistrationNumber, type OutcomeState } from '../../shared/sync/protocol';
import type { Engine, SqlDatabase } from './sql';
import { insertEnrolCode, spendEnrolCode } from './enrol-codes-table';
import { countDevices, enrolDeviceRow, findDevice, revokeDeviceRow, type DeviceRow } from './devices-table';
import { pruneNonces, spendNonce } from './nonces-table';
import { answerKey, dropClaim, insertClaim, readKey, renewClaim, type StoredAnswer } from './idempotency-table';
import { takeNumber } from './number-counters-table';
import {
  countRegistrations, findRegistration, findRegistrations, insertRegistration, listRegistrations, numberRegistration, rejectRegistrationRow,
  type ListedRegistration, type NewRegistrationRow, type RegistrationRow,
} from './registrations-table';

export type { DeviceRow, ListedRegistration, RegistrationRow, StoredAnswer };

export type EnrolOutcome = 'enrolled' | 'invalid-code' | 'already-enrolled';

/** Who handles a request with this idempotency key. */
export type Claim =
  | { readonly kind: 'claimed' }
  | { readonly kind: 'answered'; readonly requestSha256: string; readonly answer: StoredAnswer }
  | { readonly kind: 'in-progress'; readonly requestSha256: string };

export interface NewRegistration extends NewRegistrationRow {
  readonly numbering: Numbering;
}

/** What the store decided for a new record; the caller turns it into the signed answer. */
export type Stored =
  | { readonly kind: 'received'; readonly registrationNumber: string | null }
  | { readonly kind: 'duplicate-nik' };

export interface ServerCounts {
  readonly registrations: Record<OutcomeState, number>;
  readonly devices: { readonly active: number; readonly revoked: number };
}

export interface ServerStore {
  readonly engine: Engine;
  createEnrolCode(codeHash: Buffer, createdAt: string, expiresAt: string): Promise<void>;
  enrolDevice(codeHash: Buffer, deviceId: string, signingKey: string, now: string): Promise<EnrolOutcome>;
  findDevice(deviceId: string): Promise<DeviceRow | undefined>;
  revokeDevice(deviceId: string, at: string): Promise<boolean>;
  /** True once per (device, nonce), across every process. */
  spendNonce(deviceId: string, nonce: string, seenAtMs: number): Promise<boolean>;
  pruneNonces(beforeMs: number): Promise<number>;
  claimKey(deviceId: string, key: string, requestSha256: string, nowMs: number, leaseMs: number): Promise<Claim>;
  releaseKey(deviceId: string, key: string): Promise<void>;
  /** Answers a claimed key that stores nothing else (a final refusal before any effect). */
  answerKey(deviceId: string, key: string, answer: StoredAnswer, at: string): Promise<void>;
  /**
   * Stores a received record and the answer to its key together; `answer` builds the signed answer
   * from what was decided. Returns the stored answer — the first one, if this record was stored before.
   */
  storeRegistration(reg: NewRegistration, answer: (stored: Stored) => StoredAnswer): Promise<StoredAnswer>;
  /** Staff decision: the next number of the record's profile and year. The number, or the record's existing state. */
  issueNumber(deviceId: string, recordId: string, numbering: Numbering, at: Date): Promise<RegistrationRow | undefined>;
  rejectRegistration(deviceId: string, recordId: string, reason: string, at: string): Promise<RegistrationRow | undefined>;
  findRegistrations(deviceId: string, recordIds: readonly string[]): Promise<RegistrationRow[]>;
  listRegistrations(afterId: number, limit: number): Promise<ListedRegistration[]>;
  counts(): Promise<ServerCounts>;
  close(): Promise<void>;
}

/** Numbers count per calendar year in Western Indonesian Time (UTC+7), where registration happens. */
export function numberingYear(at: Date): number {
  return new Date(at.getTime() + 7 * 3_600_000).getUTCFullYear();
}

/** Thrown inside a transaction to undo it and hand a result out. */
class Undo<T> {
  constructor(readonly result: T) {}
}

async function undoable<T>(run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (error) {
    if (error instanceof Undo) return error.result as T;
    throw error;
  }
}

export function createServerStore(db: SqlDatabase): ServerStore {
  return {
    engine: db.engine,
    createEnrolCode: (codeHash, createdAt, expiresAt) => insertEnrolCode(db, codeHash, createdAt, expiresAt),

    // The code is spent and the device written together: a code never enrols two devices, and a
    // refused enrolment never spends a code.
    enrolDevice: (codeHash, deviceId, signingKey, now) => undoable(() => db.transaction(async (tx): Promise<EnrolOutcome> => {
      if (!(await spendEnrolCode(tx, codeHash, deviceId, now))) return 'invalid-code';
      if (!(await enrolDeviceRow(tx, deviceId, signingKey, now))) throw new Undo<EnrolOutcome>('already-enrolled');
      return 'enrolled';
    })),

    findDevice: (deviceId) => findDevice(db, deviceId),
    revokeDevice: (deviceId, at) => revokeDeviceRow(db, deviceId, at),
    spendNonce: (deviceId, nonce, seenAtMs) => spendNonce(db, deviceId, nonce, seenAtMs),
    pruneNonces: (beforeMs) => pruneNonces(db, beforeMs),

    async claimKey(deviceId, key, requestSha256, nowMs, leaseMs) {
      for (;;) {
        if (await insertClaim(db, deviceId, key, requestSha256, nowMs)) return { kind: 'claimed' };
        const row = await readKey(db, deviceId, key);
        if (!row) continue; // the claim was dropped in between: try again
        if (row.status !== null && row.response !== null) {
          return { kind: 'answered', requestSha256: row.requestSha256, answer: { status: row.status, body: row.response } };
        }
        if (row.requestSha256 === requestSha256 && nowMs - row.claimedAt > leaseMs && await renewClaim(db, deviceId, key, row.claimedAt, nowMs)) {
          return { kind: 'claimed' };
        }
        return { kind: 'in-progress', requestSha256: row.requestSha256 };
      }
    },
    releaseKey: (deviceId, key) => dropClaim(db, deviceId, key),
    async answerKey(deviceId, key, answer, at) {
      await answerKey(db, deviceId, key, answer, at);
    },

    // The record, its number (on-accept) and its key's answer commit together: a retry after any
    // crash either finds the answer or stores the record for the first time — never twice, and
    // never a number without its record.
    storeRegistration: (reg, answer) => db.transaction(async (tx) => {
      const id = await insertRegistration(tx, reg);
      let stored: Stored;
      if (id === undefined) {
        // This very record stored by a process whose claim had lapsed: its answer stands.
        const earlier = await findRegistration(tx, reg.deviceId, reg.recordId);
        const first = earlier && await readKey(tx, reg.deviceId, reg.recordId);
        if (first && first.status !== null && first.response !== null) return { status: first.status, body: first.response };
        stored = { kind: 'duplicate-nik' };
      } else if (reg.numbering.mode === 'on-accept') {
        const at = new Date(reg.receivedAt);
        const year = numberingYear(at);
        const number = formatRegistrationNumber(reg.numbering.prefix, year, await takeNumber(tx, reg.profileId, year));
        await numberRegistration(tx, id, number, reg.receivedAt);
        stored = { kind: 'received', registrationNumber: number };
      } else {
        stored = { kind: 'received', registrationNumber: null };
      }
      const result = answer(stored);
      await answerKey(tx, reg.deviceId, reg.recordId, result, reg.receivedAt);
      return result;
    }),

    // A number is taken only for a record still 'received'; if another decision got there first the
    // whole transaction is undone, so the counter skips nothing.
    issueNumber: (deviceId, recordId, numbering, at) => undoable(() => db.transaction(async (tx) => {
      const row = await findRegistration(tx, deviceId, recordId);
      if (!row || row.state !== 'received') return row;
      const year = numberingYear(at);
      const number = formatRegistrationNumber(numbering.prefix, year, await takeNumber(tx, row.profileId, year));
      if (!(await numberRegistration(tx, row.id, number, at.toISOString()))) throw new Undo(await findRegistration(tx, deviceId, recordId));
      return findRegistration(tx, deviceId, recordId);
    })),

    async rejectRegistration(deviceId, recordId, reason, at) {
      const row = await findRegistration(db, deviceId, recordId);
      if (row) await rejectRegistrationRow(db, row.id, reason, at);
      return findRegistration(db, deviceId, recordId);
    },

    findRegistrations: (deviceId, recordIds) => findRegistrations(db, deviceId, recordIds),
    listRegistrations: (afterId, limit) => listRegistrations(db, afterId, limit),
    async counts() {
      return { registrations: await countRegistrations(db), devices: await countDevices(db) };
    },
    close: () => db.close(),
  };
}
