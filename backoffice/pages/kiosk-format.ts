// How the kiosk pages name a kiosk and show a time.
import type { KioskRow } from '../../shared/kiosks';
import type { Locale } from '../i18n/i18n';

/** Its name, or the start of its device id (what the kiosk's own screens show) when it has none. */
export const kioskLabel = (k: Pick<KioskRow, 'name' | 'deviceId'>): string => k.name ?? `${k.deviceId.slice(0, 8)}…`;

export function formatTime(locale: Locale, iso: string): string {
  return new Date(iso).toLocaleString(locale === 'id' ? 'id-ID' : 'en-GB', { dateStyle: 'medium', timeStyle: 'short' });
}
