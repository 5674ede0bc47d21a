// Every contract call answers with this envelope on both hosts: IPC drops custom error properties
// and HTTP needs a body anyway, so errors travel as data and the renderer's api rethrows them.
import { z } from 'zod';

export const ERROR_CODES = [
  'invalid-input', 'duplicate-nik', 'unconfirmed-warning', 'unknown-profile', 'anti-robot-required',
  'forbidden', 'host-unreachable', 'internal',
  // Directory verification (campus SSO), as the central server answered, or why it could not be asked.
  'wrong-credentials', 'account-locked', 'already-registered', 'too-many-attempts', 'directory-unavailable', 'offline',
  // The verification a submission carries has expired: the account is verified again.
  'verification-expired',
  // Operators: a gated channel without a live session; a wrong login; a name locked after failures.
  'operator-session', 'operator-login', 'operator-locked',
  // Enrolment from the operator screen (electron/services/sync/enrol.ts): the code is used, expired or
  // mistyped; the server is unreachable; not https; its keys are not the QR's; this kiosk is linked to
  // another server; the server already knows this device; no such pending confirmation; any other answer.
  'enrol-code-invalid', 'enrol-unreachable', 'enrol-not-https', 'enrol-server-url', 'enrol-fingerprint-mismatch',
  'enrol-other-server', 'enrol-device-known', 'enrol-pending', 'enrol-failed',
] as const;
export type KioskErrorCode = (typeof ERROR_CODES)[number];

export const KioskErrorSchema = z.object({
  code: z.enum(ERROR_CODES),
  /** For operators and logs; never shown to applicants (they get the i18n text for `code`). */
  message: z.string(),
  issues: z.array(z.object({ path: z.array(z.union([z.string(), z.number()])), message: z.string() })).optional(),
});
export type KioskErrorData = z.infer<typeof KioskErrorSchema>;

export type Envelope<T> = { ok: true; value: T } | { ok: false; error: KioskErrorData };

export class KioskError extends Error {
  constructor(readonly code: KioskErrorCode, message: string, readonly issues?: KioskErrorData['issues']) {
    super(message);
    this.name = 'KioskError';
  }

  toData(): KioskErrorData {
    return this.issues ? { code: this.code, message: this.message, issues: this.issues } : { code: this.code, message: this.message };
  }
}

export function issuesOf(error: z.ZodError): NonNullable<KioskErrorData['issues']> {
  return error.issues.map((i) => ({
    path: i.path.map((p) => (typeof p === 'symbol' ? String(p) : p)),
    message: i.message,
  }));
}
