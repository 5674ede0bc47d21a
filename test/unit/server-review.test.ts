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
import { OpenedRecordSchema, ReviewRowSchema } from '../../shared/review';
import type { Applicant } from '../support/identities';

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
    return { s, kiosk, deliver, rina: await as('rina'), yusuf: await as('yusuf'), auditor: await as('audit') };
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
  });

  it('approves with the profile\'s number once; the second reviewer on a stale view is refused; the kiosk hears it', async () => {
    const { kiosk, deliver, rina, yusuf, auditor } = await setUp();
    const id = await deliver(SITI);
    const [first, second] = await Promise.all([
      rina.call('POST', `/registrations/${kiosk.deviceId}/${id}/approve`, { seenState: 'received' }),
      yusuf.call('POST', `/registrations/${kiosk.deviceId}/${id}/approve`, { seenState: 'received' }),
    ]);
    expect([first.status, second.status].sort()).toEqual([200, 409]);
    const won = first.status === 200 ? first : second;
    expect(won.body).toMatchObject({ state: 'numbered', registrationNumber: `ASI-${YEAR}-0000001` });
    expect((first.status === 409 ? first : second).body).toMatchObject({ code: 'stale', state: 'numbered' });
    expect((await rina.call('POST', `/registrations/${kiosk.deviceId}/${id}/reject`, { seenState: 'received', reason: 'lainnya' })).body).toMatchObject({ code: 'stale' });
    const outcomes = await kiosk.outcomes([id]);
    expect(JSON.stringify(outcomes.body)).toContain(`ASI-${YEAR}-0000001`);
    const trail = (await auditor.call('GET', '/audit')).body as unknown as { action: string; subject: string | null }[];
    expect(trail.filter((e) => e.action === 'registration.approve').map((e) => e.subject)).toEqual([`${kiosk.deviceId}/${id}`]);
  });

  it('rejects with one of the profile\'s reasons and a note; the kiosk hears the reason; opens and decisions are audited', async () => {
    const { kiosk, deliver, rina, auditor } = await setUp();
    const id = await deliver(BUDI);
    expect((await rina.call('POST', `/registrations/${kiosk.deviceId}/${id}/reject`, { seenState: 'received', reason: 'tidak-ada' })).status).toBe(400);
    await rina.call('GET', `/registrations/${kiosk.deviceId}/${id}`);
    const rejected = await rina.call('POST', `/registrations/${kiosk.deviceId}/${id}/reject`, { seenState: 'received', reason: 'foto-tidak-jelas', note: 'Swafoto gelap.' });
    expect(rejected.body).toMatchObject({ state: 'rejected', decisionReason: 'foto-tidak-jelas' });
    expect(JSON.stringify((await kiosk.outcomes([id])).body)).toContain('foto-tidak-jelas');
    const trail = (await auditor.call('GET', '/audit')).body as unknown as { action: string; actor: string; detail: unknown }[];
    expect(trail.map((e) => [e.actor, e.action]).slice(0, 2)).toEqual([['rina', 'registration.reject'], ['rina', 'registration.open']]);
    // The note and the applicant's data are not in the trail.
    expect(JSON.stringify(trail)).not.toMatch(/Swafoto gelap|BUDI|1101010201880012/i);
    expect((await auditor.call('POST', '/audit/verify')).body).toMatchObject({ ok: true });
  });
});
