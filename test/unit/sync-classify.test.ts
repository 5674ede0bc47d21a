// How each answer of the server (or of anything between it and the kiosk) moves a record: pure
// decisions. Only what the server signs settles a record.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { randomUUID } from 'node:crypto';
import { classifyAnswer, classifyFailure, fullJitter, genuineOutcomes, nextLaneCount } from '../../electron/services/sync/classify';
import { ed25519Signer, generateEd25519PrivateKey } from '../../node/crypto/ed25519';
import {
  deliveryReceiptSigningText, outcomeSigningText, refusalSigningText,
  type DeliveryReceiptBody, type OutcomeBody, type RecordRefusalCode, type RefusalBody,
} from '../../shared/sync/protocol';

const server = ed25519Signer(generateEd25519PrivateKey());
const impostor = ed25519Signer(generateEd25519PrivateKey());
const expected = { recordId: randomUUID(), deviceId: randomUUID(), payloadSha256: 'a'.repeat(64), receiptPublicKey: server.publicKey };
const receipt: DeliveryReceiptBody = { recordId: expected.recordId, deviceId: expected.deviceId, registrationNumber: 'REG-2026-0000001', serverTime: new Date().toISOString(), payloadSha256: expected.payloadSha256 };
const signedBy = (s: typeof server, r: DeliveryReceiptBody) => ({ receipt: r, signature: s.sign(deliveryReceiptSigningText(r)) });
const err = (code: string) => ({ code, message: 'm' });
const refusal = (code: RecordRefusalCode, s = server, over: Partial<RefusalBody> = {}) => {
  const r: RefusalBody = { recordId: expected.recordId, deviceId: expected.deviceId, code, serverTime: new Date().toISOString(), payloadSha256: expected.payloadSha256, ...over };
  return { code, message: 'm', refusal: { refusal: r, signature: s.sign(refusalSigningText(r)) } };
};

describe('classifying upload answers', () => {
  it('acknowledges only a genuine receipt for exactly this record and these bytes, with or without a number', () => {
    expect(classifyAnswer({ status: 201, body: signedBy(server, receipt) }, expected).kind).toBe('acked');
    expect(classifyAnswer({ status: 201, body: signedBy(server, { ...receipt, registrationNumber: null }) }, expected).kind).toBe('acked');
    expect(classifyAnswer({ status: 201, body: signedBy(impostor, receipt) }, expected)).toEqual({ kind: 'pause', code: 'untrusted-receipt' });
    expect(classifyAnswer({ status: 201, body: signedBy(server, { ...receipt, payloadSha256: 'b'.repeat(64) }) }, expected).kind).toBe('pause');
    expect(classifyAnswer({ status: 201, body: signedBy(server, { ...receipt, recordId: randomUUID() }) }, expected).kind).toBe('pause');
    expect(classifyAnswer({ status: 200, body: { ok: true } }, expected)).toEqual({ kind: 'pause', code: 'malformed-receipt' });
  });

  it('rejects a record only on a refusal the server signed for it; anything unsigned only makes it wait', () => {
    const c = (status: number, body: unknown = {}) => classifyAnswer({ status, body }, expected);
    expect(c(409, refusal('duplicate-nik'))).toEqual({ kind: 'rejected', code: 'duplicate-nik' });
    expect(c(422, refusal('idempotency-key-reused'))).toEqual({ kind: 'rejected', code: 'idempotency-key-reused' });
    expect(c(400, refusal('invalid-payload'))).toEqual({ kind: 'rejected', code: 'invalid-payload' });
    // Unsigned, signed by someone else, or about other bytes: not final.
    expect(c(409, err('duplicate-nik'))).toEqual({ kind: 'retry-record', code: 'duplicate-nik' });
    expect(c(409, refusal('duplicate-nik', impostor))).toEqual({ kind: 'retry-record', code: 'duplicate-nik' });
    expect(c(409, refusal('duplicate-nik', server, { payloadSha256: 'c'.repeat(64) })).kind).toBe('retry-record');
    expect(c(404, '<html>Not Found</html>')).toEqual({ kind: 'retry-record', code: 'http-404' });
    expect(c(413)).toEqual({ kind: 'retry-record', code: 'http-413' });
    expect(c(409, { code: 'conflict', message: 'from a gateway' })).toEqual({ kind: 'retry-record', code: 'http-409' });
    expect(c(500, err('internal'))).toEqual({ kind: 'retry-record', code: 'internal' });
    expect(c(302).kind).toBe('retry-record');
  });

  it('pauses on device problems and holds the whole queue when the server is overloaded or gone', () => {
    const c = (status: number, body: unknown = {}) => classifyAnswer({ status, body }, expected);
    for (const code of ['unknown-device', 'stale-request', 'bad-signature']) expect(c(401, err(code))).toEqual({ kind: 'pause', code });
    expect(c(403, err('revoked-device')).kind).toBe('pause');
    // A firewall's 403 on one record's body is not the server refusing the device.
    expect(c(403, '<html>Forbidden</html>')).toEqual({ kind: 'retry-record', code: 'http-403' });
    expect(c(401, err('invalid-request'))).toEqual({ kind: 'retry-record', code: 'invalid-request' });
    for (const status of [429, 502, 503, 504]) expect(c(status).kind).toBe('retry-queue');
  });

  it('holds the queue on every transport failure (the server may or may not have committed)', () => {
    expect(classifyFailure(Object.assign(new Error('x'), { code: 'ECONNREFUSED' }))).toEqual({ kind: 'retry-queue', code: 'server-unreachable' });
    expect(classifyFailure(Object.assign(new Error('x'), { code: 'ECONNABORTED' }))).toEqual({ kind: 'retry-queue', code: 'timeout' });
    expect(classifyFailure(Object.assign(new Error('x'), { name: 'TimeoutError' }))).toEqual({ kind: 'retry-queue', code: 'timeout' });
    expect(classifyFailure(Object.assign(new Error('x'), { code: 'ECONNRESET' }))).toEqual({ kind: 'retry-queue', code: 'network-error' });
  });
});

