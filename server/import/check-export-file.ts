// One exported record file (shared/sync/export-format.ts), checked the way a signed upload is
// authenticated: the device is enrolled and not revoked, its signing key signed exactly these
// fields, and the sealed bytes are the ones signed (their SHA-256). Nothing is opened here; the
// registrar opens and validates the record as it does an upload's.
import { exportSigningText, parseExportedRecord } from '../../shared/sync/export-format';
import { verifyEd25519 } from '../../node/crypto/ed25519';
import { sha256Hex } from '../../node/crypto/request-signing';
import type { ServerStore } from '../store/server-store';

export interface CheckedExport {
  readonly deviceId: string;
  readonly recordId: string;
  readonly receiptNumber: string;
  readonly sealed: Buffer;
  readonly sealedSha256: string;
  /** The device's signature over the file: names this exact file (see importNonce). */
  readonly signature: string;
}

/** Why a file is refused: a short code and a few words, never a value from the record. */
export interface ExportRefusal {
  readonly code: 'unreadable' | 'invalid-file' | 'unknown-device' | 'revoked-device' | 'bad-signature' | 'altered' | 'payload-too-large';
  readonly message: string;
}

export type CheckResult = { readonly ok: true; readonly record: CheckedExport } | { readonly ok: false; readonly refusal: ExportRefusal };

const refuse = (code: ExportRefusal['code'], message: string): CheckResult => ({ ok: false, refusal: { code, message } });

export async function checkExportFile(store: Pick<ServerStore, 'findDevice'>, text: string, maxSealedBytes: number): Promise<CheckResult> {
  const parsed = parseExportedRecord(text);
  if (!parsed.ok) return refuse('invalid-file', parsed.reason);
  const { record, signature } = parsed.file;
  const device = await store.findDevice(record.deviceId);
  if (!device) return refuse('unknown-device', `device ${record.deviceId} is not enrolled here`);
  if (device.revokedAt !== null) return refuse('revoked-device', `device ${record.deviceId} has been revoked`);
  if (!verifyEd25519(device.signingKey, exportSigningText(record), signature)) {
    return refuse('bad-signature', 'the signature is not the device\'s over this file (altered, or signed by another key)');
  }
  const sealed = Buffer.from(record.sealed, 'base64');
  if (sealed.length > maxSealedBytes) return refuse('payload-too-large', `the sealed record exceeds ${maxSealedBytes} bytes`);
  // The signature covers the hash; the hash must cover the bytes.
  if (sha256Hex(sealed) !== record.sealedSha256) return refuse('altered', 'the sealed record is not the one the device signed');
  return {
    ok: true,
    record: { deviceId: record.deviceId, recordId: record.recordId, receiptNumber: record.receiptNumber.toUpperCase(), sealed, sealedSha256: record.sealedSha256, signature },
  };
}
