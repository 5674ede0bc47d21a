// Review in the back office on both engines, over real HTTP: the queue with its filters and the NIK
// search through the HMAC; a record opened in memory for a reviewer (its data and images, no
// password hashes, never cached, audited); approve → the profile's number, reject → one of its
// reasons with a note; a decision on a stale view refused; the kiosk's status pull shows the outcome.
import { afterEach, describe, expect, it } from 'vitest';
import { randomUUID } from 'node:crypto';
import { startCentralServer, type CentralServer } from '../support/central-server';
import { payloadOf, SimulatedKiosk, testProfiles } from '../support/simulated-kiosk';
import { databaseFor, ENGINES } from '../support/engines';
import { StaffBrowser } from '../support/staff-browser';
import { BUDI, SITI } from '../support/identities';
import { useTempDirs } from './temp-dir';
import { createAdmin } from '../../server/staff/create-admin';
import { auditTrail } from '../../server/staff/audit-trail';
import { SESSION_LIMITS } from '../../server/staff/session';
import { OpenedRecordSchema, ReviewRowSchema } from '../../shared/review';
import { formatReceiptNumber } from '../../shared/receipt';
import type { Applicant } from '../support/identities';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import pg from 'pg';
import { SERVER_DB_FILE } from '../../server/store/open-store';
import type { CentralServer as Server } from '../support/central-server';

/** One statement on the server's database from outside it, as a damaged or tampered database would be. */
async function tamper(s: Server, sql: string): Promise<void> {
  if (!s.databaseUrl) {
    const db = new Database(join(s.dataDir, SERVER_DB_FILE));
    try { db.exec(sql); } finally { db.close(); }
    return;
  }
  const client = new pg.Client({ connectionString: s.databaseUrl });
  await client.connect();
  try { await client.query(sql); } finally { await client.end(); }
}

const tempDir = useTempDirs();
const running: CentralServer[] = [];
afterEach(async () => { for (const s of running.splice(0)) await s.stop(); });
const YEAR = new Date().getUTCFullYear();
/** Staff passwords: long enough, not common, not containing the username. */
const passwordOf = (username: string) => `meja-kerja-${username.length}-kantor-pusat`;

