// The kiosk's wall clock jumps ±7 h (a wrong time zone set by hand, an NTP correction) and steps
// back: lifetimes run on the monotonic clock, so a challenge, a pass, an operator session and a
// walk-in assist token end on time, never later and never earlier; a pending record is sent at the next attempt. The wall
// and monotonic clocks are injected separately; the sync case runs the real engine against a real
// server process, with the whole kiosk process's Date moved (its signatures carry the wrong time too).
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CHALLENGE_TTL_MS, createChallengeService, PASS_TTL_MS } from '../../electron/services/captcha/challenge-service';
import { createKioskServices, type KioskServices } from '../../electron/services/kiosk-services';
import { dispatch } from '../../electron/services/dispatch';
import { replaceOperators, takeAttempt } from '../../electron/services/operators/operators-repo';
import { OPERATOR_IDLE_MS, OPERATOR_LOCKOUT } from '../../electron/services/operators/operator-sessions';
import { ASSIST_TTL_MS } from '../../electron/services/operators/assists';
import { outcomeOf } from '../../electron/services/sync/sync-repo';
import { createPasswordHash } from '../../node/crypto/password-hash';
import { openServerStore } from '../../server/store/open-store';
import { createEnrolCode } from '../../server/devices';
import { endProcess, spawnUntilReady } from '../support/processes';
import { startFaultProxy, type FaultProxy } from '../support/fault-proxy';
import { applicant, challenges, submission } from '../support/submissions';
import { useTempDirs } from './temp-dir';

const HOURS_7 = 7 * 3_600_000;
const tempDir = useTempDirs();
const cleanup: (() => Promise<void>)[] = [];
afterEach(async () => {
  vi.useRealTimers();
  for (const fn of cleanup.splice(0).reverse()) await fn();
});

/** A wall clock and a monotonic clock that tests move apart. */
function clocks() {
  const c = { wall: Date.now(), mono: 1_000 };
  return { c, now: () => c.wall, monotonic: () => c.mono };
}

describe('challenges and passes', () => {
  it('expire after their lifetime on the monotonic clock, whatever the wall clock does', () => {
    for (const jump of [HOURS_7, -HOURS_7]) {
      const { c, now, monotonic } = clocks();
      const service = createChallengeService({ now, monotonic, captchaText: () => 'AAAAA' });
      const a = service.create('image');
      const b = service.create('image');
      c.wall += jump;
      c.mono += CHALLENGE_TTL_MS / 2;
      // Half its life gone: a forward jump does not end it early.
      const verdict = service.answer(a.id, 'AAAAA');
      expect(verdict.ok).toBe(true);
      c.mono += CHALLENGE_TTL_MS / 2 + 1;
      // Its life is over: a backward jump does not extend it.
      expect(service.answer(b.id, 'AAAAA')).toEqual({ ok: false, reason: 'expired' });
      if (!verdict.ok) throw new Error('expected a pass');
      c.wall -= jump;
      c.mono += PASS_TTL_MS;
      expect(service.redeem(verdict.pass)).toBe(false);
    }
  });

  it('the expiry shown to the renderer is dated on the wall clock', () => {
    const { c, now, monotonic } = clocks();
    c.wall = Date.parse('2026-11-29T08:00:00Z');
    const shown = createChallengeService({ now, monotonic }).create('question').expiresAt;
    expect(shown).toBe(new Date(c.wall + CHALLENGE_TTL_MS).toISOString());
  });
});

