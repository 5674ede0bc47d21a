// A kiosk reduced to its wire protocol, for the server's tests and the load benchmark: its own
// device id and Ed25519 key, records sealed to the server, signed uploads and outcome pulls.
import { randomBytes, randomUUID } from 'node:crypto';
import { ed25519Signer, generateEd25519PrivateKey, type Ed25519Signer } from '../../node/crypto/ed25519';
import { sealRecord } from '../../node/crypto/record-sealing';
import { encodeRecord } from '../../node/crypto/record-codec';
import { sha256Hex, signRequest } from '../../node/crypto/request-signing';
import { loadProfile } from '../../node/profiles';
import type { Profile } from '../../shared/profile';
import { OUTCOMES_PATH, RECEIPT_NUMBER_HEADER, REGISTRATIONS_PATH, sealingContext } from '../../shared/sync/protocol';
import type { RecordPayload } from '../../shared/sync/record-payload';
import { OPERATORS_PATH } from '../../shared/sync/operators';
import { appPaths } from '../../electron/services/app-paths';
import { SITI, type Applicant } from './identities';
import { submission, submissionWithImages } from './submissions';

export interface Reply {
  readonly status: number;
  /** The body exactly as received. */
  readonly text: string;
  readonly body: Record<string, unknown>;
}

async function reply(res: Response): Promise<Reply> {
  const text = await res.text();
  let body: Record<string, unknown> = {};
  try {
    body = JSON.parse(text) as Record<string, unknown>;
  } catch {
    // not JSON: keep the text
  }
  return { status: res.status, text, body };
}

/** What the kiosk seals: a valid record of `profileId`, with two images of `imageBytes` when asked. */
export function payloadOf(a: Applicant = SITI, profileId = 'sscasn', imageBytes?: number): RecordPayload {
  const s = imageBytes ? submissionWithImages(a, imageBytes) : submission(a);
  return {
    version: 2, profileId, profileVersion: s.profileVersion, locale: s.locale, fields: s.fields, acknowledgedWarnings: s.acknowledgedWarnings,
    ...(s.ktp ? { ktp: s.ktp } : {}), selfie: s.selfie, account: s.account, submittedAt: new Date().toISOString(),
  };
}

/** The shipped SSCASN profile plus a review-first one (the association's way) for tests. */
export function testProfiles(): ReadonlyMap<string, Profile> {
  const sscasn = loadProfile('sscasn', appPaths().resources);
  // Written to profile files by some tests: without the loaded logo (a file names its logo's file).
  const { logo: _logo, ...plain } = sscasn;
  const review: Profile = { ...plain, id: 'asosiasi-uji', numbering: { mode: 'after-review', prefix: 'ASI' } };
  return new Map([[plain.id, plain], [review.id, review]]);
}

/** SHA-256 of a body already hashed (a load test hashes its records before the clock starts). */
const hashes = new WeakMap<Buffer, string>();
export function prehash(body: Buffer): void {
  hashes.set(body, sha256Hex(body));
}

export class SimulatedKiosk {
  readonly deviceId = randomUUID();
  readonly signer: Ed25519Signer = ed25519Signer(generateEd25519PrivateKey());
  sealingKey: Buffer | undefined;

  constructor(readonly url: string) {}

  async enrol(code: string, base = this.url): Promise<Reply> {
    const r = await reply(await fetch(`${base}/v1/devices/enrol`, {
      method: 'POST', headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ code, deviceId: this.deviceId, signingPublicKey: this.signer.publicKey }),
    }));
    if (r.status === 200) this.sealingKey = Buffer.from(String(r.body.sealingPublicKey), 'base64url');
    return r;
  }

  async seal(recordId: string, payload: unknown): Promise<Buffer> {
    if (!this.sealingKey) throw new Error('enrol first');
    return sealRecord(this.sealingKey, encodeRecord(payload as object), sealingContext(this.deviceId, recordId));
  }

  signed(recordId: string, body: Buffer, path = REGISTRATIONS_PATH, nowMs = Date.now()): Record<string, string> {
    return signRequest(this.signer, this.deviceId, 'POST', path, recordId, body, nowMs, hashes.get(body) ?? sha256Hex(body));
  }

  async post(body: Buffer, headers: Record<string, string>, base = this.url): Promise<Reply> {
    return reply(await fetch(`${base}${REGISTRATIONS_PATH}`, {
      method: 'POST', headers: { 'content-type': 'application/octet-stream', ...headers }, body: new Uint8Array(body.buffer as ArrayBuffer, body.byteOffset, body.length),
    }));
  }

  /** A signed upload of `body` as record `recordId` (a fresh nonce each call), optionally to another server process. */
  upload(recordId: string, body: Buffer, base = this.url, receiptNumber?: string): Promise<Reply> {
    return this.post(body, { ...this.signed(recordId, body), ...(receiptNumber ? { [RECEIPT_NUMBER_HEADER]: receiptNumber } : {}) }, base);
  }

  async outcomes(recordIds: string[], base = this.url): Promise<Reply> {
    const body = Buffer.from(JSON.stringify({ recordIds }));
    return reply(await fetch(`${base}${OUTCOMES_PATH}`, {
      method: 'POST', headers: { 'content-type': 'application/json', ...this.signed(randomUUID(), body, OUTCOMES_PATH) }, body: new Uint8Array(body),
    }));
  }

  /** A signed pull of the operator list with a fresh challenge; `again`: send an earlier pull's exact request once more (a replay). */
  async operators(again?: { challenge: string; headers: Record<string, string> }, base = this.url): Promise<Reply & { challenge: string; headers: Record<string, string> }> {
    const challenge = again?.challenge ?? randomBytes(16).toString('base64url');
    const body = Buffer.from(JSON.stringify({ challenge }));
    const headers = again?.headers ?? this.signed(randomUUID(), body, OPERATORS_PATH);
    const r = await reply(await fetch(`${base}${OPERATORS_PATH}`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: new Uint8Array(body) }));
    return { ...r, challenge, headers };
  }
}
