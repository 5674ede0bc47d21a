// Opens Chromium in app + kiosk mode when one is installed; otherwise the caller prints the URL.
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

export function openKioskWindow(executable: string, url: string, windowed: boolean): ChildProcess {
  const args = [
    `--app=${url}`,
    // Incognito: nothing the applicant typed survives in Chromium's profile (autofill, history, cache).
    '--incognito',
    '--no-first-run',
    '--no-default-browser-check',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
    '--disable-translate',
    '--disable-features=Translate,AutofillServerCommunication',
    ...(windowed ? [] : ['--kiosk']),
  ];
  const child = spawn(executable, args, { stdio: 'ignore', detached: false });
  child.on('error', () => undefined);
  return child;
}
