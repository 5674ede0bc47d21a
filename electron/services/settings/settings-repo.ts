// Kiosk settings (camera roles): small key/value rows, each write its own transaction.
import type Database from 'better-sqlite3';
import type { CameraRole, KioskSettings } from '../../../shared/settings';

const cameraKey = (role: CameraRole): string => `camera.${role}`;

export function readSettings(db: Database.Database): KioskSettings {
  const get = (key: string): string | null =>
    (db.prepare(`SELECT value FROM settings WHERE key = ?`).pluck().get(key) as string | undefined) ?? null;
  return { cameras: { document: get(cameraKey('document')), face: get(cameraKey('face')) } };
}

export function setCamera(db: Database.Database, role: CameraRole, deviceId: string | null, now: Date = new Date()): void {
  if (deviceId === null) {
    db.prepare(`DELETE FROM settings WHERE key = ?`).run(cameraKey(role));
    return;
  }
  db.prepare(`INSERT INTO settings (key, value, updated_at) VALUES (?, ?, ?)
              ON CONFLICT (key) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at`)
    .run(cameraKey(role), deviceId, now.toISOString());
}
