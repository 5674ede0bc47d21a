// The Chromium the browser host opens, for real (/usr/bin/chromium, headless): the throwaway
// profile's preferences as Chromium reads them, DevTools refused, the profile deleted with the
// window, and a crashed renderer replaced by a fresh window with a fresh launch code.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { chromium } from '@playwright/test';
import { execFileSync, spawn } from 'node:child_process';
import { existsSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createThrowawayProfile } from '../../electron/host/chromium-profile';
import { superviseKioskWindow, type KioskWindow } from '../../electron/host/kiosk-window';
import { startHostServer, type HostServer } from '../../electron/host/server';
import { createKioskServices, type KioskServices } from '../../electron/services/kiosk-services';
import { appPaths } from '../../electron/services/app-paths';
import { CHROMIUM_ARGS, systemChromium } from '../support/chromium';
import { useTempDirs } from './temp-dir';

const tempDir = useTempDirs();
const executable = systemChromium ?? chromium.executablePath();
const cleanup: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  // Every step runs even if one fails: a window left running would feed the next test heartbeats.
  const results = await Promise.allSettled(cleanup.splice(0).reverse().map(async (f) => { await f(); }));
  for (const r of results) if (r.status === 'rejected') throw r.reason;
});

type PrefNode = { value?: unknown } & Record<string, unknown>;
/** A preference's effective value from chrome://prefs-internals ({"a": {"b": {"value": …}}}). */
const pref = (all: PrefNode, path: string): unknown =>
  (path.split('.').reduce<unknown>((node, key) => (node as Record<string, unknown> | undefined)?.[key], all) as PrefNode | undefined)?.value;

/** Chromium's processes under `pid` (ps, one call). */
function descendants(pid: number): { pid: number; args: string }[] {
  const rows = execFileSync('ps', ['-eo', 'pid=,ppid=,args=']).toString().trim().split('\n').map((l) => /^\s*(\d+)\s+(\d+)\s+(.*)$/.exec(l)).filter((m) => m !== null);
  const found: { pid: number; args: string }[] = [];
  const parents = new Set([pid]);
  for (let grew = true; grew;) {
    grew = false;
    for (const [, p, pp, args] of rows) {
      if (parents.has(Number(pp)) && !parents.has(Number(p))) { parents.add(Number(p)); found.push({ pid: Number(p), args: args ?? '' }); grew = true; }
    }
  }
  return found;
}

/** Processes of process group `pgid` that are not zombies. */
const liveInGroup = (pgid: number): string[] =>
  execFileSync('ps', ['-eo', 'pgid=,stat=,args=']).toString().split('\n')
    .filter((l) => l.trim().split(/\s+/)[0] === String(pgid) && !l.trim().split(/\s+/)[1]?.startsWith('Z'));

describe('the throwaway Chromium profile', () => {
  it('is a 0700 directory whose password manager, autofill, translation and downloads Chromium reads as off', async () => {
    const profile = createThrowawayProfile(tempDir());
    cleanup.push(() => profile.remove());
    expect(statSync(profile.dir).mode & 0o777).toBe(0o700);
    // Playwright drives Chromium over the DevTools protocol, which devtools.availability = 2 refuses
    // (next test): read every other preference from a copy without it.
    const file = join(profile.dir, 'Default', 'Preferences');
    const { devtools, ...rest } = JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>;
    expect(devtools).toEqual({ availability: 2 });
    writeFileSync(file, JSON.stringify(rest));
    const context = await chromium.launchPersistentContext(profile.dir, { executablePath: executable, args: [...CHROMIUM_ARGS, '--disable-extensions'] });
    cleanup.push(() => context.close());
    const page = context.pages()[0] ?? await context.newPage();
    await page.goto('chrome://prefs-internals');
    const prefs = JSON.parse(await page.locator('body').innerText()) as PrefNode;
    expect({
      passwords: pref(prefs, 'credentials_enable_service'),
      autoSignIn: pref(prefs, 'credentials_enable_autosignin'),
      addresses: pref(prefs, 'autofill.profile_enabled'),
      cards: pref(prefs, 'autofill.credit_card_enabled'),
      translate: pref(prefs, 'translate.enabled'),
      downloadPrompt: pref(prefs, 'download.prompt_for_download'),
      downloads: pref(prefs, 'download_restrictions'),
    }).toEqual({ passwords: false, autoSignIn: false, addresses: false, cards: false, translate: false, downloadPrompt: false, downloads: 3 });
  });

  it('refuses DevTools: with devtools.availability = 2 no debugger can attach to a page (without it one can)', async () => {
    const attachable = async (withPref: boolean): Promise<number> => {
      const profile = createThrowawayProfile(tempDir());
      if (!withPref) {
        const file = join(profile.dir, 'Default', 'Preferences');
        const { devtools: _dropped, ...rest } = JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>;
        writeFileSync(file, JSON.stringify(rest));
      }
      const child = spawn(executable, [...CHROMIUM_ARGS, '--headless', `--user-data-dir=${profile.dir}`, '--remote-debugging-port=0', 'about:blank'], { detached: true });
      try {
        let err = '';
        const ws = await new Promise<string>((ok) => child.stderr.on('data', (d: Buffer) => { err += d.toString(); const m = /DevTools listening on (\S+)/.exec(err); if (m?.[1]) ok(m[1]); }));
        const browser = await chromium.connectOverCDP(ws);
        const pages = browser.contexts().flatMap((c) => c.pages()).length;
        await browser.close();
        return pages;
      } finally {
        await new Promise((ok) => { child.once('exit', ok); process.kill(-(child.pid ?? 0), 'SIGKILL'); });
        profile.remove();
      }
    };
    expect(await attachable(false)).toBe(1);
    expect(await attachable(true)).toBe(0);
  });
});

