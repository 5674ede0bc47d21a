// The staff API (/staff/api/…): login, session, logout (here and everywhere), staff accounts
// (admin), the audit trail (auditor, admin). Its own authentication (password + session cookie),
// apart from the kiosks' signed device API. Logins, failures, lockouts, logouts and account
// changes are written to the audit trail; no password, token or personal data is logged.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import {
  NewStaffRequestSchema, STAFF_API, StaffLoginRequestSchema, type StaffRoleName, type StaffSession,
} from '../../shared/staff';
import type { StaffStore } from '../store/staff-store';
import type { AuditTrail } from './audit-trail';
import { decoyHash, hashStaffPassword, PasswordCheckBusy, staffPasswordProblems, verifyStaffPassword } from './passwords';
import { newToken, requireStaff, sameOrigin, SESSION_LIMITS, setSessionCookie, tokenHash } from './session';
import { invalid, refuse } from './replies';
import type { LoginSecondFactor } from './totp-routes';

/**
 * Five attempts per typed username in a window of 15 minutes from the first; a success starts anew.
 * Counted in the database, across processes, before the password is checked.
 */
export const LOGIN_LOCKOUT = { max: 5, windowMs: 15 * 60_000 } as const;


const sessionOf = (username: string, role: StaffRoleName, csrfToken: string): StaffSession =>
  ({ username, role, csrfToken, idleSeconds: SESSION_LIMITS.idleMs / 1000 });

