// What the Electron shell locks down, decided in one place from the command line: a kiosk
// (the default) traps the applicant in the page; --windowed is a developer's window and traps nothing.
import { DEFAULT_WATCHDOG_POLICY, type WatchdogPolicy } from './renderer-watchdog';

export interface ShellPolicy {
  /** Full-screen kiosk window (no frame, no task switcher entry on most desktops). */
  readonly kiosk: boolean;
  /** Drop the key combinations of shortcuts.ts before the page sees them. */
  readonly blockShortcuts: boolean;
  /** Refuse to close the window unless the app itself is quitting. */
  readonly preventClose: boolean;
  /** powerSaveBlocker 'prevent-display-sleep' for the app's lifetime. */
  readonly keepDisplayAwake: boolean;
  /**
   * Pinch zoom pinned off (visual zoom limits 1..1) on every load. Electron already defaults to that;
   * this only keeps it so should the default change. Keyboard zoom is in shortcuts.ts.
   */
  readonly lockZoom: boolean;
  /** Developer tools can be opened at all. */
  readonly devTools: boolean;
  readonly watchdog: WatchdogPolicy;
}

export function shellPolicy(argv: readonly string[]): ShellPolicy {
  const kiosk = !argv.includes('--windowed');
  return {
    kiosk,
    blockShortcuts: kiosk,
    preventClose: kiosk,
    keepDisplayAwake: kiosk,
    lockZoom: kiosk,
    devTools: !kiosk,
    // A crashed page is reloaded in both; only a kiosk kills a hung one (a paused debugger hangs it)
    // and, having given up, exits for its supervisor to restart it (a developer's crash page stays).
    watchdog: { ...DEFAULT_WATCHDOG_POLICY, killHung: kiosk, exitAfterGiveUpMs: kiosk ? DEFAULT_WATCHDOG_POLICY.exitAfterGiveUpMs : undefined },
  };
}
