// Kiosk operator accounts on the central server, on both engines, over real HTTP: admins create,
// list, re-password and disable them (other roles and logged-out browsers refused); every change is
// audited without a password, a hash or a display name; an enrolled kiosk pulls the whole list signed
// with the receipt key it pinned at enrolment, for itself and its request only (a replay, a revoked
// kiosk, a tampered list: refused); the hashes verify offline with node/crypto/password-hash.ts.
// And the shared hash format itself: a hash asking for absurd parameters is refused before anything
// is derived.
import { afterEach, describe, expect, it } from 'vitest';
import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { startCentralServer, type CentralServer } from '../support/central-server';
import { SimulatedKiosk, testProfiles } from '../support/simulated-kiosk';
import { databaseFor, ENGINES } from '../support/engines';
import { StaffBrowser } from '../support/staff-browser';
import { useTempDirs } from './temp-dir';
import { createAdmin } from '../../server/staff/create-admin';
import { auditTrail } from '../../server/staff/audit-trail';
import { hashStaffPassword } from '../../server/staff/passwords';
import { verifyEd25519 } from '../../node/crypto/ed25519';
import { createPasswordHash, parsePasswordHash, verifyPasswordHash, type DeriveKey } from '../../node/crypto/password-hash';
import { OperatorAccountSchema } from '../../shared/operators';
import { OPERATORS_PATH, verifyOperatorList, type OperatorListBody } from '../../shared/sync/operators';
import { EnrolResponseSchema } from '../../shared/sync/protocol';

const tempDir = useTempDirs();
const running: CentralServer[] = [];
afterEach(async () => { for (const s of running.splice(0)) await s.stop(); });
const ADMIN_PASSWORD = 'kunci-rahasia-kantor-2026';
const STAFF_PASSWORD = 'meja-kerja-kantor-pusat';
const BUDI_PASSWORD = 'loket-pendaftaran-satu';
const BUDI_NEW_PASSWORD = 'antrean-pagi-hari-senin';
const SARI_PASSWORD = 'kios-lantai-dua-barat';

