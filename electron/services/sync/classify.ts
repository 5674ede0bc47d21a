// What one upload attempt means for the record and for the queue. Pure, so every answer the server
// (or anything between it and the kiosk) can give is tested without a network. Only what the
// server signs settles a record: a receipt acknowledges it, a signed refusal rejects it; a bare
// error from a proxy or gateway can only make it wait.
import {
  deliveryReceiptSigningText, outcomeSigningText, OutcomesResponseSchema, refusalSigningText, ServerErrorSchema, SignedDeliveryReceiptSchema,
  type ServerError, type SignedDeliveryReceipt, type SignedOutcome,
} from '../../../shared/sync/protocol';
import { verifyEd25519 } from '../../../node/crypto/ed25519';
import type { ServerAnswer } from './server-client';

export type UploadOutcome =
  /** Delivered: the receipt is genuine and names exactly what was sent. */
  | { readonly kind: 'acked'; readonly receipt: SignedDeliveryReceipt }
  /** A final refusal of this record, signed by the server for these bytes (never blocks the queue). */
  | { readonly kind: 'rejected'; readonly code: string }
  /** This record waits out its own backoff; the records behind it go on. */
  | { readonly kind: 'retry-record'; readonly code: string }
  /** The server is unreachable or asks everyone to slow down: the whole queue waits. */
  | { readonly kind: 'retry-queue'; readonly code: string }
  /** A device-level problem (not enrolled, revoked, clock, bad receipts): no record is blamed. */
  | { readonly kind: 'pause'; readonly code: string };

export interface Expected {
  readonly recordId: string;
  readonly deviceId: string;
  readonly payloadSha256: string;
  readonly receiptPublicKey: string;
}

/** The signed refusal's code when it is genuine and about exactly this record and these bytes. */
function signedRefusalCode(error: ServerError | undefined, expected: Expected): string | undefined {
  const signed = error?.refusal;
  if (!signed) return undefined;
  const r = signed.refusal;
  const genuine = verifyEd25519(expected.receiptPublicKey, refusalSigningText(r), signed.signature)
    && r.recordId === expected.recordId && r.deviceId === expected.deviceId && r.payloadSha256 === expected.payloadSha256;
  return genuine ? r.code : undefined;
}

/**
 * What the server says about the device itself (not about a record). A current server answers an
 * unknown device 'bad-signature' (server/devices.ts); 'unknown-device' only from servers older than
 * issue 15, still possible where a kiosk is updated before its server.
 */
const DEVICE_CODES = new Set(['unsigned-request', 'bad-signature', 'unknown-device', 'revoked-device', 'stale-request', 'replayed-request']);

export function classifyAnswer(answer: ServerAnswer, expected: Expected): UploadOutcome {
  const { status, body } = answer;
  if (status === 200 || status === 201) {
    const parsed = SignedDeliveryReceiptSchema.safeParse(body);
    if (!parsed.success) return { kind: 'pause', code: 'malformed-receipt' };
    const { receipt, signature } = parsed.data;
    const genuine = verifyEd25519(expected.receiptPublicKey, deliveryReceiptSigningText(receipt), signature)
      && receipt.recordId === expected.recordId
      && receipt.deviceId === expected.deviceId
      && receipt.payloadSha256 === expected.payloadSha256;
    // Not acknowledging keeps the record; a wrong server or a tampering proxy must never purge it.
    return genuine ? { kind: 'acked', receipt: parsed.data } : { kind: 'pause', code: 'untrusted-receipt' };
  }
  const parsed = ServerErrorSchema.safeParse(body);
  const error = parsed.success ? parsed.data : undefined;
  const refused = signedRefusalCode(error, expected);
  if (refused) return { kind: 'rejected', code: refused };
  const code = error?.code ?? `http-${status}`;
  // Only the server's own verdicts on the device stop the queue; a gateway's bare 403 on one body does not.
  if ((status === 401 || status === 403) && DEVICE_CODES.has(code)) return { kind: 'pause', code };
  if (status === 429 || status === 502 || status === 503 || status === 504) return { kind: 'retry-queue', code };
  // Anything else — a 500 on this record, a proxy's bare 403/404/413, an unsigned "refusal" — is
  // about this record at most, and not final: it waits and is tried again.
  return { kind: 'retry-record', code };
}

/** Transport failures: the server may or may not have committed, and a resend is always safe. */
export function classifyFailure(error: unknown): Extract<UploadOutcome, { kind: 'retry-queue' }> {
  const e = error as { code?: unknown; name?: unknown };
  if (e.name === 'AbortError' || e.name === 'TimeoutError' || e.code === 'ECONNABORTED' || e.code === 'ERR_CANCELED' || e.code === 'ETIMEDOUT') {
    return { kind: 'retry-queue', code: 'timeout' };
  }
  if (e.code === 'ECONNREFUSED') return { kind: 'retry-queue', code: 'server-unreachable' };
  return { kind: 'retry-queue', code: 'network-error' };
}

/** Full-jitter exponential backoff (AWS architecture blog): uniform in [0, min(cap, base·2^n)). */
export function fullJitter(failures: number, baseMs: number, capMs: number, random: () => number = Math.random): number {
  return Math.floor(random() * Math.min(capMs, baseMs * 2 ** Math.min(failures, 30)));
}

/** The outcomes in a pull's answer that the server really signed, for this device and the ids asked about. */
export function genuineOutcomes(body: unknown, deviceId: string, receiptPublicKey: string, asked: ReadonlySet<string>): SignedOutcome[] {
  const parsed = OutcomesResponseSchema.safeParse(body);
  if (!parsed.success) return [];
  return parsed.data.outcomes.filter(({ outcome, signature }) => outcome.deviceId === deviceId && asked.has(outcome.recordId)
    && verifyEd25519(receiptPublicKey, outcomeSigningText(outcome), signature));
}

/**
 * How many uploads the next pass may have in flight (additive increase, multiplicative decrease,
 * as TCP does): a pass that timed out halves them — on a slow field-office link several ~300 KB
 * uploads at once would each miss their deadline, forever — and a clean pass adds one back.
 */
export function nextLaneCount(current: number, max: number, pass: 'clean' | 'timeout' | 'other'): number {
  if (pass === 'timeout') return Math.max(1, Math.floor(current / 2));
  if (pass === 'clean') return Math.min(max, current + 1);
  return current;
}
