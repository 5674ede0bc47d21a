// Accepting a sealed registration: idempotent per (device, record id), one registration per NIK,
// a registration number issued on acceptance and a signed receipt naming exactly what arrived.
import type Database from 'better-sqlite3';
import { createHmac } from 'node:crypto';
import { RecordPayloadSchema } from '../shared/sync/record-payload';
import { receiptSigningText, sealingContext, type ReceiptBody, type ServerErrorCode, type SignedReceipt } from '../shared/sync/protocol';
import { openRecord } from '../electron/services/crypto/record-sealing';
import { decodeRecord } from '../electron/services/crypto/record-codec';
import type { ServerKeys } from './keys';

export interface Answer {
  readonly status: number;
  readonly body: SignedReceipt | { code: ServerErrorCode; message: string };
}

const error = (status: number, code: ServerErrorCode, message: string): Answer => ({ status, body: { code, message } });

export interface Registrar {
  accept(deviceId: string, recordId: string, sealed: Buffer, payloadSha256: string): Promise<Answer>;
}

export function createRegistrar(db: Database.Database, keys: ServerKeys, now: () => Date = () => new Date()): Registrar {
  // Requests with the same key are handled one at a time (Node runs one thread; opening the sealed
  // record is the only await). A concurrent duplicate is told to retry, as the IETF draft says.
  const inFlight = new Set<string>();

  const stored = (deviceId: string, key: string) => db.prepare(
    `SELECT request_sha256 AS requestSha256, status, response FROM idempotency WHERE device_id = ? AND key = ?`,
  ).get(deviceId, key) as { requestSha256: string; status: number; response: string } | undefined;

  const remember = (deviceId: string, key: string, requestSha256: string, answer: Answer, at: string): void => {
    db.prepare(`INSERT INTO idempotency (device_id, key, request_sha256, status, response, created_at) VALUES (?, ?, ?, ?, ?, ?)`)
      .run(deviceId, key, requestSha256, answer.status, JSON.stringify(answer.body), at);
  };

  const replay = (deviceId: string, key: string, payloadSha256: string): Answer | undefined => {
    const first = stored(deviceId, key);
    if (!first) return undefined;
    if (first.requestSha256 !== payloadSha256) {
      return error(422, 'idempotency-key-reused', 'this record id was already used with a different body');
    }
    return { status: first.status, body: JSON.parse(first.response) as Answer['body'] };
  };

  /** Stores the record (or the duplicate-NIK refusal) and its answer together, or neither. */
  const commit = db.transaction((deviceId: string, recordId: string, profileId: string, nikHash: Buffer | null, sealed: Buffer, payloadSha256: string): Answer => {
    const again = replay(deviceId, recordId, payloadSha256);
    if (again) return again;
    const at = now();
    const ts = at.toISOString();
    const taken = nikHash && db.prepare(`SELECT 1 FROM registrations WHERE profile_id = ? AND nik_hash = ?`).get(profileId, nikHash);
    if (taken) {
      const refusal = error(409, 'duplicate-nik', 'a registration with this NIK already exists');
      remember(deviceId, recordId, payloadSha256, refusal, ts);
      return refusal;
    }
    const seq = (db.prepare(`SELECT coalesce(max(seq), 0) + 1 FROM registrations`).pluck().get() as number);
    const registrationNumber = `REG-${at.getUTCFullYear()}-${String(seq).padStart(7, '0')}`;
    db.prepare(`INSERT INTO registrations (seq, registration_number, device_id, record_id, profile_id, nik_hash, sealed, payload_sha256, received_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`)
      .run(seq, registrationNumber, deviceId, recordId, profileId, nikHash, sealed, payloadSha256, ts);
    const receipt: ReceiptBody = { recordId, deviceId, registrationNumber, serverTime: ts, payloadSha256 };
    const accepted: Answer = { status: 201, body: { receipt, signature: keys.receipts.sign(receiptSigningText(receipt)) } };
    remember(deviceId, recordId, payloadSha256, accepted, ts);
    return accepted;
  });

  return {
    async accept(deviceId, recordId, sealed, payloadSha256) {
      const earlier = replay(deviceId, recordId, payloadSha256);
      if (earlier) return earlier;
      const flight = `${deviceId}/${recordId}`;
      if (inFlight.has(flight)) return error(409, 'request-in-progress', 'a request with this record id is being processed; retry later');
      inFlight.add(flight);
      let plaintext: Buffer | undefined;
      try {
        try {
          plaintext = await openRecord(keys.sealing.privateKey, sealed, sealingContext(deviceId, recordId));
        } catch {
          return error(400, 'invalid-payload', 'the record is not sealed to this server for this device and record id');
        }
        let json: unknown;
        try {
          json = decodeRecord(plaintext);
        } catch {
          return error(400, 'invalid-payload', 'the opened record is not an encoded record');
        }
        const parsed = RecordPayloadSchema.safeParse(json);
        // Paths only: the values are personal data and never reach a response or a log.
        if (!parsed.success) return error(400, 'invalid-payload', `invalid fields: ${[...new Set(parsed.error.issues.map((i) => i.path.join('.')))].join(', ')}`);
        const nik = parsed.data.identity.nik?.replace(/\D/g, '');
        const nikHash = nik ? createHmac('sha256', keys.nikKey).update(`${parsed.data.profileId}:${nik}`).digest() : null;
        return commit(deviceId, recordId, parsed.data.profileId, nikHash, sealed, payloadSha256);
      } finally {
        plaintext?.fill(0);
        inFlight.delete(flight);
      }
    },
  };
}
