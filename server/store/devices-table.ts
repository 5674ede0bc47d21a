// devices: enrolled kiosks and their Ed25519 request-signing keys.
import type { SqlRunner } from './sql';

export interface DeviceRow {
  readonly signingKey: string;
  readonly revokedAt: string | null;
}

export async function findDevice(db: SqlRunner, deviceId: string): Promise<DeviceRow | undefined> {
  const r = await db.run<DeviceRow>(`SELECT signing_key AS "signingKey", revoked_at AS "revokedAt" FROM devices WHERE device_id = ?`, [deviceId]);
  return r.rows[0];
}

/** A new device, or a revoked one re-enrolled with a new key. Never replaces an active device's key. */
export async function enrolDeviceRow(db: SqlRunner, deviceId: string, signingKey: string, enrolledAt: string): Promise<boolean> {
  const r = await db.run(`INSERT INTO devices (device_id, signing_key, enrolled_at) VALUES (?, ?, ?)
                          ON CONFLICT (device_id) DO UPDATE SET signing_key = excluded.signing_key, enrolled_at = excluded.enrolled_at, revoked_at = NULL
                          WHERE devices.revoked_at IS NOT NULL`, [deviceId, signingKey, enrolledAt]);
  return r.changes === 1;
}

export async function revokeDeviceRow(db: SqlRunner, deviceId: string, at: string): Promise<boolean> {
  return (await db.run(`UPDATE devices SET revoked_at = ? WHERE device_id = ? AND revoked_at IS NULL`, [at, deviceId])).changes === 1;
}

export async function countDevices(db: SqlRunner): Promise<{ active: number; revoked: number }> {
  const r = await db.run<{ active: number; revoked: number }>(
    `SELECT CAST(count(*) FILTER (WHERE revoked_at IS NULL) AS INTEGER) AS active,
            CAST(count(*) FILTER (WHERE revoked_at IS NOT NULL) AS INTEGER) AS revoked FROM devices`);
  return r.rows[0] ?? { active: 0, revoked: 0 };
}
