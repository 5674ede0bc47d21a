// Accepting a sealed registration: idempotent per (device, record id) across every server process,
// one registration per NIK and profile, a signed delivery receipt naming exactly what arrived, and
// the registration number with it when the record's profile numbers on acceptance.
import { createHmac } from 'node:crypto';
import type { Profile } from '../shared/profile';
import { RecordPayloadSchema } from '../shared/sync/record-payload';
import { sealingContext, type RecordRefusalCode } from '../shared/sync/protocol';
import { openRecord } from '../node/crypto/record-sealing';
import { decodeRecord } from '../node/crypto/record-codec';
import { errorAnswer, receiptAnswer, refusalAnswer, type Answer } from './answers';
import type { ServerKeys } from './keys';
import type { ServerStore } from './store/server-store';

/**
 * How long a claimed key may stay unanswered before another process may take it over: longer than
 * any request takes (the kiosk gives up after 30 s), short enough that a crashed process's claims
 * do not hold a record back for long.
 */
export const CLAIM_LEASE_MS = 60_000;

export interface Registrar {
  accept(deviceId: string, recordId: string, sealed: Buffer, payloadSha256: string): Promise<Answer>;
}

export interface RegistrarDeps {
  readonly store: ServerStore;
  readonly keys: ServerKeys;
  readonly profiles: ReadonlyMap<string, Profile>;
  readonly now: () => Date;
}

type Opened =
  | { ok: true; profile: Profile; nik: string | undefined }
  | { ok: false; code: RecordRefusalCode; message: string };

export function createRegistrar({ store, keys, profiles, now }: RegistrarDeps): Registrar {
  /** Opens and validates the record in memory; only what the rules need leaves this function. */
  async function open(deviceId: string, recordId: string, sealed: Buffer): Promise<Opened> {
    let plaintext: Buffer;
    try {
      plaintext = await openRecord(keys.sealing.privateKey, sealed, sealingContext(deviceId, recordId));
    } catch {
      return { ok: false, code: 'invalid-payload', message: 'the record is not sealed to this server for this device and record id' };
    }
    try {
      let json: unknown;
      try {
        json = decodeRecord(plaintext);
      } catch {
        return { ok: false, code: 'invalid-payload', message: 'the opened record is not an encoded record' };
      }
      const parsed = RecordPayloadSchema.safeParse(json);
      // Paths only: the values are personal data and never reach a response or a log.
      if (!parsed.success) return { ok: false, code: 'invalid-payload', message: `invalid fields: ${[...new Set(parsed.error.issues.map((i) => i.path.join('.')))].join(', ')}` };
      const profile = profiles.get(parsed.data.profileId);
      if (!profile) return { ok: false, code: 'unknown-profile', message: `profile ${parsed.data.profileId} is not configured on this server` };
      return { ok: true, profile, nik: parsed.data.identity.nik?.replace(/\D/g, '') || undefined };
    } finally {
      plaintext.fill(0);
    }
  }

  return {
    async accept(deviceId, recordId, sealed, payloadSha256) {
      const at = now();
      const serverTime = at.toISOString();
      const about = { recordId, deviceId, payloadSha256, serverTime };
      const claim = await store.claimKey(deviceId, recordId, payloadSha256, at.getTime(), CLAIM_LEASE_MS);
      if (claim.kind !== 'claimed') {
        if (claim.requestSha256 !== payloadSha256) {
          return refusalAnswer(keys, 422, 'idempotency-key-reused', 'this record id was already used with a different body', about);
        }
        if (claim.kind === 'answered') return claim.answer;
        return errorAnswer(409, 'request-in-progress', 'a request with this record id is being processed; retry later');
      }
      try {
        const opened = await open(deviceId, recordId, sealed);
        if (!opened.ok) {
          // Deterministic for these bytes: stored, so a retry gets this same answer.
          const refused = refusalAnswer(keys, 400, opened.code, opened.message, about);
          await store.answerKey(deviceId, recordId, refused, serverTime);
          return refused;
        }
        const { profile, nik } = opened;
        const nikHash = nik ? createHmac('sha256', keys.nikKey).update(`${profile.id}:${nik}`).digest() : null;
        return await store.storeRegistration(
          { deviceId, recordId, profileId: profile.id, nikHash, sealed, payloadSha256, receivedAt: serverTime, numbering: profile.numbering },
          (stored) => stored.kind === 'duplicate-nik'
            ? refusalAnswer(keys, 409, 'duplicate-nik', 'a registration with this NIK already exists', about)
            : receiptAnswer(keys, { recordId, deviceId, registrationNumber: stored.registrationNumber, serverTime, payloadSha256 }),
        );
      } catch (error) {
        // Nothing was stored: free the key at once rather than after the lease.
        await store.releaseKey(deviceId, recordId).catch(() => undefined);
        throw error;
      }
    },
  };
}
