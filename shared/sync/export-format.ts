// Sealed records carried to the central server on a removable drive instead of the network (issue
// 14): one JSON file per record, `<recordId>.kx1.json`, plus an optional `manifest.json`. Defined
// once here; the kiosk writes it (electron/services/export/), the server imports it (server/import/).
// A file holds only what an upload carries in its headers — device id, record id, printed receipt
// number, the sealed bytes and their SHA-256 — never anything in clear about the applicant: the
// record itself stays sealed to the server's key. The device signs the canonical text below with its
// enrolled Ed25519 key, so the server knows the file came from that device unaltered. The text
// starts with its own label: an export signature can never pass for a request signature (and back).
import { z } from 'zod';
import { devicePrefix, isValidReceiptNumber } from '../receipt';

export const EXPORT_FORMAT = 'kiosk-record-export';
export const EXPORT_VERSION = 1;
/** The one file name ending an importer reads; the digit is the format version. */
export const EXPORT_FILE_SUFFIX = '.kx1.json';
export const EXPORT_MANIFEST_NAME = 'manifest.json';
/** Base64 of at most ~3 MB: above any record the server accepts (it checks the exact limit). */
const MAX_SEALED_BASE64 = 4 * 1024 * 1024;

const Sha256Hex = z.string().regex(/^[0-9a-f]{64}$/);

/** What the device signs: every field of a file except the signature. */
export const ExportedRecordBodySchema = z.object({
  format: z.literal(EXPORT_FORMAT),
  version: z.literal(EXPORT_VERSION),
  deviceId: z.uuid(),
  recordId: z.uuid(),
  /** As printed on the applicant's receipt (DDDD-SSSSSS-C), naming this device. */
  receiptNumber: z.string().refine(isValidReceiptNumber, 'not a receipt number'),
  /** The sealed record exactly as the kiosk would upload it, standard base64. */
  sealed: z.base64().max(MAX_SEALED_BASE64).min(1),
  sealedSha256: Sha256Hex,
  exportedAt: z.iso.datetime(),
}).strict().refine((b) => b.receiptNumber.toUpperCase().startsWith(devicePrefix(b.deviceId)), {
  message: 'the receipt number does not name this device', path: ['receiptNumber'],
});
export type ExportedRecordBody = z.infer<typeof ExportedRecordBodySchema>;

export const ExportedRecordSchema = z.object({
  record: ExportedRecordBodySchema,
  /** Ed25519 by the device's request-signing key over exportSigningText(record), base64url. */
  signature: z.string().regex(/^[A-Za-z0-9_-]{86}$/),
}).strict();
export type ExportedRecord = z.infer<typeof ExportedRecordSchema>;

/** Counts for the operator and the importer (which reports files named here but missing). Not signed: each file is. */
export const ExportManifestSchema = z.object({
  format: z.literal(`${EXPORT_FORMAT}-manifest`),
  version: z.literal(EXPORT_VERSION),
  deviceId: z.uuid(),
  exportedAt: z.iso.datetime(),
  records: z.number().int().nonnegative(),
  files: z.array(z.string().regex(/^[0-9a-f-]{36}\.kx1\.json$/)),
}).strict().refine((m) => m.files.length === m.records, { message: 'one file per record', path: ['files'] });
export type ExportManifest = z.infer<typeof ExportManifestSchema>;

/**
 * The exact text the device signs: fixed order, one field a line, independent of JSON key order.
 * The sealed bytes are covered by their SHA-256, which the importer recomputes.
 */
export function exportSigningText(b: ExportedRecordBody): string {
  return ['KIOSK-EXPORT-V1', b.deviceId, b.recordId, b.receiptNumber, b.sealedSha256, b.exportedAt].join('\n');
}

export const exportFileName = (recordId: string): string => `${recordId}${EXPORT_FILE_SUFFIX}`;

/** A signed record as the file's text (UTF-8). */
export function encodeExportedRecord(record: ExportedRecordBody, signature: string): string {
  return `${JSON.stringify({ record, signature } satisfies ExportedRecord)}\n`;
}

export type ParsedExport =
  | { readonly ok: true; readonly file: ExportedRecord }
  /** Why, in a few words; field paths only, never values. */
  | { readonly ok: false; readonly reason: string };

/** Reads a file's text; says why it is not a version-1 export. Does not check the signature or hash. */
export function parseExportedRecord(text: string): ParsedExport {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return { ok: false, reason: 'not JSON' };
  }
  const version = (json as { record?: { version?: unknown } } | null)?.record?.version;
  if (typeof version === 'number' && version !== EXPORT_VERSION) return { ok: false, reason: `export format version ${version} is not supported` };
  const parsed = ExportedRecordSchema.safeParse(json);
  if (!parsed.success) return { ok: false, reason: `invalid fields: ${[...new Set(parsed.error.issues.map((i) => i.path.join('.')))].join(', ')}` };
  return { ok: true, file: parsed.data };
}

export function encodeManifest(manifest: ExportManifest): string {
  return `${JSON.stringify(manifest, null, 2)}\n`;
}

export function parseManifest(text: string): ExportManifest | undefined {
  try {
    const parsed = ExportManifestSchema.safeParse(JSON.parse(text));
    return parsed.success ? parsed.data : undefined;
  } catch {
    return undefined;
  }
}
