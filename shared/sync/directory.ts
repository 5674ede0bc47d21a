// Campus-SSO account verification (profile `sso-kampus`): the kiosk sends a username and password to
// the central server, sealed like a record, and the server checks them against the institution's
// directory (LDAP). The kiosk never talks to the directory. A success carries a short-lived
// assertion, signed with the server's receipt key, that the kiosk puts into the record: the server
// then knows the record's username was verified on this device, recently enough, without ever
// storing the password.
import { z } from 'zod';
import type { ServerErrorCode } from './protocol';
import { fromBase64 } from '../account/base64';

export const DIRECTORY_VERIFY_PATH = '/v1/directory/verify';

/** Profile ids have this form (shared/profile.ts). */
const ProfileId = z.string().regex(/^[a-z][a-z0-9-]{1,40}$/);

/**
 * What applicants type as their account name (NIM, NIP, or a name like `budi.s`). The character set
 * leaves nothing for LDAP filter syntax, and the server escapes it anyway.
 */
export const DirectoryUsernameSchema = z.string().trim().min(1).max(64).regex(/^[A-Za-z0-9._-]+$/);

/** The plaintext the kiosk seals (directorySealingContext): never stored, never logged, on either side. */
export const DirectoryCredentialsSchema = z.object({
  profileId: ProfileId,
  username: DirectoryUsernameSchema,
  /** Never empty: an LDAP simple bind with an empty password is an "unauthenticated bind", which many directories accept. */
  password: z.string().min(1).max(256),
}).strict();
export type DirectoryCredentials = z.infer<typeof DirectoryCredentialsSchema>;

/** The person as the directory knows them; absent attributes are null (an account without e-mail exists). */
export const DirectoryPersonSchema = z.object({
  /** The directory's own spelling of the account name. */
  username: z.string().min(1).max(256),
  /** Empty when the directory holds no name. */
  name: z.string().max(256),
  mail: z.string().max(256).nullable(),
  /** Study programme or department (e.g. the entry's `ou`). */
  unit: z.string().max(256).nullable(),
}).strict();
export type DirectoryPerson = z.infer<typeof DirectoryPersonSchema>;

/** The answer to a successful verification. */
export const DirectoryVerdictSchema = z.object({
  person: DirectoryPersonSchema,
  /** Opaque to the kiosk: put into the record as it is (see VerificationClaimsSchema). */
  assertion: z.string().min(1).max(2048),
  expiresAt: z.iso.datetime(),
}).strict();
export type DirectoryVerdict = z.infer<typeof DirectoryVerdictSchema>;

/** Why a verification is refused, with its HTTP status; the kiosk decides from the code. */
export const DIRECTORY_REFUSALS = {
  /** Wrong password or no such account: one answer, so usernames cannot be probed. */
  'wrong-credentials': 401,
  'account-locked': 403,
  /** A registration of this account exists already (told only to someone who knows its password). */
  'already-registered': 409,
  /** Too many failures for this account lately; the answer carries retry-after. */
  'too-many-attempts': 429,
  'directory-unavailable': 503,
  /** This server has no directory for the profile. */
  'no-directory': 404,
} as const satisfies Partial<Record<ServerErrorCode, number>>;
export type DirectoryRefusalCode = keyof typeof DIRECTORY_REFUSALS;

/** The one form of an account name that throttling, uniqueness and assertions compare. */
export function normaliseDirectoryUsername(username: string): string {
  return username.trim().toLowerCase();
}

/**
 * Associated data of sealed credentials. It differs from sealingContext() (records), so sealed
 * credentials can never be accepted as a record, nor a sealed record as credentials.
 */
export function directorySealingContext(deviceId: string, requestId: string): string {
  return `registration-kiosk/directory-credentials/v1/${deviceId}/${requestId}`;
}

/** What a verification assertion states; the token is base64url(JSON of these) + '.' + signature. */
export const VerificationClaimsSchema = z.object({
  v: z.literal(1),
  kind: z.literal('directory-verification'),
  profileId: ProfileId,
  deviceId: z.uuid(),
  /** normaliseDirectoryUsername() of the directory's spelling; one line, as the signed text needs. */
  username: z.string().min(1).max(256).regex(/^[^\r\n]+$/),
  /** What the directory said of the person: read-only fields of the record must say the same. */
  person: DirectoryPersonSchema.omit({ username: true }),
  issuedAt: z.iso.datetime(),
  expiresAt: z.iso.datetime(),
}).strict();
export type VerificationClaims = z.infer<typeof VerificationClaimsSchema>;

/** The exact text the server signs: fixed field order, independent of JSON key order. */
export function verificationSigningText(c: VerificationClaims): string {
  // The person's attributes are JSON-quoted: a name cannot add a line of its own to the text.
  const person = JSON.stringify([c.person.name, c.person.mail, c.person.unit]);
  return ['KIOSK-DIRECTORY-VERIFICATION-V1', String(c.v), c.kind, c.profileId, c.deviceId, c.username, person, c.issuedAt, c.expiresAt].join('\n');
}

/**
 * When an assertion stops vouching, read without checking its signature (the kiosk cannot, and need
 * not: the server checks it). Undefined for a token that is not an assertion.
 */
export function assertionExpiry(token: string): Date | undefined {
  try {
    const body = token.split('.')[0] ?? '';
    const bytes = fromBase64(body.replace(/-/g, '+').replace(/_/g, '/').replace(/=+$/, ''));
    // UTF-8 without TextDecoder (shared/ has neither DOM nor Node types): percent-decoding is UTF-8 decoding.
    const json: unknown = JSON.parse(decodeURIComponent(Array.from(bytes, (b) => `%${b.toString(16).padStart(2, '0')}`).join('')));
    const claims = VerificationClaimsSchema.safeParse(json);
    return claims.success ? new Date(claims.data.expiresAt) : undefined;
  } catch {
    return undefined;
  }
}
