// The central server's data, behind one async interface for both engines. Every rule that must hold
// across processes is a database constraint or a single conditional statement; nothing here keeps
// state between calls. Each transaction below states the invariant it protects.
import type { Numbering } from '../../shared/profile';
import { formatRegistrationNumber, type OutcomeState } from '../../shared/sync/protocol';
import type { Engine, SqlDatabase, SqlRunner } from './sql';
import { createStaffStore, type StaffStore } from './staff-store';
import { createKiosksStore, type KiosksStore } from './kiosks-store';
import { createRetentionStore, type RetentionStore } from './retention-table';
import { createOperatorsStore, type OperatorsStore } from './operators-table';
import { bindKeyFacts, type KeyFacts } from './server-keys-table';
import { insertEnrolCode, spendEnrolCode } from './enrol-codes-table';
import { countDevices, enrolDeviceRow, findDevice, revokeDeviceRow, type DeviceRow } from './devices-table';
import { nonceSeen, pruneNonces, spendNonce } from './nonces-table';
import { insertAnswer, readAnswer, type KeyAnswer, type StoredAnswer } from './idempotency-table';
import { clearAttempts, pruneAttempts, returnAttempt, takeAttempt, type AttemptPolicy, type AttemptTaken } from './directory-attempts-table';
import {
  countRegistrations, findRegistration, findRegistrations, findSealed, insertRegistration, listForReview, listRegistrations, nikTaken, numberRegistration,
  rejectRegistrationRow, reopenRegistrationRow, listSenders, type ListedRegistration, type NewRegistrationRow, type RegistrationRow, type ReviewFilter,
} from './registrations-table';
import { appendAuditIn, type AuditEntry } from './audit-table';
import { receiveKioskAudit } from './kiosk-audit-table';
import { dropClaim, dropClaims, liveClaims, upsertClaim, type Claim } from './review-claims-table';
import { cancelPendingMail, claimOutboxMail, insertOutboxMail, listOutbox, retryOutboxMail, settleOutboxMail, type ClaimedMail, type NewOutboxMail, type OutboxRow } from './outbox-table';

export type { AttemptPolicy, AttemptTaken, Claim, ClaimedMail, DeviceRow, KeyAnswer, KeyFacts, ListedRegistration, NewOutboxMail, OutboxRow, RegistrationRow, ReviewFilter, StoredAnswer };

export type EnrolOutcome = 'enrolled' | 'invalid-code' | 'already-enrolled';

/** A signed request's nonce: spent in the transaction that stores the request's effect. */
export interface Nonce {
  readonly value: string;
  readonly seenAtMs: number;
}

/** How a request ended in the database: its key's answer (maybe a first one, given to another body), or a replay. */
export type Settled =
  | { readonly kind: 'answered'; readonly requestSha256: string; readonly answer: StoredAnswer }
  | { readonly kind: 'replayed' };

export interface NewRegistration extends NewRegistrationRow {
  readonly numbering: Numbering;
  readonly nonce: Nonce;
  /** Numbered on acceptance: the applicant's e-mail announcing the number, queued with the record. */
  readonly mail?: (registrationNumber: string) => Promise<NewOutboxMail | undefined>;
}

/** What the store decided for a new record; the caller turns it into the signed answer. */
export type Stored =
  | { readonly kind: 'received'; readonly registrationNumber: string | null }
  | { readonly kind: 'duplicate-nik' };

/** A decision's outcome: the record as it stands, and whether this call is the one that decided it. */
export type Decision = (RegistrationRow & { readonly decidedHere: boolean }) | undefined;
const standing = (row: RegistrationRow | undefined, decidedHere = false): Decision => (row ? { ...row, decidedHere } : undefined);

/** An audit entry appended in the transaction of the decision it records, built from the row as decided. */
export interface AuditNote {
  readonly key: Buffer;
  readonly entry: (decided: RegistrationRow) => AuditEntry;
}

