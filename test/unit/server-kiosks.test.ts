// Kiosk management in the back office on both engines, over real HTTP: the list with each kiosk's
// records (received, waiting for review), last seen and last sync (at most one write a minute) and
// the versions it reported; names; revocation with a reason (its next signed request refused);
// enrolment codes from the API (one enrolment each) whose QR decodes to the server's address, the
// code and the fingerprint of the keys the kiosk then receives; admins only, every change audited.
import { afterEach, describe, expect, it } from 'vitest';
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import pg from 'pg';
import { PNG } from 'pngjs';
import jsQR from 'jsqr';
import { startCentralServer, type CentralServer } from '../support/central-server';
import { payloadOf, SimulatedKiosk, testProfiles } from '../support/simulated-kiosk';
import { databaseFor, ENGINES } from '../support/engines';
import { StaffBrowser } from '../support/staff-browser';
import { BUDI, SITI, type Applicant } from '../support/identities';
import { useTempDirs } from './temp-dir';
import { createAdmin } from '../../server/staff/create-admin';
import { auditTrail } from '../../server/staff/audit-trail';
import { SERVER_DB_FILE } from '../../server/store/open-store';
import { parseServerConfig, UsageError } from '../../server/config';
import { serve } from '../../server/serve';
import { createServerClient } from '../../electron/services/sync/server-client';
import { EnrolCodeAnswerSchema, KioskRowSchema, type KioskRow } from '../../shared/kiosks';
import { keysMatchFingerprint, parseEnrolmentQr } from '../../shared/enrolment-qr';
import { EnrolResponseSchema } from '../../shared/sync/protocol';
import { KIOSK_REPORT_HEADERS } from '../../shared/sync/kiosk-report';

const tempDir = useTempDirs();
const running: CentralServer[] = [];
afterEach(async () => { for (const s of running.splice(0)) await s.stop(); });
const ADMIN_PASSWORD = 'kunci-rahasia-kantor-2026';
const passwordOf = (username: string) => `meja-kerja-${username.length}-kantor-pusat`;

/** The QR's text, read from the PNG data: URL the way a camera frame is read. */
function readQr(dataUrl: string): string {
  const png = PNG.sync.read(Buffer.from(dataUrl.slice('data:image/png;base64,'.length), 'base64'));
  const found = jsQR(new Uint8ClampedArray(png.data.buffer, png.data.byteOffset, png.data.byteLength), png.width, png.height);
  if (!found) throw new Error('no QR code in the image');
  return found.data;
}

