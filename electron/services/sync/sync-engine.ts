// The sync engine: delivers queued records to the central server, oldest first, exactly once, then
// follows what the server decides about them.
//   pending → (upload, held in memory) → acked (delivery receipt stored, payload purged, one UPDATE) | rejected | pending
//   acked 'received' → 'numbered' | 'rejected' (signed outcomes, pulled each cycle until settled)
// Exactly once rests on two invariants: the server stores its answer with the record id (the
// idempotency key) in the transaction that stores the record, and the kiosk purges a payload only in
// the UPDATE that stores the server's signed delivery receipt. Any crash in between leads to a
// resend, which the server answers with its first answer.
// The engine never dies of a local failure (disk full, busy, I/O): the error path writes nothing
// that could fail again, and the next cycle is scheduled whatever happened.
// Clock jumps: waits run on timers (monotonic); a record's next attempt is stored on the wall clock
// (it must survive a restart), and takeDue treats one further ahead than any backoff as due, so a
// backward jump strands nothing and a forward one only makes records due early. Periods measured
// in this process (the operators' pull) run on the monotonic clock.
import type Database from 'better-sqlite3';
import { isOverdue, type SyncStatus } from '../../../shared/sync/status';
import { HealthSchema } from '../../../shared/sync/protocol';
import type { Ed25519Signer } from '../../../node/crypto/ed25519';
import { sha256Hex } from '../../../node/crypto/request-signing';
import { log } from '../../../node/log';
import { classifyAnswer, classifyFailure, fullJitter, nextLaneCount, type UploadOutcome } from './classify';
import { pullOutcomes } from './outcome-pull';
import { pullOperators } from '../operators/operator-pull';
import { pushKioskAudit } from '../operators/audit-push';

/** How often the operators' accounts are asked for while online (a new or disabled account arrives within this). */
const OPERATORS_EVERY_MS = 5 * 60_000;
import type { RecordSealer } from './record-sealer';
import { createServerClient, type ClientOptions, type ServerClient } from './server-client';
import {
  markAcked, markRejected, nextDueAt, noteAttempt, noteError, noteSuccess, readLink, readSyncState, releaseUploading,
  summarise, takeDue, type OutboundRecord, type ServerLink,
} from './sync-repo';

export interface SyncOptions extends ClientOptions {
  /** Health probe period while idle or offline. */
  readonly probeIntervalMs?: number;
  readonly backoffBaseMs?: number;
  readonly backoffCapMs?: number;
  /** Wait after a device-level refusal (revoked, clock, untrusted receipt). */
  readonly pauseMs?: number;
  /** The most uploads in flight at once (fewer after timeouts: see nextLaneCount). */
  readonly concurrency?: number;
  readonly warnAfterDays?: number;
  /** Tests move the clocks apart: wall (stored times) and monotonic (periods in this process). */
  readonly clock?: { readonly now?: () => Date; readonly monotonic?: () => number };
}

export interface SyncEngineDeps {
  readonly db: Database.Database;
  readonly deviceId: string;
  readonly sealer: RecordSealer;
  /** The device's request-signing key; asked for only once the device is enrolled. */
  readonly signer: () => Ed25519Signer;
  readonly options?: SyncOptions;
  readonly now?: () => Date;
}

export interface SyncEngine {
  start(): void;
  /** Stops timers and aborts the uploads in flight (their records go back to pending). */
  stop(): Promise<void>;
  /** A record was queued: try at once instead of waiting for the next probe. */
  notify(): void;
  /** Runs one cycle now (tests, benchmarks, operator "sync now"); resolves when it ends. */
  syncNow(): Promise<void>;
  status(): SyncStatus;
}

/** A short code for a local failure, for the status and the log (never a message with data). */
function localErrorCode(error: unknown): string {
  const code = String((error as { code?: unknown }).code ?? '');
  if (code === 'SQLITE_FULL' || code === 'ENOSPC') return 'disk-full';
  if (code === 'SQLITE_BUSY' || code === 'SQLITE_LOCKED') return 'database-busy';
  if (code.startsWith('SQLITE_IOERR') || code === 'EIO') return 'disk-error';
  return 'local-error';
}

