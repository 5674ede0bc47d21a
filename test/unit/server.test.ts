// The reference server's API over real HTTP, on both storage engines (SQLite file, PostgreSQL
// database): enrolment, signed-request checks, idempotency, delivery apart from numbering, the
// outcome pull, rate limits and its OpenAPI document.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { randomUUID } from 'node:crypto';
import { verifyEd25519 } from '../../node/crypto/ed25519';
import { sha256Hex } from '../../node/crypto/request-signing';
import {
  deliveryReceiptSigningText, outcomeSigningText, OutcomesResponseSchema, refusalSigningText, ServerErrorSchema, SignedDeliveryReceiptSchema, SIGNATURE_HEADERS,
} from '../../shared/sync/protocol';
import { SITI, BUDI } from '../support/identities';
import { applicant } from '../support/submissions';
import { startCentralServer, type CentralServer, type CentralServerOptions } from '../support/central-server';
import { payloadOf, SimulatedKiosk, testProfiles } from '../support/simulated-kiosk';
import { databaseFor, ENGINES } from '../support/engines';
import { loadServerKeys } from '../../server/keys';
import { SERVER_DB_FILE } from '../../server/store/open-store';
import { SQLITE_MIGRATIONS } from '../../server/store/sqlite-database';
import { loadMigrations } from '../../node/migrations';
import { migrate } from '../../node/sqlite/migrate';
import Database from 'better-sqlite3';
import { join } from 'node:path';
import { useTempDirs } from './temp-dir';

const tempDir = useTempDirs();
const running: CentralServer[] = [];
afterEach(async () => { for (const s of running.splice(0)) await s.stop(); });
const YEAR = new Date().getUTCFullYear();

