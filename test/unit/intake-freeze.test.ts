// The intake freeze (shared/intake.ts): which conditions close the applicant flow, with a real kiosk
// and a real central server for the two that come from sync — records waiting too long (the freeze
// lifts once a sync delivers them) and a device the server revoked.
import { afterEach, describe, expect, it } from 'vitest';
import { createKioskServices, type KioskServices } from '../../electron/services/kiosk-services';
import { dispatch } from '../../electron/services/dispatch';
import { DEFAULT_FREEZE_LIMITS, intakeOf } from '../../shared/intake';
import { ProfileSchema } from '../../shared/profile';
import type { SyncStatus } from '../../shared/sync/status';
import { startCentralServer, type CentralServer } from '../support/central-server';
import { testProfiles } from '../support/simulated-kiosk';
import { challenges, submission } from '../support/submissions';
import { SITI } from '../support/identities';
import { useTempDirs } from './temp-dir';

const tempDir = useTempDirs();
const cleanup: (() => Promise<void>)[] = [];
afterEach(async () => { for (const fn of cleanup.splice(0).reverse()) await fn(); });
const DAY = 86_400_000;
const FAST = { probeIntervalMs: 200, backoffBaseMs: 20, backoffCapMs: 200, probeTimeoutMs: 500 };

const status = (over: Partial<SyncStatus> = {}): SyncStatus => ({
  enrolled: true, online: true, pending: 0, rejected: 0, held: 0, awaitingDecision: 0, oldestPendingAt: null, lastSuccessAt: null,
  lastError: null, blockedBy: null, localError: null, warnAfterDays: 3, overdue: false, ...over,
});

describe('intake freeze rules', () => {
  const now = new Date('2026-11-29T10:00:00Z');
  it('closes for records waiting past the limit, low disk, a revoked device or a clock outside the window; unknown disk is no reason', () => {
    expect(intakeOf(status(), 10e9, DEFAULT_FREEZE_LIMITS, now)).toEqual({ open: true, reasons: [] });
    expect(intakeOf(status({ oldestPendingAt: new Date(now.getTime() - 6 * DAY).toISOString() }), 10e9, DEFAULT_FREEZE_LIMITS, now).open).toBe(true);
    expect(intakeOf(status({ oldestPendingAt: new Date(now.getTime() - 8 * DAY).toISOString() }), 10e9, DEFAULT_FREEZE_LIMITS, now).reasons).toEqual(['undelivered-too-long']);
    expect(intakeOf(status(), 100 * 1024 * 1024, DEFAULT_FREEZE_LIMITS, now).reasons).toEqual(['disk-low']);
    expect(intakeOf(status(), null, DEFAULT_FREEZE_LIMITS, now).open).toBe(true);
    expect(intakeOf(status({ blockedBy: 'revoked-device' }), 10e9, DEFAULT_FREEZE_LIMITS, now).reasons).toEqual(['device-revoked']);
    expect(intakeOf(status({ blockedBy: 'stale-request' }), 10e9, DEFAULT_FREEZE_LIMITS, now).reasons).toEqual(['clock-outside-window']);
    // A current server's answer to an unknown device is its answer to a bad signature, which a body
    // altered on the way also gets: shown to the operator, intake stays open. A server older than
    // issue 15 still says 'unknown-device', which closes it as before.
    expect(intakeOf(status({ blockedBy: 'bad-signature' }), 10e9, DEFAULT_FREEZE_LIMITS, now).open).toBe(true);
    expect(intakeOf(status({ blockedBy: 'unknown-device' }), 10e9, DEFAULT_FREEZE_LIMITS, now).reasons).toEqual(['device-revoked']);
    // A server that is merely unreachable does not close intake: the kiosk works offline.
    expect(intakeOf(status({ online: false, lastError: { code: 'server-unreachable', at: now.toISOString() } }), 10e9, DEFAULT_FREEZE_LIMITS, now).open).toBe(true);
  });

  it('takes its limits from the profile, with MOSIP-like defaults and bounds', () => {
    const base = testProfiles().get('sscasn');
    expect(ProfileSchema.parse({ ...base, intakeFreeze: undefined }).intakeFreeze).toEqual({ afterUndeliveredDays: 7, minFreeDiskMb: 500 });
    expect(ProfileSchema.safeParse({ ...base, intakeFreeze: { afterUndeliveredDays: 0 } }).success).toBe(false);
    expect(ProfileSchema.safeParse({ ...base, intakeFreeze: { minFreeDiskMb: 10 } }).success).toBe(false);
  });
});

describe('intake freeze on a kiosk', () => {
  async function setUp(): Promise<{ central: CentralServer; kiosk: KioskServices }> {
    const central = await startCentralServer(tempDir(), { profiles: testProfiles() });
    cleanup.push(() => central.stop().catch(() => undefined));
    const kiosk = createKioskServices({ dataDir: tempDir(), challenges, sync: FAST });
    cleanup.push(() => kiosk.close());
    return { central, kiosk };
  }

  it('closes while a record has waited more than a week, and opens again once a sync delivered it', async () => {
    const { central, kiosk } = await setUp();
    await kiosk.queue.submit(submission(SITI));
    const weekLater = new Date(Date.now() + 8 * DAY);
    const limits = kiosk.profile.intakeFreeze;
    expect(intakeOf(kiosk.sync.status(), 10e9, limits, weekLater)).toEqual({ open: false, reasons: ['undelivered-too-long'] });
    await kiosk.enrol(central.url, await central.enrolCode());
    for (let i = 0; i < 20 && kiosk.sync.status().pending > 0; i++) await kiosk.sync.syncNow();
    expect(intakeOf(kiosk.sync.status(), 10e9, limits, weekLater)).toEqual({ open: true, reasons: [] });
  });

  it('closes when the server revokes the device, and says so to the host', async () => {
    const { central, kiosk } = await setUp();
    await kiosk.enrol(central.url, await central.enrolCode());
    await central.store.revokeDevice(kiosk.deviceId, new Date().toISOString());
    await kiosk.queue.submit(submission(SITI));
    for (let i = 0; i < 20 && kiosk.sync.status().blockedBy === null; i++) await kiosk.sync.syncNow();
    expect((await dispatch(kiosk, 'kiosk:intake:status', undefined)).envelope).toMatchObject({ ok: true, value: { open: false, reasons: expect.arrayContaining(['device-revoked']) } });
  });
});
