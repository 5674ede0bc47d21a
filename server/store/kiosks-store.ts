// Kiosk management for the back office (server/kiosks/) behind one async interface for both engines:
// the list with what each kiosk last reported, names, revocation with a reason, enrolment codes made
// by an admin, and the presence notes written on the kiosks' own requests.
import type { SqlDatabase } from './sql';
import { findDevice, listKiosks, nameDevice, noteDeviceSeen, noteDeviceSynced, revokeDeviceRow, type DeviceReport, type KioskListRow } from './devices-table';
import { insertEnrolCode } from './enrol-codes-table';
import { appendAuditIn, type AuditAppend } from './audit-table';

export type { DeviceReport, KioskListRow };

export type RevokeOutcome = 'revoked' | 'already-revoked' | 'not-found';

export interface KiosksStore {
  list(): Promise<KioskListRow[]>;
  /** Name and location (null clears each); false when there is no such device. The audit entry commits with it. */
  rename(deviceId: string, name: string | null, location: string | null, audit: AuditAppend): Promise<boolean>;
  /** Revokes with a reason; its next signed request is refused (server/devices.ts authenticate). The audit entry commits with it. */
  revoke(deviceId: string, at: string, reason: string, audit: AuditAppend): Promise<RevokeOutcome>;
  /** A one-time code's hash (only the hash is stored), made by the admin `createdBy` (null: the command line). */
  createEnrolCode(codeHash: Buffer, createdAt: string, expiresAt: string, createdBy: string | null): Promise<void>;
  /** An authenticated request from the device: at most one write per `minIntervalMs`, unless what it reports changed. */
  seen(deviceId: string, nowMs: number, report: DeviceReport, minIntervalMs: number): Promise<void>;
  /** A delivered record or outcome pull: at most one write per `minIntervalMs`. */
  synced(deviceId: string, nowMs: number, minIntervalMs: number): Promise<void>;
}

const iso = (ms: number): string => new Date(ms).toISOString();

export function createKiosksStore(db: SqlDatabase): KiosksStore {
  return {
    list: () => listKiosks(db),
    rename: (deviceId, name, location, audit) => db.transaction(async (tx) => {
      const named = await nameDevice(tx, deviceId, name, location);
      if (named) await appendAuditIn(tx, db.engine, audit.key, audit.entry);
      return named;
    }),
    revoke: (deviceId, at, reason, audit) => db.transaction(async (tx): Promise<RevokeOutcome> => {
      if (await revokeDeviceRow(tx, deviceId, at, reason)) {
        await appendAuditIn(tx, db.engine, audit.key, audit.entry);
        return 'revoked';
      }
      // The UPDATE decided; this read only tells the admin why it changed nothing.
      return (await findDevice(tx, deviceId)) ? 'already-revoked' : 'not-found';
    }),
    createEnrolCode: (codeHash, createdAt, expiresAt, createdBy) => insertEnrolCode(db, codeHash, createdAt, expiresAt, createdBy),
    seen: (deviceId, nowMs, report, minIntervalMs) => noteDeviceSeen(db, deviceId, iso(nowMs), iso(nowMs - minIntervalMs), report),
    synced: (deviceId, nowMs, minIntervalMs) => noteDeviceSynced(db, deviceId, iso(nowMs), iso(nowMs - minIntervalMs)),
  };
}
