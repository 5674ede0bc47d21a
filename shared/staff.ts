// The back office's staff API (server/staff/): what the browser sends and gets back. Separate from
// the kiosks' signed device API: staff authenticate with a password and a session cookie; every
// state change also carries the session's CSRF token in the X-CSRF-Token header.
import { z } from 'zod';

export const STAFF_API = '/staff/api';
export const CSRF_HEADER = 'x-csrf-token';

export const StaffRoleSchema = z.enum(['admin', 'reviewer', 'auditor']);
export type StaffRoleName = z.infer<typeof StaffRoleSchema>;

/** Lower case letters, digits, dot, dash, underscore: a name that reads the same everywhere. */
export const StaffUsernameSchema = z.string().regex(/^[a-z0-9][a-z0-9._-]{1,39}$/);
/** Bounded so that hashing a login attempt costs the same whatever is sent. */
export const StaffPasswordSchema = z.string().min(1).max(256);

/** A code from an authenticator app (RFC 6238: six digits, a new one every 30 seconds). */
export const TotpCodeSchema = z.string().regex(/^\d{6}$/);

/** `totp`: needed only by accounts with the second factor on (the server answers totp-required). */
export const StaffLoginRequestSchema = z.object({ username: z.string().min(1).max(64), password: StaffPasswordSchema, totp: TotpCodeSchema.optional() }).strict();

export const StaffSessionSchema = z.object({
  username: z.string(),
  role: StaffRoleSchema,
  csrfToken: z.string(),
  /** The session ends after this long without a request (the page logs out on its own, too). */
  idleSeconds: z.number().int().positive(),
}).strict();
export type StaffSession = z.infer<typeof StaffSessionSchema>;

export const NewStaffRequestSchema = z.object({ username: StaffUsernameSchema, role: StaffRoleSchema, password: StaffPasswordSchema }).strict();

export const StaffAccountSchema = z.object({
  username: z.string(),
  role: StaffRoleSchema,
  disabled: z.boolean(),
  locked: z.boolean(),
  createdAt: z.string(),
}).strict();

export const StaffErrorSchema = z.object({
  code: z.enum([
    'invalid-request', 'bad-login', 'locked', 'not-logged-in', 'forbidden', 'csrf', 'taken', 'weak-password', 'not-found', 'last-admin',
    'stale', 'cannot-open', 'numbered', 'purged', 'already-revoked',
    'totp-required', 'bad-totp', 'totp-already-on', 'totp-not-begun', 'totp-off',
  ]),
  /** stale: where the record stands now (decided or reopened since it was opened). */
  state: z.enum(['received', 'numbered', 'rejected']).optional(),
  /** stale: the record's revision now. */
  revision: z.number().int().optional(),
  message: z.string(),
  /** weak-password: the rules broken (shared/account/password-policy). */
  rules: z.array(z.string()).optional(),
  /** locked: when to try again. */
  retryAfterSeconds: z.number().int().optional(),
}).strict();
export type StaffError = z.infer<typeof StaffErrorSchema>;

export const AuditEntrySchema = z.object({
  seq: z.number().int(),
  at: z.string(),
  actor: z.string(),
  action: z.string(),
  subject: z.string().nullable().optional(),
  detail: z.record(z.string(), z.union([z.string(), z.number(), z.boolean(), z.null()])).nullable().optional(),
  hash: z.string(),
}).strict();

export const AuditCheckSchema = z.object({
  ok: z.boolean(),
  entries: z.number().int(),
  brokenAt: z.number().int().optional(),
  reason: z.enum(['hash', 'link', 'gap', 'head']).optional(),
}).strict();

/** The outbox page (admins): a page of rows after `after`, oldest first. */
export const OutboxQuerySchema = z.object({ after: z.coerce.number().int().min(0).optional() }).strict();
export const OutboxEntrySchema = z.object({
  id: z.number().int(),
  kind: z.enum(['approved', 'rejected']),
  state: z.enum(['pending', 'sent', 'failed', 'cancelled']),
  attempts: z.number().int(),
  /** An error's code (e.g. ECONNREFUSED, EENVELOPE 451), never a server's words about an address. */
  lastError: z.string().nullable(),
  sentAt: z.string().nullable(),
  nextAttemptAt: z.string().nullable(),
  /** Whether the sealed message is still kept (until sent or refused for good). */
  hasMessage: z.boolean(),
}).strict();
