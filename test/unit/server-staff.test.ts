// The back office's staff access on both engines, over real HTTP: login with the session cookie's
// attributes, CSRF on every state change, roles, lockout across attempts, logout here and
// everywhere, disabled accounts, idle expiry, the append-only audit trail (tamper found, concurrent
// appends in one line), and `create-admin` from the command line.
import { afterEach, describe, expect, it } from 'vitest';
import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import pg from 'pg';
import { startCentralServer, type CentralServer } from '../support/central-server';
import { testProfiles } from '../support/simulated-kiosk';
import { databaseFor, ENGINES } from '../support/engines';
import { useTempDirs } from './temp-dir';
import { createAdmin } from '../../server/staff/create-admin';
import { auditTrail } from '../../server/staff/audit-trail';
import { SESSION_COOKIE, SESSION_LIMITS, tokenHash } from '../../server/staff/session';
import { SERVER_DB_FILE } from '../../server/store/open-store';
import { AuditCheckSchema, CSRF_HEADER, StaffSessionSchema } from '../../shared/staff';
import { StaffBrowser as Browser } from '../support/staff-browser';
import { routesOf } from '../support/route-tree';

const tempDir = useTempDirs();
const running: CentralServer[] = [];
afterEach(async () => { for (const s of running.splice(0)) await s.stop(); });

const ADMIN_PASSWORD = 'kunci-rahasia-kantor-2026';
/**
 * For the tests that log in many times (each login and new password is an scrypt hash): alone
 * they take 5–7 s; in the full suite on 2 cores, beside the OCR tests, the postgres run took three
 * times as long and once passed the default 20 s. The limit is for a hang, not for speed.
 */
const LOGINS_TIMEOUT = 60_000;

