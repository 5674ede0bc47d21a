// The sync engine against the real reference server (Fastify + SQLite, in-process, loopback), through
// a misbehaving TCP proxy of our own where the network is the point.
import { afterEach, describe, expect, it } from 'vitest';
import { createKioskServices, type KioskServices, type KioskServicesOptions } from '../../electron/services/kiosk-services';
import { listAll } from '../../electron/services/queue/queue-repo';
import { openRecord } from '../../electron/services/crypto/record-sealing';
import { decodeRecord } from '../../electron/services/crypto/record-codec';
import { verifyEd25519 } from '../../electron/services/crypto/ed25519';
import { receiptSigningText, sealingContext, SignedReceiptSchema } from '../../shared/sync/protocol';
import { RecordPayloadSchema } from '../../shared/sync/record-payload';
import { SITI } from '../support/identities';
import { applicant, challenges, submission } from '../support/submissions';
import { startCentralServer, type CentralServer } from '../support/central-server';
import { startFaultProxy, type FaultProxy } from '../support/fault-proxy';
import { useTempDirs } from './temp-dir';

const tempDir = useTempDirs();
const FAST = { probeIntervalMs: 200, backoffBaseMs: 20, backoffCapMs: 200, pauseMs: 200, uploadTimeoutMs: 1_500, probeTimeoutMs: 500 };
const cleanup: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const fn of cleanup.splice(0).reverse()) await fn();
});

async function server(dir = tempDir(), port = 0): Promise<CentralServer> {
  const s = await startCentralServer(dir, port);
  cleanup.push(() => s.stop().catch(() => undefined));
  return s;
}
async function proxy(target: () => number): Promise<FaultProxy> {
  const p = await startFaultProxy(target);
  cleanup.push(() => p.close());
  return p;
}
function kiosk(extra: Partial<KioskServicesOptions> = {}): KioskServices {
  const k = createKioskServices({ dataDir: tempDir(), challenges, sync: FAST, ...extra });
  cleanup.push(() => k.close());
  return k;
}
const states = (k: KioskServices) => listAll(k.db).map((r) => r.state);

/** Runs sync cycles until `done` or the attempts run out (each cycle is real network I/O). */
async function syncUntil(k: KioskServices, done: () => boolean, cycles = 40): Promise<void> {
  for (let i = 0; i < cycles && !done(); i++) {
    await k.sync.syncNow();
    if (!done()) await new Promise((r) => setTimeout(r, 30));
  }
}

describe('enrolment and sealing', () => {
  it('seals records queued before enrolment for the server; the kiosk can no longer read them, the server can', async () => {
    const central = await server();
    const k = kiosk();
    const before = await k.queue.submit(submission(SITI));
    expect(k.queue.readPayload(before.id).identity.nik).toBe(SITI.nik);
    expect(await k.enrol(central.url, central.enrolCode())).toEqual({ sealed: 1 });
    const after = await k.queue.submit(submission(applicant(1)));
    const rows = listAll(k.db);
    expect(rows.map((r) => r.sealing)).toEqual(['server', 'server']);
    for (const r of [before, after]) expect(() => k.queue.readPayload(r.id)).toThrow(/sealed for the server/);
    const sealed = rows[0]?.payload ?? Buffer.alloc(0);
    const opened = RecordPayloadSchema.parse(decodeRecord(await openRecord(central.keys.sealing.privateKey, sealed, sealingContext(k.deviceId, before.id))));
    expect(opened.identity.nik).toBe(SITI.nik);
    // Bound to its record: the same blob presented as another record does not open.
    await expect(openRecord(central.keys.sealing.privateKey, sealed, sealingContext(k.deviceId, after.id))).rejects.toThrow();
  });

  it('refuses a used, unknown or mistyped enrolment code with a clear error', async () => {
    const central = await server();
    const code = central.enrolCode();
    await kiosk().enrol(central.url, code);
    await expect(kiosk().enrol(central.url, code)).rejects.toThrow(/invalid-enrol-code/);
    await expect(kiosk().enrol(central.url, 'ABCD-EFGH')).rejects.toThrow(/invalid-request/);
    await expect(kiosk().enrol('ftp://server', code)).rejects.toThrow(/invalid-server-url/);
    await expect(kiosk().enrol('http://127.0.0.1:9', central.enrolCode())).rejects.toThrow(/server-unreachable/);
  });
});

