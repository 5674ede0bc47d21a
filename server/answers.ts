// Every answer the server gives to a record, as the exact bytes it sends (and stores, so a retry
// gets the same bytes). Acceptances and final refusals of a record are signed with the receipt key:
// a kiosk trusts nothing else to settle a record.
import {
  deliveryReceiptSigningText, outcomeSigningText, RECORD_REFUSAL_CODES, refusalSigningText, ServerErrorSchema, SignedDeliveryReceiptSchema,
  type DeliveryReceiptBody, type OutcomeBody, type RecordRefusalCode, type ServerError, type ServerErrorCode, type SignedDeliveryReceipt, type SignedOutcome,
} from '../shared/sync/protocol';
import { verifyEd25519 } from '../node/crypto/ed25519';
import type { StoredAnswer } from './store/server-store';
import type { ServerKeys } from './keys';

export type Answer = StoredAnswer;

export function errorAnswer(status: number, code: ServerErrorCode, message: string): Answer {
  return { status, body: JSON.stringify({ code, message } satisfies ServerError) };
}

export function receiptAnswer(keys: ServerKeys, receipt: DeliveryReceiptBody): Answer {
  const body: SignedDeliveryReceipt = { receipt, signature: keys.receipts.sign(deliveryReceiptSigningText(receipt)) };
  return { status: 201, body: JSON.stringify(body) };
}

export interface RefusedRecord {
  readonly recordId: string;
  readonly deviceId: string;
  readonly payloadSha256: string;
  readonly serverTime: string;
}

export function refusalAnswer(keys: ServerKeys, status: number, code: RecordRefusalCode, message: string, of: RefusedRecord): Answer {
  const refusal = { ...of, code };
  const body: ServerError = { code, message, refusal: { refusal, signature: keys.receipts.sign(refusalSigningText(refusal)) } };
  return { status, body: JSON.stringify(body) };
}

export function signOutcome(keys: ServerKeys, outcome: OutcomeBody): SignedOutcome {
  return { outcome, signature: keys.receipts.sign(outcomeSigningText(outcome)) };
}

const isRecordRefusal = (code: string): code is RecordRefusalCode => (RECORD_REFUSAL_CODES as readonly string[]).includes(code);

/**
 * A stored answer as today's kiosks read it. Answers stored by the first version of the server
 * were signed over another text ("KIOSK-RECEIPT-V1") or not at all (refusals): replayed as they
 * are, a kiosk would distrust the receipt and pause, or retry the refusal forever. They are signed
 * again — the same facts, for the same bytes — and every other answer is returned unchanged.
 */
export function currentAnswer(keys: ServerKeys, answer: Answer, about: RefusedRecord): Answer {
  let body: unknown;
  try {
    body = JSON.parse(answer.body);
  } catch {
    return answer;
  }
  if (answer.status === 201) {
    const receipt = SignedDeliveryReceiptSchema.safeParse(body);
    if (!receipt.success) return answer;
    const { receipt: r, signature } = receipt.data;
    return verifyEd25519(keys.receipts.publicKey, deliveryReceiptSigningText(r), signature) ? answer : receiptAnswer(keys, r);
  }
  const error = ServerErrorSchema.safeParse(body);
  if (error.success && !error.data.refusal && isRecordRefusal(error.data.code)) {
    return refusalAnswer(keys, answer.status, error.data.code, error.data.message, about);
  }
  return answer;
}
