// Test fixture: each test gets a fresh data directory and its own browser-host process (the real
// services, real SQLite, real renderer), started with --test so it cannot touch a real queue.
import { test as base, expect, type Page } from '@playwright/test';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const ROOT = resolve(import.meta.dirname, '..', '..');
const TSX = join(ROOT, 'node_modules', '.bin', 'tsx');

export interface KioskHost {
  readonly url: string;
  readonly dataDir: string;
  readonly process: ChildProcess;
  /** Ends the host the hard way: no shutdown handler, no final checkpoint. */
  kill(signal?: NodeJS.Signals): Promise<void>;
}

export async function startHost(dataDir: string, extraArgs: string[] = []): Promise<KioskHost> {
  const child = spawn(TSX, ['electron/host/main.ts', '--test', '--data-dir', dataDir, ...extraArgs], {
    cwd: ROOT,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const url = await new Promise<string>((ok, fail) => {
    const timer = setTimeout(() => fail(new Error(`host did not start:\n${output}`)), 20_000);
    const onData = (chunk: Buffer): void => {
      output += chunk.toString();
      const m = /KIOSK_HOST_READY (\S+)/.exec(output);
      if (m?.[1]) { clearTimeout(timer); ok(m[1]); }
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.once('exit', (code) => { clearTimeout(timer); fail(new Error(`host exited with ${code}:\n${output}`)); });
  });
  return {
    url,
    dataDir,
    process: child,
    kill: (signal = 'SIGKILL') => new Promise<void>((ok) => {
      if (child.exitCode !== null || child.signalCode !== null) { ok(); return; }
      child.once('exit', () => ok());
      child.kill(signal);
    }),
  };
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
