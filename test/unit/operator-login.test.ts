// Operators on the kiosk, offline: the accounts the central server sent (hashes only) let an
// operator in with no link; five failures lock the typed name for 15 minutes (across restarts); a
// session lives in the kiosk process only and ends on logout or after five idle minutes; every
// operator channel but login is refused without a live session — over IPC (ipc.ts with a stand-in
// ipcMain) and over the browser host's HTTP bridge — before its input is even parsed.
import { afterEach, describe, expect, it } from 'vitest';
import type { IpcMain, IpcMainInvokeEvent } from 'electron';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createKioskServices, type KioskServices } from '../../electron/services/kiosk-services';
import { dispatch } from '../../electron/services/dispatch';
import { registerIpc } from '../../electron/ipc';
import { startHostServer } from '../../electron/host/server';
import { apiHeaders, openSession } from '../support/host-client';
import { listKioskAudit, replaceOperators } from '../../electron/services/operators/operators-repo';
import { OPERATOR_IDLE_MS, OPERATOR_LOCKOUT } from '../../electron/services/operators/operator-sessions';
import { createPasswordHash } from '../../node/crypto/password-hash';
import { OPERATOR_CHANNELS, isGatedChannel } from '../../shared/channels';
import { useTempDirs } from './temp-dir';
import { startCentralServer } from '../support/central-server';
import { testProfiles } from '../support/simulated-kiosk';
import { StaffBrowser } from '../support/staff-browser';
import { createAdmin } from '../../server/staff/create-admin';
import { auditTrail } from '../../server/staff/audit-trail';

const tempDir = useTempDirs();
const open: KioskServices[] = [];
afterEach(async () => { for (const s of open.splice(0)) await s.close(); });
const PASSWORD = 'meja-layanan-depan-7';

async function kiosk(dataDir = tempDir(), clock = { ms: Date.now() }) {
  const services = createKioskServices({ dataDir, operatorClock: () => clock.ms });
  open.push(services);
  return { services, clock, dataDir };
}

async function withOperators(services: KioskServices) {
  replaceOperators(services.db, [
    { username: 'sari', displayName: 'Sari Wulandari', passwordHash: await createPasswordHash(PASSWORD), disabled: false, updatedAt: new Date().toISOString() },
    { username: 'budi', displayName: null, passwordHash: await createPasswordHash(PASSWORD), disabled: true, updatedAt: new Date().toISOString() },
  ]);
}

const login = (s: KioskServices, username: string, password: string) => dispatch(s, 'kiosk:operator:login', { username, password });
const codeOf = (r: Awaited<ReturnType<typeof dispatch>>) => (r.envelope.ok ? 'ok' : r.envelope.error.code);

