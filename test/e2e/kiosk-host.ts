// Test fixture: each test gets a fresh data directory and its own browser-host process (the real
// services, real SQLite, real renderer), started with --test so it cannot touch a real queue.
import { test as base, expect, type Page } from '@playwright/test';
import type { ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { endProcess, spawnUntilReady } from '../support/processes';

export interface KioskHost {
  readonly url: string;
  readonly dataDir: string;
  readonly process: ChildProcess;
  /** Ends the host the hard way: no shutdown handler, no final checkpoint. */
  kill(signal?: NodeJS.Signals): Promise<void>;
}

export async function startHost(dataDir: string, extraArgs: string[] = []): Promise<KioskHost> {
  const { child, url } = await spawnUntilReady(['electron/host/main.ts', '--test', '--data-dir', dataDir, ...extraArgs], 'KIOSK_HOST_READY', 'host');
  return { url, dataDir, process: child, kill: (signal = 'SIGKILL') => endProcess(child, signal) };
}

export const test = base.extend<{ dataDir: string; host: KioskHost }>({
  // eslint-disable-next-line no-empty-pattern -- Playwright fixtures take their deps as a pattern
  dataDir: async ({}, use) => {
    const dir = mkdtempSync(join(tmpdir(), 'kiosk-e2e-'));
    await use(dir);
    rmSync(dir, { recursive: true, force: true });
  },
  host: async ({ dataDir }, use) => {
    const host = await startHost(dataDir);
    await use(host);
    await host.kill('SIGTERM');
  },
});

export { expect };

/** Every request the page makes must stay on the host's loopback origin. */
export function recordForeignRequests(page: Page, origin: string): string[] {
  const foreign: string[] = [];
  page.on('request', (req) => {
    const url = req.url();
    if (!url.startsWith(origin) && !url.startsWith('data:') && !url.startsWith('blob:')) foreign.push(url);
  });
  return foreign;
}