describe.each(ENGINES)('operator accounts on %s', (engine) => {
  async function setUp() {
    const s = await startCentralServer(tempDir(), { databaseUrl: await databaseFor(engine), profiles: testProfiles() });
    running.push(s);
    await createAdmin(s.store.staff, auditTrail(s.store.staff, s.keys), 'admin', ADMIN_PASSWORD, new Date());
    const admin = new StaffBrowser(s.url);
    expect((await admin.login('admin', ADMIN_PASSWORD)).status).toBe(200);
    const enrolled = async () => {
      const kiosk = new SimulatedKiosk(s.url);
      const answer = await kiosk.enrol(await s.enrolCode());
      expect(answer.status).toBe(200);
      return { kiosk, receiptPublicKey: EnrolResponseSchema.parse(answer.body).receiptPublicKey };
    };
    return { s, admin, enrolled };
  }

  it('admins create, list, re-password and disable operators; each refusal says why; the trail has every change and no secret', { timeout: 60_000 }, async () => {
    const { s, admin } = await setUp();
    expect((await admin.call('POST', '/operators', { username: 'budi', displayName: '  Budi Santoso ', password: BUDI_PASSWORD })).status).toBe(201);
    expect((await admin.call('POST', '/operators', { username: 'sari', password: SARI_PASSWORD })).status).toBe(201);

    const taken = await admin.call('POST', '/operators', { username: 'budi', password: SARI_PASSWORD });
    expect([taken.status, taken.body?.code]).toEqual([409, 'taken']);
    const weak = await admin.call('POST', '/operators', { username: 'joko', password: 'password' });
    expect([weak.status, weak.body?.code, weak.body?.rules]).toEqual([400, 'weak-password', ['common']]);
    const personal = await admin.call('POST', '/operators', { username: 'joko', password: 'joko-joko' });
    expect(personal.body?.rules).toEqual(['personal']);
    for (const bad of [{ username: 'Budi!', password: SARI_PASSWORD }, { username: 'joko', displayName: 'Joko\nAdmin', password: SARI_PASSWORD }, { username: 'joko', password: SARI_PASSWORD, role: 'admin' }]) {
      const refused = await admin.call('POST', '/operators', bad);
      expect([refused.status, refused.body?.code]).toEqual([400, 'invalid-request']);
    }

    const list = await admin.call('GET', '/operators');
    expect(list.status).toBe(200);
    const accounts = (list.body as unknown as unknown[]).map((a) => OperatorAccountSchema.parse(a));
    expect(accounts.map((a) => [a.username, a.displayName, a.disabled, a.createdBy])).toEqual([['budi', 'Budi Santoso', false, 'admin'], ['sari', null, false, 'admin']]);
    expect(JSON.stringify(list.body)).not.toContain('$scrypt$');

    const before = await s.store.operators.find('budi');
    expect((await admin.call('POST', '/operators/budi/password', { password: 'budi1234' })).body?.code).toBe('weak-password');
    expect((await admin.call('POST', '/operators/budi/password', { password: BUDI_NEW_PASSWORD })).status).toBe(204);
    expect((await admin.call('POST', '/operators/nobody/password', { password: BUDI_NEW_PASSWORD })).status).toBe(404);
    const after = await s.store.operators.find('budi');
    expect(after?.passwordHash).not.toBe(before?.passwordHash);
    expect(await verifyPasswordHash(BUDI_NEW_PASSWORD, after?.passwordHash ?? '')).toBe(true);
    expect(await verifyPasswordHash(BUDI_PASSWORD, after?.passwordHash ?? '')).toBe(false);

    expect((await admin.call('POST', '/operators/sari/disable')).status).toBe(204);
    const again = await admin.call('POST', '/operators/sari/disable');
    expect([again.status, again.body?.code]).toEqual([404, 'not-found']);
    expect((await s.store.operators.find('sari'))?.disabled).toBe(true);

    const trail = await s.store.staff.listAudit(Number.MAX_SAFE_INTEGER, 100);
    expect(trail.filter((e) => e.action.startsWith('operator.')).map((e) => [e.actor, e.action, e.subject]).reverse()).toEqual([
      ['admin', 'operator.create', 'budi'], ['admin', 'operator.create', 'sari'], ['admin', 'operator.password', 'budi'], ['admin', 'operator.disable', 'sari'],
    ]);
    const text = JSON.stringify(trail);
    for (const secret of [BUDI_PASSWORD, BUDI_NEW_PASSWORD, SARI_PASSWORD, 'Budi Santoso', '$scrypt$', before?.passwordHash ?? '-', after?.passwordHash ?? '-']) expect(text).not.toContain(secret);
    expect((await auditTrail(s.store.staff, s.keys).verify()).ok).toBe(true);
  });

  it('reviewers, auditors and logged-out browsers can do nothing with operators', { timeout: 60_000 }, async () => {
    const { s, admin } = await setUp();
    expect((await admin.call('POST', '/operators', { username: 'budi', password: BUDI_PASSWORD })).status).toBe(201);
    const browsers: [string, StaffBrowser][] = [['logged-out', new StaffBrowser(s.url)]];
    for (const role of ['reviewer', 'auditor'] as const) {
      expect((await admin.call('POST', '/staff', { username: `si-${role}`, role, password: STAFF_PASSWORD })).status).toBe(201);
      const b = new StaffBrowser(s.url);
      expect((await b.login(`si-${role}`, STAFF_PASSWORD)).status).toBe(200);
      browsers.push([role, b]);
    }
    for (const [who, b] of browsers) {
      const expected = who === 'logged-out' ? 401 : 403;
      expect([who, (await b.call('GET', '/operators')).status]).toEqual([who, expected]);
      expect([who, (await b.call('POST', '/operators', { username: 'joko', password: SARI_PASSWORD })).status]).toEqual([who, expected]);
      expect([who, (await b.call('POST', '/operators/budi/disable')).status]).toEqual([who, expected]);
      expect([who, (await b.call('POST', '/operators/budi/password', { password: SARI_PASSWORD })).status]).toEqual([who, expected]);
    }
    expect(await s.store.operators.list()).toMatchObject([{ username: 'budi', disabled: false }]);
    expect(await verifyPasswordHash(BUDI_PASSWORD, (await s.store.operators.find('budi'))?.passwordHash ?? '')).toBe(true);
  });

  it('a kiosk pulls every operator signed for it; the hashes check passwords offline; replays, revoked kiosks and tampered lists are refused', { timeout: 60_000 }, async () => {
    const { s, admin, enrolled } = await setUp();
    expect((await admin.call('POST', '/operators', { username: 'budi', displayName: 'Budi Santoso', password: BUDI_PASSWORD })).status).toBe(201);
    expect((await admin.call('POST', '/operators', { username: 'sari', password: SARI_PASSWORD })).status).toBe(201);
    expect((await admin.call('POST', '/operators/sari/disable')).status).toBe(204);
    const { kiosk, receiptPublicKey } = await enrolled();

    const pulled = await kiosk.operators();
    expect(pulled.status).toBe(200);
    const expected = { deviceId: kiosk.deviceId, challenge: pulled.challenge, verifySignature: verifyEd25519 };
    const check = verifyOperatorList(pulled.body, receiptPublicKey, expected);
    if (!check.ok) throw new Error(`the list did not verify: ${check.reason}`);
    expect(check.list.operators.map((o) => [o.username, o.displayName, o.disabled])).toEqual([['budi', 'Budi Santoso', false], ['sari', null, true]]);
    expect(Math.abs(Date.parse(check.list.issuedAt) - Date.now())).toBeLessThan(60_000);
    const budi = check.list.operators[0]?.passwordHash ?? '';
    expect(await verifyPasswordHash(BUDI_PASSWORD, budi)).toBe(true);
    expect(await verifyPasswordHash(SARI_PASSWORD, budi)).toBe(false);

    // Any change to what was signed, and any answer meant for another request or device, is refused.
    const body = pulled.body as { list: OperatorListBody; signature: string };
    const tampered = (change: (l: OperatorListBody) => OperatorListBody) => verifyOperatorList({ ...body, list: change(structuredClone(body.list)) }, receiptPublicKey, expected);
    expect(tampered((l) => ({ ...l, operators: l.operators.map((o) => ({ ...o, disabled: false })) }))).toEqual({ ok: false, reason: 'bad-signature' });
    expect(tampered((l) => ({ ...l, operators: l.operators.map((o) => ({ ...o, passwordHash: budi })) }))).toEqual({ ok: false, reason: 'bad-signature' });
    expect(tampered((l) => ({ ...l, operators: l.operators.slice(0, 1) }))).toEqual({ ok: false, reason: 'bad-signature' });
    expect(tampered((l) => ({ ...l, issuedAt: new Date(Date.now() + 86_400_000).toISOString() }))).toEqual({ ok: false, reason: 'bad-signature' });
    expect(verifyOperatorList(body, receiptPublicKey, { ...expected, challenge: 'A'.repeat(22) })).toEqual({ ok: false, reason: 'other-challenge' });
    expect(verifyOperatorList(body, receiptPublicKey, { ...expected, deviceId: randomUUID() })).toEqual({ ok: false, reason: 'other-device' });
    const otherServer = (await enrolledElsewhere()).receiptPublicKey;
    expect(verifyOperatorList(body, otherServer, expected)).toEqual({ ok: false, reason: 'bad-signature' });
    expect(verifyOperatorList({ list: body.list }, receiptPublicKey, expected)).toEqual({ ok: false, reason: 'malformed' });

    // A new password reaches the kiosk at its next pull; the old one stops working there.
    expect((await admin.call('POST', '/operators/budi/password', { password: BUDI_NEW_PASSWORD })).status).toBe(204);
    const next = await kiosk.operators();
    const nextCheck = verifyOperatorList(next.body, receiptPublicKey, { ...expected, challenge: next.challenge });
    if (!nextCheck.ok) throw new Error(nextCheck.reason);
    const newHash = nextCheck.list.operators.find((o) => o.username === 'budi')?.passwordHash ?? '';
    expect(await verifyPasswordHash(BUDI_NEW_PASSWORD, newHash)).toBe(true);
    expect(await verifyPasswordHash(BUDI_PASSWORD, newHash)).toBe(false);

    const replayed = await kiosk.operators(pulled);
    expect([replayed.status, replayed.body.code]).toEqual([401, 'replayed-request']);
    const unsigned = await fetch(`${s.url}${OPERATORS_PATH}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ challenge: 'A'.repeat(22) }) });
    expect(unsigned.status).toBe(401);
    // A device id the server does not know gets the answer a bad signature gets (server/devices.ts):
    // which ids are enrolled is not told.
    const stranger = await new SimulatedKiosk(s.url).operators();
    expect([stranger.status, stranger.body.code]).toEqual([401, 'bad-signature']);

    expect((await admin.call('POST', `/kiosks/${kiosk.deviceId}/revoke`, { reason: 'hilang dari lokasi' })).status).toBe(204);
    const revoked = await kiosk.operators();
    expect([revoked.status, revoked.body.code]).toEqual([403, 'revoked-device']);
    expect(JSON.stringify(revoked.body)).not.toContain('$scrypt$');
  });

  /** A second server with keys of its own, for a receipt key the kiosk never pinned. */
  async function enrolledElsewhere() {
    const other = await startCentralServer(tempDir(), { databaseUrl: await databaseFor(engine), profiles: testProfiles() });
    running.push(other);
    const answer = await new SimulatedKiosk(other.url).enrol(await other.enrolCode());
    return EnrolResponseSchema.parse(answer.body);
  }
});

describe('create-operator', () => {
  it('creates an operator from a password on standard input, refuses a weak one, and never prints it', { timeout: 60_000 }, async () => {
    const dir = tempDir();
    const run = (username: string, stdin: string) => new Promise<{ code: number | null; out: string }>((done) => {
      const child = spawn(process.execPath, ['--import', 'tsx', 'server/main.ts', 'create-operator', username, '--data-dir', dir], { stdio: ['pipe', 'pipe', 'pipe'] });
      let out = '';
      child.stdout.on('data', (d: Buffer) => { out += d.toString(); });
      child.stderr.on('data', (d: Buffer) => { out += d.toString(); });
      child.on('exit', (code) => done({ code, out }));
      child.stdin.end(stdin);
    });
    const weak = await run('budi', 'password\n');
    expect([weak.code, weak.out]).toEqual([1, expect.stringMatching(/breaks these rules: common/)]);
    const made = await run('budi', `${BUDI_PASSWORD}\n`);
    expect([made.code, made.out]).toEqual([0, expect.stringContaining('operator budi created')]);
    expect(made.out).not.toContain(BUDI_PASSWORD);
    const taken = await run('budi', `${SARI_PASSWORD}\n`);
    expect([taken.code, taken.out]).toEqual([1, expect.stringContaining('taken')]);

    const s = await startCentralServer(dir, { profiles: testProfiles() });
    running.push(s);
    const budi = await s.store.operators.find('budi');
    expect(budi).toMatchObject({ createdBy: null, disabled: false, displayName: null });
    expect(await verifyPasswordHash(BUDI_PASSWORD, budi?.passwordHash ?? '')).toBe(true);
    const trail = await s.store.staff.listAudit(Number.MAX_SAFE_INTEGER, 10);
    expect(trail.map((e) => [e.actor, e.action, e.subject])).toEqual([['cli', 'operator.create', 'budi']]);
  });
});

describe('password hashes shared by the kiosk and the server', () => {
  /** A key derivation that must never run: it records what it was asked for. */
  const watched = () => {
    const calls: unknown[] = [];
    const derive: DeriveKey = async (_password, _salt, params) => { calls.push(params); return Buffer.alloc(32); };
    return { calls, derive };
  };
  const SALT = Buffer.alloc(16, 7).toString('base64');
  const KEY = Buffer.alloc(32, 9).toString('base64');
  const hashWith = (params: string, salt = SALT, key = KEY) => `$scrypt$${params}$${salt}$${key}`;

  it('hashes and verifies (staff hashes too: one format); a wrong password does not match', async () => {
    const hash = await createPasswordHash(BUDI_PASSWORD);
    expect(hash).toMatch(/^\$scrypt\$ln=17,r=8,p=1\$/);
    expect(await verifyPasswordHash(BUDI_PASSWORD, hash)).toBe(true);
    expect(await verifyPasswordHash(SARI_PASSWORD, hash)).toBe(false);
    // The same characters typed in another Unicode form: one password.
    const accented = await createPasswordHash('kafe\u0301-di-ujung-jalan');
    expect(await verifyPasswordHash('kaf\u00e9-di-ujung-jalan', accented)).toBe(true);
    expect(await verifyPasswordHash(STAFF_PASSWORD, await hashStaffPassword(STAFF_PASSWORD))).toBe(true);
  });

  it('refuses a hash asking for absurd parameters, or malformed, without deriving anything', async () => {
    const { calls, derive } = watched();
    const refused = [
      hashWith('ln=30,r=8,p=1'), hashWith('ln=19,r=8,p=1'), hashWith('ln=17,r=16,p=1'), hashWith('ln=17,r=99,p=1'), hashWith('ln=17,r=8,p=3'),
      hashWith('ln=17,r=8,p=99'), hashWith('ln=13,r=8,p=1'), hashWith('ln=17,r=0,p=1'), hashWith('ln=17,r=8,p=0'), hashWith('ln=117,r=8,p=1'),
      hashWith('ln=17,r=8,p=1', Buffer.alloc(8).toString('base64')), hashWith('ln=17,r=8,p=1', SALT, Buffer.alloc(64).toString('base64')),
      hashWith('ln=17,r=8,p=1', 'A'.repeat(5000)), `${hashWith('ln=17,r=8,p=1')}\n`, '$argon2id$v=19$m=65536,t=3,p=4$c2FsdA$a2V5', '', 'plain-password',
    ];
    for (const hash of refused) {
      expect([hash.slice(0, 40), parsePasswordHash(hash)]).toEqual([hash.slice(0, 40), undefined]);
      expect(await verifyPasswordHash(BUDI_PASSWORD, hash, derive)).toBe(false);
    }
    expect(calls).toEqual([]);
    // The ceiling itself is accepted (N = 2^18, r = 8: 256 MiB), and derived with exactly what it names.
    expect(parsePasswordHash(hashWith('ln=18,r=8,p=2'))?.params).toEqual({ ln: 18, r: 8, p: 2 });
    expect(await verifyPasswordHash(BUDI_PASSWORD, hashWith('ln=18,r=8,p=2'), derive)).toBe(false);
    expect(calls).toEqual([{ ln: 18, r: 8, p: 2 }]);
  });
});