describe('outcome pulls', () => {
  it('keep only outcomes the server signed, for this device and the records asked about', () => {
    const o = (over: Partial<OutcomeBody> = {}): OutcomeBody => ({
      recordId: expected.recordId, deviceId: expected.deviceId, state: 'numbered', registrationNumber: 'ASI-2026-0000001', reason: null, decidedAt: new Date().toISOString(), ...over,
    });
    const sign = (b: OutcomeBody, s = server) => ({ outcome: b, signature: s.sign(outcomeSigningText(b)) });
    const other = randomUUID();
    const body = {
      serverTime: new Date().toISOString(),
      outcomes: [sign(o()), sign(o({ recordId: other }), impostor), sign(o({ deviceId: randomUUID(), recordId: other })), sign(o({ recordId: randomUUID() }))],
    };
    expect(genuineOutcomes(body, expected.deviceId, server.publicKey, new Set([expected.recordId, other])).map((x) => x.outcome.recordId)).toEqual([expected.recordId]);
    expect(genuineOutcomes({ nonsense: true }, expected.deviceId, server.publicKey, new Set([expected.recordId]))).toEqual([]);
  });
});

describe('full-jitter backoff', () => {
  it('stays within [0, min(cap, base·2^n)) and reaches the cap', () => {
    fc.assert(fc.property(fc.integer({ min: 0, max: 100 }), fc.double({ min: 0, max: 0.999999, noNaN: true }), (n, r) => {
      const d = fullJitter(n, 1000, 60_000, () => r);
      return d >= 0 && d < Math.min(60_000, 1000 * 2 ** n);
    }));
    expect(fullJitter(20, 1000, 60_000, () => 0.999)).toBe(59_940);
    expect(fullJitter(0, 1000, 60_000, () => 0.5)).toBe(500);
  });
});

describe('uploads in flight', () => {
  it('halve after a timed-out pass down to one, and come back one at a time up to the limit', () => {
    expect([6, 3, 1].map((n) => nextLaneCount(n, 6, 'timeout'))).toEqual([3, 1, 1]);
    expect([1, 5, 6].map((n) => nextLaneCount(n, 6, 'clean'))).toEqual([2, 6, 6]);
    expect(nextLaneCount(3, 6, 'other')).toBe(3);
    fc.assert(fc.property(fc.integer({ min: 1, max: 32 }), fc.integer({ min: 1, max: 32 }), fc.constantFrom('clean', 'timeout', 'other'), (n, max, pass) => {
      const next = nextLaneCount(Math.min(n, max), max, pass as 'clean' | 'timeout' | 'other');
      return next >= 1 && next <= max;
    }));
  });
});
