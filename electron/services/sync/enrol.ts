// Enrolling this device with a central server: an operator scans the back office's enrolment QR
// (server, one-time code, fingerprint of the server's keys) or types the server's address and the
// code. The device sends its id and its request-signing public key; the server answers with its
// public keys. From then on records are sealed to the server.
//
// Invariants:
// - Only https servers, except loopback (127.0.0.1, ::1, localhost) for development.
// - A link is saved only for keys the operator vouched for: the QR's fingerprint, or (typed) the
//   fingerprint the operator confirmed on screen (enrol-pending.ts). Otherwise nothing is saved.
// - A kiosk linked to one server is never moved to another here; the same server again is a no-op.
// - The one-time code never reaches a log, an error message or the audit trail.
import type Database from 'better-sqlite3';
import { EnrolResponseSchema, ServerErrorSchema, type EnrolRequest, type EnrolResponse } from '../../../shared/sync/protocol';
import { keysMatchFingerprint, serverKeyFingerprint } from '../../../shared/enrolment-qr';
import { KioskError, type KioskErrorCode } from '../../../shared/result';
import type { Ed25519Signer } from '../../../node/crypto/ed25519';
import { createServerClient } from './server-client';
import type { RecordSealer } from './record-sealer';
import { readLink, saveLink, type ServerLink } from './sync-repo';
import { log } from '../../../node/log';

/** `code` is what the screen translates; `detail` (in the message) is the server's code or our own. */
export class EnrolError extends KioskError {
  constructor(code: KioskErrorCode, readonly detail: string, message: string) {
    super(code, `enrolment failed (${detail}): ${message}`);
    this.name = 'EnrolError';
  }
}

const LOOPBACK_HOSTS = new Set(['127.0.0.1', '[::1]', 'localhost']);
/** An operator waits for this answer; a silent server is reported as unreachable after it. */
export const ENROL_TIMEOUT_MS = 15_000;

