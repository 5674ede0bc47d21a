// Following delivered records to their outcome: each cycle the kiosk asks the server about the
// records it delivered that are still waiting for a decision (review-first profiles), and stores
// the decisions the server signed. A settled record is never asked about again.
import type Database from 'better-sqlite3';
import type { Ed25519Signer } from '../../../node/crypto/ed25519';
import { log } from '../../../node/log';
import { classifyFailure, genuineOutcomes } from './classify';
import type { ServerClient } from './server-client';
import { listUnsettled, settleOutcome } from './sync-repo';

/** The most records one pull asks about (the protocol's limit). */
const OUTCOME_BATCH = 100;

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

export async function pullOutcomes({ db, http, deviceId, receiptPublicKey, key, signal, now }: OutcomePullDeps): Promise<PullResult> {
  const ids = listUnsettled(db, OUTCOME_BATCH);
  if (ids.length === 0) return { ok: true, asked: 0, settled: 0 };
  let answer;
  try {
    answer = await http.pullOutcomes(deviceId, { recordIds: ids }, key, signal);
  } catch (error) {
    return { ok: false, code: classifyFailure(error).code };
  }
  if (answer.status !== 200) return { ok: false, code: `outcomes-http-${answer.status}` };
  let settled = 0;
  for (const signed of genuineOutcomes(answer.body, deviceId, receiptPublicKey, new Set(ids))) {
    const o = signed.outcome;
    if (o.state === 'received') continue;
    if (settleOutcome(db, o.recordId, o.state, o.registrationNumber, o.reason, JSON.stringify(signed), now())) {
      settled += 1;
      log.info('sync.settled', { id: o.recordId, outcome: o.state });
    }
  }
  return { ok: true, asked: ids.length, settled };
}