/** What a staff decision carries along: the revision its reviewer saw (none from the command line), its audit entry. */
export interface DecisionContext {
  readonly seenRevision?: number;
  readonly audit?: AuditNote;
}

export interface ServerCounts {
  readonly registrations: Record<OutcomeState, number>;
  readonly devices: { readonly active: number; readonly revoked: number };
}

/** The e-mail owed to applicants (outbox-table.ts), for the outbox worker in any process. */
export interface OutboxStore {
  /** The oldest due mail for `leaseMs` (by the database's clock), or none. */
  claim(leaseMs: number, leaseToken: string): Promise<ClaimedMail | undefined>;
  settle(id: number, leaseToken: string, outcome: { state: 'sent'; at: string } | { state: 'failed'; error: string }): Promise<boolean>;
  /** Due again `delayMs` from now by the database's clock. */
  retry(id: number, leaseToken: string, delayMs: number, error: string): Promise<boolean>;
  list(afterId: number, limit: number): Promise<OutboxRow[]>;
}

export interface ServerStore {
  readonly engine: Engine;
  readonly outbox: OutboxStore;
  /** The back office's accounts, sessions and audit trail (staff-store.ts). */
  readonly staff: StaffStore;
  /** The back office's kiosk list, names, revocations and enrolment codes; the kiosks' presence (kiosks-store.ts). */
  readonly kiosks: KiosksStore;
  /** The retention job's purge of decided records (retention-table.ts). */
  readonly retention: RetentionStore;
  /** Kiosk operator accounts, sent to kiosks as password hashes (operators-table.ts). */
  readonly operators: OperatorsStore;
  /** Adds a kiosk's trail entries not added before (by the kiosk's entry id); the ids now held. */
  receiveKioskAudit(key: Buffer, deviceId: string, entries: readonly { localId: number; entry: AuditEntry }[]): Promise<number[]>;
  /** Records this server's key facts if it is the first; returns the recorded ones. */
  bindKeyFacts(facts: KeyFacts, at: string): Promise<KeyFacts>;
  createEnrolCode(codeHash: Buffer, createdAt: string, expiresAt: string): Promise<void>;
  enrolDevice(codeHash: Buffer, deviceId: string, signingKey: string, now: string): Promise<EnrolOutcome>;
  findDevice(deviceId: string): Promise<DeviceRow | undefined>;
  revokeDevice(deviceId: string, at: string): Promise<boolean>;
  /** True once per (device, nonce), across every process. */
  spendNonce(deviceId: string, nonce: string, seenAtMs: number): Promise<boolean>;
  /** Whether the nonce was spent already (a cheap check before any work; spending is what counts). */
  nonceSeen(deviceId: string, nonce: string): Promise<boolean>;
  pruneNonces(beforeMs: number): Promise<number>;
  /** The answer stored for this key, if any. */
  findAnswer(deviceId: string, key: string): Promise<KeyAnswer | undefined>;
  /** Spends the nonce and stores a final answer that stores nothing else (a refusal), or finds the first one. */
  answerOnce(deviceId: string, key: string, requestSha256: string, answer: StoredAnswer, nonce: Nonce, at: string): Promise<Settled>;
  /**
   * Spends the nonce and stores a received record with the answer to its key, together; `answer`
   * builds the signed answer from what was decided. If the key was answered first (a concurrent
   * duplicate, in any process), nothing is stored and that answer is returned.
   */
  storeRegistration(reg: NewRegistration, answer: (stored: Stored) => StoredAnswer): Promise<Settled>;
  /**
   * Staff decision: the next number of the record's profile and year. The number, or the record's
   * existing state. `mail` composes the applicant's e-mail for the number, queued with it.
   */
  issueNumber(deviceId: string, recordId: string, numbering: Numbering, at: Date,
    context?: DecisionContext & { readonly mail?: (registrationNumber: string) => Promise<NewOutboxMail | undefined> }): Promise<Decision>;
  /** Staff decision: rejects a record still 'received' (the first decision stands), with its e-mail queued. The row after. */
  rejectRegistration(deviceId: string, recordId: string, reason: string, at: string, context?: DecisionContext & { readonly mail?: NewOutboxMail | undefined }): Promise<Decision>;
  /** Admin: a rejection seen at `seenRevision` goes back to 'received', audited in the same transaction. */
  reopenRegistration(deviceId: string, recordId: string, seenRevision: number, audit: AuditNote): Promise<Decision>;
  /** A staff member has the record open (renewed while it stays open); the live claims on it after. */
  claimRecord(registrationId: number, staffId: number, nowMs: number): Promise<Claim[]>;
  releaseClaim(registrationId: number, staffId: number): Promise<void>;
  /** The live claims on these records (for the queue). */
  claimsOn(registrationIds: readonly number[], nowMs: number): Promise<Claim[]>;
  findSealed(deviceId: string, recordId: string): Promise<Buffer | undefined>;
  listForReview(filter: ReviewFilter, afterId: number, limit: number): Promise<ListedRegistration[]>;
  /** Every kiosk that has sent a registration, with how many. */
  listSenders(): Promise<{ deviceId: string; name: string | null; registrations: number }[]>;
  findRegistrations(deviceId: string, recordIds: readonly string[]): Promise<RegistrationRow[]>;
  listRegistrations(afterId: number, limit: number): Promise<ListedRegistration[]>;
  /** Whether the profile holds a registration with this unique key (unique-key.ts), in any state. */
  hasRegistration(profileId: string, keyHash: Buffer): Promise<boolean>;
  /** Counts a directory verification of an account (keyed by its HMAC) before it is made, or refuses it while the account is throttled. */
  takeDirectoryAttempt(keyHash: Buffer, nowMs: number, policy: AttemptPolicy): Promise<AttemptTaken>;
  /** Uncounts an attempt that never reached a verdict (the directory was unavailable). */
  returnDirectoryAttempt(keyHash: Buffer): Promise<void>;
  clearDirectoryAttempts(keyHash: Buffer): Promise<void>;
  pruneDirectoryAttempts(beforeMs: number): Promise<number>;
  counts(): Promise<ServerCounts>;
  close(): Promise<void>;
}

