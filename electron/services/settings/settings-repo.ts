// Kiosk settings (camera roles, the printed receipt's paper and printer, touch mode): small
// key/value rows, each write its own transaction. Only what was set is read back; the contract's
// output schema (KioskSettingsSchema) supplies the defaults, so a default lives in one place.
import type Database from 'better-sqlite3';
import type { CameraRole, KioskPreferences, KioskSettings } from '../../../shared/settings';
import { PrinterNameSchema, ReceiptPaperSchema } from '../../../shared/settings';

const cameraKey = (role: CameraRole): string => `camera.${role}`;
const KEYS = { receiptPaper: 'receipt.paper', receiptPrinter: 'receipt.printer', touchKeyboard: 'touch.keyboard' } as const;

/** Settings as stored: keys never set are absent (the schema's defaults apply). */
export type StoredSettings = Pick<KioskSettings, 'cameras'> & KioskPreferences;

export function readSettings(db: Database.Database): StoredSettings {
  const get = (key: string): string | null =>
    (db.prepare(`SELECT value FROM settings WHERE key = ?`).pluck().get(key) as string | undefined) ?? null;
  const out: StoredSettings = { cameras: { document: get(cameraKey('document')), face: get(cameraKey('face')) } };
  // A value written by a newer version that this one does not know is ignored, not fatal.
  const paper = ReceiptPaperSchema.safeParse(get(KEYS.receiptPaper));
  if (paper.success) out.receiptPaper = paper.data;
  const printer = PrinterNameSchema.safeParse(get(KEYS.receiptPrinter));
  if (printer.success) out.receiptPrinter = printer.data;
  const touch = get(KEYS.touchKeyboard);
  if (touch === 'true' || touch === 'false') out.touchKeyboard = touch === 'true';
  return out;
}

function put(db: Database.Database, key: string, value: string | null, now: Date): void {
  if (value === null) {
    db.prepare(`DELETE FROM settings WHERE key = ?`).run(key);
    return;
  }
  db.prepare(`INSERT INTO settings (key, value, updated_at) VALUES (?, ?, ?)
              ON CONFLICT (key) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at`)
    .run(key, value, now.toISOString());
}

export function setCamera(db: Database.Database, role: CameraRole, deviceId: string | null, now: Date = new Date()): void {
  put(db, cameraKey(role), deviceId, now);
}

/** Writes the given preferences together (undefined: unchanged; a null printer: none configured). */
export function setPreferences(db: Database.Database, prefs: KioskPreferences, now: Date = new Date()): void {
  db.transaction(() => {
    if (prefs.receiptPaper !== undefined) put(db, KEYS.receiptPaper, prefs.receiptPaper, now);
    if (prefs.receiptPrinter !== undefined) put(db, KEYS.receiptPrinter, prefs.receiptPrinter, now);
    if (prefs.touchKeyboard !== undefined) put(db, KEYS.touchKeyboard, String(prefs.touchKeyboard), now);
  })();
}