describe('operator sessions', () => {
  it('end after the idle lifetime on the monotonic clock: a backward jump keeps none alive, a forward one ends none early', async () => {
    const { c, now, monotonic } = clocks();
    const kiosk = createKioskServices({ dataDir: tempDir(), challenges, operatorClock: now, monotonicClock: monotonic });
    cleanup.push(() => kiosk.close());
    replaceOperators(kiosk.db, [{ username: 'sari', displayName: null, passwordHash: await createPasswordHash('meja-layanan-depan-7'), disabled: false, updatedAt: new Date().toISOString() }]);
    const login = async (): Promise<string> => {
      const r = await dispatch(kiosk, 'kiosk:operator:login', { username: 'sari', password: 'meja-layanan-depan-7' });
      if (!r.envelope.ok) throw new Error('login failed');
      return (r.envelope.value as { session: string }).session;
    };
    const forward = await login();
    c.wall += HOURS_7;
    c.mono += OPERATOR_IDLE_MS - 1_000;
    expect(kiosk.operatorSessionLive(forward)).toBe(true);
    c.wall -= HOURS_7;

    const backward = await login();
    c.wall -= HOURS_7;
    c.mono += OPERATOR_IDLE_MS + 1;
    expect(kiosk.operatorSessionLive(backward)).toBe(false);
    c.wall += HOURS_7;
    expect(kiosk.operatorSessionLive(backward)).toBe(false);
  });
});

describe('walk-in assist tokens', () => {
  it('name the operator for their lifetime on the monotonic clock: the wall clock 7 h back extends none, 7 h ahead ends none early', async () => {
    const { c, now, monotonic } = clocks();
    const kiosk = createKioskServices({ dataDir: tempDir(), challenges, operatorClock: now, monotonicClock: monotonic });
    cleanup.push(() => kiosk.close());
    replaceOperators(kiosk.db, [{ username: 'sari', displayName: null, passwordHash: await createPasswordHash('meja-layanan-depan-7'), disabled: false, updatedAt: new Date().toISOString() }]);
    const login = await dispatch(kiosk, 'kiosk:operator:login', { username: 'sari', password: 'meja-layanan-depan-7' });
    if (!login.envelope.ok) throw new Error('login failed');
    const session = (login.envelope.value as { session: string }).session;
    const assist = async (): Promise<string> => {
      const r = await dispatch(kiosk, 'kiosk:operator:assist', { session });
      if (!r.envelope.ok) throw new Error('assist failed');
      return (r.envelope.value as { assist: string }).assist;
    };
    /** Who the record submitted with `token` names (not enrolled: sealed with the device key, so the kiosk can read it). */
    const assistedBy = async (i: number, token: string): Promise<string | undefined> => {
      const r = await kiosk.queue.submit(submission(applicant(i), { assist: token }));
      return kiosk.queue.readPayload(r.id).assistedBy;
    };
    const early = await assist();
    const late = await assist();
    // The whole process's Date moves, as a wrong time zone set by hand would move it.
    const real = Date.now();
    vi.useFakeTimers({ toFake: ['Date'] });

    vi.setSystemTime(real + HOURS_7);
    c.mono += ASSIST_TTL_MS - 1_000;
    expect(await assistedBy(1, early)).toBe('sari');

    vi.setSystemTime(real - HOURS_7);
    c.mono += 2_000;
    expect(await assistedBy(2, late)).toBeUndefined();
  });
});

describe('operator lockout', () => {
  it('a backward jump holds a locked name for at most one window, not for the hours the clock moved', () => {
    const db = createKioskServices({ dataDir: tempDir(), challenges }).db;
    let now = Date.parse('2026-11-29T08:00:00Z');
    for (let i = 0; i < OPERATOR_LOCKOUT.max; i += 1) expect(takeAttempt(db, 'sari', now, OPERATOR_LOCKOUT).ok).toBe(true);
    expect(takeAttempt(db, 'sari', now, OPERATOR_LOCKOUT)).toEqual({ ok: false, retryAfterMs: OPERATOR_LOCKOUT.windowMs });
    now -= HOURS_7;
    const locked = takeAttempt(db, 'sari', now, OPERATOR_LOCKOUT);
    expect(locked.ok).toBe(false);
    expect(locked.ok ? 0 : locked.retryAfterMs).toBeLessThanOrEqual(OPERATOR_LOCKOUT.windowMs);
    now += OPERATOR_LOCKOUT.windowMs;
    expect(takeAttempt(db, 'sari', now, OPERATOR_LOCKOUT).ok).toBe(true);
    db.close();
  });
});