describe.each(ENGINES)('back-office staff access on %s', (engine) => {
  async function start(staffOrigin?: string): Promise<CentralServer> {
    const s = await startCentralServer(tempDir(), { databaseUrl: await databaseFor(engine), profiles: testProfiles(), ...(staffOrigin ? { staffOrigin } : {}) });
    running.push(s);
    await createAdmin(s.store.staff, auditTrail(s.store.staff, s.keys), 'admin', ADMIN_PASSWORD, new Date());
    return s;
  }
  async function withReviewer(s: CentralServer): Promise<{ admin: Browser; reviewer: Browser }> {
    const admin = new Browser(s.url);
    expect((await admin.login('admin', ADMIN_PASSWORD)).status).toBe(200);
    expect((await admin.call('POST', '/staff', { username: 'rina', role: 'reviewer', password: 'meja-verifikasi-tiga' })).status).toBe(201);
    const reviewer = new Browser(s.url);
    expect((await reviewer.login('rina', 'meja-verifikasi-tiga')).status).toBe(200);
    return { admin, reviewer };
  }

  it('logs in with an HttpOnly, SameSite=Strict cookie for /staff only; a wrong password or unknown name is one same refusal', async () => {
    const s = await start();
    const b = new Browser(s.url);
    expect((await b.call('GET', '/session')).status).toBe(401);
    const wrong = await b.login('admin', 'bukan-passwordnya');
    const unknown = await b.login('siapa', ADMIN_PASSWORD);
    expect([wrong.status, unknown.status]).toEqual([401, 401]);
    expect(wrong.body).toEqual(unknown.body);
    const ok = await b.login('admin', ADMIN_PASSWORD);
    expect(ok.status).toBe(200);
    expect(ok.setCookie).toMatch(new RegExp(`^${SESSION_COOKIE}=[A-Za-z0-9_-]{43}; Path=/staff; HttpOnly; SameSite=Strict$`));
    expect(StaffSessionSchema.parse(ok.body)).toMatchObject({ username: 'admin', role: 'admin', idleSeconds: 900 });
    expect((await b.call('GET', '/session')).body).toMatchObject({ username: 'admin', csrfToken: b.csrf });
  });

  it('refuses every state change without the session\'s CSRF token or from another origin', async () => {
    const s = await start();
    const b = new Browser(s.url);
    await b.login('admin', ADMIN_PASSWORD);
    const token = b.csrf;
    b.csrf = '';
    expect((await b.call('POST', '/logout')).body).toMatchObject({ code: 'csrf' });
    expect((await b.call('POST', '/logout', undefined, { [CSRF_HEADER]: 'x'.repeat(43) })).status).toBe(403);
    b.csrf = token;
    expect((await b.call('POST', '/logout', undefined, { origin: 'https://elsewhere.example' })).status).toBe(403);
    expect((await b.call('POST', '/login', { username: 'admin', password: ADMIN_PASSWORD }, { origin: 'https://elsewhere.example' })).status).toBe(403);
    // Still logged in: none of the refused requests did anything.
    expect((await b.call('GET', '/session')).status).toBe(200);
    expect((await b.call('POST', '/logout')).status).toBe(204);
    expect(b.cookie).toBe('');
  });

  it('behind a TLS proxy (--staff-origin https://…): the cookie is Secure and only that exact origin may change state', async () => {
    const s = await start('https://backoffice.example:8443');
    const b = new Browser(s.url);
    const ok = await b.login('admin', ADMIN_PASSWORD);
    expect(ok.setCookie).toMatch(/; HttpOnly; SameSite=Strict; Secure$/);
    // The host the proxy forwards to is not the origin the browser shows: refused, as are near misses.
    for (const origin of [s.url, 'http://backoffice.example:8443', 'https://backoffice.example', 'https://evil.backoffice.example:8443']) {
      expect((await b.call('POST', '/logout', undefined, { origin })).body).toMatchObject({ code: 'csrf' });
    }
    expect((await b.call('POST', '/logout', undefined, { origin: 'https://backoffice.example:8443' })).status).toBe(204);
  });

  it('lets each role do only its own part', { timeout: LOGINS_TIMEOUT }, async () => {
    const s = await start();
    const { admin, reviewer } = await withReviewer(s);
    expect((await reviewer.call('GET', '/staff')).body).toMatchObject({ code: 'forbidden' });
    expect((await reviewer.call('POST', '/staff', { username: 'lain', role: 'admin', password: 'meja-verifikasi-empat' })).status).toBe(403);
    expect((await reviewer.call('GET', '/audit')).status).toBe(403);
    expect((await admin.call('POST', '/staff', { username: 'audit', role: 'auditor', password: 'buku-besar-kantor' })).status).toBe(201);
    const auditor = new Browser(s.url);
    await auditor.login('audit', 'buku-besar-kantor');
    expect((await auditor.call('GET', '/audit')).status).toBe(200);
    expect((await auditor.call('GET', '/staff')).status).toBe(403);
    // A weak password names the rules it breaks; a taken name is said so.
    expect((await admin.call('POST', '/staff', { username: 'budi', role: 'reviewer', password: 'password' })).body).toMatchObject({ code: 'weak-password', rules: expect.arrayContaining(['common']) });
    expect((await admin.call('POST', '/staff', { username: 'rina', role: 'reviewer', password: 'meja-verifikasi-lima' })).status).toBe(409);
    expect((await admin.call('GET', '/staff')).body).toEqual(expect.arrayContaining([expect.objectContaining({ username: 'rina', role: 'reviewer', disabled: false, locked: false })]));
  });

  it('allows five attempts per typed name in a window, counted before the password is checked, known name or not', { timeout: LOGINS_TIMEOUT }, async () => {
    const s = await start();
    const b = new Browser(s.url);
    // Eight guesses at once from one browser: five are checked, three refused unchecked.
    const burst = await Promise.all(Array.from({ length: 8 }, (_, i) => new Browser(s.url).login('admin', `salah-${i}-password`)));
    expect(burst.map((r) => r.status).sort()).toEqual([401, 401, 401, 401, 401, 423, 423, 423]);
    const locked = await b.login('admin', ADMIN_PASSWORD);
    expect(locked.status).toBe(423);
    expect(locked.body).toMatchObject({ code: 'locked', retryAfterSeconds: expect.any(Number) });
    expect(Number(locked.body?.retryAfterSeconds)).toBeGreaterThan(14 * 60);
    // A name that does not exist is answered the same way: the lock tells nothing about accounts.
    const unknown = await Promise.all(Array.from({ length: 6 }, () => new Browser(s.url).login('tidak-ada', 'apa-saja-password')));
    expect(unknown.map((r) => r.status).sort()).toEqual([401, 401, 401, 401, 401, 423]);
    expect(unknown.find((r) => r.status === 423)?.body).toEqual({ ...locked.body, retryAfterSeconds: expect.any(Number) });
  });

  it('ends every session of an account from one of them, and all of a disabled account; the last admin stays', { timeout: LOGINS_TIMEOUT }, async () => {
    const s = await start();
    const { admin, reviewer } = await withReviewer(s);
    const other = new Browser(s.url);
    await other.login('admin', ADMIN_PASSWORD);
    expect((await admin.call('POST', '/logout-everywhere')).status).toBe(204);
    expect((await other.call('GET', '/session')).status).toBe(401);
    await admin.login('admin', ADMIN_PASSWORD);
    expect((await admin.call('POST', '/staff/rina/disable')).status).toBe(204);
    expect((await reviewer.call('GET', '/session')).status).toBe(401);
    expect((await reviewer.login('rina', 'meja-verifikasi-tiga')).status).toBe(401);
    expect((await admin.call('POST', '/staff/admin/disable')).body).toMatchObject({ code: 'last-admin' });
    // Two admins disabling each other at the same moment: one of them stays.
    expect((await admin.call('POST', '/staff', { username: 'wakil', role: 'admin', password: 'kantor-cabang-utara' })).status).toBe(201);
    const deputy = new Browser(s.url);
    await deputy.login('wakil', 'kantor-cabang-utara');
    const both = await Promise.all([admin.call('POST', '/staff/wakil/disable'), deputy.call('POST', '/staff/admin/disable')]);
    // The loser is refused as the last admin, or finds its own session already ended.
    const statuses = both.map((r) => r.status).sort();
    expect(statuses[0]).toBe(204);
    expect([401, 409]).toContain(statuses[1]);
    expect(((await s.store.staff.listStaff()).filter((a) => a.role === 'admin' && !a.disabled))).toHaveLength(1);
  });

  it('ends a session unused for the idle limit', async () => {
    const s = await start();
    const b = new Browser(s.url);
    await b.login('admin', ADMIN_PASSWORD);
    const hash = tokenHash(b.cookie.split('=')[1] ?? '');
    // Used a minute before the limit: the idle time counts from then.
    const used = Date.now() + SESSION_LIMITS.idleMs - 60_000;
    expect(await s.store.staff.touchSession(hash, used, SESSION_LIMITS)).toBeDefined();
    expect(await s.store.staff.touchSession(hash, used + SESSION_LIMITS.idleMs - 60_000, SESSION_LIMITS)).toBeDefined();
    // Unused past the limit: over, for good — no later request (or clock) finds it alive again.
    expect(await s.store.staff.touchSession(hash, used + 3 * SESSION_LIMITS.idleMs, SESSION_LIMITS)).toBeUndefined();
    expect(await s.store.staff.touchSession(hash, Date.now(), SESSION_LIMITS)).toBeUndefined();
    expect((await b.call('GET', '/session')).status).toBe(401);
  });

  it('keeps an audit trail whose chain holds through concurrent appends and breaks where an entry is edited', async () => {
    const s = await start();
    const { admin } = await withReviewer(s);
    const trailOf = auditTrail(s.store.staff, s.keys);
    await Promise.all(Array.from({ length: 20 }, (_, i) => trailOf.record({ at: new Date().toISOString(), actor: 'system', action: 'test.append', detail: { i } })));
    const check = AuditCheckSchema.parse((await admin.call('POST', '/audit/verify')).body);
    // create-admin, 2 logins, staff.create, 20 appends.
    expect(check).toEqual({ ok: true, entries: 24 });
    const trail = (await admin.call('GET', '/audit')).body as unknown as { seq: number; actor: string; action: string }[];
    expect(trail.slice(-4).map((e) => [e.seq, e.action])).toEqual([[4, 'staff.login'], [3, 'staff.create'], [2, 'staff.login'], [1, 'staff.create']]);
    expect(JSON.stringify(trail)).not.toContain(ADMIN_PASSWORD);

    // The chain is keyed: the same entries under another key (all the database holds) do not verify.
    expect(await s.store.staff.verifyAudit(Buffer.alloc(32, 7))).toMatchObject({ ok: false, brokenAt: 1, reason: 'hash' });

    // Entries cut off the end: the head points past them.
    await tamper(s, `DELETE FROM audit_log WHERE seq >= 25`);
    expect((await admin.call('POST', '/audit/verify')).body).toMatchObject({ ok: false, brokenAt: 25, reason: 'gap' });
    await tamper(s, `UPDATE audit_log SET actor = 'someone-else' WHERE seq = 3`);
    expect(await trailOf.verify()).toMatchObject({ ok: false, brokenAt: 3, reason: 'hash' });
  });

  async function tamper(s: CentralServer, sql: string): Promise<void> {
    if (engine === 'sqlite') {
      const db = new Database(join(s.dataDir, SERVER_DB_FILE));
      try { db.exec(sql); } finally { db.close(); }
      return;
    }
    const client = new pg.Client({ connectionString: s.databaseUrl });
    await client.connect();
    try { await client.query(sql); } finally { await client.end(); }
  }
});

