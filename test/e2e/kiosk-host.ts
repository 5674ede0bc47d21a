// Test fixture: each test gets a fresh data directory and its own browser-host process (the real
// services, real SQLite, real renderer), started with --test so it cannot touch a real queue.
import type { ServerProcess } from './server-process';
import { test as base, expect, type Page } from '@playwright/test';
import type { ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { endProcess, spawnUntilReady } from '../support/processes';

export interface KioskHost {
  /** The launch URL: opens the kiosk once, with a one-time code in its fragment (a reload keeps the session). */
  readonly url: string;
  /** http://127.0.0.1:PORT */
  readonly origin: string;
  readonly dataDir: string;
  readonly process: ChildProcess;
  /** Ends the host the hard way: no shutdown handler, no final checkpoint. */
  kill(signal?: NodeJS.Signals): Promise<void>;
}

export async function startHost(dataDir: string, extraArgs: string[] = []): Promise<KioskHost> {
  const { child, url } = await spawnUntilReady(['electron/host/main.ts', '--test', '--data-dir', dataDir, ...extraArgs], 'KIOSK_HOST_READY', 'host');
  return { url, origin: new URL(url).origin, dataDir, process: child, kill: (signal = 'SIGKILL') => endProcess(child, signal) };
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

/**
 * What a test that talks to a central server starts: the server's data directory (made before each
 * test, removed after), and the server process and kiosk host it started (stopped after, host first).
 */
export interface TestProcesses {
  serverDir: string;
  server: ServerProcess | undefined;
  host: KioskHost | undefined;
}

export function processesPerTest(): TestProcesses {
  const run: TestProcesses = { serverDir: '', server: undefined, host: undefined };
  test.beforeEach(() => { run.serverDir = mkdtempSync(join(tmpdir(), 'kiosk-e2e-server-')); });
  test.afterEach(async () => {
    await run.host?.kill('SIGTERM');
    await run.server?.stop();
    run.host = undefined;
    run.server = undefined;
    rmSync(run.serverDir, { recursive: true, force: true });
  });
  return run;
}
