// devices: enrolled kiosks, their Ed25519 request-signing keys, what an admin calls them and what they
// last reported; the kiosk list joins each one's registration counts.
import type { SqlRunner } from './sql';

export interface DeviceRow {
  readonly signingKey: string;
  readonly revokedAt: string | null;
}

export async function findDevice(db: SqlRunner, deviceId: string): Promise<DeviceRow | undefined> {
  const r = await db.run<DeviceRow>(`SELECT signing_key AS "signingKey", revoked_at AS "revokedAt" FROM devices WHERE device_id = ?`, [deviceId]);
  return r.rows[0];
}

/**
 * A new device, or a revoked one re-enrolled with a new key (its revocation reason goes; the name
 * and location an admin gave it stay). Never replaces an active device's key.
 */
export async function enrolDeviceRow(db: SqlRunner, deviceId: string, signingKey: string, enrolledAt: string): Promise<boolean> {
  const r = await db.run(`INSERT INTO devices (device_id, signing_key, enrolled_at) VALUES (?, ?, ?)
                          ON CONFLICT (device_id) DO UPDATE SET signing_key = excluded.signing_key, enrolled_at = excluded.enrolled_at, revoked_at = NULL,
                            revoke_reason = NULL
                          WHERE devices.revoked_at IS NOT NULL`, [deviceId, signingKey, enrolledAt]);
  return r.changes === 1;
}

/** Revokes an active device (a reason from the back office; none from the command line). */
export async function revokeDeviceRow(db: SqlRunner, deviceId: string, at: string, reason: string | null = null): Promise<boolean> {
  return (await db.run(`UPDATE devices SET revoked_at = ?, revoke_reason = ? WHERE device_id = ? AND revoked_at IS NULL`, [at, reason, deviceId])).changes === 1;
}

/** Name and location (null clears); false when there is no such device. */
export async function nameDevice(db: SqlRunner, deviceId: string, name: string | null, location: string | null): Promise<boolean> {
  return (await db.run(`UPDATE devices SET name = ?, location = ? WHERE device_id = ?`, [name, location, deviceId])).changes === 1;
}

export interface DeviceReport {
  readonly software: string | null;
  readonly profile: string | null;
}

/**
 * Notes an authenticated request: one conditional UPDATE (no read first) that writes only when the
 * last note is older than `since`, or the kiosk reports a software or profile other than the one
 * stored (a part it did not report keeps its stored value). Most requests therefore write nothing.
 */
export async function noteDeviceSeen(db: SqlRunner, deviceId: string, at: string, since: string, report: DeviceReport): Promise<void> {
  await db.run(`UPDATE devices SET last_seen_at = ?, software_version = coalesce(CAST(? AS TEXT), software_version), profile = coalesce(CAST(? AS TEXT), profile)
                WHERE device_id = ? AND (last_seen_at IS NULL OR last_seen_at < ?
                  OR software_version IS DISTINCT FROM coalesce(CAST(? AS TEXT), software_version)
                  OR profile IS DISTINCT FROM coalesce(CAST(? AS TEXT), profile))`,
  [at, report.software, report.profile, deviceId, since, report.software, report.profile]);
}

/** Notes a delivered record or an outcome pull, at most once per `since` window (one conditional UPDATE). */
export async function noteDeviceSynced(db: SqlRunner, deviceId: string, at: string, since: string): Promise<void> {
  await db.run(`UPDATE devices SET last_sync_at = ? WHERE device_id = ? AND (last_sync_at IS NULL OR last_sync_at < ?)`, [at, deviceId, since]);
}

export interface KioskListRow {
  readonly deviceId: string;
  readonly name: string | null;
  readonly location: string | null;
  readonly enrolledAt: string;
  readonly lastSeenAt: string | null;
  readonly lastSyncAt: string | null;
  readonly received: number;
  readonly waiting: number;
  readonly softwareVersion: string | null;
  readonly profile: string | null;
  readonly revokedAt: string | null;
  readonly revokeReason: string | null;
}

/** Enough for any one deployment's kiosks; the back office shows them on one page. */
export const KIOSK_LIST_LIMIT = 1000;

/** Every device, active first, with the records received from it and those still waiting for review. */
export async function listKiosks(db: SqlRunner): Promise<KioskListRow[]> {
  const r = await db.run<KioskListRow>(
    `SELECT d.device_id AS "deviceId", d.name, d.location, d.enrolled_at AS "enrolledAt", d.last_seen_at AS "lastSeenAt", d.last_sync_at AS "lastSyncAt",
            CAST(coalesce(r.received, 0) AS INTEGER) AS received, CAST(coalesce(r.waiting, 0) AS INTEGER) AS waiting,
            d.software_version AS "softwareVersion", d.profile, d.revoked_at AS "revokedAt", d.revoke_reason AS "revokeReason"
     FROM devices d LEFT JOIN (
       SELECT device_id, count(*) AS received, count(*) FILTER (WHERE state = 'received') AS waiting FROM registrations GROUP BY device_id
     ) r ON r.device_id = d.device_id
     ORDER BY d.revoked_at IS NOT NULL, d.enrolled_at, d.device_id LIMIT ?`, [KIOSK_LIST_LIMIT]);
  return r.rows;
}

export async function countDevices(db: SqlRunner): Promise<{ active: number; revoked: number }> {
  const r = await db.run<{ active: number; revoked: number }>(
    `SELECT CAST(count(*) FILTER (WHERE revoked_at IS NULL) AS INTEGER) AS active,
            CAST(count(*) FILTER (WHERE revoked_at IS NOT NULL) AS INTEGER) AS revoked FROM devices`);
  return r.rows[0] ?? { active: 0, revoked: 0 };
}