describe.each(ENGINES)('review in the back office on %s', (engine) => {
  async function setUp() {
    const s = await startCentralServer(tempDir(), { databaseUrl: await databaseFor(engine), profiles: testProfiles() });
    running.push(s);
    await createAdmin(s.store.staff, auditTrail(s.store.staff, s.keys), 'admin', 'kunci-rahasia-kantor-2026', new Date());
    const admin = new StaffBrowser(s.url);
    await admin.login('admin', 'kunci-rahasia-kantor-2026');
    for (const [username, role] of [['rina', 'reviewer'], ['yusuf', 'reviewer'], ['audit', 'auditor']] as const) {
      expect((await admin.call('POST', '/staff', { username, role, password: passwordOf(username) })).status).toBe(201);
    }
    const as = async (username: string) => {
      const b = new StaffBrowser(s.url);
      expect((await b.login(username, passwordOf(username))).status).toBe(200);
      return b;
    };
    const kiosk = new SimulatedKiosk(s.url);
    expect((await kiosk.enrol(await s.enrolCode())).status).toBe(200);
    const deliver = async (a: Applicant, profileId = 'asosiasi-uji') => {
      const id = randomUUID();
      expect((await kiosk.upload(id, await kiosk.seal(id, payloadOf(a, profileId)))).status).toBe(201);
      return id;
    };
    return { s, kiosk, deliver, admin, rina: await as('rina'), yusuf: await as('yusuf'), auditor: await as('audit') };
  }

  it('lists the queue with filters, finds a record by its exact NIK, and opens it for a reviewer only', async () => {
    const { kiosk, deliver, rina, auditor } = await setUp();
    const siti = await deliver(SITI);
    await deliver(BUDI);
    await deliver({ ...SITI, nik: '3171015708950011' }, 'sscasn');
    const queue = (await rina.call('GET', '/registrations?profile=asosiasi-uji&state=received')).body as unknown as unknown[];
    expect(queue.map((r) => ReviewRowSchema.parse(r).recordId)).toHaveLength(2);
    expect((await rina.call('GET', '/registrations?state=numbered')).body).toHaveLength(1);
    const found = (await rina.call('POST', '/registrations/search', { nik: SITI.nik })).body as unknown as { recordId: string }[];
    expect(found.map((r) => r.recordId)).toEqual([siti]);
    expect((await rina.call('POST', '/registrations/search', { nik: '31710157' })).status).toBe(400);
    // Not in a URL: the query string does not take a NIK at all.
    expect((await rina.call('GET', `/registrations?nik=${SITI.nik}`)).status).toBe(400);

    const opened = await rina.call('GET', `/registrations/${kiosk.deviceId}/${siti}`);
    expect(opened.status).toBe(200);
    const record = OpenedRecordSchema.parse(opened.body);
    expect(record.fields).toMatchObject({ nik: SITI.nik, namaLengkap: SITI.namaLengkap });
    expect(record.registration).toMatchObject({ state: 'received', profileId: 'asosiasi-uji' });
    expect(JSON.stringify(record)).not.toMatch(/passwordHash|answerHash|\$scrypt/);
    expect(record.rejectReasons.map((r) => r.code)).toContain('data-tidak-sesuai');
    expect(opened.headers?.['cache-control']).toBe('no-store');
    expect((await auditor.call('GET', `/registrations/${kiosk.deviceId}/${siti}`)).status).toBe(403);
    expect((await rina.call('GET', `/registrations/${kiosk.deviceId}/${randomUUID()}`)).status).toBe(404);

    // The export holds what the queue shows, never a name or a NIK, and is audited.
    const csv = await fetch(`${rina.base}/staff/api/registrations/export.csv?profile=asosiasi-uji`, { headers: { cookie: rina.cookie } });
    expect(csv.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    const lines = (await csv.text()).replace(/^\uFEFF/, '').trim().split('\r\n');
    expect(lines[0]).toBe('diterima,profil,kiosk,record,status,nomor,alasan,diputuskan');
    expect(lines.slice(1).map((l) => l.split(',')[3]).sort()).toEqual(queue.map((r) => ReviewRowSchema.parse(r).recordId).sort());
    expect(lines.join('\n')).not.toMatch(new RegExp(`${SITI.nik}|${BUDI.nik}|${SITI.namaLengkap}`, 'i'));
    expect((await auditor.call('GET', `/registrations/export.csv`)).status).toBe(403);
    const trail = (await auditor.call('GET', '/audit')).body as unknown as { action: string; actor: string; detail: Record<string, unknown> }[];
    expect(trail.find((e) => e.action === 'registration.export')).toMatchObject({ actor: 'rina', detail: { rows: 2, profile: 'asosiasi-uji' } });

    // The number on the printed receipt finds its record; one naming another kiosk is not kept.
    const printed = formatReceiptNumber(kiosk.deviceId, 41);
    const withReceipt = randomUUID();
    expect((await kiosk.upload(withReceipt, await kiosk.seal(withReceipt, payloadOf({ ...BUDI, nik: '1101010201880020' }, 'asosiasi-uji')), kiosk.url, printed)).status).toBe(201);
    const elsewhere = randomUUID();
    expect((await kiosk.upload(elsewhere, await kiosk.seal(elsewhere, payloadOf({ ...BUDI, nik: '1101010201880021' }, 'asosiasi-uji')), kiosk.url, formatReceiptNumber(randomUUID(), 42))).status).toBe(201);
    const byReceipt = (await rina.call('GET', `/registrations?receipt=${printed.toLowerCase()}`)).body as unknown as unknown[];
    expect(byReceipt.map((r) => ReviewRowSchema.parse(r))).toMatchObject([{ recordId: withReceipt, receiptNumber: printed }]);
    expect((await rina.call('GET', `/registrations/${kiosk.deviceId}/${elsewhere}`)).body).toMatchObject({ registration: { receiptNumber: null } });
    const mistyped = `${printed.slice(0, -1)}${printed.endsWith('0') ? '1' : '0'}`;
    expect((await rina.call('GET', `/registrations?receipt=${mistyped}`)).status).toBe(400);
  });

  it('approves with the profile\'s number once; the second reviewer on a stale view is refused; the kiosk hears it', async () => {
    const { kiosk, deliver, rina, yusuf, auditor } = await setUp();
    const id = await deliver(SITI);
    const [first, second] = await Promise.all([
      rina.call('POST', `/registrations/${kiosk.deviceId}/${id}/approve`, { seenRevision: 0 }),
      yusuf.call('POST', `/registrations/${kiosk.deviceId}/${id}/approve`, { seenRevision: 0 }),
    ]);
    expect([first.status, second.status].sort()).toEqual([200, 409]);
    const won = first.status === 200 ? first : second;
    expect(won.body).toMatchObject({ state: 'numbered', registrationNumber: `ASI-${YEAR}-0000001` });
    expect((first.status === 409 ? first : second).body).toMatchObject({ code: 'stale', state: 'numbered' });
    expect((await rina.call('POST', `/registrations/${kiosk.deviceId}/${id}/reject`, { seenRevision: 0, reason: 'lainnya' })).body).toMatchObject({ code: 'stale' });
    const outcomes = await kiosk.outcomes([id]);
    expect(JSON.stringify(outcomes.body)).toContain(`ASI-${YEAR}-0000001`);
    const trail = (await auditor.call('GET', '/audit')).body as unknown as { action: string; subject: string | null }[];
    expect(trail.filter((e) => e.action === 'registration.approve').map((e) => e.subject)).toEqual([`${kiosk.deviceId}/${id}`]);
  });

  it('rejects with one of the profile\'s reasons and a note; the kiosk hears the reason; opens and decisions are audited', async () => {
    const { kiosk, deliver, rina, auditor } = await setUp();
    const id = await deliver(BUDI);
    expect((await rina.call('POST', `/registrations/${kiosk.deviceId}/${id}/reject`, { seenRevision: 0, reason: 'tidak-ada' })).status).toBe(400);
    await rina.call('GET', `/registrations/${kiosk.deviceId}/${id}`);
    const rejected = await rina.call('POST', `/registrations/${kiosk.deviceId}/${id}/reject`, { seenRevision: 0, reason: 'foto-tidak-jelas', note: 'Swafoto gelap.' });
    expect(rejected.body).toMatchObject({ state: 'rejected', decisionReason: 'foto-tidak-jelas' });
    expect(JSON.stringify((await kiosk.outcomes([id])).body)).toContain('foto-tidak-jelas');
    const trail = (await auditor.call('GET', '/audit')).body as unknown as { action: string; actor: string; detail: unknown }[];
    expect(trail.map((e) => [e.actor, e.action]).slice(0, 2)).toEqual([['rina', 'registration.reject'], ['rina', 'registration.open']]);
    // The note and the applicant's data are not in the trail.
    expect(JSON.stringify(trail)).not.toMatch(/Swafoto gelap|BUDI|1101010201880012/i);
    expect((await auditor.call('POST', '/audit/verify')).body).toMatchObject({ ok: true });
  });

  it('two reviewers see each other\'s claim; an admin reopens a rejection; a decision on a view from before is refused', async () => {
    const { s, kiosk, deliver, admin, rina, yusuf, auditor } = await setUp();
    const id = await deliver(SITI);
    const path = `/registrations/${kiosk.deviceId}/${id}`;
    const claimsOf = (body: unknown) => (body as { claims: { username: string }[] }).claims.map((c) => c.username);
    expect(claimsOf((await rina.call('GET', path)).body)).toEqual([]);
    expect(claimsOf((await yusuf.call('GET', path)).body)).toEqual(['rina']);
    expect(claimsOf((await rina.call('POST', `${path}/claim`)).body)).toEqual(['yusuf']);
    const queued = (await rina.call('GET', '/registrations?state=received')).body as unknown as unknown[];
    expect(ReviewRowSchema.parse(queued[0]).claimedBy).toEqual(['rina', 'yusuf']);
    expect((await yusuf.call('POST', `${path}/release`)).status).toBe(204);
    expect(claimsOf((await rina.call('POST', `${path}/claim`)).body)).toEqual([]);

    // Rejected at revision 0; the claims go with the decision.
    expect((await rina.call('POST', `${path}/reject`, { seenRevision: 0, reason: 'data-tidak-sesuai' })).body).toMatchObject({ state: 'rejected', revision: 1 });
    expect(ReviewRowSchema.parse(((await rina.call('GET', '/registrations')).body as unknown as unknown[])[0]).claimedBy).toEqual([]);

    // Only an admin reopens, only on the view it names, and only a rejection.
    expect((await rina.call('POST', `${path}/reopen`, { seenRevision: 1, why: 'decided-in-error' })).status).toBe(403);
    expect((await admin.call('POST', `${path}/reopen`, { seenRevision: 1, why: 'free text' })).status).toBe(400);
    expect((await admin.call('POST', `${path}/reopen`, { seenRevision: 0, why: 'applicant-appeal' })).body).toMatchObject({ code: 'stale', revision: 1 });
    expect((await admin.call('POST', `${path}/reopen`, { seenRevision: 1, why: 'applicant-appeal' })).body).toMatchObject({ state: 'received', revision: 2, decisionReason: null });

    // Yusuf's page still shows the record as it was before the rejection: refused, though it is 'received' again.
    expect((await yusuf.call('POST', `${path}/approve`, { seenRevision: 0 })).body).toMatchObject({ code: 'stale', state: 'received', revision: 2 });
    expect((await yusuf.call('POST', `${path}/approve`, { seenRevision: 2 })).body).toMatchObject({ state: 'numbered', registrationNumber: `ASI-${YEAR}-0000001`, revision: 3 });
    // No SMTP here: the rejection's mail waited, was cancelled by the reopening, and the approval owes its own.
    expect((await s.store.outbox.list(0, 10)).map((m) => [m.kind, m.state, m.hasMessage])).toEqual([['rejected', 'cancelled', false], ['approved', 'pending', true]]);
    expect((await admin.call('POST', `${path}/reopen`, { seenRevision: 3, why: 'decided-in-error' })).body).toMatchObject({ code: 'numbered' });

    const trail = (await auditor.call('GET', '/audit')).body as unknown as { action: string; actor: string; detail: Record<string, unknown> | null }[];
    expect(trail.filter((e) => e.action.startsWith('registration.') && e.action !== 'registration.open').map((e) => [e.actor, e.action]).reverse())
      .toEqual([['rina', 'registration.reject'], ['admin', 'registration.reopen'], ['yusuf', 'registration.approve']]);
    expect(trail.find((e) => e.action === 'registration.reopen')?.detail).toEqual({ why: 'applicant-appeal', revision: 2 });
    expect((await auditor.call('POST', '/audit/verify')).body).toMatchObject({ ok: true });
  });

  it('decides nothing when its audit entry cannot be written: the decision, its e-mail and its entry commit together', async () => {
    const { s, kiosk, deliver, rina } = await setUp();
    const id = await deliver(SITI);
    await tamper(s, 'DELETE FROM audit_head');
    const approved = await rina.call('POST', `/registrations/${kiosk.deviceId}/${id}/approve`, { seenRevision: 0 });
    expect(approved.status).toBe(500);
    const [row] = await s.store.findRegistrations(kiosk.deviceId, [id]);
    expect(row).toMatchObject({ state: 'received', registrationNumber: null, revision: 0 });
    expect(await s.store.outbox.list(0, 10)).toEqual([]);
  });

  it('a page\'s claim renewals do not keep an unattended session alive', async () => {
    const { s, kiosk, deliver, rina } = await setUp();
    const path = `/registrations/${kiosk.deviceId}/${await deliver(SITI)}`;
    await rina.call('GET', path);
    // Last used by its owner almost the idle limit ago; the page renews its claim meanwhile.
    await tamper(s, `UPDATE staff_sessions SET last_seen_ms = ${Date.now() - SESSION_LIMITS.idleMs + 1_500}`);
    expect((await rina.call('POST', `${path}/claim`)).status).toBe(200);
    await new Promise((r) => setTimeout(r, 2_000));
    expect((await rina.call('POST', `${path}/claim`)).status).toBe(401);
  });
});
