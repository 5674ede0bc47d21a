// Checks of the typed enrolment fields, for a message before the kiosk calls anything. The main
// process checks the address again (electron/services/sync/enrol.ts) and the server checks the code.
import { EnrolCodeSchema } from '../../shared/sync/protocol';
import type { MessageKey } from '../i18n/i18n';

const LOOPBACK_HOSTS = new Set(['127.0.0.1', '[::1]', 'localhost']);

/** The message for a server address that will be refused, or null: https, or http on loopback only. */
export function serverUrlProblem(raw: string): MessageKey | null {
  let url: URL;
  try {
    url = new URL(raw.trim());
  } catch {
    return 'operator.enrol.error.enrol-server-url';
  }
  if (url.protocol === 'https:') return null;
  if (url.protocol === 'http:') return LOOPBACK_HOSTS.has(url.hostname) ? null : 'operator.enrol.error.enrol-not-https';
  return 'operator.enrol.error.enrol-server-url';
}

/** The code as the server prints it (XXXX-XXXX-XXXX, Crockford base32); lower case and spaces around are fine. */
export function codeProblem(raw: string): MessageKey | null {
  return EnrolCodeSchema.safeParse(raw).success ? null : 'operator.enrol.badCode';
}
