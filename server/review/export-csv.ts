// The review queue as CSV (RFC 4180, with a BOM so that spreadsheet programs read UTF-8): only what
// the queue page shows, never personal data. A cell that a spreadsheet would run as a formula
// (starting with = + - @ or a tab) is prefixed with an apostrophe.
import type { ListedRegistration } from '../store/server-store';

const HEADER = ['diterima', 'profil', 'kiosk', 'record', 'status', 'nomor', 'alasan', 'diputuskan'];

function cell(value: string | null): string {
  const text = value ?? '';
  const safe = /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

export function registrationsCsv(rows: readonly ListedRegistration[]): string {
  const lines = [HEADER.join(',')];
  for (const r of rows) {
    lines.push([r.receivedAt, r.profileId, r.deviceId, r.recordId, r.state, r.registrationNumber, r.decisionReason, r.decidedAt].map(cell).join(','));
  }
  return `\uFEFF${lines.join('\r\n')}\r\n`;
}
