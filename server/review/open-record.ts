// A record opened for a reviewer: decrypted in memory for one request and parsed with the record's
// schema. Nothing decrypted is written to disk, cached or logged; the plaintext buffer is zeroed as
// soon as it has been parsed (the parsed strings live until the response is sent).
import { RecordPayloadSchema, type RecordPayload } from '../../shared/sync/record-payload';
import { sealingContext } from '../../shared/sync/protocol';
import { recordOpener } from '../../node/crypto/record-sealing';
import { decodeRecord } from '../../node/crypto/record-codec';
import type { ServerKeys } from '../keys';

export type OpenedForReview = { ok: true; record: RecordPayload } | { ok: false; reason: 'not-found' | 'cannot-open' };

export function reviewOpener(keys: ServerKeys) {
  const open = recordOpener(keys.sealing.privateKey);
  return async (deviceId: string, recordId: string, sealed: Buffer | undefined): Promise<OpenedForReview> => {
    if (!sealed) return { ok: false, reason: 'not-found' };
    let plaintext: Uint8Array;
    try {
      plaintext = await open(sealed, sealingContext(deviceId, recordId));
    } catch {
      return { ok: false, reason: 'cannot-open' };
    }
    try {
      // Stored only after the registrar checked it: a failure here means another key or a damaged row.
      const parsed = RecordPayloadSchema.safeParse(decodeRecord(plaintext));
      return parsed.success ? { ok: true, record: parsed.data } : { ok: false, reason: 'cannot-open' };
    } catch {
      return { ok: false, reason: 'cannot-open' };
    } finally {
      plaintext.fill(0);
    }
  };
}