/** Numbers count per calendar year in Western Indonesian Time (UTC+7), where registration happens. */
function numberingYear(at: Date): number {
  return new Date(at.getTime() + 7 * 3_600_000).getUTCFullYear();
}

/** Thrown inside a transaction to undo it and hand a result out. */
class Undo<T> {
  constructor(readonly result: T) {}
}

/** The key's stored answer, read inside a transaction that found it there. */
async function firstAnswer(tx: SqlRunner, deviceId: string, key: string): Promise<Settled> {
  const first = await readAnswer(tx, deviceId, key);
  if (!first) throw new Error('an idempotency key conflicted but holds no answer');
  return { kind: 'answered', ...first };
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
  /**
   * The end of every decision's transaction, once its row changed: the claims on the record go, its
   * audit entry is appended (the audit head is taken last: see appendAuditIn), and the row as decided.
   */
  async function settled(tx: SqlRunner, deviceId: string, recordId: string, audit: AuditNote | undefined): Promise<Decision> {
    const row = await findRegistration(tx, deviceId, recordId);
    if (!row) throw new Error('a decided registration vanished inside its transaction');
    await dropClaims(tx, row.id);
    if (audit) await appendAuditIn(tx, db.engine, audit.key, audit.entry(row));
    return standing(row, true);
  }

  // The nonce and the answer commit together: a replay is refused, a concurrent duplicate finds
  // the answer stored first.
  const answerOnce: ServerStore['answerOnce'] = (deviceId, key, requestSha256, answer, nonce, at) => undoable(() => db.transaction(async (tx): Promise<Settled> => {
    if (!(await spendNonce(tx, deviceId, nonce.value, nonce.seenAtMs))) return { kind: 'replayed' };
    if (await insertAnswer(tx, deviceId, key, requestSha256, answer, at)) return { kind: 'answered', requestSha256, answer };
    throw new Undo(await firstAnswer(tx, deviceId, key));
  }));

  return {
    engine: db.engine,
    staff: createStaffStore(db),
    kiosks: createKiosksStore(db),
    retention: createRetentionStore(db),
    operators: createOperatorsStore(db),
    receiveKioskAudit: (key, deviceId, entries) => receiveKioskAudit(db, key, deviceId, entries),
    outbox: {
      claim: (leaseMs, leaseToken) => claimOutboxMail(db, db.clockMs, leaseMs, leaseToken),
      settle: (id, leaseToken, outcome) => settleOutboxMail(db, id, leaseToken, outcome),
      retry: (id, leaseToken, delayMs, error) => retryOutboxMail(db, db.clockMs, id, leaseToken, delayMs, error),
      list: (afterId, limit) => listOutbox(db, afterId, limit),
    },
    bindKeyFacts: (facts, at) => bindKeyFacts(db, facts, at),
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

    nonceSeen: (deviceId, nonce) => nonceSeen(db, deviceId, nonce),
    findAnswer: (deviceId, key) => readAnswer(db, deviceId, key),

    answerOnce,

    // The nonce, the record, its number and e-mail (on-accept) and its key's answer commit together: a retry
    // after any crash either finds the answer or stores the record for the first time — never
    // twice, and never a number without its record. Two processes storing the same record at once
    // meet at the unique key: the second waits for the first, then finds its answer. A duplicate
    // NIK undoes the transaction (and the number it took), then stores the refusal alone.
    async storeRegistration(reg, answer) {
      const year = numberingYear(new Date(reg.receivedAt));
      if (reg.numbering.mode === 'on-accept') await db.prepareNumbering(reg.numbering.prefix, year);
      const stored = await undoable(() => db.transaction(async (tx): Promise<Settled | 'duplicate-nik'> => {
        if (!(await spendNonce(tx, reg.deviceId, reg.nonce.value, reg.nonce.seenAtMs))) return { kind: 'replayed' };
        // Numbered before the insert, inserted with its number: an UPDATE afterwards would rewrite
        // the sealed record on SQLite, and on PostgreSQL write a new row version into every index.
        const number = reg.numbering.mode === 'on-accept'
          ? formatRegistrationNumber(reg.numbering.prefix, year, await db.nextNumber(tx, reg.numbering.prefix, year))
          : null;
        const id = await insertRegistration(tx, reg, number);
        if (id === undefined) {
          if (await findRegistration(tx, reg.deviceId, reg.recordId)) throw new Undo(await firstAnswer(tx, reg.deviceId, reg.recordId));
          if (reg.nikHash && await nikTaken(tx, reg.profileId, reg.nikHash)) throw new Undo('duplicate-nik' as const);
          // Only a registration number can be left: a counter behind the numbers already issued.
          throw new Error('registration number already issued; the number counter is behind');
        }
        const message = number === null ? undefined : await reg.mail?.(number);
        if (message) await insertOutboxMail(tx, id, 0, message, reg.receivedAt, Date.parse(reg.receivedAt));
        const result = answer({ kind: 'received', registrationNumber: number });
        // The key answered meanwhile (a refusal of another body): undo the record, that answer stands.
        if (!(await insertAnswer(tx, reg.deviceId, reg.recordId, reg.payloadSha256, result, reg.receivedAt))) {
          throw new Undo(await firstAnswer(tx, reg.deviceId, reg.recordId));
        }
        return { kind: 'answered', requestSha256: reg.payloadSha256, answer: result };
      }));
      if (stored !== 'duplicate-nik') return stored;
      return answerOnce(reg.deviceId, reg.recordId, reg.payloadSha256, answer({ kind: 'duplicate-nik' }), reg.nonce, reg.receivedAt);
    },

    // A number is taken only for a record still 'received'; if another decision got there first the
    // whole transaction is undone (and on SQLite the counter skips nothing). The number and its
    // e-mail commit together: no number without its mail, no mail announcing an undone number.
    async issueNumber(deviceId, recordId, numbering, at, { seenRevision, mail, audit } = {}) {
      const before = await findRegistration(db, deviceId, recordId);
      if (!before || before.state !== 'received') return standing(before);
      const year = numberingYear(at);
      await db.prepareNumbering(numbering.prefix, year);
      return undoable(() => db.transaction(async (tx): Promise<Decision> => {
        const row = await findRegistration(tx, deviceId, recordId);
        if (!row || row.state !== 'received') return standing(row);
        const number = formatRegistrationNumber(numbering.prefix, year, await db.nextNumber(tx, numbering.prefix, year));
        if (!(await numberRegistration(tx, row.id, number, at.toISOString(), seenRevision))) throw new Undo(standing(await findRegistration(tx, deviceId, recordId)));
        const message = await mail?.(number);
        if (message) await insertOutboxMail(tx, row.id, row.revision + 1, message, at.toISOString(), at.getTime());
        return settled(tx, deviceId, recordId, audit);
      }));
    },

    // The rejection, its e-mail and its audit entry commit together; a record decided already gets none of them.
    rejectRegistration: (deviceId, recordId, reason, at, { seenRevision, mail, audit } = {}) => db.transaction(async (tx): Promise<Decision> => {
      const row = await findRegistration(tx, deviceId, recordId);
      if (!row || !(await rejectRegistrationRow(tx, row.id, reason, at, seenRevision))) return standing(await findRegistration(tx, deviceId, recordId));
      if (mail) await insertOutboxMail(tx, row.id, row.revision + 1, mail, at, Date.parse(at));
      return settled(tx, deviceId, recordId, audit);
    }),

    reopenRegistration: (deviceId, recordId, seenRevision, audit) => db.transaction(async (tx): Promise<Decision> => {
      const row = await findRegistration(tx, deviceId, recordId);
      if (!row || !(await reopenRegistrationRow(tx, row.id, seenRevision))) return standing(row);
      await cancelPendingMail(tx, row.id);
      return settled(tx, deviceId, recordId, audit);
    }),

    async claimRecord(registrationId, staffId, nowMs) {
      // One row per record and staff member at most, gone with the decision or when the page closes:
      // lapsed claims need no pruning to stay few.
      await upsertClaim(db, registrationId, staffId, nowMs);
      return liveClaims(db, [registrationId], nowMs);
    },
    releaseClaim: (registrationId, staffId) => dropClaim(db, registrationId, staffId),
    claimsOn: (registrationIds, nowMs) => liveClaims(db, registrationIds, nowMs),
    findSealed: (deviceId, recordId) => findSealed(db, deviceId, recordId),
    listForReview: (filter, afterId, limit) => listForReview(db, filter, afterId, limit),
    listSenders: () => listSenders(db),

    findRegistrations: (deviceId, recordIds) => findRegistrations(db, deviceId, recordIds),
    listRegistrations: (afterId, limit) => listRegistrations(db, afterId, limit),
    hasRegistration: (profileId, keyHash) => nikTaken(db, profileId, keyHash),
    takeDirectoryAttempt: (keyHash, nowMs, policy) => takeAttempt(db, keyHash, nowMs, policy),
    returnDirectoryAttempt: (keyHash) => returnAttempt(db, keyHash),
    clearDirectoryAttempts: (keyHash) => clearAttempts(db, keyHash),
    pruneDirectoryAttempts: (beforeMs) => pruneAttempts(db, beforeMs),
    async counts() {
      return { registrations: await countRegistrations(db), devices: await countDevices(db) };
    },
    close: () => db.close(),
  };
}
