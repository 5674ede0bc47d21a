// Keeps the kiosk page alive without Electron in sight: the shell reports what happened to the
// renderer (gone, unresponsive, responsive) and this module decides — wipe the applicant's state and
// reload Welcome, force a hung page to crash after a grace period, or give up after too many reloads
// in a row, show the crash page and, where the policy says so, end the process a little later so its
// supervisor starts it afresh. Invariants: every recovery wipes before it reloads; at most
// `maxReloads` reloads within any `windowMs`; nothing but that one exit happens after give-up, and
// nothing at all after dispose.
export interface WatchdogPolicy {
  /** How long a page Chromium already reported unresponsive may stay so before it is crashed. */
  readonly graceMs: number;
  /** Reloads allowed within `windowMs`; one more and the watchdog gives up. */
  readonly maxReloads: number;
  readonly windowMs: number;
  /** Kill a hung page at all (a developer paused in the debugger is "unresponsive" too). */
  readonly killHung: boolean;
  /**
   * After giving up, how long the crash page shows before the process exits with a failure, so the
   * systemd unit (Restart=on-failure) or the Windows supervisor starts the kiosk again; undefined:
   * the crash page stays until someone closes the window (--windowed).
   */
  readonly exitAfterGiveUpMs: number | undefined;
}

export const DEFAULT_WATCHDOG_POLICY: WatchdogPolicy = { graceMs: 10_000, maxReloads: 3, windowMs: 60_000, killHung: true, exitAfterGiveUpMs: 15_000 };

/**
 * After a deliberate crash, how long to wait for Chromium's 'gone' before reloading anyway. The 'gone'
 * normally follows the kill at once; without it (Chromium never reported the old process's death) a
 * hung page must not stay on screen.
 */
export const OWN_CRASH_FALLBACK_MS = 5_000;

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
  /** Kills the hung renderer process; Chromium reports it 'gone' (possibly before this returns). */
  crash(): void;
  /** Too many reloads: show the crash page and stop; `reason` is for the log. */
  giveUp(reason: string): void;
  /** `exitAfterGiveUpMs` after giving up: close what is open and end the process with a failure. */
  exit(reason: string): void;
}

/** Electron's RenderProcessGoneDetails['reason'], as a plain string so tests need no Electron. */
export type GoneReason = string;

export interface RendererWatchdog {
  gone(reason: GoneReason): void;
  unresponsive(): void;
  responsive(): void;
  /** The app is quitting: renderers going away now are expected, and no give-up exit is due. */
  dispose(): void;
}

export function createRendererWatchdog(hooks: WatchdogHooks, clock: WatchdogClock, policy: WatchdogPolicy = DEFAULT_WATCHDOG_POLICY): RendererWatchdog {
  const reloads: number[] = [];
  let cancelGrace: (() => void) | undefined;
  // Set from our own crash() until the first 'gone' after it, or the fallback, recovers the page.
  let cancelOwnCrash: (() => void) | undefined;
  let cancelExit: (() => void) | undefined;
  let stopped = false;

  const stopGrace = (): void => {
    cancelGrace?.();
    cancelGrace = undefined;
  };
  const stopOwnCrash = (): void => {
    cancelOwnCrash?.();
    cancelOwnCrash = undefined;
  };

  const recover = (why: string): void => {
    stopGrace();
    stopOwnCrash();
    hooks.wipe();
    const now = clock.now();
    while (reloads.length > 0 && (reloads[0] ?? 0) <= now - policy.windowMs) reloads.shift();
    if (reloads.length >= policy.maxReloads) {
      stopped = true;
      const reason = `${why}: ${reloads.length + 1} recoveries within ${policy.windowMs} ms`;
      hooks.giveUp(reason);
      if (policy.exitAfterGiveUpMs !== undefined) {
        cancelExit = clock.schedule(() => {
          cancelExit = undefined;
          hooks.exit(reason);
        }, policy.exitAfterGiveUpMs);
      }
      return;
    }
    reloads.push(now);
    hooks.reload();
  };

  return {
    gone(reason) {
      if (stopped) return;
      // The first 'gone' after our own crash is that crash, whenever it comes and whatever its
      // reason: it, not the kill, drives the reload, so the page never loads into a dying process.
      if (cancelOwnCrash) {
        recover(`renderer unresponsive (killed: ${reason})`);
        return;
      }
      // 'clean-exit' is a renderer closing normally (window closing, app quitting), not a failure.
      if (reason === 'clean-exit') return;
      recover(`renderer gone (${reason})`);
    },
    unresponsive() {
      if (stopped || !policy.killHung || cancelGrace || cancelOwnCrash) return;
      cancelGrace = clock.schedule(() => {
        cancelGrace = undefined;
        if (stopped) return;
        // Armed before crash(): Electron may report the 'gone' while crash() is still running (that
        // 'gone' recovers at once and cancels the fallback).
        cancelOwnCrash = clock.schedule(() => {
          cancelOwnCrash = undefined;
          recover('renderer unresponsive (no report of its end after the kill)');
        }, OWN_CRASH_FALLBACK_MS);
        hooks.crash();
      }, policy.graceMs);
    },
    responsive() {
      stopGrace();
    },
    dispose() {
      stopped = true;
      stopGrace();
      stopOwnCrash();
      cancelExit?.();
      cancelExit = undefined;
    },
  };
}