describe.each(ENGINES)('reference server on %s', (engine) => {
  async function start(options: CentralServerOptions = {}): Promise<CentralServer> {
    const s = await startCentralServer(tempDir(), { databaseUrl: await databaseFor(engine), profiles: testProfiles(), ...options });
    running.push(s);
    return s;
  }
  async function kioskOn(c: CentralServer): Promise<SimulatedKiosk> {
    const k = new SimulatedKiosk(c.url);
    expect((await k.enrol(await c.enrolCode())).status).toBe(200);
    return k;
  }

  it('acknowledges a delivery with a signed receipt; on-accept profiles get their number in it, counted per profile and year', async () => {
    const c = await start();
    const k = await kioskOn(c);
    const id = randomUUID();
    const body = await k.seal(id, payloadOf(SITI));
    const answer = await k.upload(id, body);
    expect(answer.status).toBe(201);
    const { receipt, signature } = SignedDeliveryReceiptSchema.parse(answer.body);
    expect(receipt).toMatchObject({ recordId: id, deviceId: k.deviceId, payloadSha256: sha256Hex(body), registrationNumber: `REG-${YEAR}-0000001` });
    expect(verifyEd25519(c.keys.receipts.publicKey, deliveryReceiptSigningText(receipt), signature)).toBe(true);
    const second = randomUUID();
    expect((await k.upload(second, await k.seal(second, payloadOf(BUDI)))).body).toMatchObject({ receipt: { registrationNumber: `REG-${YEAR}-0000002` } });
    expect((await c.registrations()).map((r) => [r.state, r.registrationNumber])).toEqual([['numbered', `REG-${YEAR}-0000001`], ['numbered', `REG-${YEAR}-0000002`]]);
  });

  it('answers a retry with the first answer byte for byte, and the same key with another body with a signed 422', async () => {
    const c = await start();
    const k = await kioskOn(c);
    const id = randomUUID();
    const body = await k.seal(id, payloadOf());
    const first = await k.upload(id, body);
    const retry = await k.upload(id, body);
    expect(retry.text).toBe(first.text);
    const other = await k.seal(id, payloadOf(BUDI));
    const reused = await k.upload(id, other);
    expect(reused).toMatchObject({ status: 422, body: { code: 'idempotency-key-reused' } });
    const { refusal } = ServerErrorSchema.parse(reused.body);
    if (!refusal) throw new Error('the 422 carries no signed refusal');
    expect(refusal.refusal).toMatchObject({ recordId: id, code: 'idempotency-key-reused', payloadSha256: sha256Hex(other) });
    expect(verifyEd25519(c.keys.receipts.publicKey, refusalSigningText(refusal.refusal), refusal.signature)).toBe(true);
    expect(await c.registrations()).toHaveLength(1);
  });

  it('gives concurrent duplicates of one request one effect and one answer', async () => {
    const c = await start();
    const k = await kioskOn(c);
    const id = randomUUID();
    const body = await k.seal(id, payloadOf());
    const answers = await Promise.all(Array.from({ length: 8 }, () => k.upload(id, body)));
    expect(answers.map((a) => a.status)).toEqual(Array(8).fill(201));
    expect(new Set(answers.map((a) => a.text)).size).toBe(1);
    expect((await k.upload(id, body)).text).toBe(answers[0]?.text);
    expect(await c.registrations()).toHaveLength(1);
  });

  it('refuses a second registration of the same NIK with a signed 409, and keeps answering it so', async () => {
    const c = await start();
    const k = await kioskOn(c);
    const [a, b] = [randomUUID(), randomUUID()];
    expect((await k.upload(a, await k.seal(a, payloadOf(SITI)))).status).toBe(201);
    const bodyB = await k.seal(b, payloadOf(SITI));
    const refused = await k.upload(b, bodyB);
    expect(refused).toMatchObject({ status: 409, body: { code: 'duplicate-nik', refusal: { refusal: { recordId: b, code: 'duplicate-nik' } } } });
    expect((await k.upload(b, bodyB)).text).toBe(refused.text);
    // Another profile is another register: the same NIK may register there once.
    const d = randomUUID();
    expect((await k.upload(d, await k.seal(d, payloadOf(SITI, 'asosiasi-uji')))).status).toBe(201);
  });

  it('review-first profiles: received without a number; the number issued later reaches the kiosk by the next pull, signed', async () => {
    const c = await start();
    const k = await kioskOn(c);
    const [a, b] = [randomUUID(), randomUUID()];
    const answer = await k.upload(a, await k.seal(a, payloadOf(SITI, 'asosiasi-uji')));
    expect(answer.status).toBe(201);
    expect(SignedDeliveryReceiptSchema.parse(answer.body).receipt.registrationNumber).toBeNull();
    await k.upload(b, await k.seal(b, payloadOf(BUDI, 'asosiasi-uji')));
    const before = OutcomesResponseSchema.parse((await k.outcomes([a, b])).body).outcomes.map((o) => o.outcome);
    expect(before).toMatchObject([{ recordId: a, state: 'received', registrationNumber: null }, { recordId: b, state: 'received' }]);

    const numbering = { mode: 'after-review', prefix: 'ASI' } as const;
    expect(await c.store.issueNumber(k.deviceId, a, numbering, new Date())).toMatchObject({ state: 'numbered', registrationNumber: `ASI-${YEAR}-0000001` });
    // A second decision changes nothing and takes no number.
    expect(await c.store.issueNumber(k.deviceId, a, numbering, new Date())).toMatchObject({ registrationNumber: `ASI-${YEAR}-0000001` });
    expect(await c.store.rejectRegistration(k.deviceId, b, 'dokumen-tidak-sah', new Date().toISOString())).toMatchObject({ state: 'rejected' });
    expect(await c.store.rejectRegistration(k.deviceId, a, 'terlambat', new Date().toISOString())).toMatchObject({ state: 'numbered' });

    const pulled = OutcomesResponseSchema.parse((await k.outcomes([a, b, randomUUID()])).body).outcomes;
    expect(pulled.map((o) => o.outcome)).toMatchObject([
      { recordId: a, state: 'numbered', registrationNumber: `ASI-${YEAR}-0000001` },
      { recordId: b, state: 'rejected', reason: 'dokumen-tidak-sah', registrationNumber: null },
    ]);
    for (const o of pulled) expect(verifyEd25519(c.keys.receipts.publicKey, outcomeSigningText(o.outcome), o.signature)).toBe(true);
    // Another device cannot ask about these records.
    const stranger = await kioskOn(c);
    expect(OutcomesResponseSchema.parse((await stranger.outcomes([a, b])).body).outcomes).toEqual([]);
  });

  it('rejects unsigned, tampered, replayed, stale, unknown-device and revoked requests', async () => {
    const c = await start();
    const k = await kioskOn(c);
    const id = randomUUID();
    const body = await k.seal(id, payloadOf());
    expect(await k.post(body, { 'idempotency-key': id })).toMatchObject({ status: 401, body: { code: 'unsigned-request' } });
    const headers = k.signed(id, body);
    const tampered = Buffer.from(body);
    tampered.writeUInt8(tampered.readUInt8(tampered.length - 1) ^ 1, tampered.length - 1);
    expect(await k.post(tampered, headers)).toMatchObject({ status: 401, body: { code: 'bad-signature' } });
    expect((await k.post(body, headers)).status).toBe(201);
    expect(await k.post(body, headers)).toMatchObject({ status: 401, body: { code: 'replayed-request' } });
    expect(await k.post(body, k.signed(id, body, undefined, Date.now() - 6 * 60_000))).toMatchObject({ status: 401, body: { code: 'stale-request' } });
    // An unknown device id gets the bad signature's answer: which ids are enrolled is not told (server-hostile.test.ts).
    expect(await k.post(body, { ...k.signed(id, body), [SIGNATURE_HEADERS.device]: randomUUID() })).toMatchObject({ status: 401, body: { code: 'bad-signature' } });
    expect(await c.store.revokeDevice(k.deviceId, new Date().toISOString())).toBe(true);
    expect(await k.upload(id, body)).toMatchObject({ status: 403, body: { code: 'revoked-device' } });
  });

  it('refuses a malformed record and an oversized image with signed refusals; a bare 413 for an oversized body', async () => {
    const c = await start();
    const k = await kioskOn(c);
    const badId = randomUUID();
    const bad = await k.seal(badId, { ...payloadOf(), fields: { ...payloadOf().fields, nik: '12#45!' } });
    const refused = await k.upload(badId, bad);
    expect(refused).toMatchObject({ status: 400, body: { code: 'invalid-payload', refusal: { refusal: { recordId: badId, code: 'invalid-payload' } } } });
    expect(refused.text).not.toContain('12#45!'); // field paths only, never values
    const bigId = randomUUID();
    const big = payloadOf(SITI, 'sscasn', 1000);
    const oversized = { ...big, ktp: { ...big.ktp, image: { ...big.ktp?.image, base64: Buffer.alloc(250 * 1024, 1).toString('base64') } } };
    const tooBig = await k.upload(bigId, await k.seal(bigId, oversized));
    expect(tooBig).toMatchObject({ status: 400, body: { code: 'invalid-payload', message: 'invalid fields: ktp.image' } });
    const huge = Buffer.alloc(3 * 1024 * 1024, 1);
    const tooLarge = await k.upload(randomUUID(), huge);
    expect(tooLarge).toMatchObject({ status: 413, body: { code: 'payload-too-large' } });
    expect(tooLarge.body.refusal).toBeUndefined();
    expect(await c.registrations()).toHaveLength(0);
  });

  it('answers what may be its own fault — a record it cannot open, a profile it lacks — unsigned and unstored, so a later retry can succeed', async () => {
    const c = await start();
    const k = await kioskOn(c);
    const id = randomUUID();
    const forOther = await k.seal(randomUUID(), payloadOf());
    const cannotOpen = await k.upload(id, forOther);
    expect(cannotOpen).toMatchObject({ status: 500, body: { code: 'cannot-open-record' } });
    expect(cannotOpen.body.refusal).toBeUndefined();
    const laterId = randomUUID();
    const later = await k.seal(laterId, payloadOf(SITI, 'belum-ada'));
    expect(await k.upload(laterId, later)).toMatchObject({ status: 500, body: { code: 'unknown-profile' } });
    expect(await c.store.findAnswer(k.deviceId, laterId)).toBeUndefined();
    // Once the profile is deployed (the server restarted with it), the same request is accepted.
    const sscasn = testProfiles().get('sscasn');
    if (!sscasn) throw new Error('no sscasn profile');
    await c.stop();
    running.splice(running.indexOf(c), 1);
    const profiles = new Map([...testProfiles(), ['belum-ada', { ...sscasn, id: 'belum-ada', numbering: { mode: 'on-accept', prefix: 'BA' } as const }]]);
    const restarted = await startCentralServer(c.dataDir, { databaseUrl: c.databaseUrl, profiles });
    running.push(restarted);
    expect(await k.upload(laterId, later, restarted.url)).toMatchObject({ status: 201, body: { receipt: { registrationNumber: `BA-${YEAR}-0000001` } } });
  });

  it('limits requests per authenticated device and per address; a made-up device id buys no fresh limit', async () => {
    const c = await start({ rateLimits: { perDevice: 3, perAddress: 2, signedPerAddress: 6, enrolPerAddress: 5, receiptVerifyPerAddress: 30, staffLoginPerAddress: 30 } });
    const k = await kioskOn(c);
    const statuses = [];
    for (let i = 0; i < 4; i++) statuses.push((await k.outcomes([randomUUID()])).status);
    expect(statuses).toEqual([200, 200, 200, 429]);
    // Uploads naming a random device each are counted for the address (6 a minute here), not per device.
    const forged = async () => (await k.post(Buffer.from('x'), { ...k.signed(randomUUID(), Buffer.from('x')), [SIGNATURE_HEADERS.device]: randomUUID() })).status;
    const forgedStatuses = [];
    for (let i = 0; i < 7; i++) forgedStatuses.push(await forged());
    expect(forgedStatuses).toEqual([401, 401, 401, 401, 401, 401, 429]);
    const health = [];
    for (let i = 0; i < 3; i++) health.push((await fetch(`${c.url}/v1/health`)).status);
    expect(health).toEqual([200, 200, 429]);
    expect(await (await fetch(`${c.url}/v1/health`)).json()).toMatchObject({ code: 'rate-limited' });
  });

  it('never logs personal data', async () => {
    const lines: string[] = [];
    const spy = vi.spyOn(console, 'error').mockImplementation((line: unknown) => { lines.push(String(line)); });
    try {
      const c = await start();
      const k = await kioskOn(c);
      const id = randomUUID();
      const body = await k.seal(id, payloadOf());
      await k.upload(id, body);
      await k.post(body, { 'idempotency-key': id });
      const dup = randomUUID();
      await k.upload(dup, await k.seal(dup, payloadOf()));
    } finally {
      spy.mockRestore();
    }
    expect(lines.join('\n')).toContain('server.request');
    for (const secret of [SITI.nik, 'SITI', 'siti.rahmawati', SITI.nomorKk]) expect(lines.join('\n')).not.toContain(secret);
  });

  it('serves health, status and an OpenAPI document generated from the schemas', async () => {
    const c = await start();
    const k = await kioskOn(c);
    const id = randomUUID();
    await k.upload(id, await k.seal(id, payloadOf(applicant(3), 'asosiasi-uji')));
    expect(await (await fetch(`${c.url}/v1/health`)).json()).toMatchObject({ status: 'ok' });
    // Counts are for staff only (server-hostile.test.ts checks them with a session).
    expect((await fetch(`${c.url}/v1/status`)).status).toBe(401);
    const doc = await (await fetch(`${c.url}/v1/openapi.json`)).json() as { openapi: string; paths: Record<string, unknown> };
    expect(doc.openapi).toBe('3.1.0');
    expect(Object.keys(doc.paths)).toEqual(['/v1/health', '/v1/status', '/v1/devices/enrol', '/v1/registrations', '/v1/registrations/outcomes', '/v1/directory/verify', '/v1/operators', '/v1/kiosk-audit', '/v1/receipts/verify']);
    expect(JSON.stringify(doc.paths['/v1/devices/enrol'])).toContain('signingPublicKey');
  });
});

