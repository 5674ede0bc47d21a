// The staff API's second factor (server/staff/totp-routes.ts): a signed-in staff member turns TOTP on
// (begin: a new secret to scan or type; confirm: a code from the app) or off (a code again); an
// admin resets another account's when its phone is lost. Paths are under STAFF_API.
import { z } from 'zod';
import { TotpCodeSchema } from './staff';

export const TOTP_PATHS = {
  status: '/account/totp',
  begin: '/account/totp/begin',
  confirm: '/account/totp/confirm',
  disable: '/account/totp/disable',
  /** Admins: which accounts have it on. */
  accounts: '/totp-accounts',
  /** Admins: `/staff/<username>/totp-reset`. */
  reset: (username: string) => `/staff/${encodeURIComponent(username)}/totp-reset`,
} as const;

export const TotpStatusSchema = z.object({
  enabled: z.boolean(),
  /** A setup was begun and not yet confirmed. */
  pending: z.boolean(),
}).strict();
export type TotpStatus = z.infer<typeof TotpStatusSchema>;

/** Shown once, to the account's owner only: never logged, never audited. */
export const TotpBeginSchema = z.object({
  /** Base32 (RFC 4648, no padding), for typing into the app by hand. */
  secret: z.string().regex(/^[A-Z2-7]+$/),
  /** otpauth://totp/… (the QR code's content). */
  uri: z.string().startsWith('otpauth://totp/'),
  /** The QR code as a data:image/png URL (the pages' CSP allows data: images). */
  qr: z.string().startsWith('data:image/png;base64,'),
}).strict();
export type TotpBegin = z.infer<typeof TotpBeginSchema>;

export const TotpCodeRequestSchema = z.object({ code: TotpCodeSchema }).strict();

export const TotpAccountsSchema = z.array(z.string());
