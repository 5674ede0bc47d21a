// The Electron binary cannot run on these machines, so ipc.ts is exercised with a stand-in for
// ipcMain that records the handlers; the handlers themselves, the dispatch and the services are real.
import { describe, expect, it, afterEach } from 'vitest';
import type { IpcMain, IpcMainInvokeEvent } from 'electron';
import { registerIpc, isAppUrl } from '../../electron/ipc';
import { createKioskServices, type KioskServices } from '../../electron/services/kiosk-services';
import { channels } from '../../shared/contract';
import { useTempDirs } from './temp-dir';

const tempDir = useTempDirs();
let services: KioskServices | undefined;
afterEach(() => services?.close());

type Handler = (event: IpcMainInvokeEvent, input: unknown) => Promise<unknown>;

function register(): Map<string, Handler> {
  services = createKioskServices({ dataDir: tempDir() });
  const handlers = new Map<string, Handler>();
  const ipcMain = { handle: (channel: string, fn: Handler) => { handlers.set(channel, fn); } };
  registerIpc(ipcMain as unknown as IpcMain, services);
  return handlers;
}

const event = (url: string, parent: object | null = null) => ({ senderFrame: { url, parent } }) as unknown as IpcMainInvokeEvent;

describe('Electron IPC registration', () => {
  it('registers exactly the contract channels', () => {
    expect([...register().keys()].sort()).toEqual([...channels].sort());
  });

  it('answers the app\'s own top frame and refuses iframes, other origins and detached frames', async () => {
    const stats = register().get('kiosk:queue:stats');
    expect(await stats?.(event('app://kiosk/index.html'), undefined)).toEqual({ ok: true, value: { pending: 0, total: 0 } });
    const forbidden = { ok: false, error: { code: 'forbidden', message: 'untrusted sender' } };
    expect(await stats?.(event('app://kiosk/index.html', {}), undefined)).toEqual(forbidden);
    expect(await stats?.(event('https://evil.example/'), undefined)).toEqual(forbidden);
    expect(await stats?.(event('file:///etc/passwd'), undefined)).toEqual(forbidden);
    expect(await stats?.({ senderFrame: null } as unknown as IpcMainInvokeEvent, undefined)).toEqual(forbidden);
  });

  it('parses input with the channel schema before the handler runs', async () => {
    const submit = register().get('kiosk:queue:submit');
    const answer = await submit?.(event('app://kiosk/'), { id: 42 }) as { ok: boolean; error: { code: string } };
    expect(answer.ok).toBe(false);
    expect(answer.error.code).toBe('invalid-input');
    expect(services?.queue.stats().total).toBe(0);
  });

  it('recognises only app://kiosk as the app origin', () => {
    expect(isAppUrl('app://kiosk/assets/x.js')).toBe(true);
    expect(isAppUrl('app://kiosk.evil/')).toBe(false);
    expect(isAppUrl('http://127.0.0.1/')).toBe(false);
    expect(isAppUrl('not a url')).toBe(false);
    expect(isAppUrl(undefined)).toBe(false);
  });
});