describe('sync engine against the reference server', () => {
  it('keeps records while the server is down and delivers each exactly once when it returns', async () => {
    const serverDir = tempDir();
    let central = await server(serverDir);
    const port = central.port;
    const k = kiosk();
    await k.enrol(central.url, central.enrolCode());
    await central.stop();
    const receipts = [];
    for (let i = 0; i < 3; i++) receipts.push(await k.queue.submit(submission(applicant(i))));
    await k.sync.syncNow();
    expect(k.sync.status()).toMatchObject({ enrolled: true, online: false, pending: 3, lastError: { code: 'server-unreachable' } });
    expect(states(k)).toEqual(['pending', 'pending', 'pending']);

    central = await server(serverDir, port);
    await syncUntil(k, () => k.sync.status().pending === 0);
    const rows = listAll(k.db);
    expect(rows.map((r) => [r.state, r.payload])).toEqual([['acked', null], ['acked', null], ['acked', null]]);
    const onServer = central.registrations();
    expect(onServer.map((r) => r.recordId)).toEqual(receipts.map((r) => r.id));
    // Each stored receipt is the server's signature over what it received.
    for (const r of receipts) {
      const row = k.db.prepare(`SELECT server_receipt AS receipt, registration_number AS number FROM registrations WHERE id = ?`).get(r.id) as { receipt: string; number: string };
      const signed = SignedReceiptSchema.parse(JSON.parse(row.receipt));
      expect(verifyEd25519(central.keys.receipts.publicKey, receiptSigningText(signed.receipt), signed.signature)).toBe(true);
      expect(row.number).toMatch(/^REG-\d{4}-\d{7}$/);
      expect(await k.handlers['kiosk:sync:record']({ id: r.id })).toEqual({ state: 'acked', registrationNumber: row.number, rejectReason: null });
    }
    expect(k.sync.status()).toMatchObject({ online: true, pending: 0, rejected: 0, overdue: false });
    expect(k.sync.status().lastSuccessAt).not.toBeNull();
  });

  it('does not duplicate a record whose response was lost after the server committed it', async () => {
    const central = await server();
    const p = await proxy(() => central.port);
    const k = kiosk();
    await k.enrol(p.url, central.enrolCode());
    p.mode = 'drop-response';
    const r = await k.queue.submit(submission(SITI));
    await k.sync.syncNow();
    expect(p.dropped).toBeGreaterThan(0);
    expect(central.registrations()).toHaveLength(1); // committed, the kiosk did not hear it
    expect(states(k)).toEqual(['pending']);
    p.mode = 'pass';
    await syncUntil(k, () => k.sync.status().pending === 0);
    expect(states(k)).toEqual(['acked']);
    expect(central.registrations()).toEqual([expect.objectContaining({ recordId: r.id, deviceId: k.deviceId })]);
    console.log(`dropped-response test: ${p.dropped} response(s) cut after the server committed; server rows ${central.registrations().length}`);
  });

  it('rides out 500s and timeouts with backoff, then delivers everything', async () => {
    const central = await server();
    const p = await proxy(() => central.port);
    const k = kiosk();
    await k.enrol(p.url, central.enrolCode());
    for (let i = 0; i < 4; i++) await k.queue.submit(submission(applicant(i)));
    p.mode = 'http-500';
    await k.sync.syncNow();
    expect(k.sync.status().lastError?.code).toMatch(/internal|server-unreachable/);
    p.mode = 'blackhole';
    await k.sync.syncNow();
    expect(k.sync.status()).toMatchObject({ pending: 4, online: false });
    expect(central.registrations()).toHaveLength(0);
    p.mode = 'pass';
    const t0 = Date.now();
    await syncUntil(k, () => k.sync.status().pending === 0);
    expect(states(k)).toEqual(['acked', 'acked', 'acked', 'acked']);
    expect(central.registrations()).toHaveLength(4);
    expect(k.sync.status().blockedBy).toBeNull();
    const attempts = k.db.prepare(`SELECT sum(attempts) FROM registrations`).pluck().get();
    console.log(`500s-and-timeouts test: 4 records, ${String(attempts)} failed attempts counted, all delivered ${Date.now() - t0} ms after recovery`);
  });

  it('rejects a second registration of a NIK with the server’s reason and goes on with the queue', async () => {
    const central = await server();
    const a = kiosk();
    const b = kiosk();
    await a.enrol(central.url, central.enrolCode());
    await b.enrol(central.url, central.enrolCode());
    await a.queue.submit(submission(SITI));
    await syncUntil(a, () => a.sync.status().pending === 0);
    const dup = await b.queue.submit(submission(SITI)); // another kiosk cannot know
    const next = await b.queue.submit(submission(applicant(7)));
    await syncUntil(b, () => b.sync.status().pending === 0);
    expect(await b.handlers['kiosk:sync:record']({ id: dup.id })).toEqual({ state: 'rejected', registrationNumber: null, rejectReason: 'duplicate-nik' });
    expect((await b.handlers['kiosk:sync:record']({ id: next.id }))?.state).toBe('acked');
    expect(b.sync.status()).toMatchObject({ pending: 0, rejected: 1 });
    // The rejected record keeps its (sealed) data for an operator.
    expect(listAll(b.db).find((r) => r.id === dup.id)?.payload).not.toBeNull();
    expect(central.registrations()).toHaveLength(2);
  });

  it('pauses without blaming any record when the device is revoked', async () => {
    const central = await server();
    const k = kiosk();
    await k.enrol(central.url, central.enrolCode());
    central.db.prepare(`UPDATE devices SET revoked_at = 'now'`).run();
    await k.queue.submit(submission(SITI));
    await k.sync.syncNow();
    expect(states(k)).toEqual(['pending']);
    expect(k.sync.status()).toMatchObject({ lastError: { code: 'revoked-device' }, blockedBy: 'revoked-device', pending: 1 });
    expect(listAll(k.db)[0]).toMatchObject({ state: 'pending' });
    expect(k.db.prepare(`SELECT attempts FROM registrations`).pluck().get()).toBe(0);
  });

  it('resumes records left uploading by a crash', async () => {
    const central = await server();
    const dir = tempDir();
    const first = createKioskServices({ dataDir: dir, challenges, sync: FAST });
    await first.enrol(central.url, central.enrolCode());
    const r = await first.queue.submit(submission(SITI));
    first.db.prepare(`UPDATE registrations SET state = 'uploading'`).run();
    first.db.close(); // as if killed: no engine stop, no release
    const again = kiosk({ dataDir: dir });
    again.sync.start();
    await syncUntil(again, () => again.sync.status().pending === 0);
    expect(await again.handlers['kiosk:sync:record']({ id: r.id })).toMatchObject({ state: 'acked' });
  });
});

describe('sync status', () => {
  it('flags records unsent for longer than the profile allows (MOSIP-like limit)', async () => {
    const k = kiosk();
    await k.queue.submit(submission(SITI));
    expect(k.sync.status()).toMatchObject({ enrolled: false, online: null, pending: 1, warnAfterDays: 3, overdue: false });
    const fourDaysAgo = new Date(Date.now() - 4 * 86_400_000).toISOString();
    k.db.prepare(`UPDATE registrations SET created_at = ?`).run(fourDaysAgo);
    expect(k.sync.status()).toMatchObject({ pending: 1, oldestPendingAt: fourDaysAgo, overdue: true });
    expect(await k.handlers['kiosk:sync:status'](undefined)).toMatchObject({ overdue: true });
  });
});
