// Keeps the kiosk page alive without Electron in sight: the shell reports what happened to the
// renderer (gone, unresponsive, responsive) and this module decides — wipe the applicant's state and
// reload Welcome, force a hung page to crash after a grace period, or give up after too many reloads
// in a row and show the crash page. Invariants: every recovery wipes before it reloads; at most
// `maxReloads` reloads within any `windowMs`; nothing happens after give-up or dispose.
export interface WatchdogPolicy {
  /** How long a page Chromium already reported unresponsive may stay so before it is crashed. */
  readonly graceMs: number;
  /** Reloads allowed within `windowMs`; one more and the watchdog gives up. */
  readonly maxReloads: number;
  readonly windowMs: number;
  /** Kill a hung page at all (a developer paused in the debugger is "unresponsive" too). */
  readonly killHung: boolean;
}

export const DEFAULT_WATCHDOG_POLICY: WatchdogPolicy = { graceMs: 10_000, maxReloads: 3, windowMs: 60_000, killHung: true };

/** After a deliberate crash, the 'gone' that follows belongs to it if it arrives within this time. */
export const OWN_CRASH_MS = 10_000;

export interface WatchdogClock {
  now(): number;
  /** Runs `fn` after `ms`; returns a function that cancels it. */
  schedule(fn: () => void, ms: number): () => void;
}

export interface WatchdogHooks {
  /** Drops the applicant's in-memory state in the main process (challenges, tokens the page held). */
  wipe(): void;
  /** Loads Welcome afresh (a new renderer process when the old one is gone). */
  reload(): void;
  /** Kills the hung renderer process. */
  crash(): void;
  /** Too many reloads: show the crash page and stop; `reason` is for the log. */
  giveUp(reason: string): void;
}

/** Electron's RenderProcessGoneDetails['reason'], as a plain string so tests need no Electron. */
export type GoneReason = string;

export interface RendererWatchdog {
  gone(reason: GoneReason): void;
  unresponsive(): void;
  responsive(): void;
  /** The app is quitting: renderers going away now are expected. */
  dispose(): void;
}

export function createRendererWatchdog(hooks: WatchdogHooks, clock: WatchdogClock, policy: WatchdogPolicy = DEFAULT_WATCHDOG_POLICY): RendererWatchdog {
  const reloads: number[] = [];
  let cancelGrace: (() => void) | undefined;
  let ownCrashAt: number | undefined;
  let stopped = false;

  const stopGrace = (): void => {
    cancelGrace?.();
    cancelGrace = undefined;
  };

  const recover = (why: string): void => {
    stopGrace();
    hooks.wipe();
    const now = clock.now();
    while (reloads.length > 0 && (reloads[0] ?? 0) <= now - policy.windowMs) reloads.shift();
    if (reloads.length >= policy.maxReloads) {
      stopped = true;
      hooks.giveUp(`${why}: ${reloads.length + 1} recoveries within ${policy.windowMs} ms`);
      return;
    }
    reloads.push(now);
    hooks.reload();
  };

  return {
    gone(reason) {
      // 'clean-exit' is a renderer closing normally (window closing, app quitting), not a failure.
      if (stopped || reason === 'clean-exit') return;
      if (ownCrashAt !== undefined && clock.now() - ownCrashAt <= OWN_CRASH_MS) {
        ownCrashAt = undefined;
        return;
      }
      recover(`renderer gone (${reason})`);
    },
    unresponsive() {
      if (stopped || !policy.killHung || cancelGrace) return;
      cancelGrace = clock.schedule(() => {
        cancelGrace = undefined;
        if (stopped) return;
        // Set before crash(): Electron may report the 'gone' while crash() is still running.
        ownCrashAt = clock.now();
        hooks.crash();
        recover('renderer unresponsive');
      }, policy.graceMs);
    },
    responsive() {
      stopGrace();
    },
    dispose() {
      stopped = true;
      stopGrace();
    },
  };
}
