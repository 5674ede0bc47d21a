// The reference server's API over real HTTP: enrolment, signed-request checks, idempotency, the
// business rules, and its OpenAPI document.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { randomUUID } from 'node:crypto';
import { ed25519Signer, generateEd25519PrivateKey, verifyEd25519 } from '../../electron/services/crypto/ed25519';
import { sealRecord } from '../../electron/services/crypto/record-sealing';
import { encodeRecord } from '../../electron/services/crypto/record-codec';
import { sha256Hex, signRequest } from '../../electron/services/sync/server-client';
import { receiptSigningText, sealingContext, SignedReceiptSchema, SIGNATURE_HEADERS } from '../../shared/sync/protocol';
import type { RecordPayload } from '../../shared/sync/record-payload';
import { SITI, BUDI } from '../support/identities';
import { submission } from '../support/submissions';
import { startCentralServer, type CentralServer } from '../support/central-server';
import { useTempDirs } from './temp-dir';

const tempDir = useTempDirs();
let central: CentralServer | undefined;
afterEach(async () => { await central?.stop(); central = undefined; });

const signer = ed25519Signer(generateEd25519PrivateKey());
const deviceId = randomUUID();

async function enrolled(): Promise<CentralServer> {
  central = await startCentralServer(tempDir());
  const res = await fetch(`${central.url}/v1/devices/enrol`, {
    method: 'POST', headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ code: central.enrolCode(), deviceId, signingPublicKey: signer.publicKey }),
  });
  expect(res.status).toBe(200);
  return central;
}

function payloadOf(a = SITI): RecordPayload {
  const s = submission(a);
  return {
    version: 1, profileId: s.profileId, locale: s.locale, identity: s.identity, acknowledgedWarnings: s.acknowledgedWarnings,
    selfie: s.selfie, account: s.account, submittedAt: new Date().toISOString(),
  };
}

async function sealed(c: CentralServer, recordId: string, payload: unknown = payloadOf()): Promise<Buffer> {
  return sealRecord(c.keys.sealing.publicKey, encodeRecord(payload as object), sealingContext(deviceId, recordId));
}

async function post(c: CentralServer, body: Buffer, headers: Record<string, string>) {
  const res = await fetch(`${c.url}/v1/registrations`, { method: 'POST', headers: { 'content-type': 'application/octet-stream', ...headers }, body: new Uint8Array(body) });
  return { status: res.status, body: await res.json() as Record<string, unknown> };
}

const signed = (recordId: string, body: Buffer) => signRequest(signer, deviceId, 'POST', '/v1/registrations', recordId, body);

