// The kiosk window the browser host opened itself, kept alive: each window gets a fresh throwaway
// profile and a fresh one-time launch code; a window that stops sending heartbeats (hung or
// crashed renderer, closed browser) is killed and replaced by a fresh one at Welcome, with every
// earlier session revoked and its profile deleted, so nothing of the last applicant survives.
import type { ChildProcess } from 'node:child_process';
import { createThrowawayProfile, type ThrowawayProfile } from './chromium-profile';
import { createLiveness } from './liveness';
import { openKioskWindow } from './open-browser';
import { log } from '../../node/log';

export interface KioskWindowOptions {
  readonly executable: string;
  readonly windowed: boolean;
  readonly launchUrl: () => string;
  readonly revokeSessions: () => void;
  readonly timeoutMs?: number;
  readonly startGraceMs?: number;
  readonly checkEveryMs?: number;
  readonly extraArgs?: readonly string[];
  readonly profileParent?: string;
}

export interface KioskWindow {
  /** The page's heartbeat reached the host. */
  heartbeat(): void;
  /** How many windows were opened so far (1 + relaunches). */
  readonly opened: number;
  readonly profileDir: string;
  readonly pid: number | undefined;
  close(): Promise<void>;
}

/** Ends the window's whole process group (openKioskWindow makes Chromium its leader). */
function kill(child: ChildProcess): Promise<void> {
  return new Promise((ok) => {
    const group = (): void => {
      try { if (child.pid !== undefined) process.kill(-child.pid, 'SIGKILL'); } catch { /* the group is gone */ }
    };
    // Never started (spawn failed: no 'exit' will come) or already ended.
    if (child.pid === undefined || child.exitCode !== null || child.signalCode !== null) { group(); ok(); return; }
    child.once('exit', () => { group(); ok(); });
    group();
  });
}

export function superviseKioskWindow(options: KioskWindowOptions): KioskWindow {
  const liveness = createLiveness({ timeoutMs: options.timeoutMs ?? 20_000, startGraceMs: options.startGraceMs ?? 30_000, now: Date.now });
  let opened = 0;
  let profile: ThrowawayProfile;
  let child: ChildProcess;
  let replacing = false;
  let closed = false;
  let replacement: Promise<void> = Promise.resolve();

  const open = (): void => {
    profile = createThrowawayProfile(options.profileParent);
    child = openKioskWindow(options.executable, {
      url: options.launchUrl(), userDataDir: profile.dir, windowed: options.windowed, extra: options.extraArgs ?? [],
    });
    opened += 1;
    liveness.opened();
  };

  const closeCurrent = async (): Promise<void> => {
    liveness.stopped();
    options.revokeSessions();
    await kill(child);
    profile.remove();
  };

  const timer = setInterval(() => {
    if (replacing || !liveness.isDead()) return;
    replacing = true;
    log.warn('host.window-unresponsive', { opened });
    replacement = closeCurrent()
      .then(() => { if (!closed) open(); }, () => undefined)
      .finally(() => { replacing = false; });
  }, options.checkEveryMs ?? 1_000);
  timer.unref();

  // Should the host exit without close() (an uncaught error, process.exit), the window and its
  // profile still go: synchronously, as 'exit' handlers must.
  const onExit = (): void => {
    try { if (child.pid !== undefined) process.kill(-child.pid, 'SIGKILL'); } catch { /* already gone */ }
    profile.remove();
  };
  process.once('exit', onExit);

  open();
  return {
    heartbeat: () => liveness.beat(),
    get opened() { return opened; },
    get profileDir() { return profile.dir; },
    get pid() { return child.pid; },
    async close() {
      closed = true;
      process.off('exit', onExit);
      clearInterval(timer);
      await replacement;
      await closeCurrent();
    },
  };
}