describe('sync across clock jumps (real server process)', () => {
  const FAST = { probeIntervalMs: 200, backoffBaseMs: 20, backoffCapMs: 200, pauseMs: 200, uploadTimeoutMs: 3_000, probeTimeoutMs: 1_000 };
  let server: { child: Parameters<typeof endProcess>[0]; url: string };
  let serverDir: string;
  let proxy: FaultProxy;
  beforeAll(async () => {
    serverDir = mkdtempSync(join(tmpdir(), 'kiosk-clock-server-'));
    server = await spawnUntilReady(['server/main.ts', 'start', '--data-dir', serverDir, '--port', '0'], 'SERVER_READY', 'server');
    proxy = await startFaultProxy(() => Number(new URL(server.url).port));
  }, 30_000);
  afterAll(async () => {
    await proxy.close();
    await endProcess(server.child, 'SIGTERM');
    rmSync(serverDir, { recursive: true, force: true });
  });

  async function enrolledKiosk(clock?: { now: () => Date; monotonic: () => number }): Promise<KioskServices> {
    const store = await openServerStore({ dataDir: serverDir });
    const code = await createEnrolCode(store, new Date());
    await store.close();
    const kiosk = createKioskServices({ dataDir: tempDir(), challenges, sync: { ...FAST, ...(clock ? { clock } : {}) } });
    cleanup.push(() => kiosk.close());
    await kiosk.enrol(proxy.url, code);
    return kiosk;
  }

  it('a record that failed while the clock was 7 h ahead or behind is sent at the next attempt once it steps back', async () => {
    const kiosk = await enrolledKiosk();
    for (const [i, jump] of [[1, HOURS_7], [2, -HOURS_7]] as const) {
      const real = Date.now();
      vi.useFakeTimers({ toFake: ['Date'] });
      vi.setSystemTime(real + jump);
      const r = await kiosk.queue.submit(submission(applicant(900 + i)));
      // A gateway's bare 404 on this one upload: the record waits out a backoff dated on the jumped clock.
      proxy.refuseRecord = { id: r.id, status: 404 };
      await kiosk.sync.syncNow();
      proxy.refuseRecord = null;
      expect(outcomeOf(kiosk.db, r.id)?.state).toBe('pending');
      vi.useRealTimers();
      await kiosk.sync.syncNow();
      expect(outcomeOf(kiosk.db, r.id)?.state).toBe('acked');
    }
    expect(kiosk.sync.status()).toMatchObject({ pending: 0, rejected: 0, held: 0 });
  });

  it('the operators’ list is asked for again after its period on the monotonic clock, though the wall clock went back 7 h', async () => {
    // The engine's own clocks (the signatures keep the real time, so the server answers every pull).
    const clock = { wall: Date.now() + HOURS_7, mono: 0 };
    const kiosk = await enrolledKiosk({ now: () => new Date(clock.wall), monotonic: () => clock.mono });
    const issuedAt = (): unknown => kiosk.db.prepare(`SELECT issued_at FROM operator_list WHERE singleton = 1`).pluck().get();
    kiosk.sync.start();
    await kiosk.sync.syncNow();
    const first = issuedAt();
    expect(first).toBeTypeOf('string');
    // The clock steps back 7 h, and the pull's period passes.
    clock.wall -= HOURS_7;
    clock.mono += 5 * 60_000 + 1;
    // Cycles the engine runs itself (notify; syncNow always pulls).
    for (let i = 0; i < 20 && issuedAt() === first; i++) {
      kiosk.sync.notify();
      await new Promise((ok) => setTimeout(ok, 100));
    }
    expect(issuedAt()).not.toBe(first);
  });
});
