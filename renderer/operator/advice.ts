// The last sync error in plain words, with what the operator can do about it: the i18n key of each.
// Codes come from the sync engine (electron/services/sync/classify.ts) and the server.
const ADVICE: Readonly<Record<string, string>> = {
  offline: 'operator.advice.offline',
  timeout: 'operator.advice.offline',
  'network-error': 'operator.advice.offline',
  'revoked-device': 'operator.advice.revoked',
  // A current server answers a device it does not know as it answers a signature that does not
  // check (server/devices.ts), so this advice covers both.
  'bad-signature': 'operator.advice.notRecognised',
  // Only from servers older than issue 15 (a kiosk may be updated before its server).
  'unknown-device': 'operator.advice.revoked',
  'stale-request': 'operator.advice.clock',
  'clock-skew': 'operator.advice.clock',
  'timestamp-out-of-window': 'operator.advice.clock',
  'disk-full': 'operator.advice.disk',
  'disk-error': 'operator.advice.disk',
  'untrusted-receipt': 'operator.advice.untrusted',
  'rate-limited': 'operator.advice.wait',
  'http-429': 'operator.advice.wait',
};

export const adviceKey = (code: string): string => ADVICE[code] ?? 'operator.advice.other';