/** Every route under /staff/api with its methods (HEAD aside), read from the server's own route tree. */
function staffRoutes(tree: string): { method: 'GET' | 'POST'; path: string }[] {
  return routesOf(tree).filter((r): r is { method: 'GET' | 'POST'; path: string } =>
    r.path.startsWith('/staff/api/') && (r.method === 'GET' || r.method === 'POST'));
}

/** Who may use each staff route; a route missing here fails the test until someone decides. */
const ALL = ['admin', 'reviewer', 'auditor'] as const;
const ROUTE_ROLES: Record<string, readonly string[]> = {
  'GET /staff/api/session': ALL, 'POST /staff/api/logout': ALL, 'POST /staff/api/logout-everywhere': ALL,
  'GET /staff/api/account/totp': ALL, 'POST /staff/api/account/totp/begin': ALL, 'POST /staff/api/account/totp/confirm': ALL, 'POST /staff/api/account/totp/disable': ALL,
  'GET /staff/api/staff': ['admin'], 'POST /staff/api/staff': ['admin'], 'POST /staff/api/staff/:username/disable': ['admin'],
  'POST /staff/api/staff/:username/totp-reset': ['admin'], 'GET /staff/api/totp-accounts': ['admin'], 'GET /staff/api/outbox': ['admin'],
  'GET /staff/api/kiosks': ['admin'], 'POST /staff/api/kiosks/:deviceId': ['admin'], 'POST /staff/api/kiosks/:deviceId/revoke': ['admin'], 'POST /staff/api/enrol-codes': ['admin'],
  'GET /staff/api/audit': ['auditor', 'admin'], 'POST /staff/api/audit/verify': ['auditor', 'admin'],
  'GET /staff/api/registrations': ['reviewer', 'admin'], 'GET /staff/api/registrations/export.csv': ['reviewer', 'admin'], 'GET /staff/api/registrations/facets': ['reviewer', 'admin'],
  'POST /staff/api/registrations/search': ['reviewer', 'admin'], 'GET /staff/api/registrations/:deviceId/:recordId': ['reviewer', 'admin'],
  'POST /staff/api/registrations/:deviceId/:recordId/claim': ['reviewer', 'admin'], 'POST /staff/api/registrations/:deviceId/:recordId/release': ['reviewer', 'admin'],
  'POST /staff/api/registrations/:deviceId/:recordId/approve': ['reviewer', 'admin'], 'POST /staff/api/registrations/:deviceId/:recordId/reject': ['reviewer', 'admin'],
  'POST /staff/api/registrations/:deviceId/:recordId/reopen': ['admin'],
  'GET /staff/api/operators': ['admin'], 'POST /staff/api/operators': ['admin'], 'POST /staff/api/operators/:username/disable': ['admin'],
  'POST /staff/api/operators/:username/password': ['admin'],
};

