// The Electron shell's decisions, without Electron: which keys are dropped in the kiosk, when a
// crashed or hung page is reloaded (and when the kiosk gives up), what --windowed unlocks.
import { describe, expect, it } from 'vitest';
import { isBlockedShortcut, type KeyInput } from '../../electron/services/shell/shortcuts';
import { createRendererWatchdog, DEFAULT_WATCHDOG_POLICY, OWN_CRASH_FALLBACK_MS, type RendererWatchdog, type WatchdogClock, type WatchdogPolicy } from '../../electron/services/shell/renderer-watchdog';
import { shellPolicy } from '../../electron/services/shell/shell-policy';
import { CRASH_MESSAGE, CRASH_RESTARTING, CRASH_STOPPED, crashPageHtml, crashPageUrl } from '../../electron/services/shell/crash-page';

/** 'Ctrl+Shift+I', 'Ctrl+Plus@NumpadAdd' (key@code): modifiers, then the key Electron reports. */
const key = (combo: string): KeyInput => {
  const parts = combo.split('+');
  const last = parts.pop() ?? '';
  const [name = '', code = ''] = last.split('@');
  return { key: name === 'Plus' ? '+' : name, code, control: parts.includes('Ctrl'), alt: parts.includes('Alt'), shift: parts.includes('Shift'), meta: parts.includes('Meta') };
};

describe('isBlockedShortcut', () => {
  it.each([
    'Ctrl+r', 'Ctrl+Shift+R', 'F5', 'Ctrl+F5', 'Shift+F5', 'BrowserRefresh',
    'Ctrl+Shift+I', 'Ctrl+Shift+J', 'Ctrl+Shift+C', 'F12',
    'Ctrl+Plus', 'Ctrl+Shift+Plus', 'Ctrl+=', 'Ctrl+-', 'Ctrl+0', 'Ctrl+Plus@NumpadAdd', 'Ctrl+-@NumpadSubtract', 'Ctrl+0@Numpad0',
    'Ctrl+w', 'Ctrl+F4', 'Alt+F4', 'Ctrl+q', 'Meta+q', 'Meta+w', 'F11',
    'Alt+ArrowLeft', 'Alt+ArrowRight', 'BrowserBack', 'BrowserForward', 'Ctrl+p',
  ])('drops %s', (combo) => {
    expect(isBlockedShortcut(key(combo))).toBe(true);
  });

  it.each([
    // The operator's way in (renderer/operator/use-operator-entry.ts), upper or lower case.
    'Ctrl+Alt+o', 'Ctrl+Alt+O', 'Ctrl+Alt+Shift+O',
    // Every Ctrl+Alt combination belongs to the page.
    'Ctrl+Alt+w', 'Ctrl+Alt+Plus',
    // Editing in forms.
    'Ctrl+c', 'Ctrl+v', 'Ctrl+x', 'Ctrl+z', 'Ctrl+a', 'Ctrl+Shift+Z', 'Ctrl+ArrowLeft', 'Shift+ArrowLeft', 'Backspace',
    // AltGr (Ctrl+Alt) characters on European layouts, and plain typing.
    'Ctrl+Alt+@', 'Ctrl+Alt+€', 'r', 'R', '0', 'Plus', '-', 'Shift+I', 'Enter', 'Tab', 'Escape', 'ArrowLeft', 'F4', 'F1',
  ])('keeps %s', (combo) => {
    expect(isBlockedShortcut(key(combo))).toBe(false);
  });
});

function fakeClock(): WatchdogClock & { advance(ms: number): void } {
  let t = 1_000;
  const timers: { at: number; fn: () => void; live: boolean }[] = [];
  return {
    now: () => t,
    schedule(fn, ms) {
      const timer = { at: t + ms, fn, live: true };
      timers.push(timer);
      return () => { timer.live = false; };
    },
    advance(ms) {
      t += ms;
      for (const timer of timers) if (timer.live && timer.at <= t) { timer.live = false; timer.fn(); }
    },
  };
}