describe('a server upgraded from its first version (SQLite)', () => {
  it('answers retries of records it stored back then in a form today’s kiosks trust: receipts and refusals signed anew', async () => {
    const dir = tempDir();
    const keys = loadServerKeys(dir);
    const k = new SimulatedKiosk('');
    k.sealingKey = keys.sealing.publicKey;
    const [id, dupId] = [randomUUID(), randomUUID()];
    const body = await k.seal(id, payloadOf(SITI));
    const dupBody = await k.seal(dupId, payloadOf(SITI));
    const db = new Database(join(dir, SERVER_DB_FILE));
    migrate(db, loadMigrations(SQLITE_MIGRATIONS), 10);
    db.prepare(`INSERT INTO devices VALUES (?, ?, 't', NULL)`).run(k.deviceId, k.signer.publicKey);
    const receipt = { recordId: id, deviceId: k.deviceId, registrationNumber: 'REG-2026-0000003', serverTime: '2026-11-20T01:00:00.000Z', payloadSha256: sha256Hex(body) };
    const v1 = ['KIOSK-RECEIPT-V1', receipt.recordId, receipt.deviceId, receipt.registrationNumber, receipt.serverTime, receipt.payloadSha256].join('\n');
    db.prepare(`INSERT INTO registrations (seq, registration_number, device_id, record_id, profile_id, nik_hash, sealed, payload_sha256, received_at)
                VALUES (3, ?, ?, ?, 'sscasn', x'01', ?, ?, ?)`).run(receipt.registrationNumber, k.deviceId, id, body, receipt.payloadSha256, receipt.serverTime);
    db.prepare(`INSERT INTO idempotency VALUES (?, ?, ?, 201, ?, 't')`).run(k.deviceId, id, receipt.payloadSha256, JSON.stringify({ receipt, signature: keys.receipts.sign(v1) }));
    db.prepare(`INSERT INTO idempotency VALUES (?, ?, ?, 409, ?, 't')`).run(k.deviceId, dupId, sha256Hex(dupBody), JSON.stringify({ code: 'duplicate-nik', message: 'a registration with this NIK already exists' }));
    db.close();

    const c = await startCentralServer(dir, { profiles: testProfiles() });
    running.push(c);
    const again = await k.upload(id, body, c.url);
    const signed = SignedDeliveryReceiptSchema.parse(again.body);
    expect(signed.receipt).toEqual(receipt);
    expect(verifyEd25519(keys.receipts.publicKey, deliveryReceiptSigningText(signed.receipt), signed.signature)).toBe(true);
    const refused = ServerErrorSchema.parse((await k.upload(dupId, dupBody, c.url)).body);
    expect(refused.refusal?.refusal).toMatchObject({ recordId: dupId, code: 'duplicate-nik', payloadSha256: sha256Hex(dupBody) });
    if (!refused.refusal) throw new Error('the old refusal was not signed anew');
    expect(verifyEd25519(keys.receipts.publicKey, refusalSigningText(refused.refusal.refusal), refused.refusal.signature)).toBe(true);
  });
});
