// The optional TOTP second factor of staff accounts: every signed-in member may turn it on (begin →
// a new secret as base32, otpauth URI and QR code; confirm → a code from the app) or off (a code
// again); an admin resets another account's when its phone is lost. The login's check of a code is
// `loginSecondFactor`, given to the login route (server/staff/routes.ts `login`).
// Invariants: secrets are sealed at rest (totp-seal.ts); a code's step is used at most once (the
// store's conditional updates); guessed codes count toward the account's login lockout; neither a
// secret nor a code reaches the audit trail or the log.
import type { FastifyInstance, FastifyReply } from 'fastify';
import { toDataURL } from 'qrcode';
import { log } from '../../node/log';
import { STAFF_API } from '../../shared/staff';
import { TOTP_PATHS, TotpCodeRequestSchema, type TotpBegin, type TotpStatus } from '../../shared/staff-totp';
import type { ServerKeys } from '../keys';
import type { StaffRow, StaffStore } from '../store/staff-store';
import type { AuditTrail } from './audit-trail';
import { invalid, refuse } from './replies';
import { LOGIN_LOCKOUT } from './routes';
import { requireStaff, tokenHash } from './session';
import { matchTotp, newTotpSecret, otpauthUri, TOTP_ISSUER, base32Encode } from './totp';
import { openTotpSecret, sealTotpSecret, totpKeyOf } from './totp-seal';

/** 'none': no second factor on the account; 'ok': right code, its step now used; 'required': none sent; 'bad': wrong or used. */
export type SecondFactorCheck = 'none' | 'ok' | 'required' | 'bad';

export interface LoginSecondFactor {
  /** Called by login only after the password was verified. */
  check(staffId: number, code: string | undefined): Promise<SecondFactorCheck>;
}

/** The login's check of a code: only after the password was verified, and a step used once. */
export function loginSecondFactor({ store, keys, now }: { store: StaffStore; keys: Pick<ServerKeys, 'nikKey'>; now: () => Date }): LoginSecondFactor {
  const key = totpKeyOf(keys);
  return {
    async check(staffId, code) {
      const row = await store.staffTotp(staffId);
      if (!row?.secret) return 'none';
      if (code === undefined) return 'required';
      const secret = openTotpSecret(key, staffId, row.secret);
      if (!secret) log.warn('staff.totp-unreadable', { staff: staffId });
      const step = secret ? matchTotp(secret, code, now().getTime(), row.lastStep) : undefined;
      return step !== undefined && (await store.useTotpStep(staffId, step)) ? 'ok' : 'bad';
    },
  };
}

const ALL_ROLES = ['admin', 'reviewer', 'auditor'] as const;

