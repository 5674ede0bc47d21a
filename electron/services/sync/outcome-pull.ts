// Following delivered records to their outcome: each cycle the kiosk asks the server about the
// records it delivered that are still waiting for a decision (review-first profiles), and stores
// the decisions the server signed. A settled record is never asked about again.
import type Database from 'better-sqlite3';
import type { Ed25519Signer } from '../../../node/crypto/ed25519';
import { log } from '../../../node/log';
import { classifyFailure, genuineOutcomes } from './classify';
import type { ServerClient } from './server-client';
import { listUnsettled, settleOutcome } from './sync-repo';

/** The most records one request asks about (the protocol's limit), and requests per cycle. */
const OUTCOME_BATCH = 100;
const BATCHES_PER_CYCLE = 20;

export interface OutcomePullDeps {
  readonly db: Database.Database;
  readonly http: ServerClient;
  readonly deviceId: string;
  readonly receiptPublicKey: string;
  readonly key: Ed25519Signer;
  readonly signal: AbortSignal;
  readonly now: () => Date;
}

export type PullResult = { ok: true; asked: number; settled: number } | { ok: false; code: string };

/**
 * Asks about every unsettled record, a batch at a time, oldest first — so newer records decided
 * early are learnt about even while a hundred older ones still wait for review. More than
 * BATCHES_PER_CYCLE batches wait for the next cycle.
 */
export async function pullOutcomes({ db, http, deviceId, receiptPublicKey, key, signal, now }: OutcomePullDeps): Promise<PullResult> {
  let asked = 0;
  let settled = 0;
  let afterSeq = 0;
  for (let batch = 0; batch < BATCHES_PER_CYCLE; batch++) {
    const rows = listUnsettled(db, afterSeq, OUTCOME_BATCH);
    if (rows.length === 0) break;
    afterSeq = rows.at(-1)?.seq ?? afterSeq;
    const ids = rows.map((r) => r.id);
    let answer;
    try {
      answer = await http.pullOutcomes(deviceId, { recordIds: ids }, key, signal);
    } catch (error) {
      return { ok: false, code: classifyFailure(error).code };
    }
    if (answer.status !== 200) return { ok: false, code: `outcomes-http-${answer.status}` };
    asked += ids.length;
    for (const signed of genuineOutcomes(answer.body, deviceId, receiptPublicKey, new Set(ids))) {
      const o = signed.outcome;
      if (o.state === 'received') continue;
      if (settleOutcome(db, o.recordId, o.state, o.registrationNumber, o.reason, JSON.stringify(signed), now())) {
        settled += 1;
        log.info('sync.settled', { id: o.recordId, outcome: o.state });
      }
    }
    if (rows.length < OUTCOME_BATCH) break;
  }
  return { ok: true, asked, settled };
}
