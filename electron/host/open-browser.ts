// Opens Chromium in app + kiosk mode on a throwaway profile when one is installed; otherwise the
// caller prints the launch URL.
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { delimiter, join } from 'node:path';

const CANDIDATES = ['chromium', 'chromium-browser', 'google-chrome', 'google-chrome-stable', 'microsoft-edge'];

export function findChromium(env: NodeJS.ProcessEnv = process.env): string | undefined {
  if (env.KIOSK_CHROMIUM && existsSync(env.KIOSK_CHROMIUM)) return env.KIOSK_CHROMIUM;
  for (const dir of (env.PATH ?? '').split(delimiter)) {
    for (const name of CANDIDATES) {
      const candidate = join(dir, name);
      if (existsSync(candidate)) return candidate;
    }
  }
  return undefined;
}

export function hasDisplay(env: NodeJS.ProcessEnv = process.env): boolean {
  return process.platform !== 'linux' || Boolean(env.DISPLAY || env.WAYLAND_DISPLAY);
}

export interface KioskWindowArgs {
  readonly url: string;
  readonly userDataDir: string;
  readonly windowed: boolean;
  /** More flags (tests: --headless, --no-sandbox). */
  readonly extra?: readonly string[];
}

/** The command line of a kiosk window. */
export function kioskArgs({ url, userDataDir, windowed, extra = [] }: KioskWindowArgs): string[] {
  return [
    `--user-data-dir=${userDataDir}`,
    // Incognito on top of the throwaway profile: the session's cache, cookies and history stay in
    // memory; the profile's Preferences still apply to it.
    '--incognito',
    '--disable-extensions',
    '--no-first-run',
    '--no-default-browser-check',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
    '--disable-translate',
    '--disable-features=Translate,AutofillServerCommunication',
    // The heartbeat timer must keep its pace even in a hidden or covered (--windowed) window.
    '--disable-background-timer-throttling',
    '--disable-renderer-backgrounding',
    '--disable-backgrounding-occluded-windows',
    ...(windowed ? [] : ['--kiosk']),
    ...extra,
    `--app=${url}`,
  ];
}

export function openKioskWindow(executable: string, args: KioskWindowArgs): ChildProcess {
  // A process group of its own: the window is ended as a whole (browser, zygotes, renderers), so
  // no straggler still writes into the profile when it is deleted.
  const child = spawn(executable, kioskArgs(args), { stdio: 'ignore', detached: true });
  child.on('error', () => undefined);
  return child;
}
