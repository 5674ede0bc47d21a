import { z } from 'zod';

export const CAMERA_ROLES = ['document', 'face'] as const;
export type CameraRole = (typeof CAMERA_ROLES)[number];

/** A MediaDeviceInfo.deviceId (opaque, per-origin); null means "the first camera". */
const DeviceId = z.string().min(1).max(256).nullable();

/** The printed receipt's paper: ISO A4 / A5 sheets or an 80 mm thermal roll. */
export const RECEIPT_PAPERS = ['a4', 'a5', '80mm'] as const;
export const ReceiptPaperSchema = z.enum(RECEIPT_PAPERS);
export type ReceiptPaper = z.infer<typeof ReceiptPaperSchema>;

/** A printer name as the operating system lists it (Electron's getPrintersAsync `name`). */
export const PrinterNameSchema = z.string().min(1).max(256);

const PREFERENCES = {
  receiptPaper: ReceiptPaperSchema,
  /** Where the Electron host prints silently; null: none configured (the browser host uses the print dialog). */
  receiptPrinter: PrinterNameSchema.nullable(),
  /** A touch-only kiosk: the renderer shows its on-screen keyboard. */
  touchKeyboard: z.boolean(),
};

/** What an operator (today: a start-up flag) may set besides the cameras; absent: unchanged. */
export const KioskPreferencesSchema = z.object(PREFERENCES).partial().strict();
export type KioskPreferences = z.infer<typeof KioskPreferencesSchema>;

export const KioskSettingsSchema = z.object({
  cameras: z.object({ document: DeviceId, face: DeviceId }),
  receiptPaper: PREFERENCES.receiptPaper.default('a4'),
  receiptPrinter: PREFERENCES.receiptPrinter.default(null),
  touchKeyboard: PREFERENCES.touchKeyboard.default(false),
});
export type KioskSettings = z.infer<typeof KioskSettingsSchema>;

export const SetCameraSchema = z.object({ role: z.enum(CAMERA_ROLES), deviceId: DeviceId }).strict();
