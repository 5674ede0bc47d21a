// What a kiosk tells the server about itself on every signed request, for the back office's kiosk
// list: its software version and the profile it runs (id@version). Two extra headers, outside the
// request signature (requestSigningText): the server shows them to admins and trusts them for
// nothing else, stores only values of the exact shapes below, and ignores anything else.
import { z } from 'zod';

export const KIOSK_REPORT_HEADERS = {
  software: 'x-kiosk-software',
  profile: 'x-kiosk-profile',
} as const;

/** Semantic version, with an optional pre-release tag (0.1.0, 1.4.2-rc.1). */
export const SoftwareVersionSchema = z.string().regex(/^\d{1,4}\.\d{1,4}\.\d{1,4}(?:-[0-9A-Za-z.-]{1,32})?$/);
/** A profile and its version, as archived profiles are named (shared/profile: `<id>@<version>`). */
export const ProfileRefSchema = z.string().regex(/^[a-z][a-z0-9-]{1,40}@[1-9]\d{0,6}$/);

export interface KioskReport {
  readonly software: string | null;
  readonly profile: string | null;
}

/** The headers a kiosk adds to its signed requests (only the parts it knows). */
export function kioskReportHeaders(report: Partial<KioskReport> | undefined): Record<string, string> {
  const headers: Record<string, string> = {};
  if (report?.software) headers[KIOSK_REPORT_HEADERS.software] = report.software;
  if (report?.profile) headers[KIOSK_REPORT_HEADERS.profile] = report.profile;
  return headers;
}

/** What a request reported, each part only when it is exactly one value of its shape; null otherwise. */
export function readKioskReport(headers: Readonly<Record<string, string | string[] | undefined>>): KioskReport {
  const one = (name: string, schema: z.ZodType<string>): string | null => {
    const value = headers[name];
    return typeof value === 'string' && schema.safeParse(value).success ? value : null;
  };
  return { software: one(KIOSK_REPORT_HEADERS.software, SoftwareVersionSchema), profile: one(KIOSK_REPORT_HEADERS.profile, ProfileRefSchema) };
}