describe('every staff API route', () => {
  it('refuses a logged-out browser (401) and every role not named for it (403), before looking at the request', async () => {
    const s = await startCentralServer(tempDir(), { profiles: testProfiles() });
    running.push(s);
    await createAdmin(s.store.staff, auditTrail(s.store.staff, s.keys), 'admin', ADMIN_PASSWORD, new Date());
    const admin = new Browser(s.url);
    await admin.login('admin', ADMIN_PASSWORD);
    const as: Record<string, Browser> = { admin };
    for (const role of ['reviewer', 'auditor'] as const) {
      expect((await admin.call('POST', '/staff', { username: `si-${role}`, role, password: 'meja-kerja-kantor-pusat' })).status).toBe(201);
      as[role] = new Browser(s.url);
      expect((await as[role]?.login(`si-${role}`, 'meja-kerja-kantor-pusat'))?.status).toBe(200);
    }
    const routes = staffRoutes(s.app.printRoutes({ commonPrefix: false })).filter((r) => r.path !== '/staff/api/login');
    expect(routes.length).toBeGreaterThan(25);
    const unlisted = routes.map((r) => `${r.method} ${r.path}`).filter((k) => !(k in ROUTE_ROLES));
    expect(unlisted).toEqual([]);
    const fill = (path: string) => path.replace(':deviceId', randomUUID()).replace(':recordId', randomUUID()).replace(':username', 'si-reviewer').replace('/staff/api', '');
    for (const { method, path } of routes) {
      expect([`${method} ${path}`, (await new Browser(s.url).call(method, fill(path), method === 'POST' ? {} : undefined)).status]).toEqual([`${method} ${path}`, 401]);
      for (const role of ALL.filter((r) => !ROUTE_ROLES[`${method} ${path}`]?.includes(r))) {
        const refused = await as[role]?.call(method, fill(path), method === 'POST' ? {} : undefined);
        expect([`${role} ${method} ${path}`, refused?.status, refused?.body?.code]).toEqual([`${role} ${method} ${path}`, 403, 'forbidden']);
      }
    }
  });
});

