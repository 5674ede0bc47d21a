// The sync engine against the real reference server (Fastify + SQLite, in-process, loopback), through
// a misbehaving TCP proxy of our own where the network is the point.
import { afterEach, describe, expect, it } from 'vitest';
import { createKioskServices, type KioskServices, type KioskServicesOptions } from '../../electron/services/kiosk-services';
import { listAll } from '../../electron/services/queue/queue-repo';
import { outcomeOf } from '../../electron/services/sync/sync-repo';
import { DataDirLockedError } from '../../electron/services/data-dir-lock';
import { appPaths } from '../../electron/services/app-paths';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { recordOpener } from '../../node/crypto/record-sealing';
import { decodeRecord } from '../../node/crypto/record-codec';
import { verifyEd25519 } from '../../node/crypto/ed25519';
import { deliveryReceiptSigningText, sealingContext, SignedDeliveryReceiptSchema } from '../../shared/sync/protocol';
import { RecordPayloadSchema } from '../../shared/sync/record-payload';
import { SITI } from '../support/identities';
import { applicant, challenges, submission } from '../support/submissions';
import { startCentralServer, type CentralServer } from '../support/central-server';
import { startFaultProxy, type FaultProxy } from '../support/fault-proxy';
import { testProfiles } from '../support/simulated-kiosk';
import { useTempDirs } from './temp-dir';

const tempDir = useTempDirs();
const FAST = { probeIntervalMs: 200, backoffBaseMs: 20, backoffCapMs: 200, pauseMs: 200, uploadTimeoutMs: 1_500, probeTimeoutMs: 500 };
const cleanup: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const fn of cleanup.splice(0).reverse()) await fn();
});

async function server(dir = tempDir(), port = 0): Promise<CentralServer> {
  const s = await startCentralServer(dir, { port, profiles: testProfiles() });
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
    expect(k.queue.readPayload(before.id).fields.nik).toBe(SITI.nik);
    expect(await k.enrol(central.url, await central.enrolCode())).toEqual({ sealed: 1 });
    const after = await k.queue.submit(submission(applicant(1)));
    const rows = listAll(k.db);
    expect(rows.map((r) => r.sealing)).toEqual(['server', 'server']);
    for (const r of [before, after]) expect(() => k.queue.readPayload(r.id)).toThrow(/sealed for the server/);
    const sealed = rows[0]?.payload ?? Buffer.alloc(0);
    const openRecord = recordOpener(central.keys.sealing.privateKey);
    const opened = RecordPayloadSchema.parse(decodeRecord(await openRecord(sealed, sealingContext(k.deviceId, before.id))));
    expect(opened.fields.nik).toBe(SITI.nik);
    // Bound to its record: the same blob presented as another record does not open.
    await expect(openRecord(sealed, sealingContext(k.deviceId, after.id))).rejects.toThrow();
  });

  it('refuses a used, unknown or mistyped enrolment code with a clear error', async () => {
    const central = await server();
    const code = await central.enrolCode();
    await kiosk().enrol(central.url, code);
    await expect(kiosk().enrol(central.url, code)).rejects.toThrow(/invalid-enrol-code/);
    await expect(kiosk().enrol(central.url, 'ABCD-EFGH')).rejects.toThrow(/invalid-request/);
    await expect(kiosk().enrol('ftp://server', code)).rejects.toThrow(/invalid-server-url/);
    await expect(kiosk().enrol('http://127.0.0.1:9', await central.enrolCode())).rejects.toThrow(/server-unreachable/);
  });
});

