// How each answer of the server (or failure of the network) moves a record: pure decisions.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { randomUUID } from 'node:crypto';
import { classifyAnswer, classifyFailure, fullJitter } from '../../electron/services/sync/classify';
import { ed25519Signer, generateEd25519PrivateKey } from '../../electron/services/crypto/ed25519';
import { receiptSigningText, type ReceiptBody } from '../../shared/sync/protocol';

const server = ed25519Signer(generateEd25519PrivateKey());
const expected = { recordId: randomUUID(), deviceId: randomUUID(), payloadSha256: 'a'.repeat(64), receiptPublicKey: server.publicKey };
const receipt: ReceiptBody = { recordId: expected.recordId, deviceId: expected.deviceId, registrationNumber: 'REG-2026-0000001', serverTime: new Date().toISOString(), payloadSha256: expected.payloadSha256 };
const signedBy = (s: typeof server, r: ReceiptBody) => ({ receipt: r, signature: s.sign(receiptSigningText(r)) });
const err = (code: string) => ({ code, message: 'm' });

describe('classifying upload answers', () => {
  it('acknowledges only a genuine receipt for exactly this record and these bytes', () => {
    expect(classifyAnswer({ status: 201, body: signedBy(server, receipt) }, expected).kind).toBe('acked');
    const impostor = ed25519Signer(generateEd25519PrivateKey());
    expect(classifyAnswer({ status: 201, body: signedBy(impostor, receipt) }, expected)).toEqual({ kind: 'pause', code: 'untrusted-receipt' });
    expect(classifyAnswer({ status: 201, body: signedBy(server, { ...receipt, payloadSha256: 'b'.repeat(64) }) }, expected).kind).toBe('pause');
    expect(classifyAnswer({ status: 201, body: signedBy(server, { ...receipt, recordId: randomUUID() }) }, expected).kind).toBe('pause');
    expect(classifyAnswer({ status: 200, body: { ok: true } }, expected)).toEqual({ kind: 'pause', code: 'malformed-receipt' });
  });

  it('retries transient answers, pauses on device problems, rejects the record otherwise', () => {
    const c = (status: number, body: unknown = {}) => classifyAnswer({ status, body }, expected);
    expect(c(409, err('request-in-progress'))).toEqual({ kind: 'retry', code: 'request-in-progress' });
    expect(c(409, err('duplicate-nik'))).toEqual({ kind: 'rejected', code: 'duplicate-nik' });
    expect(c(422, err('idempotency-key-reused'))).toEqual({ kind: 'rejected', code: 'idempotency-key-reused' });
    expect(c(400, err('invalid-payload'))).toEqual({ kind: 'rejected', code: 'invalid-payload' });
    expect(c(413)).toEqual({ kind: 'rejected', code: 'http-413' });
    for (const code of ['unknown-device', 'stale-request', 'bad-signature']) expect(c(401, err(code))).toEqual({ kind: 'pause', code });
    expect(c(403, err('revoked-device')).kind).toBe('pause');
    for (const status of [408, 429, 500, 502, 503, 504]) expect(c(status).kind).toBe('retry');
    expect(c(302).kind).toBe('retry');
  });

  it('retries every transport failure (the server may or may not have committed)', () => {
    expect(classifyFailure(Object.assign(new Error('x'), { code: 'ECONNREFUSED' }))).toEqual({ kind: 'retry', code: 'server-unreachable' });
    expect(classifyFailure(Object.assign(new Error('x'), { code: 'ECONNABORTED' }))).toEqual({ kind: 'retry', code: 'timeout' });
    expect(classifyFailure(Object.assign(new Error('x'), { name: 'TimeoutError' }))).toEqual({ kind: 'retry', code: 'timeout' });
    expect(classifyFailure(Object.assign(new Error('x'), { code: 'ECONNRESET' }))).toEqual({ kind: 'retry', code: 'network-error' });
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