describe('create-admin', () => {
  it('creates the first admin from a password on standard input, refuses a weak one, and that admin logs in', async () => {
    const dir = tempDir();
    const run = (username: string, stdin: string) => new Promise<{ code: number | null; out: string }>((done) => {
      const child = spawn(process.execPath, ['--import', 'tsx', 'server/main.ts', 'create-admin', username, '--data-dir', dir], { stdio: ['pipe', 'pipe', 'pipe'] });
      let out = '';
      child.stdout.on('data', (d: Buffer) => { out += d.toString(); });
      child.stderr.on('data', (d: Buffer) => { out += d.toString(); });
      child.on('exit', (code) => done({ code, out }));
      child.stdin.end(stdin);
    });
    const weak = await run('kepala', 'password\n');
    expect(weak.code).toBe(1);
    expect(weak.out).toMatch(/breaks these rules: .*common/);
    const made = await run('kepala', `${ADMIN_PASSWORD}\n`);
    expect(made.out).toContain('admin kepala created');
    expect(made.code).toBe(0);
    expect(made.out).not.toContain(ADMIN_PASSWORD);
    const s = await startCentralServer(dir, { profiles: testProfiles() });
    running.push(s);
    expect((await new Browser(s.url).login('kepala', ADMIN_PASSWORD)).body).toMatchObject({ role: 'admin' });
  });
});