describe('sync engine against the reference server', () => {
  it('keeps records while the server is down and delivers each exactly once when it returns', async () => {
    const serverDir = tempDir();
    let central = await server(serverDir);
    const port = central.port;
    const k = kiosk();
    await k.enrol(central.url, await central.enrolCode());
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
    const onServer = await central.registrations();
    expect(onServer.map((r) => r.recordId)).toEqual(receipts.map((r) => r.id));
    // Each stored receipt is the server's signature over what it received.
    for (const r of receipts) {
      const row = k.db.prepare(`SELECT server_receipt AS receipt, registration_number AS number FROM registrations WHERE id = ?`).get(r.id) as { receipt: string; number: string };
      const signed = SignedDeliveryReceiptSchema.parse(JSON.parse(row.receipt));
      expect(verifyEd25519(central.keys.receipts.publicKey, deliveryReceiptSigningText(signed.receipt), signed.signature)).toBe(true);
      expect(row.number).toMatch(/^REG-\d{4}-\d{7}$/);
      expect(await k.handlers['kiosk:sync:record']({ id: r.id })).toEqual({ state: 'acked', outcome: 'numbered', registrationNumber: row.number, reason: null });
    }
    expect(k.sync.status()).toMatchObject({ online: true, pending: 0, rejected: 0, overdue: false });
    expect(k.sync.status().lastSuccessAt).not.toBeNull();
  });

  it('does not duplicate a record whose response was lost after the server committed it', async () => {
    const central = await server();
    const p = await proxy(() => central.port);
    const k = kiosk();
    await k.enrol(p.url, await central.enrolCode());
    p.mode = 'drop-response';
    const r = await k.queue.submit(submission(SITI));
    await k.sync.syncNow();
    expect(p.dropped).toBeGreaterThan(0);
    expect(await central.registrations()).toHaveLength(1); // committed, the kiosk did not hear it
    expect(states(k)).toEqual(['pending']);
    p.mode = 'pass';
    await syncUntil(k, () => k.sync.status().pending === 0);
    expect(states(k)).toEqual(['acked']);
    expect(await central.registrations()).toEqual([expect.objectContaining({ recordId: r.id, deviceId: k.deviceId })]);
    console.log(`dropped-response test: ${p.dropped} response(s) cut after the server committed; server rows ${(await central.registrations()).length}`);
  });

  it('rides out 500s and timeouts with backoff, then delivers everything', async () => {
    const central = await server();
    const p = await proxy(() => central.port);
    const k = kiosk();
    await k.enrol(p.url, await central.enrolCode());
    for (let i = 0; i < 4; i++) await k.queue.submit(submission(applicant(i)));
    p.mode = 'http-500';
    await k.sync.syncNow();
    expect(k.sync.status().lastError?.code).toMatch(/internal|server-unreachable/);
    p.mode = 'blackhole';
    await k.sync.syncNow();
    expect(k.sync.status()).toMatchObject({ pending: 4, online: false });
    expect(await central.registrations()).toHaveLength(0);
    p.mode = 'pass';
    const t0 = Date.now();
    await syncUntil(k, () => k.sync.status().pending === 0);
    expect(states(k)).toEqual(['acked', 'acked', 'acked', 'acked']);
    expect(await central.registrations()).toHaveLength(4);
    expect(k.sync.status().blockedBy).toBeNull();
    const attempts = k.db.prepare(`SELECT sum(attempts) FROM registrations`).pluck().get();
    console.log(`500s-and-timeouts test: 4 records, ${String(attempts)} failed attempts counted, all delivered ${Date.now() - t0} ms after recovery`);
  });

  it('rejects a second registration of a NIK with the server’s reason and goes on with the queue', async () => {
    const central = await server();
    const a = kiosk();
    const b = kiosk();
    await a.enrol(central.url, await central.enrolCode());
    await b.enrol(central.url, await central.enrolCode());
    await a.queue.submit(submission(SITI));
    await syncUntil(a, () => a.sync.status().pending === 0);
    const dup = await b.queue.submit(submission(SITI)); // another kiosk cannot know
    const next = await b.queue.submit(submission(applicant(7)));
    await syncUntil(b, () => b.sync.status().pending === 0);
    expect(await b.handlers['kiosk:sync:record']({ id: dup.id })).toEqual({ state: 'rejected', outcome: null, registrationNumber: null, reason: 'duplicate-nik' });
    expect((await b.handlers['kiosk:sync:record']({ id: next.id }))?.state).toBe('acked');
    expect(b.sync.status()).toMatchObject({ pending: 0, rejected: 1 });
    // The rejected record keeps its (sealed) data for an operator.
    expect(listAll(b.db).find((r) => r.id === dup.id)?.payload).not.toBeNull();
    expect(await central.registrations()).toHaveLength(2);
  });

  it('pauses without blaming any record when the device is revoked', async () => {
    const central = await server();
    const k = kiosk();
    await k.enrol(central.url, await central.enrolCode());
    await central.store.revokeDevice(k.deviceId, new Date().toISOString());
    await k.queue.submit(submission(SITI));
    await k.sync.syncNow();
    expect(states(k)).toEqual(['pending']);
    expect(k.sync.status()).toMatchObject({ lastError: { code: 'revoked-device' }, blockedBy: 'revoked-device', pending: 1 });
    expect(listAll(k.db)[0]).toMatchObject({ state: 'pending' });
    expect(k.db.prepare(`SELECT attempts FROM registrations`).pluck().get()).toBe(0);
  });

  it('resumes records left uploading by an earlier version that marked uploads in the database', async () => {
    const central = await server();
    const dir = tempDir();
    const first = createKioskServices({ dataDir: dir, challenges, sync: FAST });
    await first.enrol(central.url, await central.enrolCode());
    const r = await first.queue.submit(submission(SITI));
    first.db.prepare(`UPDATE registrations SET state = 'uploading'`).run();
    await first.close(); // its engine never started: closing releases nothing, as if killed
    const again = kiosk({ dataDir: dir });
    again.sync.start();
    await syncUntil(again, () => again.sync.status().pending === 0);
    expect(await again.handlers['kiosk:sync:record']({ id: r.id })).toMatchObject({ state: 'acked' });
  });
});