describe('the kiosk window the host supervises', () => {
  let services: KioskServices;
  let host: HostServer;
  let heartbeats = 0;
  let codes: string[] = [];
  let revoked = 0;

  async function start(): Promise<KioskWindow> {
    const dir = tempDir();
    // The window exists only after the server it beats to: the server reaches it through this.
    const supervised: { window?: KioskWindow } = {};
    services = createKioskServices({ dataDir: join(dir, 'data') });
    host = await startHostServer(services, { rendererDir: appPaths().renderer, onHeartbeat: () => { heartbeats += 1; supervised.window?.heartbeat(); } });
    cleanup.push(async () => { await host.close(); await services.close(); });
    // The renderer beats every 5 s: 6 s without one is a dead page.
    const w = superviseKioskWindow({
      executable, windowed: true,
      launchUrl: () => { const url = host.launchUrl(); codes.push(url); return url; },
      revokeSessions: () => { revoked += 1; host.revokeSessions(); },
      timeoutMs: 6_000, startGraceMs: 10_000, checkEveryMs: 200, extraArgs: [...CHROMIUM_ARGS, '--headless'], profileParent: dir,
    });
    supervised.window = w;
    cleanup.push(() => w.close());
    return w;
  }

  const until = async (what: () => boolean, ms: number): Promise<void> => {
    const end = Date.now() + ms;
    while (!what()) {
      if (Date.now() > end) throw new Error('timed out');
      await new Promise((r) => setTimeout(r, 100));
    }
  };

  beforeEach(() => { heartbeats = 0; codes = []; revoked = 0; });

  it('deletes the window\'s profile and ends its Chromium when the host closes it', async () => {
    const w = await start();
    await until(() => heartbeats > 0, 10_000);
    const { profileDir, pid } = w;
    expect(existsSync(join(profileDir, 'Default', 'Preferences'))).toBe(true);
    await w.close();
    expect(existsSync(profileDir)).toBe(false);
    expect(() => process.kill(pid ?? 0, 0)).toThrow();
    expect(liveInGroup(pid ?? 0)).toEqual([]); // nothing of its process group runs (zombies aside: no reaper here)
  });

  it('closes cleanly when Chromium could not even start', async () => {
    const dir = tempDir();
    const w = superviseKioskWindow({ executable: join(dir, 'no-such-chromium'), windowed: true, launchUrl: () => 'http://127.0.0.1:9/', revokeSessions: () => undefined, profileParent: dir });
    const { profileDir } = w;
    await w.close();
    expect(existsSync(profileDir)).toBe(false);
  });

  it('replaces a window whose renderer crashed with a fresh one: new profile, new launch code, the old session revoked', async () => {
    const w = await start();
    await until(() => heartbeats > 0, 10_000);
    const first = { profileDir: w.profileDir, pid: w.pid ?? 0 };
    const renderers = descendants(first.pid).filter((p) => p.args.includes('--type=renderer'));
    expect(renderers.length).toBeGreaterThan(0);
    for (const r of renderers) process.kill(r.pid, 'SIGKILL');
    const beatsAtCrash = heartbeats;
    await until(() => w.opened === 2, 10_000);
    expect(existsSync(first.profileDir)).toBe(false);
    expect(w.profileDir).not.toBe(first.profileDir);
    expect(revoked).toBe(1);
    expect(codes).toHaveLength(2);
    expect(new Set(codes).size).toBe(2);
    // The new window traded its own new code: its heartbeats count again.
    await until(() => heartbeats > beatsAtCrash, 10_000);
  }, 30_000);
});
