// One checked export file through the same path as an upload (Registrar.accept): the same opening
// and validation, the same idempotency key (device, record id), the same stored, signed answer. A
// record imported twice, or imported and uploaded, is one registration, and whichever comes second
// gets the first one's answer — the kiosk's later upload receives the very receipt stored here.
import { createHash } from 'node:crypto';
import { ServerErrorSchema, SignedDeliveryReceiptSchema } from '../../shared/sync/protocol';
import type { Answer } from '../answers';
import type { Registrar } from '../registrations';
import type { KeyAnswer, ServerStore } from '../store/server-store';
import type { CheckedExport } from './check-export-file';

export type ImportOutcome =
  /** Stored now: a receipt (with the number when the profile numbers on acceptance). */
  | { readonly kind: 'imported'; readonly registrationNumber: string | null }
  /** This record had an answer for these bytes already (an earlier import or upload): nothing stored. */
  | { readonly kind: 'already-there'; readonly answer: string }
  /** The server's final, signed refusal of the record, stored like an upload's: its kiosk learns it on its next sync. */
  | { readonly kind: 'rejected'; readonly code: string }
  /** Nothing stored: the file, or this server (a key, a profile), is at fault. */
  | { readonly kind: 'refused'; readonly code: string; readonly message: string };

/**
 * The nonce an import spends in place of a request's (accept spends one with what it stores). It is
 * derived from the device's signature over the file, so one file is one request, whoever imports
 * it and how often; and it cannot be a kiosk's (theirs are 22 base64url characters, no ':').
 * Re-importing never reaches accept's nonce check: the stored answer is looked up first (below) —
 * accept would call the same nonce a replay while its row lives (twice the signature window), and
 * the answer, kept with the record, is what makes an import idempotent for good. Two runs importing
 * the same file at once both miss the answer; the second's transaction finds the nonce spent, and
 * the answer the first stored is then found.
 */
export const importNonce = (signature: string): string => `import:${createHash('sha256').update(signature, 'utf8').digest('base64url')}`;

function codeOf(answer: Answer): string {
  try {
    const error = ServerErrorSchema.safeParse(JSON.parse(answer.body));
    return error.success ? error.data.code : `http-${answer.status}`;
  } catch {
    return `http-${answer.status}`;
  }
}

/** What a stored answer says, in a word or two (the receipt, or the refusal's code). */
const describe = (answer: Answer): string => (answer.status === 201 ? 'receipt' : codeOf(answer));

const reused: ImportOutcome = { kind: 'refused', code: 'idempotency-key-reused', message: 'this record id was already received with other sealed bytes' };

const alreadyThere = (earlier: KeyAnswer, sha256: string): ImportOutcome =>
  earlier.requestSha256 === sha256 ? { kind: 'already-there', answer: describe(earlier.answer) } : reused;

export async function importRecord(store: Pick<ServerStore, 'findAnswer'>, registrar: Registrar, record: CheckedExport, now: Date): Promise<ImportOutcome> {
  const { deviceId, recordId, sealedSha256 } = record;
  const earlier = await store.findAnswer(deviceId, recordId);
  if (earlier) return alreadyThere(earlier, sealedSha256);
  const answer = await registrar.accept({
    deviceId, recordId, sealed: record.sealed, payloadSha256: sealedSha256, receiptNumber: record.receiptNumber,
    nonce: { value: importNonce(record.signature), seenAtMs: now.getTime() },
  });
  if (answer.status === 201) {
    const receipt = SignedDeliveryReceiptSchema.safeParse(JSON.parse(answer.body));
    return { kind: 'imported', registrationNumber: receipt.success ? receipt.data.receipt.registrationNumber : null };
  }
  const code = codeOf(answer);
  if (code === 'replayed-request') {
    // The same file in a concurrent run: its answer is stored by now.
    const first = await store.findAnswer(deviceId, recordId);
    if (first) return alreadyThere(first, sealedSha256);
  }
  // Signed and stored (invalid-payload, duplicate-nik): final for the record, told to its kiosk.
  if (answer.status === 400 || answer.status === 409) return { kind: 'rejected', code };
  if (code === 'idempotency-key-reused') return reused;
  // cannot-open-record (sealed to another server's key), unknown-profile: nothing stored, import again once fixed.
  return { kind: 'refused', code, message: answer.status >= 500 ? 'not stored; the same file can be imported again once the server is put right' : 'not stored' };
}
