// Retention on both engines, with a clock moved forward instead of waiting: a record decided longer
// ago than its profile's period is reduced to the kept fields (images, OCR reading, hashes gone;
// number and state kept; a reviewer still opens it and is told it was purged); undecided and
// recently decided records are untouched; two passes at once purge each row once, a later pass
// nothing; each batch is in the audit trail and the chain holds; the applicant's pending e-mail is
// untouched; the NIK stays taken. On SQLite the old blob's bytes are gone from the file and the WAL.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { randomUUID } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { startCentralServer, type CentralServer } from '../support/central-server';
import { payloadOf, SimulatedKiosk, testProfiles } from '../support/simulated-kiosk';
import { databaseFor, ENGINES } from '../support/engines';
import { StaffBrowser } from '../support/staff-browser';
import { BUDI, SITI, type Applicant } from '../support/identities';
import { useTempDirs } from './temp-dir';
import { createAdmin } from '../../server/staff/create-admin';
import { auditTrail } from '../../server/staff/audit-trail';
import { runRetention } from '../../server/retention/run-retention';
import { purgeCommand } from '../../server/retention/purge-command';
import { startRetentionJob } from '../../server/retention/retention-job';
import { DEFAULT_RESOURCES } from '../../server/profiles';
import { recordOpener } from '../../node/crypto/record-sealing';
import { sealingContext } from '../../shared/sync/protocol';
import { SERVER_DB_FILE } from '../../server/store/open-store';
import { OpenedRecordSchema } from '../../shared/review';
import type { Profile } from '../../shared/profile';

const tempDir = useTempDirs();
const running: CentralServer[] = [];
afterEach(async () => { for (const s of running.splice(0)) await s.stop(); });
const DAY_MS = 86_400_000;
const PASSWORD = 'meja-kerja-retensi-kantor-pusat';
const IMAGE_BYTES = 20_000;

/** The test profiles, the review-first one kept 30 days after its decision with two fields. */
function retentionProfiles(): ReadonlyMap<string, Profile> {
  const profiles = new Map(testProfiles());
  const review = profiles.get('asosiasi-uji');
  if (!review) throw new Error('no asosiasi-uji test profile');
  profiles.set(review.id, { ...review, retention: { afterDecisionDays: 30, keepFields: ['nik', 'namaLengkap'] } });
  return profiles;
}