describe('operator login on the kiosk', () => {
  it('checks the password against the synced hash offline; a disabled or unknown name is the same refusal', async () => {
    const { services } = await kiosk();
    await withOperators(services);
    const ok = await login(services, 'Sari', PASSWORD);
    expect(ok.envelope).toMatchObject({ ok: true, value: { username: 'sari', displayName: 'Sari Wulandari', idleSeconds: 300 } });
    expect(codeOf(await login(services, 'sari', 'salah'))).toBe('operator-login');
    expect(codeOf(await login(services, 'budi', PASSWORD))).toBe('operator-login');
    expect(codeOf(await login(services, 'tidak-ada', PASSWORD))).toBe('operator-login');
    const trail = listKioskAudit(services.db, 10);
    expect(trail.map((e) => e.action)).toContain('operator.login');
    expect(JSON.stringify(trail)).not.toContain(PASSWORD);
    expect(JSON.stringify(trail)).not.toContain('tidak-ada');
  });

  it('locks a typed name after five failures for 15 minutes, across a restart, right password or not', async () => {
    const first = await kiosk();
    await withOperators(first.services);
    for (let i = 0; i < OPERATOR_LOCKOUT.max; i++) expect(codeOf(await login(first.services, 'sari', `salah-${i}`))).toBe('operator-login');
    expect(codeOf(await login(first.services, 'sari', PASSWORD))).toBe('operator-locked');
    await first.services.close();
    open.splice(0);
    const again = await kiosk(first.dataDir, first.clock);
    expect(codeOf(await login(again.services, 'sari', PASSWORD))).toBe('operator-locked');
    again.clock.ms += OPERATOR_LOCKOUT.windowMs + 1;
    expect(codeOf(await login(again.services, 'sari', PASSWORD))).toBe('ok');
  });

  it('gates every operator channel but login on a live session, which ends on logout and after five idle minutes', async () => {
    const { services, clock } = await kiosk();
    await withOperators(services);
    const gated = OPERATOR_CHANNELS.filter(isGatedChannel);
    expect(gated).toHaveLength(OPERATOR_CHANNELS.length - 1);
    for (const channel of gated) {
      for (const input of [undefined, {}, { session: 'x'.repeat(43) }, { session: 42 }]) {
        const r = await dispatch(services, channel, input);
        expect([channel, r.status, codeOf(r)]).toEqual([channel, 'unauthorized', 'operator-session']);
      }
    }
    const session = (await login(services, 'sari', PASSWORD)).envelope;
    if (!session.ok) throw new Error('no session');
    const token = (session.value as { session: string }).session;
    expect(codeOf(await dispatch(services, 'kiosk:operator:dashboard', { session: token }))).toBe('ok');
    clock.ms += OPERATOR_IDLE_MS - 1_000;
    expect(codeOf(await dispatch(services, 'kiosk:operator:records', { session: token }))).toBe('ok');
    clock.ms += OPERATOR_IDLE_MS + 1;
    expect(codeOf(await dispatch(services, 'kiosk:operator:dashboard', { session: token }))).toBe('operator-session');
    const next = (await login(services, 'sari', PASSWORD)).envelope;
    if (!next.ok) throw new Error('no session');
    const second = (next.value as { session: string }).session;
    expect(codeOf(await dispatch(services, 'kiosk:operator:logout', { session: second }))).toBe('ok');
    expect(codeOf(await dispatch(services, 'kiosk:operator:dashboard', { session: second }))).toBe('operator-session');
    expect(listKioskAudit(services.db, 20).map((e) => e.action)).toEqual(expect.arrayContaining(['operator.idle-logout', 'operator.logout']));
  });

  it('refuses an applicant page every operator channel over IPC and over HTTP', async () => {
    const { services, dataDir } = await kiosk();
    const handlers = new Map<string, (event: IpcMainInvokeEvent, input: unknown) => Promise<unknown>>();
    registerIpc({ handle: (c: string, fn: never) => { handlers.set(c, fn); } } as unknown as IpcMain, services);
    const appPage = { senderFrame: { url: 'app://kiosk/index.html', parent: null } } as unknown as IpcMainInvokeEvent;
    const rendererDir = join(dataDir, 'renderer');
    mkdirSync(rendererDir, { recursive: true });
    writeFileSync(join(rendererDir, 'index.html'), '<!doctype html><title>k</title>');
    const host = await startHostServer(services, { rendererDir });
    try {
      const cookie = await openSession(host);
      for (const channel of OPERATOR_CHANNELS.filter(isGatedChannel)) {
        expect(await handlers.get(channel)?.(appPage, { session: 'x'.repeat(43) })).toMatchObject({ ok: false, error: { code: 'operator-session' } });
        const res = await fetch(`${host.url}api/${channel}`, {
          method: 'POST', headers: apiHeaders(cookie), body: JSON.stringify({ input: {} }),
        });
        expect([channel, res.status]).toEqual([channel, 401]);
      }
    } finally {
      await host.close();
    }
  });

  it('gets the accounts from the central server through sync, signed: a new one logs in offline, a disabled one no longer does', async () => {
    const central = await startCentralServer(tempDir(), { profiles: testProfiles() });
    const kioskDir = tempDir();
    const fast = { probeIntervalMs: 200, backoffBaseMs: 20, backoffCapMs: 200, probeTimeoutMs: 500 };
    try {
      await createAdmin(central.store.staff, auditTrail(central.store.staff, central.keys), 'admin', 'kunci-rahasia-kantor-2026', new Date());
      const admin = new StaffBrowser(central.url);
      await admin.login('admin', 'kunci-rahasia-kantor-2026');
      expect((await admin.call('POST', '/operators', { username: 'sari', displayName: 'Sari Wulandari', password: PASSWORD })).status).toBe(201);
      const services = createKioskServices({ dataDir: kioskDir, sync: fast });
      open.push(services);
      expect(codeOf(await login(services, 'sari', PASSWORD))).toBe('operator-login');
      await services.enrol(central.url, await central.enrolCode());
      await services.sync.syncNow();
      // The link goes down; the operator logs in all the same.
      await central.stop();
      expect((await login(services, 'sari', PASSWORD)).envelope).toMatchObject({ ok: true, value: { displayName: 'Sari Wulandari' } });
    } finally {
      await central.stop().catch(() => undefined);
    }
    const again = await startCentralServer(central.dataDir, { profiles: testProfiles(), port: central.port });
    try {
      const admin = new StaffBrowser(again.url);
      await admin.login('admin', 'kunci-rahasia-kantor-2026');
      expect((await admin.call('POST', '/operators/sari/disable')).status).toBe(204);
      for (const s of open.splice(0)) await s.close();
      // A restart pulls the list again (once per start, then every five minutes).
      const restarted = createKioskServices({ dataDir: kioskDir, sync: fast });
      open.push(restarted);
      await restarted.sync.syncNow();
      expect(codeOf(await login(restarted, 'sari', PASSWORD))).toBe('operator-login');
      // The kiosk's own trail reached the audit trail, each entry once (sent again, added nothing).
      const kioskEntries = async () => (await again.store.staff.listAudit(Number.MAX_SAFE_INTEGER, 200)).filter((e) => e.action.startsWith('kiosk.operator.'));
      await restarted.sync.syncNow();
      const trail = await kioskEntries();
      expect(trail.find((e) => e.action === 'kiosk.operator.login')).toMatchObject({ actor: 'sari@kiosk', subject: restarted.deviceId });
      await restarted.sync.syncNow();
      expect(await kioskEntries()).toHaveLength(trail.length);
      expect(JSON.stringify(trail)).not.toContain(PASSWORD);
    } finally {
      await again.stop();
    }
  });
});
