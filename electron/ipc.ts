// Registers every contract channel on ipcMain through one function: the sender's frame must be the
// app's own top-level page, and dispatch() parses the input with the channel's schema first.
import type { IpcMain, IpcMainInvokeEvent } from 'electron';
import { channels } from '../shared/contract';
import type { Envelope } from '../shared/result';
import { dispatch, type KioskApi } from './services/dispatch';
import { log } from '../node/log';

export const APP_SCHEME = 'app';
export const APP_HOST = 'kiosk';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;

/**
 * Compares scheme and host, not URL.origin: Node's URL parser does not know that Electron
 * registered app: as a standard scheme and reports the origin of app://kiosk/… as "null".
 */
export function isAppUrl(url: string | undefined): boolean {
  if (!url) return false;
  try {
    const u = new URL(url);
    return u.protocol === `${APP_SCHEME}:` && u.host === APP_HOST && u.username === '' && u.password === '';
  } catch {
    return false;
  }
}

function isTrustedSender(event: IpcMainInvokeEvent): boolean {
  const frame = event.senderFrame;
  // Only the main frame of our own page: no iframes, no navigated-away documents.
  return frame !== null && frame.parent === null && isAppUrl(frame.url);
}

export function registerIpc(ipcMain: IpcMain, api: KioskApi): void {
  for (const channel of channels) {
    ipcMain.handle(channel, async (event, input: unknown): Promise<Envelope<unknown>> => {
      if (!isTrustedSender(event)) {
        log.warn('ipc.untrusted-sender', { channel });
        return { ok: false, error: { code: 'forbidden', message: 'untrusted sender' } };
      }
      return (await dispatch(api, channel, input)).envelope;
    });
  }
}
