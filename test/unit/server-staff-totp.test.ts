// The staff accounts' optional TOTP second factor on both engines, over real HTTP with the server's
// clock in the test's hand: turning it on (begin + confirm), login then needing a code, wrong and
// replayed codes refused and counted toward the lockout, turning it off with a fresh code, an
// admin's audited reset (no other role's), and the secret sealed in the database.
import { afterEach, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import pg from 'pg';
import { PNG } from 'pngjs';
import jsQR from 'jsqr';
import { startCentralServer, type CentralServer } from '../support/central-server';
import { testProfiles } from '../support/simulated-kiosk';
import { databaseFor, ENGINES } from '../support/engines';
import { useTempDirs } from './temp-dir';
import { createAdmin } from '../../server/staff/create-admin';
import { auditTrail } from '../../server/staff/audit-trail';
import { base32Decode, totpCode } from '../../server/staff/totp';
import { SERVER_DB_FILE } from '../../server/store/open-store';
import { TOTP_PATHS, TotpBeginSchema, TotpStatusSchema } from '../../shared/staff-totp';
import { StaffBrowser as Browser } from '../support/staff-browser';

const tempDir = useTempDirs();
const running: CentralServer[] = [];
afterEach(async () => { for (const s of running.splice(0)) await s.stop(); });

const ADMIN_PASSWORD = 'kunci-rahasia-kantor-2026';
const REVIEWER_PASSWORD = 'meja-verifikasi-tiga';
const STEP_MS = 30_000;

/** The QR code's text, read from its PNG data: URL as a phone's camera would. */
function qrText(dataUrl: string): string | undefined {
  const png = PNG.sync.read(Buffer.from(dataUrl.slice('data:image/png;base64,'.length), 'base64'));
  return jsQR(new Uint8ClampedArray(png.data), png.width, png.height)?.data;
}

describe.each(ENGINES)('the staff TOTP second factor on %s', (engine) => {
  /** The server's clock: set by the tests, one 30-second step at a time. */
  let clock = 0;
  async function start(): Promise<CentralServer> {
    // The middle of a step, so that no code computed here falls across a step boundary.
    clock = Math.floor(Date.now() / STEP_MS) * STEP_MS + STEP_MS / 2;
    const s = await startCentralServer(tempDir(), { databaseUrl: await databaseFor(engine), profiles: testProfiles(), now: () => new Date(clock) });
    running.push(s);
    await createAdmin(s.store.staff, auditTrail(s.store.staff, s.keys), 'admin', ADMIN_PASSWORD, new Date());
    return s;
  }
  async function signedIn(s: CentralServer, username: string, password: string, totp?: string): Promise<Browser> {
    const b = new Browser(s.url);
    expect((await b.login(username, password, totp)).status).toBe(200);
    return b;
  }
  /** Turns the factor on for `b`'s account; the secret its owner's app would hold. */
  async function enable(b: Browser): Promise<Buffer> {
    const begun = TotpBeginSchema.parse((await b.call('POST', TOTP_PATHS.begin)).body);
    const secret = base32Decode(begun.secret);
    expect((await b.call('POST', TOTP_PATHS.confirm, { code: totpCode(secret, clock) })).status).toBe(204);
    return secret;
  }
  async function actions(s: CentralServer): Promise<{ actor: string; action: string; subject?: string | null; detail?: unknown }[]> {
    return (await s.store.staff.listAudit(Number.MAX_SAFE_INTEGER, 500)).reverse();
  }

  it('is turned on with a code from the app; login then needs a fresh code, and a used one is refused', async () => {
    const s = await start();
    const admin = await signedIn(s, 'admin', ADMIN_PASSWORD);
    expect(TotpStatusSchema.parse((await admin.call('GET', TOTP_PATHS.status)).body)).toEqual({ enabled: false, pending: false });
    const begun = TotpBeginSchema.parse((await admin.call('POST', TOTP_PATHS.begin)).body);
    expect(begun.uri).toBe(`otpauth://totp/Back%20office%20pendaftaran:admin?secret=${begun.secret}&issuer=Back%20office%20pendaftaran`);
    expect(base32Decode(begun.secret)).toHaveLength(20);
    expect(qrText(begun.qr)).toBe(begun.uri);
    const secret = base32Decode(begun.secret);
    // Not on until a code from the app confirms it; a wrong code does not.
    expect((await new Browser(s.url).login('admin', ADMIN_PASSWORD)).status).toBe(200);
    expect(TotpStatusSchema.parse((await admin.call('GET', TOTP_PATHS.status)).body)).toEqual({ enabled: false, pending: true });
    const wrong = String((Number(totpCode(secret, clock)) + 1) % 1_000_000).padStart(6, '0');
    expect((await admin.call('POST', TOTP_PATHS.confirm, { code: wrong })).body).toMatchObject({ code: 'bad-totp' });
    expect((await admin.call('POST', TOTP_PATHS.confirm, { code: totpCode(secret, clock) })).status).toBe(204);
    expect(TotpStatusSchema.parse((await admin.call('GET', TOTP_PATHS.status)).body)).toEqual({ enabled: true, pending: false });
    expect((await admin.call('POST', TOTP_PATHS.begin)).body).toMatchObject({ code: 'totp-already-on' });

    const b = new Browser(s.url);
    expect((await b.login('admin', ADMIN_PASSWORD)).body).toEqual({ code: 'totp-required', message: 'Masukkan kode 6 angka dari aplikasi autentikator.' });
    // The step used to confirm is spent: its code does not log in.
    expect((await b.login('admin', ADMIN_PASSWORD, totpCode(secret, clock))).body).toMatchObject({ code: 'bad-totp' });
    clock += STEP_MS;
    const code = totpCode(secret, clock);
    // A right code with a wrong password tells nothing about the code.
    expect((await b.login('admin', 'bukan-passwordnya', code)).body).toMatchObject({ code: 'bad-login' });
    expect((await b.login('admin', ADMIN_PASSWORD, code)).status).toBe(200);
    expect((await new Browser(s.url).login('admin', ADMIN_PASSWORD, code)).body).toMatchObject({ code: 'bad-totp' });
    // The app's clock a step ahead of the server's: still accepted.
    expect((await new Browser(s.url).login('admin', ADMIN_PASSWORD, totpCode(secret, clock + STEP_MS))).status).toBe(200);

    const trail = await actions(s);
    expect(trail.filter((e) => e.action === 'staff.totp-enabled')).toEqual([expect.objectContaining({ actor: 'admin' })]);
    expect(trail.filter((e) => e.action === 'staff.login-failed' && JSON.stringify(e.detail) === '{"factor":"totp"}')).toHaveLength(2);
    expect(JSON.stringify(trail)).not.toContain(begun.secret);
    expect(JSON.stringify(trail)).not.toContain(code);
  });

  it('counts wrong codes toward the lockout, and a locked name is refused even with the right code', async () => {
    const s = await start();
    const admin = await signedIn(s, 'admin', ADMIN_PASSWORD);
    const secret = await enable(admin);
    clock += STEP_MS;
    const right = totpCode(secret, clock);
    // Four codes that no step in the window has.
    const valid = [-1, 0, 1].map((d) => totpCode(secret, clock + d * STEP_MS));
    const wrongs = ['000000', '111111', '222222', '333333', '444444', '555555', '666666'].filter((c) => !valid.includes(c)).slice(0, 4);
    const b = new Browser(s.url);
    expect((await b.login('admin', ADMIN_PASSWORD)).body).toMatchObject({ code: 'totp-required' });
    for (const c of wrongs) expect((await b.login('admin', ADMIN_PASSWORD, c)).body).toMatchObject({ code: 'bad-totp' });
    // Five attempts spent (one without a code, four wrong): the sixth is refused unchecked.
    expect((await b.login('admin', ADMIN_PASSWORD, right)).body).toMatchObject({ code: 'locked' });
    expect((await actions(s)).filter((e) => e.action === 'staff.login-failed')).toHaveLength(4);
  });

  it('is turned off by its owner with a fresh code, reset by an admin (audited) and by no other role', async () => {
    const s = await start();
    const admin = await signedIn(s, 'admin', ADMIN_PASSWORD);
    expect((await admin.call('POST', '/staff', { username: 'rina', role: 'reviewer', password: REVIEWER_PASSWORD })).status).toBe(201);
    const rina = await signedIn(s, 'rina', REVIEWER_PASSWORD);
    const secret = await enable(rina);
    // The confirming code is spent; a wrong one is refused; the next step's code turns it off.
    expect((await rina.call('POST', TOTP_PATHS.disable, { code: totpCode(secret, clock) })).body).toMatchObject({ code: 'bad-totp' });
    expect((await rina.call('POST', TOTP_PATHS.disable, { code: 'abcdef' })).body).toMatchObject({ code: 'invalid-request' });
    clock += STEP_MS;
    expect((await rina.call('POST', TOTP_PATHS.disable, { code: totpCode(secret, clock) })).status).toBe(204);
    expect((await rina.call('POST', TOTP_PATHS.disable, { code: totpCode(secret, clock + STEP_MS) })).body).toMatchObject({ code: 'totp-off' });
    await signedIn(s, 'rina', REVIEWER_PASSWORD);

    // On again; then a reviewer cannot reset anyone's, an admin can (the phone was lost).
    const again = await enable(rina);
    expect((await new Browser(s.url).login('rina', REVIEWER_PASSWORD)).body).toMatchObject({ code: 'totp-required' });
    expect((await rina.call('POST', TOTP_PATHS.reset('rina'))).status).toBe(403);
    expect((await rina.call('GET', TOTP_PATHS.accounts)).status).toBe(403);
    expect((await admin.call('GET', TOTP_PATHS.accounts)).body).toEqual(['rina']);
    expect((await admin.call('POST', TOTP_PATHS.reset('rina'), undefined, { 'x-csrf-token': 'x'.repeat(43) })).status).toBe(403);
    expect((await admin.call('POST', TOTP_PATHS.reset('rina'))).status).toBe(204);
    expect((await admin.call('POST', TOTP_PATHS.reset('rina'))).body).toMatchObject({ code: 'totp-off' });
    expect((await admin.call('POST', TOTP_PATHS.reset('siapa'))).status).toBe(404);
    expect((await admin.call('GET', TOTP_PATHS.accounts)).body).toEqual([]);
    await signedIn(s, 'rina', REVIEWER_PASSWORD);
    expect((await rina.call('POST', TOTP_PATHS.disable, { code: totpCode(again, clock + STEP_MS) })).body).toMatchObject({ code: 'totp-off' });

    const trail = await actions(s);
    expect(trail.filter((e) => e.action.startsWith('staff.totp-')).map((e) => [e.actor, e.action, e.subject ?? null])).toEqual([
      ['rina', 'staff.totp-enabled', null], ['rina', 'staff.totp-disabled', null], ['rina', 'staff.totp-enabled', null], ['admin', 'staff.totp-reset', 'rina'],
    ]);
  });

  it('keeps the secret sealed in the database, never in plaintext or base32', async () => {
    const s = await start();
    const admin = await signedIn(s, 'admin', ADMIN_PASSWORD);
    const begun = TotpBeginSchema.parse((await admin.call('POST', TOTP_PATHS.begin)).body);
    const secret = base32Decode(begun.secret);
    const pending = await staffRow(s, 'admin');
    expect(pending.totp_secret).toBeNull();
    expect(pending.totp_pending).toBeInstanceOf(Buffer);
    expect((await admin.call('POST', TOTP_PATHS.confirm, { code: totpCode(secret, clock) })).status).toBe(204);
    const row = await staffRow(s, 'admin');
    const sealed = row.totp_secret as Buffer;
    expect(row.totp_pending).toBeNull();
    expect(sealed.length).toBeGreaterThan(secret.length);
    expect(sealed.includes(secret)).toBe(false);
    expect(sealed.toString('latin1')).not.toContain(begun.secret);
    expect(JSON.stringify(row)).not.toContain(begun.secret);
  });

  async function staffRow(s: CentralServer, username: string): Promise<Record<string, unknown>> {
    const sql = `SELECT totp_secret, totp_pending, totp_last_step FROM staff WHERE username = '${username}'`;
    if (engine === 'sqlite') {
      const db = new Database(join(s.dataDir, SERVER_DB_FILE), { readonly: true });
      try { return db.prepare(sql).get() as Record<string, unknown>; } finally { db.close(); }
    }
    const client = new pg.Client({ connectionString: s.databaseUrl });
    await client.connect();
    try { return (await client.query(sql)).rows[0] as Record<string, unknown>; } finally { await client.end(); }
  }
});
