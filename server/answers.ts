// Every answer the server gives to a record, as the exact bytes it sends (and stores, so a retry
// gets the same bytes). Acceptances and final refusals of a record are signed with the receipt key:
// a kiosk trusts nothing else to settle a record.
import {
  deliveryReceiptSigningText, outcomeSigningText, refusalSigningText,
  type DeliveryReceiptBody, type OutcomeBody, type RecordRefusalCode, type ServerError, type ServerErrorCode, type SignedDeliveryReceipt, type SignedOutcome,
} from '../shared/sync/protocol';
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