describe.each(ENGINES)('retention on %s', (engine) => {
  async function setUp() {
    const s = await startCentralServer(tempDir(), { databaseUrl: await databaseFor(engine), profiles: retentionProfiles() });
    running.push(s);
    await createAdmin(s.store.staff, auditTrail(s.store.staff, s.keys), 'admin', 'kunci-rahasia-kantor-2026', new Date());
    const admin = new StaffBrowser(s.url);
    await admin.login('admin', 'kunci-rahasia-kantor-2026');
    expect((await admin.call('POST', '/staff', { username: 'rina', role: 'reviewer', password: PASSWORD })).status).toBe(201);
    const rina = new StaffBrowser(s.url);
    expect((await rina.login('rina', PASSWORD)).status).toBe(200);
    const kiosk = new SimulatedKiosk(s.url);
    expect((await kiosk.enrol(await s.enrolCode())).status).toBe(200);
    const upload = async (a: Applicant, profileId = 'asosiasi-uji') => {
      const id = randomUUID();
      return { id, reply: await kiosk.upload(id, await kiosk.seal(id, payloadOf(a, profileId, IMAGE_BYTES))) };
    };
    const deliver = async (a: Applicant, profileId?: string) => {
      const { id, reply } = await upload(a, profileId);
      expect(reply.status).toBe(201);
      return id;
    };
    const open = async (id: string) => {
      const r = await rina.call('GET', `/registrations/${kiosk.deviceId}/${id}`);
      expect(r.status).toBe(200);
      return OpenedRecordSchema.parse(r.body);
    };
    const decide = async (id: string, verb: 'approve' | 'reject') => {
      const seenRevision = (await open(id)).registration.revision;
      const body = verb === 'approve' ? { seenRevision } : { seenRevision, reason: 'lainnya', note: 'Mohon daftar ulang.' };
      expect((await rina.call('POST', `/registrations/${kiosk.deviceId}/${id}/${verb}`, body)).status).toBe(200);
    };
    const pass = (daysAhead: number) => runRetention({ store: s.store, keys: s.keys, profiles: s.profiles, now: () => new Date(Date.now() + daysAhead * DAY_MS) });
    const sealed = async (id: string) => {
      const blob = await s.store.findSealed(kiosk.deviceId, id);
      if (!blob) throw new Error(`no sealed record ${id}`);
      return blob;
    };
    return { s, kiosk, admin, upload, deliver, open, decide, pass, sealed };
  }

  const purgedIn = (results: { profileId: string; purged: number }[]) => Object.fromEntries(results.map((r) => [r.profileId, r.purged]));

  it('reduces records decided longer ago than the period, once, audited; leaves the others and the pending e-mail', async () => {
    const { s, kiosk, admin, deliver, open, decide, pass, sealed } = await setUp();
    const approved = await deliver(SITI);
    const rejected = await deliver(BUDI);
    const waiting = await deliver({ ...SITI, nik: '3171015708950011', email: 'siti.lain@example.com' });
    // SSCASN numbers on acceptance: decided now, kept 180 days by its profile.
    const numbered = await deliver({ ...BUDI, nik: '1101010201880020' }, 'sscasn');
    await decide(approved, 'approve');
    await decide(rejected, 'reject');
    const before = await sealed(approved);
    const whole = (await open(approved)).fields;
    const mailBefore = await s.store.outbox.list(0, 100);
    // No SMTP here: the approval's and the rejection's mail (and any other) wait in the outbox.
    expect(mailBefore.filter((m) => m.state === 'pending' && m.hasMessage).length).toBeGreaterThanOrEqual(2);

    // Decided 29 days before the clock: still within the period.
    expect(purgedIn(await pass(29))).toEqual({ sscasn: 0, 'asosiasi-uji': 0 });
    expect((await open(approved)).purgedAt).toBeUndefined();

    // Two passes at once (as two processes would run them): each row is purged by one of them.
    const [first, second] = await Promise.all([pass(31), pass(31)]);
    expect((purgedIn(first)['asosiasi-uji'] ?? 0) + (purgedIn(second)['asosiasi-uji'] ?? 0)).toBe(2);
    expect(purgedIn(await pass(31))).toEqual({ sscasn: 0, 'asosiasi-uji': 0 });

    const reduced = await open(approved);
    expect(reduced.purgedAt).toEqual(expect.any(String));
    expect(reduced.fields).toEqual({ nik: whole.nik, namaLengkap: whole.namaLengkap });
    expect(reduced).toMatchObject({ ktp: null, selfie: null, acknowledgedWarnings: [], verified: false });
    expect(reduced.registration).toMatchObject({ state: 'numbered', registrationNumber: expect.stringMatching(/^ASI-\d{4}-0000001$/) });
    expect((await open(rejected)).registration).toMatchObject({ state: 'rejected', decisionReason: 'lainnya' });
    // Past its retention a rejection cannot be reopened: there is nothing left to decide on.
    const rejectedRevision = (await open(rejected)).registration.revision;
    expect((await admin.call('POST', `/registrations/${kiosk.deviceId}/${rejected}/reopen`, { seenRevision: rejectedRevision, why: 'applicant-appeal' })).body).toMatchObject({ code: 'purged' });

    // The blob is another one, sealed the same way, and holds neither image nor any other field.
    const after = await sealed(approved);
    expect(after.equals(before)).toBe(false);
    expect(after.length).toBeLessThan(2_000);
    const plaintext = await recordOpener(s.keys.sealing.privateKey)(after, sealingContext(kiosk.deviceId, approved));
    const text = plaintext.toString('latin1');
    expect(text).not.toMatch(/"ktp"|"selfie"|"account"|passwordHash|answerHash/);
    expect(text).not.toContain(String(whole.email));
    expect(text).toContain(String(whole.namaLengkap));

    // Undecided and recently decided records are as they arrived.
    for (const id of [waiting, numbered]) {
      const untouched = await open(id);
      expect(untouched.purgedAt).toBeUndefined();
      expect(untouched.ktp).not.toBeNull();
      expect(untouched.selfie).not.toBeNull();
    }

    // The e-mail owed for each decision is still there, sealed and waiting for SMTP.
    expect(await s.store.outbox.list(0, 100)).toEqual(mailBefore);

    const trail = auditTrail(s.store.staff, s.keys);
    const purges = (await s.store.staff.listAudit(Number.MAX_SAFE_INTEGER, 500)).filter((e) => e.action === 'retention.purge');
    expect(purges.map((e) => e.actor)).toEqual(purges.map(() => 'system'));
    expect(purges.reduce((n, e) => n + Number(e.detail?.records ?? 0), 0)).toBe(2);
    expect(purges.every((e) => e.detail?.profile === 'asosiasi-uji' && e.subject === null)).toBe(true);
    expect(JSON.stringify(purges)).not.toMatch(new RegExp(`${SITI.nik}|${BUDI.nik}|SITI|BUDI`, 'i'));
    expect(await trail.verify()).toMatchObject({ ok: true });
  });

  it('keeps the NIK taken after the purge (by the scheduled job): the same NIK again is a duplicate', async () => {
    const { s, deliver, upload, decide, open } = await setUp();
    const id = await deliver(SITI);
    await decide(id, 'reject');
    const job = startRetentionJob({ store: s.store, keys: s.keys, profiles: s.profiles, now: () => new Date(Date.now() + 31 * DAY_MS) }, { firstRunMs: 0, intervalMs: 3_600_000 });
    try {
      await vi.waitFor(async () => expect((await open(id)).purgedAt).toEqual(expect.any(String)), { timeout: 5_000 });
    } finally {
      await job.stop();
    }
    const again = await upload(SITI);
    expect(again.reply).toMatchObject({ status: 409, body: { code: 'duplicate-nik' } });
  });

  it('purges from the command line with the shipped profiles and prints the count per profile', async () => {
    const { s, deliver, open } = await setUp();
    const id = await deliver(SITI, 'sscasn');
    expect(await purgeCommand(s.store, s.dataDir, DEFAULT_RESOURCES, new Date(Date.now() + 179 * DAY_MS))).toContain('sscasn: 0 purged (decided more than 180 days ago)');
    expect(await purgeCommand(s.store, s.dataDir, DEFAULT_RESOURCES, new Date(Date.now() + 181 * DAY_MS))).toEqual([
      'asosiasi: 0 purged (decided more than 30 days ago)',
      'sscasn: 1 purged (decided more than 180 days ago)',
      'sso-kampus: 0 purged (decided more than 30 days ago)',
    ]);
    const kept = await open(id);
    expect(Object.keys(kept.fields).sort()).toEqual(['email', 'jenisKelamin', 'namaLengkap', 'namaTanpaGelar', 'nik', 'tanggalLahirIjazah']);
    expect(kept.registration.state).toBe('numbered');
  });

  // A file-level check, so only on SQLite (PostgreSQL's pages are the README's subject: VACUUM).
  if (engine === 'sqlite') it('leaves no byte of the old blob in the SQLite file or its WAL', async () => {
    const { s, deliver, decide, pass, sealed } = await setUp();
    const id = await deliver(SITI);
    await decide(id, 'approve');
    const before = await sealed(id);
    expect(purgedIn(await pass(31))['asosiasi-uji']).toBe(1);
    const file = join(s.dataDir, SERVER_DB_FILE);
    const bytes = Buffer.concat([readFileSync(file), existsSync(`${file}-wal`) ? readFileSync(`${file}-wal`) : Buffer.alloc(0)]);
    // Pieces from the start (on the row's own page), the middle and the end (overflow pages).
    for (const at of [0, Math.floor(before.length / 2), before.length - 48]) {
      expect(bytes.includes(before.subarray(at, at + 48))).toBe(false);
    }
  });
});
