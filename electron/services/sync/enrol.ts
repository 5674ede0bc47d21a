// Enrolling this device with a central server: an operator types the server's address and a
// one-time code from the server's admin. The device sends its id and its new request-signing
// public key; the server answers with its public keys. From then on records are sealed to the server.
import type Database from 'better-sqlite3';
import { z } from 'zod';
import { EnrolResponseSchema, ServerErrorSchema, type EnrolRequest } from '../../../shared/sync/protocol';
import type { Ed25519Signer } from '../../../node/crypto/ed25519';
import { createServerClient } from './server-client';
import type { RecordSealer } from './record-sealer';
import { saveLink } from './sync-repo';
import { log } from '../../../node/log';

export class EnrolError extends Error {
  constructor(readonly code: string, message: string) {
    super(`enrolment failed (${code}): ${message}`);
    this.name = 'EnrolError';
  }
}

const ServerUrlSchema = z.url({ protocol: /^https?$/ }).transform((u) => u.replace(/\/+$/, ''));

export interface EnrolDeps {
  readonly db: Database.Database;
  readonly deviceId: string;
  readonly signer: Ed25519Signer;
  readonly sealer: RecordSealer;
  readonly now?: () => Date;
}

/** Enrols the device and seals every record queued so far for the server. Returns how many. */
export async function enrolDevice(deps: EnrolDeps, serverUrl: string, code: string): Promise<{ sealed: number }> {
  const url = ServerUrlSchema.safeParse(serverUrl);
  if (!url.success) throw new EnrolError('invalid-server-url', `not an http(s) address: ${serverUrl}`);
  const request: EnrolRequest = { code, deviceId: deps.deviceId, signingPublicKey: deps.signer.publicKey };
  let answer;
  try {
    answer = await createServerClient(url.data).enrol(request);
  } catch (error) {
    throw new EnrolError('server-unreachable', `cannot reach ${url.data}: ${error instanceof Error ? error.message : String(error)}`);
  }
  if (answer.status !== 200) {
    const err = ServerErrorSchema.safeParse(answer.body);
    throw new EnrolError(err.success ? err.data.code : `http-${answer.status}`, err.success ? err.data.message : `server answered ${answer.status}`);
  }
  const parsed = EnrolResponseSchema.safeParse(answer.body);
  if (!parsed.success || parsed.data.deviceId !== deps.deviceId) throw new EnrolError('invalid-answer', 'the server answered with something that is not an enrolment');
  const link = parsed.data;
  saveLink(deps.db, {
    serverUrl: url.data,
    sealingPublicKey: Buffer.from(link.sealingPublicKey, 'base64url'),
    sealingKeyId: link.sealingKeyId,
    receiptPublicKey: link.receiptPublicKey,
    enrolledAt: link.enrolledAt,
  });
  log.info('sync.enrolled', { server: url.data, sealingKeyId: link.sealingKeyId });
  return { sealed: await deps.sealer.sealQueuedForServer() };
}
