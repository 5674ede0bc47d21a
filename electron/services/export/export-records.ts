// Exports the records not yet delivered, as files the central server imports
// (`npm run server -- import <dir>`; format in shared/sync/export-format.ts). The files carry the
// sealed bytes exactly as an upload would, so an import and a later upload of the same record meet
// at the server's idempotency key (device, record id) and get one answer: the kiosk reconciles on
// its next sync like after a lost response. Exported records stay pending until that receipt.
import type Database from 'better-sqlite3';
import type { Ed25519Signer } from '../../../node/crypto/ed25519';
import { sha256Hex } from '../../../node/crypto/request-signing';
import {
  encodeExportedRecord, encodeManifest, EXPORT_FORMAT, EXPORT_MANIFEST_NAME, EXPORT_VERSION, exportFileName, exportSigningText,
  type ExportedRecordBody,
} from '../../../shared/sync/export-format';
import { log } from '../../../node/log';
import { countDeviceSealed, listExportable, markExported } from './export-repo';
import { writeExport, type ExportFile } from './write-export';

export type { ExportFile };

export interface PreparedExport {
  /** One `<recordId>.kx1.json` per record, then `manifest.json` (only when there is a record). */
  readonly files: readonly ExportFile[];
  readonly recordIds: readonly string[];
  /**
   * Undelivered records left out because they are still sealed with the device key (queued before
   * enrolment): the server could not open them. Once the device is enrolled the sync engine
   * re-seals them for the server at its next cycle (RecordSealer.sealQueuedForServer); export then.
   */
  readonly deviceSealed: number;
}

export interface ExportResult extends PreparedExport {
  /** How many records were marked exported (fewer than recordIds if some were delivered meanwhile). */
  readonly marked: number;
}

/** Builds the files without writing anything (no mark either). */
export function prepareExport(db: Database.Database, signer: Ed25519Signer, deviceId: string, now: Date): PreparedExport {
  const exportedAt = now.toISOString();
  const rows = listExportable(db);
  const files: ExportFile[] = rows.map((row) => {
    const record: ExportedRecordBody = {
      format: EXPORT_FORMAT, version: EXPORT_VERSION, deviceId, recordId: row.id, receiptNumber: row.receiptNumber,
      sealed: row.payload.toString('base64'), sealedSha256: sha256Hex(row.payload), exportedAt,
    };
    return { name: exportFileName(row.id), content: Buffer.from(encodeExportedRecord(record, signer.sign(exportSigningText(record))), 'utf8') };
  });
  if (files.length > 0) {
    const manifest = encodeManifest({
      format: `${EXPORT_FORMAT}-manifest`, version: EXPORT_VERSION, deviceId, exportedAt, records: files.length, files: files.map((f) => f.name),
    });
    files.push({ name: EXPORT_MANIFEST_NAME, content: Buffer.from(manifest, 'utf8') });
  }
  return { files, recordIds: rows.map((r) => r.id), deviceSealed: countDeviceSealed(db) };
}

/**
 * Builds the export and marks its records exported at once — for a host that hands the files on
 * and cannot know whether they were saved (the browser host's download). Prefer exportToDirectory
 * where the files are written here.
 */
export function exportUndelivered(db: Database.Database, signer: Ed25519Signer, deviceId: string, now: Date): ExportResult {
  const prepared = prepareExport(db, signer, deviceId, now);
  const marked = markExported(db, prepared.recordIds, now);
  log.info('export.prepared', { records: prepared.recordIds.length, deviceSealed: prepared.deviceSealed });
  return { ...prepared, marked };
}

/**
 * Writes the export into `dir` (a folder the operator chose, e.g. on a removable drive) and marks
 * its records only once every file and the folder are on disk: a failed write marks nothing.
 */
export function exportToDirectory(db: Database.Database, signer: Ed25519Signer, deviceId: string, dir: string, now: Date): ExportResult {
  const prepared = prepareExport(db, signer, deviceId, now);
  writeExport(dir, prepared.files);
  const marked = markExported(db, prepared.recordIds, now);
  log.info('export.written', { records: prepared.recordIds.length, deviceSealed: prepared.deviceSealed });
  return { ...prepared, marked };
}