describe('records that cannot go, and records that wait for a decision', () => {
  it('a record refused by something in between (a bare 413 or 404) waits with its reason; the records behind it are delivered', async () => {
    const central = await server();
    const p = await proxy(() => central.port);
    const k = kiosk();
    await k.enrol(p.url, await central.enrolCode());
    const stuck = await k.queue.submit(submission(applicant(1)));
    const behind = [await k.queue.submit(submission(applicant(2))), await k.queue.submit(submission(applicant(3)))];
    p.refuseRecord = { id: stuck.id, status: 413 };
    await syncUntil(k, () => behind.every((r) => outcomeOf(k.db, r.id)?.state === 'acked'));
    expect(outcomeOf(k.db, stuck.id)).toMatchObject({ state: 'pending' });
    expect(k.db.prepare(`SELECT last_error AS e, attempts FROM registrations WHERE id = ?`).get(stuck.id)).toMatchObject({ e: 'http-413' });
    p.refuseRecord = { id: stuck.id, status: 404 };
    await syncUntil(k, () => p.refused >= 3);
    expect(outcomeOf(k.db, stuck.id)).toMatchObject({ state: 'pending' }); // never rejected on an unsigned answer
    p.refuseRecord = null;
    await syncUntil(k, () => outcomeOf(k.db, stuck.id)?.state === 'acked');
    expect((await central.registrations()).map((r) => r.recordId).sort()).toEqual([stuck.id, ...behind.map((r) => r.id)].sort());
  });

  it('a record whose sealed data no longer opens is held for an operator and never stops the others', async () => {
    const central = await server();
    const k = kiosk();
    const broken = await k.queue.submit(submission(applicant(4)));
    const fine = await k.queue.submit(submission(applicant(5)));
    k.db.prepare(`UPDATE registrations SET payload = CAST(zeroblob(64) AS BLOB) WHERE id = ?`).run(broken.id);
    expect(await k.enrol(central.url, await central.enrolCode())).toEqual({ sealed: 1 });
    await syncUntil(k, () => outcomeOf(k.db, fine.id)?.state === 'acked');
    expect(outcomeOf(k.db, broken.id)).toEqual({ state: 'held', outcome: null, registrationNumber: null, reason: 'unreadable-payload' });
    expect(k.sync.status()).toMatchObject({ pending: 0, held: 1 });
  });

  it('a record scheduled far ahead by a clock that ran fast is sent once the clock is right again', async () => {
    const central = await server();
    const k = kiosk();
    await k.enrol(central.url, await central.enrolCode());
    const r = await k.queue.submit(submission(applicant(6)));
    k.db.prepare(`UPDATE registrations SET next_attempt_at = ?`).run(Date.now() + 6 * 3_600_000);
    await syncUntil(k, () => outcomeOf(k.db, r.id)?.state === 'acked', 3);
    expect(outcomeOf(k.db, r.id)?.state).toBe('acked');
  });

  /** A kiosk running the review-first test profile, enrolled with `central`. */
  async function reviewKiosk(central: CentralServer) {
    const resources = tempDir();
    mkdirSync(join(resources, 'profiles'));
    const review = testProfiles().get('asosiasi-uji');
    if (!review) throw new Error('no review-first test profile');
    writeFileSync(join(resources, 'profiles', 'asosiasi-uji.json'), JSON.stringify(review));
    const k = kiosk({ profileId: 'asosiasi-uji', paths: { ...appPaths(), resources } });
    await k.enrol(central.url, await central.enrolCode());
    return { k, review };
  }

  it('review-first profiles: delivered and purged without a number; the number issued later arrives by the next pull, once', async () => {
    const central = await server();
    const { k, review } = await reviewKiosk(central);
    const r = await k.queue.submit(submission(SITI, { profileId: 'asosiasi-uji' }));
    await syncUntil(k, () => outcomeOf(k.db, r.id)?.state === 'acked');
    expect(outcomeOf(k.db, r.id)).toEqual({ state: 'acked', outcome: 'received', registrationNumber: null, reason: null });
    expect(listAll(k.db)[0]?.payload).toBeNull();
    expect(k.sync.status()).toMatchObject({ pending: 0, awaitingDecision: 1 });
    await k.sync.syncNow();
    expect(outcomeOf(k.db, r.id)?.outcome).toBe('received');

    const row = await central.store.issueNumber(k.deviceId, r.id, review.numbering, new Date());
    expect(row?.registrationNumber).toMatch(/^ASI-\d{4}-0000001$/);
    await k.sync.syncNow();
    expect(outcomeOf(k.db, r.id)).toEqual({ state: 'acked', outcome: 'numbered', registrationNumber: row?.registrationNumber, reason: null });
    expect(k.sync.status()).toMatchObject({ awaitingDecision: 0 });
    const settledAt = k.db.prepare(`SELECT settled_at FROM registrations`).pluck().get();
    await k.sync.syncNow();
    expect(k.db.prepare(`SELECT settled_at FROM registrations`).pluck().get()).toBe(settledAt);
  });

  it('learns of a decision on a newer record while more than a pull’s worth of older ones still wait', async () => {
    const central = await server();
    const { k, review } = await reviewKiosk(central);
    const ids = [];
    for (let i = 0; i < 130; i++) ids.push((await k.queue.submit(submission(applicant(200 + i), { profileId: 'asosiasi-uji' }))).id);
    await syncUntil(k, () => k.sync.status().pending === 0);
    const newest = ids.at(-1) ?? '';
    await central.store.issueNumber(k.deviceId, newest, review.numbering, new Date());
    await k.sync.syncNow();
    expect(outcomeOf(k.db, newest)).toMatchObject({ outcome: 'numbered' });
    expect(k.sync.status().awaitingDecision).toBe(129);
  }, 60_000);

  it('one kiosk process per data directory: a second one is refused with a clear message', async () => {
    const dir = tempDir();
    const first = kiosk({ dataDir: dir });
    expect(() => createKioskServices({ dataDir: dir, challenges })).toThrow(DataDirLockedError);
    expect(() => createKioskServices({ dataDir: dir, challenges })).toThrow(/another kiosk process is using the data directory/);
    await first.close();
    const again = createKioskServices({ dataDir: dir, challenges });
    await again.close();
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