/** `onCrash` runs inside crash(), as Electron may report the renderer gone before crash() returns. */
function watch(policy: WatchdogPolicy = DEFAULT_WATCHDOG_POLICY, onCrash?: (watchdog: RendererWatchdog) => void) {
  const clock = fakeClock();
  const calls: string[] = [];
  const watchdog: RendererWatchdog = createRendererWatchdog({
    wipe: () => calls.push('wipe'),
    reload: () => calls.push('reload'),
    crash: () => { calls.push('crash'); onCrash?.(watchdog); },
    giveUp: () => calls.push('give-up'),
    exit: () => calls.push('exit'),
  }, clock, policy);
  return { clock, calls, watchdog };
}

const EXIT_AFTER_MS = DEFAULT_WATCHDOG_POLICY.exitAfterGiveUpMs ?? Number.NaN;

/** A page hung past the grace period, now crashed by the watchdog. */
function killHungPage(clock: ReturnType<typeof fakeClock>, watchdog: RendererWatchdog): void {
  watchdog.unresponsive();
  clock.advance(DEFAULT_WATCHDOG_POLICY.graceMs);
}

describe('renderer watchdog', () => {
  it('wipes the applicant state, then reloads Welcome, when the page crashes', () => {
    const { calls, watchdog } = watch();
    watchdog.gone('crashed');
    expect(calls).toEqual(['wipe', 'reload']);
    watchdog.gone('oom');
    expect(calls).toEqual(['wipe', 'reload', 'wipe', 'reload']);
  });

  it('does nothing for a renderer that exits cleanly, or once the app is quitting', () => {
    const { calls, watchdog } = watch();
    watchdog.gone('clean-exit');
    watchdog.dispose();
    watchdog.gone('crashed');
    watchdog.unresponsive();
    expect(calls).toEqual([]);
  });

  it('crashes a page hung past the grace period, and reloads it once its end is reported (its own crash is not a second failure)', () => {
    const { clock, calls, watchdog } = watch();
    watchdog.unresponsive();
    watchdog.unresponsive();
    clock.advance(DEFAULT_WATCHDOG_POLICY.graceMs - 1);
    expect(calls).toEqual([]);
    clock.advance(1);
    expect(calls).toEqual(['crash']);
    // Still hung as far as Chromium knows: no second kill, and 'responsive' does not call it off.
    watchdog.unresponsive();
    watchdog.responsive();
    clock.advance(OWN_CRASH_FALLBACK_MS / 2);
    expect(calls).toEqual(['crash']);
    watchdog.gone('killed');
    expect(calls).toEqual(['crash', 'wipe', 'reload']);
    // The fallback was called off by the 'gone'.
    clock.advance(OWN_CRASH_FALLBACK_MS * 10);
    expect(calls).toEqual(['crash', 'wipe', 'reload']);
  });

  it('takes the first gone after its own crash as that crash, whatever its reason, then a crash of the fresh page at once as a new failure', () => {
    const { clock, calls, watchdog } = watch();
    killHungPage(clock, watchdog);
    watchdog.gone('crashed');
    expect(calls).toEqual(['crash', 'wipe', 'reload']);
    clock.advance(1);
    watchdog.gone('crashed');
    expect(calls).toEqual(['crash', 'wipe', 'reload', 'wipe', 'reload']);
  });

  it('recovers once when the gone arrives while crash() is still running', () => {
    const { clock, calls, watchdog } = watch(DEFAULT_WATCHDOG_POLICY, (w) => w.gone('killed'));
    killHungPage(clock, watchdog);
    expect(calls).toEqual(['crash', 'wipe', 'reload']);
    clock.advance(OWN_CRASH_FALLBACK_MS * 10);
    expect(calls).toEqual(['crash', 'wipe', 'reload']);
    watchdog.gone('crashed');
    expect(calls).toEqual(['crash', 'wipe', 'reload', 'wipe', 'reload']);
  });

  it('reloads anyway when no gone follows its own crash, and then swallows no crash of the fresh page', () => {
    const { clock, calls, watchdog } = watch();
    killHungPage(clock, watchdog);
    clock.advance(OWN_CRASH_FALLBACK_MS - 1);
    expect(calls).toEqual(['crash']);
    clock.advance(1);
    expect(calls).toEqual(['crash', 'wipe', 'reload']);
    // The fresh page crashes a moment later: a failure of its own, reloaded.
    clock.advance(1_000);
    watchdog.gone('crashed');
    expect(calls).toEqual(['crash', 'wipe', 'reload', 'wipe', 'reload']);
  });

  it('can kill the fresh page again once it hangs in turn', () => {
    const { clock, calls, watchdog } = watch();
    killHungPage(clock, watchdog);
    watchdog.gone('killed');
    killHungPage(clock, watchdog);
    expect(calls).toEqual(['crash', 'wipe', 'reload', 'crash']);
    watchdog.gone('killed');
    expect(calls).toEqual(['crash', 'wipe', 'reload', 'crash', 'wipe', 'reload']);
  });

  it('neither reloads nor kills after dispose while waiting on its own crash', () => {
    const { clock, calls, watchdog } = watch();
    killHungPage(clock, watchdog);
    watchdog.dispose();
    clock.advance(OWN_CRASH_FALLBACK_MS * 10);
    watchdog.gone('killed');
    expect(calls).toEqual(['crash']);
  });

  it('leaves a page alone that answers again within the grace period', () => {
    const { clock, calls, watchdog } = watch();
    watchdog.unresponsive();
    clock.advance(DEFAULT_WATCHDOG_POLICY.graceMs / 2);
    watchdog.responsive();
    clock.advance(DEFAULT_WATCHDOG_POLICY.graceMs * 2);
    expect(calls).toEqual([]);
  });

  it('treats a crash long after its own kill as a new failure', () => {
    const { clock, calls, watchdog } = watch();
    killHungPage(clock, watchdog);
    watchdog.gone('killed');
    clock.advance(60_000);
    watchdog.gone('crashed');
    expect(calls).toEqual(['crash', 'wipe', 'reload', 'wipe', 'reload']);
  });

  it('gives up after maxReloads within the window, and stops reacting', () => {
    const { clock, calls, watchdog } = watch({ ...DEFAULT_WATCHDOG_POLICY, maxReloads: 3, windowMs: 60_000, exitAfterGiveUpMs: undefined });
    for (let i = 0; i < 3; i++) { watchdog.gone('crashed'); clock.advance(10_000); }
    expect(calls.filter((c) => c === 'reload')).toHaveLength(3);
    watchdog.gone('crashed');
    expect(calls.slice(-2)).toEqual(['wipe', 'give-up']);
    watchdog.gone('crashed');
    watchdog.unresponsive();
    clock.advance(DEFAULT_WATCHDOG_POLICY.graceMs);
    clock.advance(3_600_000);
    expect(calls.filter((c) => c === 'reload')).toHaveLength(3);
    expect(calls.at(-1)).toBe('give-up');
  });

  it('after giving up, shows the crash page for exitAfterGiveUpMs, then exits (once) for the supervisor to restart it', () => {
    const { clock, calls, watchdog } = watch();
    for (let i = 0; i <= DEFAULT_WATCHDOG_POLICY.maxReloads; i++) watchdog.gone('crashed');
    expect(calls.at(-1)).toBe('give-up');
    clock.advance(EXIT_AFTER_MS - 1);
    watchdog.gone('crashed');
    expect(calls.at(-1)).toBe('give-up');
    clock.advance(1);
    expect(calls.at(-1)).toBe('exit');
    clock.advance(3_600_000);
    expect(calls.filter((c) => c === 'exit')).toHaveLength(1);
  });

  it('gives up on a page hung once too often, and still exits', () => {
    const { clock, calls, watchdog } = watch({ ...DEFAULT_WATCHDOG_POLICY, maxReloads: 1 });
    watchdog.gone('crashed');
    killHungPage(clock, watchdog);
    watchdog.gone('killed');
    expect(calls).toEqual(['wipe', 'reload', 'crash', 'wipe', 'give-up']);
    clock.advance(EXIT_AFTER_MS);
    expect(calls.at(-1)).toBe('exit');
  });

  it('does not exit after giving up when the app quits meanwhile', () => {
    const { clock, calls, watchdog } = watch({ ...DEFAULT_WATCHDOG_POLICY, maxReloads: 0 });
    watchdog.gone('crashed');
    expect(calls).toEqual(['wipe', 'give-up']);
    watchdog.dispose();
    clock.advance(3_600_000);
    expect(calls).toEqual(['wipe', 'give-up']);
  });

  it('forgets reloads older than the window', () => {
    const { clock, calls, watchdog } = watch({ ...DEFAULT_WATCHDOG_POLICY, maxReloads: 2, windowMs: 60_000 });
    for (let i = 0; i < 10; i++) { watchdog.gone('crashed'); clock.advance(30_001); }
    expect(calls.filter((c) => c === 'reload')).toHaveLength(10);
    expect(calls).not.toContain('give-up');
  });

  it('never kills a hung page when the policy says so (--windowed: a paused debugger)', () => {
    const { clock, calls, watchdog } = watch({ ...DEFAULT_WATCHDOG_POLICY, killHung: false });
    watchdog.unresponsive();
    clock.advance(DEFAULT_WATCHDOG_POLICY.graceMs * 10);
    expect(calls).toEqual([]);
  });
});

