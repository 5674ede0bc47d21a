// The operator's part of the contract (kiosk:operator:*): login, and what only a logged-in operator
// may see or do. Every channel but login carries the session token its login returned; both hosts
// refuse one without a live session before any handler runs (electron/services/dispatch.ts). No
// personal data crosses these channels: records are sealed, so the operator sees receipt numbers,
// times, states, registration numbers and reason codes.
import { z } from 'zod';
import { RECORD_STATES, SyncStatusSchema } from './sync/status';
import { OUTCOME_STATES } from './sync/protocol';
import { FingerprintSchema } from './enrolment-qr';
import { IntakeSchema } from './intake';
import { SetCameraSchema } from './settings';

/** 32 random bytes, base64url: known only to the operator screen that logged in. */
export const OperatorTokenSchema = z.string().regex(/^[A-Za-z0-9_-]{43}$/);

export const OperatorLoginSchema = z.object({
  username: z.string().trim().min(1).max(60),
  password: z.string().min(1).max(200),
}).strict();

export const OperatorSessionSchema = z.object({
  session: OperatorTokenSchema,
  username: z.string(),
  displayName: z.string().nullable(),
  /** Seconds without a request after which the session ends (the screen logs out before that). */
  idleSeconds: z.number().int().positive(),
}).strict();
export type OperatorSession = z.infer<typeof OperatorSessionSchema>;

/** The input of every gated channel: the session, and the channel's own fields. */
export const gated = <T extends z.ZodRawShape>(shape: T) => z.object({ session: OperatorTokenSchema, ...shape }).strict();
export const SessionOnlySchema = gated({});

export const DeviceInfoSchema = z.object({
  deviceId: z.string(),
  /** null until enrolled. */
  serverUrl: z.string().nullable(),
  /** The server keys' fingerprint pinned at enrolment (shared/enrolment-qr.ts), grouped for reading. */
  serverFingerprint: z.string().nullable(),
  profile: z.object({ id: z.string(), version: z.number().int() }),
  softwareVersion: z.string(),
  /** Free bytes on the data directory's disk; null when the host cannot tell. */
  freeDiskBytes: z.number().int().nonnegative().nullable(),
}).strict();

/** A damaged queue database moved aside at start (electron/services/db/quarantine.ts): counts only. */
export const QuarantinedDatabaseSchema = z.object({
  file: z.string(),
  quarantinedAt: z.string(),
  /** Undelivered records sealed to the server still readable in it: they go into the export. */
  serverSealed: z.number().int().nonnegative(),
  /**
   * Undelivered records sealed to the server still readable in it, but the file's device id is not:
   * no export can carry them (each exported record names its device), so they stay in the file.
   */
  unexportable: z.number().int().nonnegative(),
  /** Undelivered records sealed with the device key only (queued before enrolment): kept encrypted in the file. */
  deviceSealed: z.number().int().nonnegative(),
  exportedAt: z.string().nullable(),
}).strict();
export type QuarantinedDatabase = z.infer<typeof QuarantinedDatabaseSchema>;

export const DashboardSchema = z.object({
  sync: SyncStatusSchema,
  /** Whether applicants may start, and why not. */
  intake: IntakeSchema,
  /** Delivered records by where they stand at the server. */
  delivered: z.object({ received: z.number().int(), numbered: z.number().int(), rejected: z.number().int() }).strict(),
  device: DeviceInfoSchema,
  /** Damaged databases moved aside, oldest first (usually none). */
  quarantined: z.array(QuarantinedDatabaseSchema),
}).strict();
export type Dashboard = z.infer<typeof DashboardSchema>;

export const RecordsQuerySchema = gated({ beforeSeq: z.number().int().positive().optional() });
export const OperatorRecordSchema = z.object({
  id: z.uuid(),
  seq: z.number().int(),
  receiptNumber: z.string(),
  createdAt: z.string(),
  state: z.enum(RECORD_STATES),
  outcome: z.enum(OUTCOME_STATES).nullable(),
  registrationNumber: z.string().nullable(),
  /** A code: the server's refusal, a staff rejection's reason, why it is held, or the last failed attempt's. */
  reason: z.string().nullable(),
  /** Waiting for a later attempt after failures: the operator may send it again now. */
  requeueable: z.boolean(),
}).strict();
export type OperatorRecord = z.infer<typeof OperatorRecordSchema>;
export const RecordsPageSchema = z.object({ records: z.array(OperatorRecordSchema) }).strict();

export const RequeueSchema = gated({ id: z.uuid() });
export const SetCameraRequestSchema = gated(SetCameraSchema.shape);

/** A walk-in helped by the operator: a one-use token the page hands back with the submission. */
export const AssistSchema = z.object({ assist: z.string().regex(/^[A-Za-z0-9_-]{43}$/), operator: z.string() }).strict();

/**
 * An export of the records not yet delivered (electron/services/export/): written to a folder the
 * operator chose (Electron), or handed to the page as one tar to download (browser host); nothing
 * when no record waits. `deviceSealed`: records queued before enrolment, not exportable yet.
 * `quarantined`: of `records`, those read from a damaged database moved aside.
 */
export const ExportAnswerSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('saved'), records: z.number().int(), folder: z.string(), deviceSealed: z.number().int(), quarantined: z.number().int().optional() }).strict(),
  z.object({ kind: z.literal('download'), records: z.number().int(), fileName: z.string(), base64: z.string(), deviceSealed: z.number().int(), quarantined: z.number().int().optional() }).strict(),
  z.object({ kind: z.literal('nothing'), deviceSealed: z.number().int() }).strict(),
  z.object({ kind: z.literal('cancelled') }).strict(),
]);
export type ExportAnswer = z.infer<typeof ExportAnswerSchema>;
export const DoneSchema = z.object({ done: z.literal(true) }).strict();

/**
 * Enrolment from the screen (electron/services/operators/enrol-handlers.ts). With the QR's
 * fingerprint the kiosk enrols at once if the server's keys match it; typed (no fingerprint) it
 * answers `confirm` and saves the link only when the operator accepts the fingerprint shown.
 * The code is checked by the server (a mistyped one is its refusal, in the operator's words).
 */
export const EnrolInputSchema = gated({
  serverUrl: z.string().trim().min(1).max(200),
  code: z.string().trim().min(1).max(40),
  fingerprint: FingerprintSchema.optional(),
});
export const EnrolStateSchema = z.discriminatedUnion('state', [
  z.object({ state: z.literal('enrolled'), serverUrl: z.string(), fingerprint: FingerprintSchema }).strict(),
  z.object({ state: z.literal('confirm'), serverUrl: z.string(), fingerprint: FingerprintSchema, pendingId: z.string() }).strict(),
  z.object({ state: z.literal('discarded') }).strict(),
]);
export type EnrolState = z.infer<typeof EnrolStateSchema>;
export const ConfirmEnrolSchema = gated({ pendingId: z.string().regex(/^[A-Za-z0-9_-]{22}$/), accept: z.boolean() });