export function createSyncEngine({ db, deviceId, sealer, signer, options = {}, now = options.clock?.now ?? (() => new Date()) }: SyncEngineDeps): SyncEngine {
  const monotonic = options.clock?.monotonic ?? (() => performance.now());
  const probeMs = options.probeIntervalMs ?? 15_000;
  const baseMs = options.backoffBaseMs ?? 1_000;
  const capMs = options.backoffCapMs ?? 60_000;
  const pauseMs = options.pauseMs ?? 60_000;
  const concurrency = Math.max(1, options.concurrency ?? 6);
  const warnAfterDays = options.warnAfterDays ?? 3;

  let online: boolean | null = null;
  let blockedBy: string | null = null;
  let localError: string | null = null;
  let lastError: { code: string; at: string } | null = null;
  let failures = 0;
  /** When the operators' list was last pulled in this run, on the monotonic clock (undefined: not yet). */
  let operatorsPulledAt: number | undefined;
  let lanes = concurrency;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let running: Promise<void> | undefined;
  let wake = false;
  let stopped = true;
  let abort = new AbortController();
  let client: { url: string; http: ServerClient } | undefined;

  const clientFor = (link: ServerLink): ServerClient => {
    if (client?.url !== link.serverUrl) client = { url: link.serverUrl, http: createServerClient(link.serverUrl, options) };
    return client.http;
  };

  const schedule = (ms: number): void => {
    if (stopped) return;
    clearTimeout(timer);
    timer = setTimeout(() => { void runCycle(); }, ms);
  };

  /** Remembers a failure; persisting it is best effort (the disk may be what failed). */
  const note = (code: string): void => {
    lastError = { code, at: now().toISOString() };
    log.warn('sync.failed', { code });
    try {
      noteError(db, code, now());
    } catch {
      // The in-memory status still says it.
    }
  };

  async function probe(http: ServerClient): Promise<boolean> {
    try {
      const answer = await http.health(abort.signal);
      return answer.status === 200 && HealthSchema.safeParse(answer.body).success;
    } catch {
      return false;
    }
  }

  async function upload(http: ServerClient, link: ServerLink, rec: OutboundRecord, key: Ed25519Signer): Promise<UploadOutcome> {
    const payloadSha256 = sha256Hex(rec.payload);
    try {
      const answer = await http.uploadRecord(deviceId, rec.id, rec.payload, payloadSha256, rec.receiptNumber, key, abort.signal);
      return classifyAnswer(answer, { recordId: rec.id, deviceId, payloadSha256, receiptPublicKey: link.receiptPublicKey });
    } catch (error) {
      return classifyFailure(error);
    }
  }

  /** Applies one record's outcome; returns the delay the whole queue must wait, if it must. */
  function apply(rec: OutboundRecord, outcome: UploadOutcome): number | undefined {
    const at = now();
    switch (outcome.kind) {
      case 'acked':
        markAcked(db, rec.id, outcome.receipt.receipt.registrationNumber, JSON.stringify(outcome.receipt), at);
        failures = 0;
        blockedBy = null;
        log.info('sync.acked', { id: rec.id });
        return undefined;
      case 'rejected':
        markRejected(db, rec.id, outcome.code, at);
        log.warn('sync.rejected', { id: rec.id, code: outcome.code });
        return undefined;
      case 'retry-record':
        // This record waits out its own backoff; the lanes go on with the records behind it.
        noteAttempt(db, rec.id, at.getTime() + fullJitter(rec.attempts + 1, baseMs, capMs), true, outcome.code);
        note(outcome.code);
        return undefined;
      case 'retry-queue':
        noteAttempt(db, rec.id, 0, false, outcome.code);
        note(outcome.code);
        failures += 1;
        if (outcome.code !== 'http-429' && outcome.code !== 'rate-limited') online = false;
        return Math.max(fullJitter(failures, baseMs, capMs), 50);
      case 'pause':
        noteAttempt(db, rec.id, 0, false, outcome.code);
        note(outcome.code);
        blockedBy = outcome.code;
        return pauseMs;
    }
  }

  /** Uploads every due record, `lanes` at a time; the delay to wait if the queue must stop. */
  async function deliver(http: ServerClient, link: ServerLink, key: Ed25519Signer): Promise<number | undefined> {
    let halt: number | undefined;
    let timedOut = false;
    let acked = 0;
    // Records are read `concurrency` at a time, oldest first, and shared by the lanes; the pass
    // moves forward through the queue, so a record that failed in it waits for the next pass.
    let taken: OutboundRecord[] = [];
    let afterSeq = 0;
    const next = (): OutboundRecord | undefined => {
      if (taken.length === 0) {
        taken = takeDue(db, afterSeq, lanes, now().getTime(), capMs);
        afterSeq = taken.at(-1)?.seq ?? afterSeq;
      }
      return taken.shift();
    };
    const lane = async (): Promise<void> => {
      for (let rec = next(); rec; rec = halt === undefined && !abort.signal.aborted ? next() : undefined) {
        const outcome = await upload(http, link, rec, key);
        const wait = apply(rec, outcome);
        if (outcome.kind === 'acked') acked += 1;
        if (outcome.kind === 'retry-queue' && outcome.code === 'timeout') timedOut = true;
        if (wait !== undefined) halt = Math.max(halt ?? 0, wait);
      }
    };
    // Every lane ends before the cycle does: no upload outlives its cycle.
    const settled = await Promise.allSettled(Array.from({ length: lanes }, lane));
    lanes = nextLaneCount(lanes, concurrency, timedOut ? 'timeout' : halt === undefined ? 'clean' : 'other');
    const failed = settled.find((l): l is PromiseRejectedResult => l.status === 'rejected');
    if (failed) throw failed.reason;
    if (acked > 0) noteSuccess(db, now());
    return halt;
  }

  /** One pass: seal, probe, deliver, pull outcomes. Returns the delay until the next pass. */
  async function cycle(): Promise<number> {
    const link = readLink(db);
    if (!link) return probeMs;
    const key = signer();
    await sealer.sealQueuedForServer();
    const http = clientFor(link);
    online = await probe(http);
    if (!online) {
      failures += 1;
      note('server-unreachable');
      return Math.max(fullJitter(failures, baseMs, capMs), Math.min(probeMs, baseMs));
    }
    const halt = await deliver(http, link, key);
    if (halt !== undefined) return halt;
    const pulled = await pullOutcomes({ db, http, deviceId, receiptPublicKey: link.receiptPublicKey, key, signal: abort.signal, now });
    if (!pulled.ok) note(pulled.code);
    // The operators' accounts: once per start, then at most every OPERATORS_EVERY_MS.
    // It is also the one signed request an idle kiosk makes: a revoked device learns it here.
    if (operatorsPulledAt === undefined || monotonic() - operatorsPulledAt >= OPERATORS_EVERY_MS) {
      const operators = await pullOperators({ db, http, deviceId, receiptPublicKey: link.receiptPublicKey, key, signal: abort.signal });
      if (operators.ok) {
        operatorsPulledAt = monotonic();
        blockedBy = null;
      } else {
        note(operators.code);
      }
      if (!operators.ok && operators.device) blockedBy = operators.code;
    }
    const trail = await pushKioskAudit({ db, http, deviceId, key, signal: abort.signal });
    if (!trail.ok) note(trail.code);
    localError = null;
    const due = nextDueAt(db);
    return due === null ? probeMs : Math.min(probeMs, Math.max(50, due - now().getTime()));
  }

  async function runCycle(): Promise<void> {
    if (running) {
      wake = true;
      return running;
    }
    clearTimeout(timer);
    running = (async () => {
      let next: number;
      try {
        next = await cycle();
      } catch (error) {
        // A local failure (database, disk, sealing): the records stay where they are, and nothing
        // is written here — a write is what may have failed.
        failures += 1;
        localError = localErrorCode(error);
        lastError = { code: localError, at: now().toISOString() };
        log.error('sync.cycle-error', { code: localError });
        next = Math.max(fullJitter(failures, baseMs, capMs), baseMs);
      } finally {
        running = undefined;
      }
      if (wake) {
        wake = false;
        next = 0;
      }
      schedule(next);
    })();
    return running;
  }

  return {
    start() {
      if (!stopped) return;
      stopped = false;
      abort = new AbortController();
      const released = releaseUploading(db);
      if (released > 0) log.info('sync.resumed', { records: released });
      schedule(0);
    },
    async stop() {
      // Never started (a tool opening the data directory beside a running kiosk): touch nothing.
      if (stopped) return;
      stopped = true;
      clearTimeout(timer);
      abort.abort();
      await running;
    },
    notify() {
      if (!stopped) void runCycle();
    },
    async syncNow() {
      // A cycle already running may have missed the latest records: let it end, then run a fresh one
      // that asks for the operators' accounts too (and so hears whether the device is still trusted).
      while (running) await running;
      operatorsPulledAt = undefined;
      await runCycle();
    },
    status() {
      const summary = summarise(db);
      const persisted = readSyncState(db);
      const at = now();
      return {
        enrolled: readLink(db) !== undefined,
        online,
        pending: summary.pending,
        rejected: summary.rejected,
        held: summary.held,
        awaitingDecision: summary.awaitingDecision,
        oldestPendingAt: summary.oldestPendingAt,
        lastSuccessAt: persisted.lastSuccessAt,
        lastError: lastError ?? (persisted.lastErrorCode && persisted.lastErrorAt ? { code: persisted.lastErrorCode, at: persisted.lastErrorAt } : null),
        blockedBy,
        localError,
        warnAfterDays,
        overdue: isOverdue(summary.oldestPendingAt, warnAfterDays, at),
      };
    },
  };
}
