// What one upload attempt means for the record and for the queue. Pure, so every answer the server
// can give is tested without a network.
import { receiptSigningText, ServerErrorSchema, SignedReceiptSchema, type SignedReceipt } from '../../../shared/sync/protocol';
import { verifyEd25519 } from '../crypto/ed25519';
import type { ServerAnswer } from './server-client';

export type UploadOutcome =
  /** Delivered: the receipt is genuine and names exactly what was sent. */
  | { readonly kind: 'acked'; readonly receipt: SignedReceipt }
  /** A final refusal of this record (never blocks the queue). */
  | { readonly kind: 'rejected'; readonly code: string }
  /** Worth retrying later with backoff: network, timeouts, 5xx, 408/429, a request still in progress. */
  | { readonly kind: 'retry'; readonly code: string }
  /** A device-level problem (not enrolled, revoked, clock, bad receipts): no record is blamed. */
  | { readonly kind: 'pause'; readonly code: string };

export interface Expected {
  readonly recordId: string;
  readonly deviceId: string;
  readonly payloadSha256: string;
  readonly receiptPublicKey: string;
}

function serverCode(body: unknown): string | undefined {
  const parsed = ServerErrorSchema.safeParse(body);
  return parsed.success ? parsed.data.code : undefined;
}

export function classifyAnswer(answer: ServerAnswer, expected: Expected): UploadOutcome {
  const { status, body } = answer;
  if (status === 200 || status === 201) {
    const parsed = SignedReceiptSchema.safeParse(body);
    if (!parsed.success) return { kind: 'pause', code: 'malformed-receipt' };
    const { receipt, signature } = parsed.data;
    const genuine = verifyEd25519(expected.receiptPublicKey, receiptSigningText(receipt), signature)
      && receipt.recordId === expected.recordId
      && receipt.deviceId === expected.deviceId
      && receipt.payloadSha256 === expected.payloadSha256;
    // Not acknowledging keeps the record; a wrong server or a tampering proxy must never purge it.
    return genuine ? { kind: 'acked', receipt: parsed.data } : { kind: 'pause', code: 'untrusted-receipt' };
  }
  const code = serverCode(body) ?? `http-${status}`;
  if (status === 409 && code === 'request-in-progress') return { kind: 'retry', code };
  if (status === 401 || status === 403) return { kind: 'pause', code };
  if (status === 408 || status === 429 || status >= 500) return { kind: 'retry', code };
  // 409 duplicate-nik, 422 idempotency-key-reused, 400 invalid payload, 413…: this record only.
  if (status >= 400) return { kind: 'rejected', code };
  return { kind: 'retry', code: `unexpected-${status}` };
}

/** Transport failures: the server may or may not have committed, and a resend is always safe. */
export function classifyFailure(error: unknown): UploadOutcome {
  const e = error as { code?: unknown; name?: unknown };
  if (e.name === 'AbortError' || e.name === 'TimeoutError' || e.code === 'ECONNABORTED' || e.code === 'ERR_CANCELED' || e.code === 'ETIMEDOUT') {
    return { kind: 'retry', code: 'timeout' };
  }
  if (e.code === 'ECONNREFUSED') return { kind: 'retry', code: 'server-unreachable' };
  return { kind: 'retry', code: 'network-error' };
}

/** Full-jitter exponential backoff (AWS architecture blog): uniform in [0, min(cap, base·2^n)). */
export function fullJitter(failures: number, baseMs: number, capMs: number, random: () => number = Math.random): number {
  return Math.floor(random() * Math.min(capMs, baseMs * 2 ** Math.min(failures, 30)));
}