describe('shell policy', () => {
  it('locks everything down by default', () => {
    const policy = shellPolicy(['/opt/kiosk/registration-kiosk']);
    expect(policy).toMatchObject({ kiosk: true, blockShortcuts: true, preventClose: true, keepDisplayAwake: true, lockZoom: true, devTools: false });
    expect(policy.watchdog.killHung).toBe(true);
  });

  it('has a kiosk that gave up exit after 15 s, time to read the crash page', () => {
    const { exitAfterGiveUpMs } = shellPolicy(['/opt/kiosk/registration-kiosk']).watchdog;
    expect(exitAfterGiveUpMs).toBe(15_000);
  });

  it('unlocks it all with --windowed, but still reloads a crashed page', () => {
    const policy = shellPolicy(['electron', '.', '--windowed']);
    expect(policy).toMatchObject({ kiosk: false, blockShortcuts: false, preventClose: false, keepDisplayAwake: false, lockZoom: false, devTools: true });
    expect(policy.watchdog).toMatchObject({ killHung: false, maxReloads: DEFAULT_WATCHDOG_POLICY.maxReloads });
    // A developer's crash page stays; nothing would restart the process.
    expect(policy.watchdog.exitAfterGiveUpMs).toBeUndefined();
  });
});

describe('crash page', () => {
  it.each([true, false])('is a script-free page in Bahasa Indonesia, as a data: URL (restarting: %s)', (restarting) => {
    const html = crashPageHtml(restarting);
    expect(html).toContain('lang="id"');
    expect(html).toContain(CRASH_MESSAGE);
    expect(html).toContain("default-src 'none'");
    expect(html).not.toMatch(/<script/i);
    expect(decodeURIComponent(crashPageUrl(restarting).replace(/^data:text\/html;charset=utf-8,/, ''))).toBe(html);
  });

  it('says the kiosk restarts itself only when it does', () => {
    expect(crashPageHtml(true)).toContain(CRASH_RESTARTING);
    expect(crashPageHtml(true)).not.toContain(CRASH_STOPPED);
    expect(crashPageHtml(false)).toContain(CRASH_STOPPED);
    expect(crashPageHtml(false)).not.toContain(CRASH_RESTARTING);
  });
});
