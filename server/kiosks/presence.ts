// What the kiosk list shows of each kiosk's own requests: last seen (any authenticated request) and
// last sync (a delivered record or an outcome pull), with the software and profile it reported.
// Each note is one conditional UPDATE that writes at most once a minute per device; a failure to
// note is logged and never fails the kiosk's request (its record is stored already).
import { readKioskReport } from '../../shared/sync/kiosk-report';
import { log } from '../../node/log';
import type { KiosksStore } from '../store/kiosks-store';

/** How stale "last seen" and "last sync" may be: a busy kiosk costs one write a minute, not one a request. */
export const PRESENCE_INTERVAL_MS = 60_000;

export interface KioskPresence {
  /** An authenticated request, with the headers it came with (their report is checked for shape here). */
  seen(deviceId: string, headers: Readonly<Record<string, string | string[] | undefined>>): Promise<void>;
  synced(deviceId: string): Promise<void>;
}

const failed = (error: unknown): void => log.warn('kiosk.presence-failed', { code: (error as { code?: string }).code ?? 'unknown' });

export function kioskPresence(store: KiosksStore, now: () => Date): KioskPresence {
  return {
    seen: (deviceId, headers) => store.seen(deviceId, now().getTime(), readKioskReport(headers), PRESENCE_INTERVAL_MS).catch(failed),
    synced: (deviceId) => store.synced(deviceId, now().getTime(), PRESENCE_INTERVAL_MS).catch(failed),
  };
}
