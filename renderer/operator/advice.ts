// The last sync error in plain words, with what the operator can do about it: the i18n key of each.
// Codes come from the sync engine (electron/services/sync/classify.ts) and the server.
const ADVICE: Readonly<Record<string, string>> = {
  offline: 'operator.advice.offline',
  timeout: 'operator.advice.offline',
  'network-error': 'operator.advice.offline',
  'revoked-device': 'operator.advice.revoked',
  'unknown-device': 'operator.advice.revoked',
  'clock-skew': 'operator.advice.clock',
  'timestamp-out-of-window': 'operator.advice.clock',
  'disk-full': 'operator.advice.disk',
  'disk-error': 'operator.advice.disk',
  'untrusted-receipt': 'operator.advice.untrusted',
  'rate-limited': 'operator.advice.wait',
  'http-429': 'operator.advice.wait',
};

export const adviceKey = (code: string): string => ADVICE[code] ?? 'operator.advice.other';
