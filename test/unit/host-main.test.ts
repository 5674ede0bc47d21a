// The browser host's command line, as a process: what it prints on stdout and the window it opens.
// Chromium here has no display: a wrapper runs it headless, as KIOSK_CHROMIUM names it.
import { describe, expect, it } from 'vitest';
import { execFileSync, type ChildProcess } from 'node:child_process';
import { chmodSync, existsSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { endProcess, spawnTs } from '../support/processes';
import { CHROMIUM_ARGS, systemChromium } from '../support/chromium';
import { useTempDirs } from './temp-dir';

const tempDir = useTempDirs();

/** Starts the host and resolves with everything it printed up to its KIOSK_HOST_READY line. */
function startMain(args: string[], env: NodeJS.ProcessEnv = {}): Promise<{ child: ChildProcess; output: string; url: string }> {
  const child = spawnTs(['electron/host/main.ts', ...args], { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, ...env } });
  return new Promise((ok, fail) => {
    let output = '';
    child.stdout?.on('data', (d: Buffer) => {
      output += d.toString();
      const m = /KIOSK_HOST_READY (\S+)/.exec(output);
      if (m?.[1]) ok({ child, output, url: m[1] });
    });
    child.once('exit', (code) => fail(new Error(`host exited with ${code}: ${output}`)));
  });
}

describe('the browser host command', () => {
  it('without a browser to open, prints the launch link with its one-time code and says it works once', async () => {
    const { child, output, url } = await startMain(['--no-open', '--data-dir', join(tempDir(), 'data')]);
    try {
      expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/#launch=[A-Za-z0-9_-]{43}$/);
      expect(output).toContain('the link works once');
    } finally {
      await endProcess(child, 'SIGTERM');
    }
  });

  it('opening Chromium itself, prints the URL without a code, and on SIGTERM ends the window and deletes its profile', async () => {
    const dir = tempDir();
    const wrapper = join(dir, 'chromium-headless');
    writeFileSync(wrapper, `#!/bin/sh\nexec ${systemChromium ?? 'chromium'} ${CHROMIUM_ARGS.join(' ')} --headless "$@"\n`);
    chmodSync(wrapper, 0o755);
    const { child, url } = await startMain(['--data-dir', join(dir, 'data')], { DISPLAY: ':99', KIOSK_CHROMIUM: wrapper, TMPDIR: dir });
    expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/$/);
    const profiles = (): string[] => readdirSync(dir).filter((n) => n.startsWith('kiosk-chromium-'));
    expect(profiles()).toHaveLength(1);
    const profile = join(dir, profiles()[0] ?? '');
    expect(existsSync(join(profile, 'Default', 'Preferences'))).toBe(true);
    await endProcess(child, 'SIGTERM');
    expect(child.exitCode).toBe(0);
    expect(existsSync(profile)).toBe(false);
    // No live Chromium process runs on that profile any more (zombies aside: nothing reaps them here).
    const live = execFileSync('ps', ['-eo', 'stat=,args=']).toString().split('\n').filter((l) => l.includes(profile) && !l.trim().startsWith('Z'));
    expect(live).toEqual([]);
  });
});
