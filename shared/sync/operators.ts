// Operator accounts travelling to kiosks: a signed device request (POST /v1/operators) answered with
// every operator account the central server holds — username, display name, password hash (the
// format of node/crypto/password-hash.ts), disabled flag — signed as a whole with the server's receipt
// key. The kiosk keeps the last list it verified and checks operator logins against it offline.
//
// Invariants the kiosk relies on:
// - Only a list that verifies under the receiptPublicKey pinned at enrolment is believed; one changed
//   byte (a hash swapped, a disabled flag cleared, an account added or dropped) fails the signature.
// - The answer names the asking device and echoes the request's fresh `challenge`, so an old list
//   (an account since disabled, a password since changed) cannot be replayed to the kiosk later, nor
//   one device's answer passed to another.
// - The list is complete: an account missing from it no longer exists for the kiosk.
import { z } from 'zod';
import { StaffUsernameSchema } from '../staff';
import { PASSWORD_HASH_BOUNDS, scryptParamsOf, withinScryptBounds } from '../account/scrypt-params';

export const OPERATORS_PATH = '/v1/operators';

/** The most operator accounts a server keeps (disabled ones included): the whole list stays well under a megabyte. */
export const OPERATORS_MAX = 2000;

/** Operator usernames follow the staff rules (shared/staff.ts): lower case, 2–40 characters. */
export const OperatorUsernameSchema = StaffUsernameSchema;

/**
 * A name to greet the operator with: one line, no control characters, no spaces around it. Checked,
 * never transformed: the kiosk must read exactly the text the server signed.
 */
export const OperatorDisplayNameSchema = z.string().min(1).max(80).regex(/^[^\p{Cc}\p{Cf}\u2028\u2029]+$/u).refine((s) => s.trim() === s, 'no spaces around the name');

/**
 * A hash as stored on the server, its cost within PASSWORD_HASH_BOUNDS (the server makes none
 * outside them); parsed again where it is checked (parsePasswordHash).
 */
const PasswordHashText = z.string().min(1).max(200).regex(/^\$scrypt\$[^\s]+$/)
  .refine((s) => { const params = scryptParamsOf(s); return params !== undefined && withinScryptBounds(params, PASSWORD_HASH_BOUNDS); }, 'hash.params');

/** The kiosk's request body: 16 or more fresh random bytes (base64url) for the server to echo in the signed answer. */
export const OperatorsRequestSchema = z.object({ challenge: z.string().regex(/^[A-Za-z0-9_-]{22,64}$/) }).strict();
export type OperatorsRequest = z.infer<typeof OperatorsRequestSchema>;

export const SyncedOperatorSchema = z.object({
  username: OperatorUsernameSchema,
  displayName: OperatorDisplayNameSchema.nullable(),
  passwordHash: PasswordHashText,
  /** A disabled account may not log in on any kiosk once the kiosk has this list. */
  disabled: z.boolean(),
  updatedAt: z.iso.datetime(),
}).strict();
export type SyncedOperator = z.infer<typeof SyncedOperatorSchema>;

export const OperatorListBodySchema = z.object({
  deviceId: z.uuid(),
  challenge: OperatorsRequestSchema.shape.challenge,
  /** The server's time when it read the list; a kiosk never replaces a list with an older one. */
  issuedAt: z.iso.datetime(),
  operators: z.array(SyncedOperatorSchema).max(OPERATORS_MAX),
}).strict().refine((l) => new Set(l.operators.map((o) => o.username)).size === l.operators.length, { message: 'usernames are unique', path: ['operators'] });
export type OperatorListBody = z.infer<typeof OperatorListBodySchema>;

export const SignedOperatorListSchema = z.object({
  list: OperatorListBodySchema,
  /** Ed25519 over operatorListSigningText(list) with the server's receipt key, base64url. */
  signature: z.string().regex(/^[A-Za-z0-9_-]{86}$/),
}).strict();
export type SignedOperatorList = z.infer<typeof SignedOperatorListSchema>;

/**
 * The exact text the server signs: fixed order, independent of JSON key order. The accounts are one
 * JSON array of arrays, so no display name or hash can add a line of its own or shift a field.
 */
export function operatorListSigningText(l: OperatorListBody): string {
  const accounts = JSON.stringify(l.operators.map((o) => [o.username, o.displayName, o.passwordHash, o.disabled, o.updatedAt]));
  return ['KIOSK-OPERATORS-V1', l.deviceId, l.challenge, l.issuedAt, accounts].join('\n');
}

/** An Ed25519 check over text (node/crypto/ed25519.ts verifyEd25519 fits): shared/ has no crypto of its own. */
export type SignatureCheck = (publicKey: string, text: string, signatureBase64Url: string) => boolean;

export type OperatorListCheck =
  | { readonly ok: true; readonly list: OperatorListBody }
  | { readonly ok: false; readonly reason: 'malformed' | 'bad-signature' | 'other-device' | 'other-challenge' };

/**
 * The list in a server's answer, if it is genuine and meant for this request: well-formed, signed by
 * the receipt key the kiosk pinned at enrolment, for this device and this request's challenge.
 */
export function verifyOperatorList(answer: unknown, receiptPublicKey: string,
  expected: { readonly deviceId: string; readonly challenge: string; readonly verifySignature: SignatureCheck }): OperatorListCheck {
  const parsed = SignedOperatorListSchema.safeParse(answer);
  if (!parsed.success) return { ok: false, reason: 'malformed' };
  const { list, signature } = parsed.data;
  if (!expected.verifySignature(receiptPublicKey, operatorListSigningText(list), signature)) return { ok: false, reason: 'bad-signature' };
  if (list.deviceId !== expected.deviceId) return { ok: false, reason: 'other-device' };
  if (list.challenge !== expected.challenge) return { ok: false, reason: 'other-challenge' };
  return { ok: true, list };
}
