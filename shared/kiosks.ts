// The back office's kiosk management (server/kiosks/, admins only): the list of enrolled kiosks with
// what they last reported, a name and location an admin gives each, revocation with a reason, and
// one-time enrolment codes with their QR (shared/enrolment-qr.ts).
import { z } from 'zod';
import { EnrolCodeSchema } from './sync/protocol';
import { FingerprintSchema, ServerOriginSchema } from './enrolment-qr';

/** Printable text on one line: no control characters (a name is shown in tables and logs). */
const line = (max: number) => z.string().trim().max(max).regex(/^[^\p{Cc}\p{Cf}\u2028\u2029]*$/u, 'no control characters');

export const KIOSK_NAME_MAX = 60;
export const KIOSK_LOCATION_MAX = 120;
export const REVOKE_REASON_MAX = 200;

/** Name and location as an admin sets them; an empty text clears it. */
export const KioskUpdateSchema = z.object({
  name: line(KIOSK_NAME_MAX),
  location: line(KIOSK_LOCATION_MAX),
}).strict();
export type KioskUpdate = z.infer<typeof KioskUpdateSchema>;

export const RevokeKioskSchema = z.object({ reason: line(REVOKE_REASON_MAX).min(1) }).strict();

/** Hours an enrolment code stays valid (default 24, at most 30 days, as the command line allows). */
export const EnrolCodeRequestSchema = z.object({ ttlHours: z.number().int().min(1).max(720).optional() }).strict();

export const KioskRowSchema = z.object({
  deviceId: z.uuid(),
  name: z.string().nullable(),
  location: z.string().nullable(),
  enrolledAt: z.string(),
  /** Its last authenticated request (written at most once a minute). */
  lastSeenAt: z.string().nullable(),
  /** Its last delivered record or outcome pull. */
  lastSyncAt: z.string().nullable(),
  /** Records received from it, and those of them still waiting for a review decision. */
  received: z.number().int().nonnegative(),
  waiting: z.number().int().nonnegative(),
  /** As the kiosk reported them (shared/sync/kiosk-report.ts): for display only. */
  softwareVersion: z.string().nullable(),
  profile: z.string().nullable(),
  revokedAt: z.string().nullable(),
  revokeReason: z.string().nullable(),
}).strict();
export type KioskRow = z.infer<typeof KioskRowSchema>;

export const EnrolCodeAnswerSchema = z.object({
  code: EnrolCodeSchema,
  expiresAt: z.iso.datetime(),
  serverUrl: ServerOriginSchema,
  fingerprint: FingerprintSchema,
  /** The QR (encodeEnrolmentQr) as a PNG data: URL, which the back office's CSP allows for images. */
  qrImage: z.string().startsWith('data:image/png;base64,'),
}).strict();
export type EnrolCodeAnswer = z.infer<typeof EnrolCodeAnswerSchema>;
