import { z } from 'zod';

export const CAMERA_ROLES = ['document', 'face'] as const;
export type CameraRole = (typeof CAMERA_ROLES)[number];

/** A MediaDeviceInfo.deviceId (opaque, per-origin); null means "the first camera". */
const DeviceId = z.string().min(1).max(256).nullable();

export const KioskSettingsSchema = z.object({
  cameras: z.object({ document: DeviceId, face: DeviceId }),
});
export type KioskSettings = z.infer<typeof KioskSettingsSchema>;

export const SetCameraSchema = z.object({ role: z.enum(CAMERA_ROLES), deviceId: DeviceId }).strict();