export function registerStaffRoutes(app: FastifyInstance, { store, audit, loginsPerAddress, secondFactor }: {
  store: StaffStore; audit: AuditTrail; loginsPerAddress: number; secondFactor: LoginSecondFactor;
}): void {
  const at = () => new Date().toISOString();
  // Every staff answer (a session's CSRF token, a queue of names, a record) stays out of caches.
  app.addHook('onSend', async (req, reply) => {
    if (req.url.startsWith(`${STAFF_API}/`)) reply.header('cache-control', 'no-store').header('x-content-type-options', 'nosniff');
  });

  app.post(`${STAFF_API}/login`, { config: { rateLimit: { max: loginsPerAddress, timeWindow: 60_000 } } }, async (req, reply) => {
    try {
      return await login(req, reply);
    } catch (error) {
      // A flood of logins waits for no scrypt: "busy, try again" at once.
      if (error instanceof PasswordCheckBusy) return reply.code(503).header('retry-after', '5').send({ code: 'invalid-request', message: 'Server sedang sibuk. Coba lagi sebentar lagi.' });
      throw error;
    }
  });

  async function login(req: FastifyRequest, reply: FastifyReply): Promise<unknown> {
    // Login CSRF: another site must not log a browser in under its own account.
    if (!sameOrigin(req)) return refuse(reply, 403, { code: 'csrf', message: 'Permintaan ditolak.' });
    const parsed = StaffLoginRequestSchema.safeParse(req.body);
    if (!parsed.success) return invalid(reply, parsed.error.issues);
    const { username, password } = parsed.data;
    const now = Date.now();
    // Counted before anything is looked up or hashed, for any typed name: parallel guesses cannot
    // pass the limit, and a name that exists is not told apart from one that does not.
    const attempt = await store.takeLoginAttempt(username, now, LOGIN_LOCKOUT);
    if (!attempt.ok) {
      await audit.record({ at: at(), actor: 'anonymous', action: 'staff.login-throttled' });
      return refuse(reply, 423, {
        code: 'locked', message: 'Terlalu banyak percobaan untuk nama pengguna ini. Coba lagi nanti.', retryAfterSeconds: Math.ceil(attempt.retryAfterMs / 1000),
      });
    }
    const staff = await store.findStaffByName(username);
    const badLogin = () => refuse(reply, 401, { code: 'bad-login', message: 'Nama pengguna atau password salah.' });
    if (!staff || staff.disabled) {
      // As slow as a wrong password, so a name's existence is not told by the time taken. The typed
      // name is not logged: it may be a password typed into the wrong field.
      await verifyStaffPassword(password, await decoyHash());
      await audit.record({ at: at(), actor: 'anonymous', action: 'staff.login-failed', detail: { account: staff ? 'disabled' : 'unknown' } });
      return badLogin();
    }
    if (!(await verifyStaffPassword(password, staff.passwordHash))) {
      await audit.record({ at: at(), actor: staff.username, action: 'staff.login-failed' });
      return badLogin();
    }
    // The second factor (totp-routes.ts), after the password: the attempt taken above still counts
    // until a login succeeds, so codes are guessed no faster than passwords.
    const factor = await secondFactor.check(staff.id, parsed.data.totp);
    if (factor === 'required') return refuse(reply, 401, { code: 'totp-required', message: 'Masukkan kode 6 angka dari aplikasi autentikator.' });
    if (factor === 'bad') {
      await audit.record({ at: at(), actor: staff.username, action: 'staff.login-failed', detail: { factor: 'totp' } });
      return refuse(reply, 401, { code: 'bad-totp', message: 'Kode autentikator salah atau sudah dipakai. Tunggu kode berikutnya, lalu coba lagi.' });
    }
    await store.clearLoginAttempts(username);
    await store.pruneSessions(now, SESSION_LIMITS);
    const token = newToken();
    const csrfToken = newToken();
    await store.createSession(tokenHash(token), staff.id, csrfToken, now);
    await audit.record({ at: at(), actor: staff.username, action: 'staff.login' });
    setSessionCookie(req, reply, token);
    return sessionOf(staff.username, staff.role, csrfToken);
  }

  app.get(`${STAFF_API}/session`, async (req, reply) => {
    const me = await requireStaff(store, req, reply, ['admin', 'reviewer', 'auditor']);
    return me ? sessionOf(me.staff.username, me.staff.role, me.csrfToken) : reply;
  });

  app.post(`${STAFF_API}/logout`, async (req, reply) => {
    const me = await requireStaff(store, req, reply, ['admin', 'reviewer', 'auditor']);
    if (!me) return reply;
    await store.endSession(tokenHash(me.token));
    await audit.record({ at: at(), actor: me.staff.username, action: 'staff.logout' });
    setSessionCookie(req, reply, null);
    return reply.code(204).send();
  });

  app.post(`${STAFF_API}/logout-everywhere`, async (req, reply) => {
    const me = await requireStaff(store, req, reply, ['admin', 'reviewer', 'auditor']);
    if (!me) return reply;
    const ended = await store.endAllSessions(me.staff.id);
    await audit.record({ at: at(), actor: me.staff.username, action: 'staff.logout-everywhere', detail: { sessions: ended } });
    setSessionCookie(req, reply, null);
    return reply.code(204).send();
  });

  app.get(`${STAFF_API}/staff`, async (req, reply) => {
    const me = await requireStaff(store, req, reply, ['admin']);
    if (!me) return reply;
    const now = Date.now();
    const accounts = await store.listStaff();
    return Promise.all(accounts.map(async (s) => ({
      username: s.username, role: s.role, disabled: s.disabled, locked: await store.loginLocked(s.username, now, LOGIN_LOCKOUT), createdAt: s.createdAt,
    })));
  });

  app.post(`${STAFF_API}/staff`, async (req, reply) => {
    const me = await requireStaff(store, req, reply, ['admin']);
    if (!me) return reply;
    const parsed = NewStaffRequestSchema.safeParse(req.body);
    if (!parsed.success) return invalid(reply, parsed.error.issues);
    const { username, role, password } = parsed.data;
    const rules = staffPasswordProblems(password, username);
    if (rules.length > 0) return refuse(reply, 400, { code: 'weak-password', message: 'Password tidak memenuhi aturan.', rules });
    const entry = audit.with({ at: at(), actor: me.staff.username, action: 'staff.create', subject: username, detail: { role } });
    if ((await store.createStaff(username, role, await hashStaffPassword(password), at(), entry)) === undefined) {
      return refuse(reply, 409, { code: 'taken', message: `Nama pengguna ${username} sudah dipakai.` });
    }
    return reply.code(201).send({ username, role });
  });

  app.post<{ Params: { username: string } }>(`${STAFF_API}/staff/:username/disable`, async (req, reply) => {
    const me = await requireStaff(store, req, reply, ['admin']);
    if (!me) return reply;
    const target = await store.findStaffByName(req.params.username);
    if (!target) return refuse(reply, 404, { code: 'not-found', message: 'Akun tidak ditemukan.' });
    // The back office must keep someone who can manage it.
    const outcome = await store.disableStaff(target.id, audit.with({ at: at(), actor: me.staff.username, action: 'staff.disable', subject: target.username }));
    if (outcome === 'last-admin') return refuse(reply, 409, { code: 'last-admin', message: 'Admin terakhir tidak dapat dinonaktifkan.' });
    if (outcome === 'not-found') return refuse(reply, 404, { code: 'not-found', message: 'Akun tidak ditemukan atau sudah nonaktif.' });
    return reply.code(204).send();
  });

  app.get<{ Querystring: { before?: string } }>(`${STAFF_API}/audit`, async (req, reply) => {
    const me = await requireStaff(store, req, reply, ['auditor', 'admin']);
    if (!me) return reply;
    const before = Number(req.query.before ?? Number.MAX_SAFE_INTEGER);
    if (!Number.isSafeInteger(before) || before < 1) return refuse(reply, 400, { code: 'invalid-request', message: 'Data tidak sah: before' });
    return store.listAudit(before, 100);
  });

  app.post(`${STAFF_API}/audit/verify`, async (req, reply) => {
    const me = await requireStaff(store, req, reply, ['auditor', 'admin']);
    if (!me) return reply;
    const check = await audit.verify();
    await audit.record({ at: at(), actor: me.staff.username, action: 'audit.verify', detail: { ok: check.ok, entries: check.entries } });
    return check;
  });
}
