// The Chromium the end-to-end tests and the start benchmark drive: Debian's where it is installed
// (CI, offline machines), else Playwright's own browser on a developer laptop. The flags keep
// Chromium from calling home on a closed network.
import { existsSync } from 'node:fs';

export const systemChromium = ['/usr/bin/chromium', '/usr/bin/chromium-browser'].find((p) => existsSync(p));

export const CHROMIUM_ARGS: readonly string[] = [
  '--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--disable-background-networking',
  '--disable-component-update', '--disable-sync', '--disable-default-apps', '--disable-domain-reliability',
  '--disable-breakpad', '--no-first-run', '--no-default-browser-check', '--disable-quic',
];

/** Playwright launch options: the system Chromium when there is one, the flags plus `extra`. */
export const launchOptions = (extra: readonly string[] = []) => ({
  ...(systemChromium ? { executablePath: systemChromium } : {}), args: [...CHROMIUM_ARGS, ...extra],
});
