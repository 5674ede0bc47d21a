// What a record keeps once its retention period is over: the profile's kept fields and the facts
// that say what the record is (profile, version, language, when submitted). Everything else goes —
// the KTP image and its OCR reading, the selfie with its face evidence, the account's password and
// answer hashes, the directory's signed assertion, the NIK warnings the applicant confirmed, and
// every field the profile does not keep. The result is still a valid record (RecordPayloadSchema),
// sealed in the same format, so the review page opens it like any other.
import type { RecordPayload } from '../../shared/sync/record-payload';
import { encodeRecord } from '../../node/crypto/record-codec';
import { sealRecord } from '../../node/crypto/record-sealing';
import { sealingContext } from '../../shared/sync/protocol';

export function reduceRecord(record: RecordPayload, keepFields: readonly string[]): RecordPayload {
  const fields: Record<string, string> = {};
  for (const name of keepFields) {
    const value = Object.hasOwn(record.fields, name) ? record.fields[name] : undefined;
    if (value !== undefined) fields[name] = value;
  }
  return {
    version: record.version, profileId: record.profileId, profileVersion: record.profileVersion, locale: record.locale,
    fields, acknowledgedWarnings: [], submittedAt: record.submittedAt,
  };
}

/** The reduced record sealed to the server's key for the same device and record (the context binds it there). */
export async function sealReduced(publicKey: Buffer, deviceId: string, recordId: string, reduced: RecordPayload): Promise<Buffer> {
  const plaintext = encodeRecord(reduced);
  try {
    return await sealRecord(publicKey, plaintext, sealingContext(deviceId, recordId));
  } finally {
    plaintext.fill(0);
  }
}