describe.each(ENGINES)('kiosk management in the back office on %s', (engine) => {
  async function setUp() {
    // The server's clock runs ahead on demand (within the signatures' five-minute window).
    const clock = { aheadMs: 0 };
    const s = await startCentralServer(tempDir(), { databaseUrl: await databaseFor(engine), profiles: testProfiles(), now: () => new Date(Date.now() + clock.aheadMs) });
    running.push(s);
    await createAdmin(s.store.staff, auditTrail(s.store.staff, s.keys), 'admin', ADMIN_PASSWORD, new Date());
    const admin = new StaffBrowser(s.url);
    expect((await admin.login('admin', ADMIN_PASSWORD)).status).toBe(200);
    for (const [username, role] of [['rina', 'reviewer'], ['audit', 'auditor']] as const) {
      expect((await admin.call('POST', '/staff', { username, role, password: passwordOf(username) })).status).toBe(201);
    }
    const as = async (username: string) => {
      const b = new StaffBrowser(s.url);
      expect((await b.login(username, passwordOf(username))).status).toBe(200);
      return b;
    };
    const enrolled = async () => {
      const kiosk = new SimulatedKiosk(s.url);
      expect((await kiosk.enrol(await s.enrolCode())).status).toBe(200);
      return kiosk;
    };
    const list = async () => {
      const r = await admin.call('GET', '/kiosks');
      expect(r.status).toBe(200);
      return (r.body as unknown as unknown[]).map((k) => KioskRowSchema.parse(k));
    };
    const rowOf = async (kiosk: SimulatedKiosk): Promise<KioskRow | undefined> => (await list()).find((k) => k.deviceId === kiosk.deviceId);
    return { s, clock, admin, as, enrolled, list, rowOf, rina: await as('rina'), auditor: await as('audit') };
  }

  /** A signed upload of a fresh record, with what the kiosk reports about itself. */
  async function deliver(kiosk: SimulatedKiosk, a: Applicant, profileId: string, report: Record<string, string> = {}) {
    const id = randomUUID();
    const body = await kiosk.seal(id, payloadOf(a, profileId));
    expect((await kiosk.post(body, { ...kiosk.signed(id, body), ...report })).status).toBe(201);
    return id;
  }

  /** Reads one value straight from the database (what the API does not show). */
  async function column(s: CentralServer, sql: string): Promise<unknown> {
    if (engine === 'sqlite') {
      const db = new Database(join(s.dataDir, SERVER_DB_FILE), { readonly: true });
      try { return Object.values(db.prepare(sql).get() as object)[0]; } finally { db.close(); }
    }
    const client = new pg.Client({ connectionString: s.databaseUrl });
    await client.connect();
    try { return Object.values((await client.query(sql)).rows[0] as object)[0]; } finally { await client.end(); }
  }

  it('lists each kiosk with its records, last seen and sync, and the versions it reported (shape-checked)', async () => {
    const { s, clock, enrolled, rowOf } = await setUp();
    const a = await enrolled();
    const b = await enrolled();
    expect(await rowOf(a)).toMatchObject({ received: 0, waiting: 0, lastSeenAt: null, lastSyncAt: null, softwareVersion: null, profile: null, revokedAt: null });

    const report = { [KIOSK_REPORT_HEADERS.software]: '0.1.0', [KIOSK_REPORT_HEADERS.profile]: 'asosiasi-uji@1' };
    await deliver(a, SITI, 'asosiasi-uji', report);
    await deliver(a, BUDI, 'asosiasi-uji', report);
    await deliver(a, { ...SITI, nik: '3171015708950011' }, 'sscasn', report);
    const first = await rowOf(a);
    expect(first).toMatchObject({ received: 3, waiting: 2, softwareVersion: '0.1.0', profile: 'asosiasi-uji@1' });
    expect(Date.parse(first?.lastSeenAt ?? '')).toBeGreaterThan(Date.now() - 60_000);
    expect(first?.lastSyncAt).not.toBeNull();

    // Within the minute nothing is written again; a minute later it is.
    await deliver(a, { ...BUDI, nik: '1101010201880099' }, 'sscasn', report);
    expect(await rowOf(a)).toMatchObject({ lastSeenAt: first?.lastSeenAt, lastSyncAt: first?.lastSyncAt, received: 4 });
    clock.aheadMs = 61_000;
    expect((await a.outcomes([randomUUID()])).status).toBe(200);
    const later = await rowOf(a);
    expect(Date.parse(later?.lastSeenAt ?? '')).toBeGreaterThan(Date.parse(first?.lastSeenAt ?? ''));
    expect(Date.parse(later?.lastSyncAt ?? '')).toBeGreaterThan(Date.parse(first?.lastSyncAt ?? ''));
    // Not reported this time: the versions stored stand.
    expect(later).toMatchObject({ softwareVersion: '0.1.0', profile: 'asosiasi-uji@1' });

    // Values of another shape are not stored, and a refused record is no sync.
    const junk = { [KIOSK_REPORT_HEADERS.software]: '<b>1</b>', [KIOSK_REPORT_HEADERS.profile]: 'asosiasi-uji' };
    const id = randomUUID();
    expect((await b.post(Buffer.from('not sealed'), { ...b.signed(id, Buffer.from('not sealed')), ...junk })).status).not.toBe(201);
    expect(await rowOf(b)).toMatchObject({ softwareVersion: null, profile: null, lastSyncAt: null, received: 0 });
    expect((await rowOf(b))?.lastSeenAt).not.toBeNull();

    // The kiosk's own HTTP client reports what it runs; a changed version is written at once.
    const client = createServerClient(s.url, { report: { software: '0.2.0', profile: 'sscasn@2' } });
    expect((await client.pullOutcomes(b.deviceId, { recordIds: [randomUUID()] }, b.signer)).status).toBe(200);
    expect(await rowOf(b)).toMatchObject({ softwareVersion: '0.2.0', profile: 'sscasn@2' });
    expect((await rowOf(b))?.lastSyncAt).not.toBeNull();
  });

  it('names a kiosk and revokes it with a reason; its next signed request is refused; both are audited without their words', async () => {
    const { s, admin, enrolled, rowOf, auditor } = await setUp();
    const kiosk = await enrolled();
    const path = `/kiosks/${kiosk.deviceId}`;
    expect((await admin.call('POST', path, { name: 'Kios Aula', location: 'Gedung A, lantai 1' })).status).toBe(204);
    expect(await rowOf(kiosk)).toMatchObject({ name: 'Kios Aula', location: 'Gedung A, lantai 1' });
    for (const bad of [{ name: 'x'.repeat(61), location: '' }, { name: 'a\nb', location: '' }, { name: 'a', location: 'y'.repeat(121) }, { name: 'a' }, { name: 'a', location: '', extra: 1 }]) {
      expect((await admin.call('POST', path, bad)).status, JSON.stringify(bad)).toBe(400);
    }
    expect((await admin.call('POST', `/kiosks/${randomUUID()}`, { name: 'a', location: '' })).body).toMatchObject({ code: 'not-found' });
    expect((await admin.call('POST', '/kiosks/not-a-uuid', { name: 'a', location: '' })).status).toBe(404);
    // Empty texts clear; spaces around are trimmed.
    expect((await admin.call('POST', path, { name: '  Kios Aula  ', location: '' })).status).toBe(204);
    expect(await rowOf(kiosk)).toMatchObject({ name: 'Kios Aula', location: null });

    for (const bad of [{}, { reason: '' }, { reason: '   ' }, { reason: 'r'.repeat(201) }, { reason: 'a\u0000b' }]) {
      expect((await admin.call('POST', `${path}/revoke`, bad)).status, JSON.stringify(bad)).toBe(400);
    }
    expect((await kiosk.outcomes([randomUUID()])).status).toBe(200);
    expect((await admin.call('POST', `${path}/revoke`, { reason: 'Perangkat hilang dari aula' })).status).toBe(204);
    const revoked = await rowOf(kiosk);
    expect(revoked).toMatchObject({ revokeReason: 'Perangkat hilang dari aula' });
    expect(revoked?.revokedAt).not.toBeNull();
    expect(await kiosk.outcomes([randomUUID()])).toMatchObject({ status: 403, body: { code: 'revoked-device' } });
    const id = randomUUID();
    expect((await kiosk.upload(id, await kiosk.seal(id, payloadOf(SITI)))).body).toMatchObject({ code: 'revoked-device' });
    expect((await admin.call('POST', `${path}/revoke`, { reason: 'lagi' })).status).toBe(409);
    expect((await admin.call('POST', `/kiosks/${randomUUID()}/revoke`, { reason: 'x' })).status).toBe(404);
    // Enrolled again with a new code: active, the reason gone, the admin's name kept.
    expect((await kiosk.enrol(await s.enrolCode())).status).toBe(200);
    expect(await rowOf(kiosk)).toMatchObject({ name: 'Kios Aula', revokedAt: null, revokeReason: null });
    expect((await kiosk.outcomes([randomUUID()])).status).toBe(200);

    const trail = (await auditor.call('GET', '/audit')).body as unknown as { action: string; actor: string; subject: string | null }[];
    expect(trail.filter((e) => e.action.startsWith('kiosk.')).map((e) => [e.actor, e.action, e.subject]))
      .toEqual([['admin', 'kiosk.revoke', kiosk.deviceId], ['admin', 'kiosk.rename', kiosk.deviceId], ['admin', 'kiosk.rename', kiosk.deviceId]]);
    expect(JSON.stringify(trail)).not.toMatch(/hilang|Aula|Gedung/);
    expect((await auditor.call('POST', '/audit/verify')).body).toMatchObject({ ok: true });
    expect(await s.store.counts()).toMatchObject({ devices: { active: 1, revoked: 0 } });
  });

  it('refuses every kiosk route to a reviewer, an auditor, a logged-out browser and a request without the CSRF token', async () => {
    const { s, enrolled, rina, auditor, admin } = await setUp();
    const kiosk = await enrolled();
    const routes = [
      ['GET', '/kiosks', undefined], ['POST', `/kiosks/${kiosk.deviceId}`, { name: 'x', location: '' }],
      ['POST', `/kiosks/${kiosk.deviceId}/revoke`, { reason: 'x' }], ['POST', '/enrol-codes', {}],
    ] as const;
    for (const [method, path, body] of routes) {
      expect((await rina.call(method, path, body)).body, `${method} ${path}`).toMatchObject({ code: 'forbidden' });
      expect((await auditor.call(method, path, body)).status).toBe(403);
      expect((await new StaffBrowser(s.url).call(method, path, body)).body).toMatchObject({ code: 'not-logged-in' });
      if (method === 'POST') expect((await admin.call(method, path, body, { 'x-csrf-token': 'wrong' })).body).toMatchObject({ code: 'csrf' });
    }
    expect((await admin.call('GET', '/kiosks')).body).toEqual([expect.objectContaining({ deviceId: kiosk.deviceId, name: null, revokedAt: null })]);
  });

  it('creates an enrolment code that enrols one kiosk once; its QR holds the address, the code and the fingerprint of the keys the kiosk receives', async () => {
    const { s, admin, auditor, rowOf } = await setUp();
    for (const bad of [{ ttlHours: 0 }, { ttlHours: 721 }, { ttlHours: '5' }, { ttlHours: 1.5 }, { other: 1 }]) {
      expect((await admin.call('POST', '/enrol-codes', bad)).status, JSON.stringify(bad)).toBe(400);
    }
    const r = await admin.call('POST', '/enrol-codes', { ttlHours: 2 });
    expect(r.status).toBe(201);
    expect(r.headers['cache-control']).toBe('no-store');
    const issued = EnrolCodeAnswerSchema.parse(r.body);
    expect(Math.abs(Date.parse(issued.expiresAt) - (Date.now() + 2 * 3_600_000))).toBeLessThan(60_000);
    expect(issued.serverUrl).toBe(s.url);
    expect(await column(s, `SELECT created_by FROM enrol_codes ORDER BY created_at DESC LIMIT 1`)).toBe('admin');

    const scanned = parseEnrolmentQr(readQr(issued.qrImage));
    expect(scanned).toEqual({ ok: true, payload: { serverUrl: s.url, code: issued.code, fingerprint: issued.fingerprint } });

    const kiosk = new SimulatedKiosk(issued.serverUrl);
    const enrolment = await kiosk.enrol(issued.code);
    expect(enrolment.status).toBe(200);
    // What a kiosk checks after scanning: the keys it was given are the ones the QR named.
    expect(keysMatchFingerprint(issued.fingerprint, EnrolResponseSchema.parse(enrolment.body))).toBe(true);
    expect((await new SimulatedKiosk(s.url).enrol(issued.code)).body).toMatchObject({ code: 'invalid-enrol-code' });
    expect(await rowOf(kiosk)).toMatchObject({ received: 0, revokedAt: null });

    const trail = (await auditor.call('GET', '/audit')).body as unknown as { action: string; detail: Record<string, unknown> | null }[];
    const created = trail.find((e) => e.action === 'enrol-code.create');
    expect(created?.detail).toMatchObject({ ttlHours: 2, expiresAt: issued.expiresAt });
    expect(JSON.stringify(trail)).not.toContain(issued.code);
    // The default is a day.
    const day = EnrolCodeAnswerSchema.parse((await admin.call('POST', '/enrol-codes', {})).body);
    expect(Math.abs(Date.parse(day.expiresAt) - (Date.now() + 24 * 3_600_000))).toBeLessThan(60_000);
  });
});