describe('reference server', () => {
  it('accepts a signed, sealed record with a signed receipt naming what it received', async () => {
    const c = await enrolled();
    const id = randomUUID();
    const body = await sealed(c, id);
    const answer = await post(c, body, signed(id, body));
    expect(answer.status).toBe(201);
    const { receipt, signature } = SignedReceiptSchema.parse(answer.body);
    expect(receipt).toMatchObject({ recordId: id, deviceId, payloadSha256: sha256Hex(body) });
    expect(verifyEd25519(c.keys.receipts.publicKey, receiptSigningText(receipt), signature)).toBe(true);
  });

  it('answers a retry with the same key and body with its first answer, and a different body with 422', async () => {
    const c = await enrolled();
    const id = randomUUID();
    const body = await sealed(c, id);
    const first = await post(c, body, signed(id, body));
    const retry = await post(c, body, signed(id, body));
    expect(retry).toEqual(first);
    const other = await sealed(c, id, payloadOf(BUDI));
    expect(await post(c, other, signed(id, other))).toMatchObject({ status: 422, body: { code: 'idempotency-key-reused' } });
    expect(c.registrations()).toHaveLength(1);
  });

  it('refuses a second registration of the same NIK with 409 and a reason, and keeps answering it so', async () => {
    const c = await enrolled();
    const a = randomUUID();
    const b = randomUUID();
    const bodyA = await sealed(c, a);
    const bodyB = await sealed(c, b);
    expect((await post(c, bodyA, signed(a, bodyA))).status).toBe(201);
    const refused = await post(c, bodyB, signed(b, bodyB));
    expect(refused).toMatchObject({ status: 409, body: { code: 'duplicate-nik' } });
    expect(await post(c, bodyB, signed(b, bodyB))).toEqual(refused);
  });

  it('rejects unsigned, tampered, replayed, stale and unknown-device requests', async () => {
    const c = await enrolled();
    const id = randomUUID();
    const body = await sealed(c, id);
    expect(await post(c, body, { 'idempotency-key': id })).toMatchObject({ status: 401, body: { code: 'unsigned-request' } });
    const headers = signed(id, body);
    const tampered = Buffer.from(body);
    tampered.writeUInt8(tampered.readUInt8(tampered.length - 1) ^ 1, tampered.length - 1);
    expect(await post(c, tampered, headers)).toMatchObject({ status: 401, body: { code: 'bad-signature' } });
    expect((await post(c, body, headers)).status).toBe(201);
    expect(await post(c, body, headers)).toMatchObject({ status: 401, body: { code: 'replayed-request' } });
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(Date.now() - 6 * 60_000);
    const old = signed(id, body);
    vi.useRealTimers();
    expect(await post(c, body, old)).toMatchObject({ status: 401, body: { code: 'stale-request' } });
    const stranger = { ...signed(id, body), [SIGNATURE_HEADERS.device]: randomUUID() };
    expect(await post(c, body, stranger)).toMatchObject({ status: 401, body: { code: 'unknown-device' } });
    c.db.prepare(`UPDATE devices SET revoked_at = 'x'`).run();
    expect(await post(c, body, signed(id, body))).toMatchObject({ status: 403, body: { code: 'revoked-device' } });
  });

  it('refuses a record sealed for another record id, a malformed record and an oversized body', async () => {
    const c = await enrolled();
    const id = randomUUID();
    const forOther = await sealed(c, randomUUID());
    expect(await post(c, forOther, signed(id, forOther))).toMatchObject({ status: 400, body: { code: 'invalid-payload' } });
    const bad = await sealed(c, id, { ...payloadOf(), identity: { nik: '123' } });
    const refused = await post(c, bad, signed(id, bad));
    expect(refused).toMatchObject({ status: 400, body: { code: 'invalid-payload' } });
    expect(String(refused.body.message)).not.toContain('123'); // field paths only, never values
    const huge = Buffer.alloc(3 * 1024 * 1024, 1);
    expect(await post(c, huge, signed(id, huge))).toMatchObject({ status: 413, body: { code: 'payload-too-large' } });
  });

  it('never logs personal data', async () => {
    const lines: string[] = [];
    const spy = vi.spyOn(console, 'error').mockImplementation((line: unknown) => { lines.push(String(line)); });
    try {
      const c = await enrolled();
      const id = randomUUID();
      const body = await sealed(c, id);
      await post(c, body, signed(id, body));
      await post(c, body, { 'idempotency-key': id });
    } finally {
      spy.mockRestore();
    }
    expect(lines.join('\n')).toContain('server.request');
    for (const secret of [SITI.nik, 'SITI', 'siti.rahmawati', SITI.nomorKk]) expect(lines.join('\n')).not.toContain(secret);
  });

  it('serves health, status and an OpenAPI document generated from the schemas', async () => {
    const c = await enrolled();
    expect(await (await fetch(`${c.url}/v1/health`)).json()).toMatchObject({ status: 'ok' });
    expect(await (await fetch(`${c.url}/v1/status`)).json()).toMatchObject({ registrations: 0, devices: { active: 1, revoked: 0 } });
    const doc = await (await fetch(`${c.url}/v1/openapi.json`)).json() as { openapi: string; paths: Record<string, unknown> };
    expect(doc.openapi).toBe('3.1.0');
    expect(Object.keys(doc.paths)).toEqual(['/v1/health', '/v1/status', '/v1/devices/enrol', '/v1/registrations']);
    expect(JSON.stringify(doc.paths['/v1/devices/enrol'])).toContain('signingPublicKey');
  });
});
