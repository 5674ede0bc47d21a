// The intake freeze: when the kiosk stops taking new applicants, and why. Modelled on MOSIP's
// registration client, which stops registrations when packets stay unsynced too long, the disk is
// low, or the machine is no longer trusted: records that cannot reach the server must not pile up
// on a kiosk that may be stolen or fail. Applicants see only a polite notice; operators see why.
import { z } from 'zod';
import type { SyncStatus } from './sync/status';

export const FREEZE_REASONS = ['undelivered-too-long', 'disk-low', 'device-revoked', 'clock-outside-window'] as const;
export type FreezeReason = (typeof FREEZE_REASONS)[number];

export const IntakeSchema = z.object({
  open: z.boolean(),
  reasons: z.array(z.enum(FREEZE_REASONS)),
}).strict();
export type Intake = z.infer<typeof IntakeSchema>;

/** The profile's limits (shared/profile.ts `intakeFreeze`). */
export interface FreezeLimits {
  /** Intake closes while a record has waited longer than this to be delivered. */
  readonly afterUndeliveredDays: number;
  /** Intake closes below this much free disk. */
  readonly minFreeDiskMb: number;
}

/** MOSIP-like defaults: a week undelivered (the on-screen warning comes days earlier), 500 MB of disk. */
export const DEFAULT_FREEZE_LIMITS: FreezeLimits = { afterUndeliveredDays: 7, minFreeDiskMb: 500 };

const DAY_MS = 86_400_000;
/**
 * What the server says when the device itself is refused, or its clock is outside the window.
 * 'unknown-device' comes only from servers older than issue 15, still possible where a kiosk is
 * updated before its server: a current one answers an unknown device 'bad-signature' (server/devices.ts),
 * which does not close intake — a body altered on the way gets it too, and must not stop registrations.
 */
const REVOKED = new Set(['revoked-device', 'unknown-device']);
const CLOCK = new Set(['stale-request']);

/** Why intake is closed now (none: open). `freeDiskBytes` null: unknown, never a reason. */
export function intakeOf(sync: SyncStatus, freeDiskBytes: number | null, limits: FreezeLimits, now: Date): Intake {
  const reasons: FreezeReason[] = [];
  if (sync.oldestPendingAt !== null && now.getTime() - Date.parse(sync.oldestPendingAt) > limits.afterUndeliveredDays * DAY_MS) reasons.push('undelivered-too-long');
  if (freeDiskBytes !== null && freeDiskBytes < limits.minFreeDiskMb * 1024 * 1024) reasons.push('disk-low');
  if (sync.blockedBy !== null && REVOKED.has(sync.blockedBy)) reasons.push('device-revoked');
  if (sync.blockedBy !== null && CLOCK.has(sync.blockedBy)) reasons.push('clock-outside-window');
  return { open: reasons.length === 0, reasons };
}