describe('the public origin of enrolment QR codes', () => {
  it('is parsed strictly from --kiosk-origin, and the QR names it instead of the request\'s origin', async () => {
    expect(parseServerConfig(['start', '--kiosk-origin', 'https://daftar.example.org:8443']).kioskOrigin).toBe('https://daftar.example.org:8443');
    expect(parseServerConfig(['start']).kioskOrigin).toBeUndefined();
    for (const bad of ['https://daftar.example.org/', 'https://daftar.example.org/staff', 'ftp://daftar.example.org', 'https://Daftar.example.org', 'https://x:70000']) {
      expect(() => parseServerConfig(['start', '--kiosk-origin', bad]), bad).toThrow(UsageError);
    }
    const dataDir = tempDir();
    const server = await serve({ dataDir, port: 0, host: '127.0.0.1', profiles: testProfiles(), kioskOrigin: 'https://daftar.example.org' });
    try {
      await createAdmin(server.store.staff, auditTrail(server.store.staff, server.keys), 'admin', ADMIN_PASSWORD, new Date());
      const admin = new StaffBrowser(server.url);
      await admin.login('admin', ADMIN_PASSWORD);
      const issued = EnrolCodeAnswerSchema.parse((await admin.call('POST', '/enrol-codes', { ttlHours: 1 })).body);
      expect(issued.serverUrl).toBe('https://daftar.example.org');
      expect(parseEnrolmentQr(readQr(issued.qrImage))).toMatchObject({ ok: true, payload: { serverUrl: 'https://daftar.example.org', code: issued.code } });
    } finally {
      await server.close();
    }
  });
});