export function registerTotpRoutes(app: FastifyInstance, { store, audit, keys, now }: { store: StaffStore; audit: AuditTrail; keys: Pick<ServerKeys, 'nikKey'>; now: () => Date }): void {
  const key = totpKeyOf(keys);
  const at = () => now().toISOString();
  const badCode = (reply: FastifyReply) => refuse(reply, 400, { code: 'bad-totp', message: 'Kode salah atau sudah dipakai. Tunggu kode berikutnya di aplikasi, lalu coba lagi.' });

  /** The confirmed secret, opened; undefined when none or unreadable (altered, another key). */
  const secretOf = async (staffId: number) => {
    const row = await store.staffTotp(staffId);
    if (!row?.secret) return { row, secret: undefined };
    const secret = openTotpSecret(key, staffId, row.secret);
    if (!secret) log.warn('staff.totp-unreadable', { staff: staffId });
    return { row, secret };
  };

  /**
   * A code typed by a signed-in member counts as a login attempt for the account, taken before the
   * code is checked (parallel guesses cannot pass the lockout); a right code forgives them as a
   * login does. False: locked, refusal sent. Counted in real time, as login counts them.
   */
  const takeAttempt = async (staff: StaffRow, reply: FastifyReply): Promise<boolean> => {
    const attempt = await store.takeLoginAttempt(staff.username, Date.now(), LOGIN_LOCKOUT);
    if (attempt.ok) return true;
    await refuse(reply, 423, { code: 'locked', message: 'Terlalu banyak kode salah. Coba lagi nanti.', retryAfterSeconds: Math.ceil(attempt.retryAfterMs / 1000) });
    return false;
  };

  app.get(`${STAFF_API}${TOTP_PATHS.status}`, async (req, reply) => {
    const me = await requireStaff(store, req, reply, ALL_ROLES);
    if (!me) return reply;
    const row = await store.staffTotp(me.staff.id);
    return { enabled: Boolean(row?.secret), pending: Boolean(row?.pending) } satisfies TotpStatus;
  });

  app.post(`${STAFF_API}${TOTP_PATHS.begin}`, async (req, reply) => {
    const me = await requireStaff(store, req, reply, ALL_ROLES);
    if (!me) return reply;
    const secret = newTotpSecret();
    // Refused while a confirmed secret is in place: turning it off (with a code) comes first.
    if (!(await store.setTotpPending(me.staff.id, sealTotpSecret(key, me.staff.id, secret)))) {
      return refuse(reply, 409, { code: 'totp-already-on', message: 'Kode autentikator sudah aktif untuk akun ini.' });
    }
    const uri = otpauthUri(TOTP_ISSUER, me.staff.username, secret);
    const qr = await toDataURL(uri, { errorCorrectionLevel: 'M', margin: 4, scale: 6 });
    return { secret: base32Encode(secret), uri, qr } satisfies TotpBegin;
  });

  app.post(`${STAFF_API}${TOTP_PATHS.confirm}`, async (req, reply) => {
    const me = await requireStaff(store, req, reply, ALL_ROLES);
    if (!me) return reply;
    const parsed = TotpCodeRequestSchema.safeParse(req.body);
    if (!parsed.success) return invalid(reply, parsed.error.issues);
    const row = await store.staffTotp(me.staff.id);
    if (row?.secret) return refuse(reply, 409, { code: 'totp-already-on', message: 'Kode autentikator sudah aktif untuk akun ini.' });
    const pending = row?.pending ? openTotpSecret(key, me.staff.id, row.pending) : undefined;
    if (!row?.pending || !pending) return refuse(reply, 409, { code: 'totp-not-begun', message: 'Mulai lagi dari langkah pertama: pindai kode QR yang baru.' });
    if (!(await takeAttempt(me.staff, reply))) return reply;
    const step = matchTotp(pending, parsed.data.code, now().getTime(), null);
    // Enabled only with the very secret the code was checked against (a setup begun again meanwhile wins).
    const entry = audit.with({ at: at(), actor: me.staff.username, action: 'staff.totp-enabled' });
    if (step === undefined || !(await store.confirmTotp(me.staff.id, row.pending, step, entry, tokenHash(me.token)))) return badCode(reply);
    await store.clearLoginAttempts(me.staff.username);
    return reply.code(204).send();
  });

  app.post(`${STAFF_API}${TOTP_PATHS.disable}`, async (req, reply) => {
    const me = await requireStaff(store, req, reply, ALL_ROLES);
    if (!me) return reply;
    const parsed = TotpCodeRequestSchema.safeParse(req.body);
    if (!parsed.success) return invalid(reply, parsed.error.issues);
    const { row, secret } = await secretOf(me.staff.id);
    if (!row?.secret) return refuse(reply, 409, { code: 'totp-off', message: 'Kode autentikator tidak aktif untuk akun ini.' });
    if (!(await takeAttempt(me.staff, reply))) return reply;
    const step = secret ? matchTotp(secret, parsed.data.code, now().getTime(), row.lastStep) : undefined;
    // The step is used and the factor cleared in one statement: a code already used is refused.
    const entry = audit.with({ at: at(), actor: me.staff.username, action: 'staff.totp-disabled' });
    if (step === undefined || !(await store.clearTotp(me.staff.id, step, entry))) return badCode(reply);
    await store.clearLoginAttempts(me.staff.username);
    return reply.code(204).send();
  });

  app.get(`${STAFF_API}${TOTP_PATHS.accounts}`, async (req, reply) => {
    const me = await requireStaff(store, req, reply, ['admin']);
    return me ? store.listStaffWithTotp() : reply;
  });

  app.post<{ Params: { username: string } }>(`${STAFF_API}/staff/:username/totp-reset`, async (req, reply) => {
    const me = await requireStaff(store, req, reply, ['admin']);
    if (!me) return reply;
    const target = await store.findStaffByName(req.params.username);
    if (!target) return refuse(reply, 404, { code: 'not-found', message: 'Akun tidak ditemukan.' });
    // One's own factor is turned off with a code from it (disable), never by the reset that skips the code.
    if (target.id === me.staff.id) return refuse(reply, 403, { code: 'forbidden', message: 'Matikan kode autentikator Anda sendiri dari halaman Akun saya (perlu kode).' });
    const entry = audit.with({ at: at(), actor: me.staff.username, action: 'staff.totp-reset', subject: target.username });
    if (!(await store.clearTotp(target.id, undefined, entry))) return refuse(reply, 409, { code: 'totp-off', message: 'Kode autentikator tidak aktif untuk akun ini.' });
    return reply.code(204).send();
  });
}
