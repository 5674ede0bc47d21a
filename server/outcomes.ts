// The outcome pull: a kiosk asks about the records it delivered and has not seen settled; each
// answer is signed, so only the server can tell a kiosk a number or a rejection.
import type { OutcomeBody, OutcomesResponse } from '../shared/sync/protocol';
import { signOutcome } from './answers';
import type { ServerKeys } from './keys';
import type { RegistrationRow, ServerStore } from './store/server-store';

export function outcomeOf(deviceId: string, row: RegistrationRow): OutcomeBody {
  return {
    recordId: row.recordId,
    deviceId,
    state: row.state,
    registrationNumber: row.registrationNumber,
    reason: row.state === 'rejected' ? row.decisionReason : null,
    decidedAt: row.decidedAt,
  };
}

export async function pullOutcomes(store: ServerStore, keys: ServerKeys, deviceId: string, recordIds: readonly string[], now: Date): Promise<OutcomesResponse> {
  const rows = await store.findRegistrations(deviceId, [...new Set(recordIds)]);
  return { serverTime: now.toISOString(), outcomes: rows.map((row) => signOutcome(keys, outcomeOf(deviceId, row))) };
}
