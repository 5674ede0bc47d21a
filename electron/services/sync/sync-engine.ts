// The sync engine: delivers queued records to the central server, oldest first, exactly once.
//   pending → uploading → acked (receipt stored, payload purged, one UPDATE) | rejected | pending again
// Exactly once rests on two invariants: the server stores its answer with the record id (the
// idempotency key) in the transaction that stores the record, and the kiosk purges a payload only in
// the UPDATE that stores the server's signed receipt. Any crash in between leads to a resend, which
// the server answers with its first answer.
import type Database from 'better-sqlite3';
import { isOverdue, type SyncStatus } from '../../../shared/sync/status';
import { HealthSchema } from '../../../shared/sync/protocol';
import type { Ed25519Signer } from '../crypto/ed25519';
import { log } from '../log';
import { classifyAnswer, classifyFailure, fullJitter, type UploadOutcome } from './classify';
import type { RecordSealer } from './record-sealer';
import { createServerClient, sha256Hex, type ClientOptions, type ServerClient } from './server-client';
import {
  markAcked, markRejected, noteError, noteSuccess, readLink, readSyncState, releaseRecord, releaseUploading, summarise, takeBatch,
  type OutboundRecord, type ServerLink,
} from './sync-repo';

export interface SyncOptions extends ClientOptions {
  /** Health probe period while idle or offline. */
  readonly probeIntervalMs?: number;
  readonly backoffBaseMs?: number;
  readonly backoffCapMs?: number;
  /** Wait after a device-level refusal (revoked, clock, untrusted receipt). */
  readonly pauseMs?: number;
  readonly batchSize?: number;
  readonly warnAfterDays?: number;
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
  /** Stops timers and aborts the upload in flight (its record goes back to pending). */
  stop(): Promise<void>;
  /** A record was queued: try at once instead of waiting for the next probe. */
  notify(): void;
  /** Runs one cycle now (tests, benchmarks, operator "sync now"); resolves when it ends. */
  syncNow(): Promise<void>;
  status(): SyncStatus;
}

export function createSyncEngine({ db, deviceId, sealer, signer, options = {}, now = () => new Date() }: SyncEngineDeps): SyncEngine {
  const probeMs = options.probeIntervalMs ?? 15_000;
  const baseMs = options.backoffBaseMs ?? 1_000;
  const capMs = options.backoffCapMs ?? 60_000;
  const pauseMs = options.pauseMs ?? 60_000;
  const batchSize = options.batchSize ?? 5;
  const warnAfterDays = options.warnAfterDays ?? 3;

  let online: boolean | null = null;
  let blockedBy: string | null = null;
  let failures = 0;
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

  const fail = (code: string): void => {
    noteError(db, code, now());
    log.warn('sync.failed', { code });
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
    try {
      const answer = await http.uploadRecord(deviceId, rec.id, rec.payload, key, abort.signal);
      return classifyAnswer(answer, { recordId: rec.id, deviceId, payloadSha256: sha256Hex(rec.payload), receiptPublicKey: link.receiptPublicKey });
    } catch (error) {
      return classifyFailure(error);
    }
  }

  /** One pass over the queue; returns the delay until the next one. */
  async function cycle(): Promise<number> {
    const link = readLink(db);
    if (!link) return probeMs;
    const key = signer();
    await sealer.sealQueuedForServer();
    const http = clientFor(link);
    online = await probe(http);
    if (!online) {
      failures += 1;
      fail('server-unreachable');
      return Math.max(fullJitter(failures, baseMs, capMs), Math.min(probeMs, baseMs));
    }
    for (;;) {
      const batch = takeBatch(db, batchSize, now().getTime());
      if (batch.length === 0) return probeMs;
      for (const [i, rec] of batch.entries()) {
        const outcome = await upload(http, link, rec, key);
        if (outcome.kind === 'acked') {
          markAcked(db, rec.id, outcome.receipt.receipt.registrationNumber, JSON.stringify(outcome.receipt), now());
          noteSuccess(db, now());
          failures = 0;
          blockedBy = null;
          log.info('sync.acked', { id: rec.id });
          continue;
        }
        if (outcome.kind === 'rejected') {
          markRejected(db, rec.id, outcome.code, now());
          log.warn('sync.rejected', { id: rec.id, code: outcome.code });
          continue;
        }
        // retry or pause: this record and the rest of the batch go back; the queue waits.
        fail(outcome.code);
        const penalise = outcome.kind === 'retry';
        if (outcome.kind === 'pause') blockedBy = outcome.code;
        if (penalise) {
          failures += 1;
          if (outcome.code === 'server-unreachable' || outcome.code === 'timeout' || outcome.code === 'network-error') online = false;
        }
        const delay = penalise ? fullJitter(failures, baseMs, capMs) : pauseMs;
        // The failing record waits out its own backoff, so one record the server keeps failing on
        // cannot hold back the ones behind it.
        releaseRecord(db, rec.id, now().getTime() + fullJitter(rec.attempts + 1, baseMs, capMs), penalise);
        for (const other of batch.slice(i + 1)) releaseRecord(db, other.id, 0, false);
        return Math.max(delay, 50);
      }
    }
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
        // A local failure (database, sealing): never lose the records, try again later.
        failures += 1;
        fail('local-error');
        log.error('sync.cycle-error', { error: error instanceof Error ? error.name : 'unknown' });
        next = fullJitter(failures, baseMs, capMs);
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
      releaseUploading(db);
    },
    notify() {
      if (!stopped) void runCycle();
    },
    async syncNow() {
      // A cycle already running may have missed the latest records: let it end, then run a fresh one.
      while (running) await running;
      await runCycle();
    },
    status() {
      const summary = summarise(db);
      const state = readSyncState(db);
      const at = now();
      return {
        enrolled: readLink(db) !== undefined,
        online,
        pending: summary.pending,
        rejected: summary.rejected,
        oldestPendingAt: summary.oldestPendingAt,
        lastSuccessAt: state.lastSuccessAt,
        lastError: state.lastErrorCode && state.lastErrorAt ? { code: state.lastErrorCode, at: state.lastErrorAt } : null,
        blockedBy,
        warnAfterDays,
        overdue: isOverdue(summary.oldestPendingAt, warnAfterDays, at),
      };
    },
  };
}
