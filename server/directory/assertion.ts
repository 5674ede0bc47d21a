// Verification assertions: the server's signed statement that a device verified a campus account
// for a profile at a time. Token = base64url(JSON claims) + '.' + Ed25519 signature (receipt key)
// over verificationSigningText(claims). The kiosk carries it in the record, and the server checks it
// when the record arrives — against the record's submission time, not the arrival time: a record
// submitted in time may wait in the kiosk's offline queue for days.
import type { KeyObject } from 'node:crypto';
import { normaliseDirectoryUsername, verificationSigningText, VerificationClaimsSchema, type VerificationClaims } from '../../shared/sync/directory';
import { verifyEd25519, type Ed25519Signer } from '../../node/crypto/ed25519';

/** Long enough to finish the sign-up after "Verify", short enough that a stolen token soon expires. */
export const ASSERTION_TTL_MS = 30 * 60_000;
/** How far a kiosk's clock may run behind the server's (the signed-request window is the same). */
export const ASSERTION_CLOCK_SKEW_MS = 5 * 60_000;

export type AssertionRefusal = 'missing' | 'forged' | 'expired' | 'other-device' | 'other-profile' | 'other-username';
export type AssertionCheck = { ok: true; claims: VerificationClaims } | { ok: false; reason: AssertionRefusal };

export interface AssertionSubject {
  readonly profileId: string;
  readonly deviceId: string;
  /** The directory's spelling; the claim holds its normalised form. */
  readonly username: string;
}

/** Who the directory said the account belongs to (issuing only). */
export type AssertedPerson = VerificationClaims['person'];

/** The claims of an assertion issued now. */
export function assertionClaims(subject: AssertionSubject & { readonly person: AssertedPerson }, issuedAt: Date, ttlMs = ASSERTION_TTL_MS): VerificationClaims {
  return {
    v: 1, kind: 'directory-verification',
    profileId: subject.profileId, deviceId: subject.deviceId, username: normaliseDirectoryUsername(subject.username),
    person: { name: subject.person.name, mail: subject.person.mail, unit: subject.person.unit },
    issuedAt: issuedAt.toISOString(), expiresAt: new Date(issuedAt.getTime() + ttlMs).toISOString(),
  };
}

export function issueAssertion(keys: { readonly receipts: Ed25519Signer }, claims: VerificationClaims): string {
  const body = Buffer.from(JSON.stringify(VerificationClaimsSchema.parse(claims)), 'utf8').toString('base64url');
  return `${body}.${keys.receipts.sign(verificationSigningText(claims))}`;
}

function readClaims(body: string): VerificationClaims | undefined {
  try {
    const parsed = VerificationClaimsSchema.safeParse(JSON.parse(Buffer.from(body, 'base64url').toString('utf8')));
    return parsed.success ? parsed.data : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Whether `token` vouches for this record (and what it says of the person): signed by the server, for this device, profile and
 * username, and valid when the record was submitted. A record submitted before the assertion was
 * issued (beyond clock skew) is refused as outside the validity window too. The submission time is
 * the kiosk's word; the assertion is bound to that enrolled device, so only it could backdate one.
 */
export function checkAssertion(
  publicKeyOrKeys: string | KeyObject | { readonly receipts: { readonly publicKey: string } },
  token: string | undefined,
  expected: AssertionSubject & { readonly submittedAt: Date },
): AssertionCheck {
  if (!token) return { ok: false, reason: 'missing' };
  const publicKey = typeof publicKeyOrKeys === 'object' && 'receipts' in publicKeyOrKeys ? publicKeyOrKeys.receipts.publicKey : publicKeyOrKeys;
  const [body, signature, ...rest] = token.split('.');
  const claims = body === undefined || signature === undefined || rest.length > 0 ? undefined : readClaims(body);
  if (!claims || !signature || !verifyEd25519(publicKey, verificationSigningText(claims), signature)) return { ok: false, reason: 'forged' };
  if (claims.deviceId !== expected.deviceId) return { ok: false, reason: 'other-device' };
  if (claims.profileId !== expected.profileId) return { ok: false, reason: 'other-profile' };
  if (claims.username !== normaliseDirectoryUsername(expected.username)) return { ok: false, reason: 'other-username' };
  const submitted = expected.submittedAt.getTime();
  if (Number.isNaN(submitted) || submitted > Date.parse(claims.expiresAt) || Date.parse(claims.issuedAt) > submitted + ASSERTION_CLOCK_SKEW_MS) {
    return { ok: false, reason: 'expired' };
  }
  return { ok: true, claims };
}