/** The server's address without a trailing slash; https, or http on loopback only. */
export function normaliseServerUrl(raw: string): string {
  let url: URL;
  try {
    url = new URL(raw.trim());
  } catch {
    throw new EnrolError('enrol-server-url', 'invalid-server-url', 'not an http(s) address');
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') throw new EnrolError('enrol-server-url', 'invalid-server-url', 'not an http(s) address');
  if (url.username || url.password || url.search || url.hash) throw new EnrolError('enrol-server-url', 'invalid-server-url', 'the address carries more than a server');
  if (url.protocol === 'http:' && !LOOPBACK_HOSTS.has(url.hostname)) throw new EnrolError('enrol-not-https', 'not-https', 'only https servers (http on loopback for development)');
  return url.href.replace(/\/+$/, '');
}

export interface EnrolDeps {
  readonly db: Database.Database;
  readonly deviceId: string;
  readonly signer: Ed25519Signer;
  readonly sealer: RecordSealer;
  readonly timeoutMs?: number;
}

/** What the server answered, not yet saved. */
export interface EnrolAnswer {
  readonly serverUrl: string;
  readonly keys: EnrolResponse;
  readonly fingerprint: string;
}

const linkFingerprint = (link: ServerLink): string =>
  serverKeyFingerprint({ sealingPublicKey: link.sealingPublicKey.toString('base64url'), receiptPublicKey: link.receiptPublicKey });

/**
 * The link this kiosk already has to `serverUrl` (re-enrolling there is a no-op), or undefined when
 * it has none; a link to another server is refused.
 */
export function existingLink(db: Database.Database, serverUrl: string): { fingerprint: string } | undefined {
  const link = readLink(db);
  if (!link) return undefined;
  if (link.serverUrl !== serverUrl) throw new EnrolError('enrol-other-server', 'other-server', 'this kiosk is enrolled with another server');
  return { fingerprint: linkFingerprint(link) };
}

const SERVER_CODES: Readonly<Record<string, KioskErrorCode>> = {
  // Unknown, used or expired: the server does not say which (one answer for all three).
  'invalid-enrol-code': 'enrol-code-invalid',
  // A malformed code (or request): the operator mistyped it.
  'invalid-request': 'enrol-code-invalid',
  'device-already-enrolled': 'enrol-device-known',
};

/** Spends the code at the server and returns its keys; saves nothing. */
export async function requestEnrolment(deps: EnrolDeps, serverUrl: string, code: string): Promise<EnrolAnswer> {
  const request: EnrolRequest = { code, deviceId: deps.deviceId, signingPublicKey: deps.signer.publicKey };
  const client = createServerClient(serverUrl, { uploadTimeoutMs: deps.timeoutMs ?? ENROL_TIMEOUT_MS });
  let answer;
  try {
    answer = await client.enrol(request);
  } catch (error) {
    throw new EnrolError('enrol-unreachable', 'server-unreachable', `cannot reach ${serverUrl}: ${error instanceof Error ? error.message : String(error)}`);
  }
  if (answer.status !== 200) {
    const err = ServerErrorSchema.safeParse(answer.body);
    const detail = err.success ? err.data.code : `http-${answer.status}`;
    throw new EnrolError(SERVER_CODES[detail] ?? 'enrol-failed', detail, err.success ? err.data.message : `server answered ${answer.status}`);
  }
  const parsed = EnrolResponseSchema.safeParse(answer.body);
  if (!parsed.success || parsed.data.deviceId !== deps.deviceId) throw new EnrolError('enrol-failed', 'invalid-answer', 'the server answered with something that is not an enrolment');
  return { serverUrl, keys: parsed.data, fingerprint: serverKeyFingerprint(parsed.data) };
}

/** Saves the link (the operator vouched for these keys) and seals every queued record for the server. */
export async function commitEnrolment(deps: EnrolDeps, answer: EnrolAnswer): Promise<{ sealed: number }> {
  // Checked again: another enrolment may have finished while this one waited for the operator.
  if (existingLink(deps.db, answer.serverUrl)) return { sealed: 0 };
  const { keys } = answer;
  saveLink(deps.db, {
    serverUrl: answer.serverUrl,
    sealingPublicKey: Buffer.from(keys.sealingPublicKey, 'base64url'),
    sealingKeyId: keys.sealingKeyId,
    receiptPublicKey: keys.receiptPublicKey,
    enrolledAt: keys.enrolledAt,
  });
  log.info('sync.enrolled', { server: answer.serverUrl, sealingKeyId: keys.sealingKeyId });
  return { sealed: await deps.sealer.sealQueuedForServer() };
}

export type EnrolOutcome = { state: 'enrolled' | 'already-enrolled'; fingerprint: string; sealed: number };

/**
 * Enrols with keys known in advance: the QR's fingerprint, or none for the start switches (the
 * operator who started the kiosk with them vouches for the server). Already enrolled to this server:
 * a no-op, so the switches can stay in a kiosk's start command after the code is spent.
 */
export async function enrolDevice(deps: EnrolDeps, rawUrl: string, code: string, expectedFingerprint?: string): Promise<EnrolOutcome> {
  const serverUrl = normaliseServerUrl(rawUrl);
  const existing = existingLink(deps.db, serverUrl);
  if (existing) {
    if (expectedFingerprint !== undefined && existing.fingerprint !== expectedFingerprint) {
      throw new EnrolError('enrol-fingerprint-mismatch', 'fingerprint-mismatch', 'this kiosk trusts other keys for this server than the QR names');
    }
    return { state: 'already-enrolled', fingerprint: existing.fingerprint, sealed: 0 };
  }
  const answer = await requestEnrolment(deps, serverUrl, code);
  if (expectedFingerprint !== undefined && !keysMatchFingerprint(expectedFingerprint, answer.keys)) {
    // Nothing is saved. The code is spent at that server by now, and its admin sees one more
    // enrolled device there, which they can revoke; this kiosk stays unenrolled and can try again.
    log.warn('sync.enrol-refused', { server: serverUrl, reason: 'fingerprint-mismatch' });
    throw new EnrolError('enrol-fingerprint-mismatch', 'fingerprint-mismatch', 'the server answered with other keys than the QR names');
  }
  const { sealed } = await commitEnrolment(deps, answer);
  return { state: 'enrolled', fingerprint: answer.fingerprint, sealed };
}
