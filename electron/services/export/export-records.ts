// Exports the records not yet delivered, as files the central server imports
// (`npm run server -- import <dir>`; format in shared/sync/export-format.ts). The files carry the
// sealed bytes exactly as an upload would, so an import and a later upload of the same record meet
// at the server's idempotency key (device, record id) and get one answer: the kiosk reconciles on
// its next sync like after a lost response. Exported records stay pending until that receipt.
import type Database from 'better-sqlite3';
import { join } from 'node:path';
import type { Ed25519Signer } from '../../../node/crypto/ed25519';
import { sha256Hex } from '../../../node/crypto/request-signing';
import {
  encodeExportedRecord, encodeManifest, EXPORT_FORMAT, EXPORT_MANIFEST_NAME, EXPORT_VERSION, exportFileName, exportSigningText,
  type ExportedRecordBody,
} from '../../../shared/sync/export-format';
import { log } from '../../../node/log';
import { countDeviceSealed, listExportable, markExported } from './export-repo';
import { writeExport, type ExportFile } from './write-export';
import { listQuarantined, markQuarantinedExported, salvage } from '../db/quarantine';

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
  /** Read from damaged databases moved aside (db/quarantine.ts): their files, and the records added. */
  readonly quarantined: { readonly files: readonly string[]; readonly records: number };
}

export interface ExportResult extends PreparedExport {
  /** How many records were marked exported (fewer than recordIds if some were delivered meanwhile). */
  readonly marked: number;
}

/** One signed record file, as the device `deviceId` would upload the record. */
function recordFile(signer: Ed25519Signer, deviceId: string, row: { id: string; receiptNumber: string; payload: Buffer }, exportedAt: string): ExportFile {
  const record: ExportedRecordBody = {
    format: EXPORT_FORMAT, version: EXPORT_VERSION, deviceId, recordId: row.id, receiptNumber: row.receiptNumber,
    sealed: row.payload.toString('base64'), sealedSha256: sha256Hex(row.payload), exportedAt,
  };
  return { name: exportFileName(row.id), content: Buffer.from(encodeExportedRecord(record, signer.sign(exportSigningText(record))), 'utf8') };
}

/**
 * The undelivered records still readable in damaged databases moved aside, sealed to the server.
 * They carry the device id the damaged file held (the fresh queue has another): the signing key
 * lives outside the database (the data directory's secret store), so it is that device's key and
 * the server checks the files against that enrolled device. Records sealed with the device key
 * only (queued before any enrolment) cannot be opened by a server: they stay in the file, encrypted.
 */
function quarantinedFiles(db: Database.Database, dataDir: string, signer: Ed25519Signer, exportedAt: string, taken: Set<string>) {
  const files: ExportFile[] = [];
  const used: string[] = [];
  for (const q of listQuarantined(db)) {
    if (q.deviceId === null || q.serverSealed === 0) continue;
    const found = salvage(join(dataDir, q.file));
    const deviceId = found.deviceId ?? q.deviceId;
    for (const r of found.records) {
      if (r.sealing !== 'server' || taken.has(r.id)) continue;
      taken.add(r.id);
      files.push(recordFile(signer, deviceId, r, exportedAt));
    }
    used.push(q.file);
  }
  return { files, used };
}

/** Builds the files without writing anything (no mark either). `dataDir`: also the damaged databases' records. */
export function prepareExport(db: Database.Database, signer: Ed25519Signer, deviceId: string, now: Date, dataDir?: string): PreparedExport {
  const exportedAt = now.toISOString();
  const rows = listExportable(db);
  const files: ExportFile[] = rows.map((row) => recordFile(signer, deviceId, row, exportedAt));
  if (files.length > 0) {
    const manifest = encodeManifest({
      format: `${EXPORT_FORMAT}-manifest`, version: EXPORT_VERSION, deviceId, exportedAt, records: files.length, files: files.map((f) => f.name),
    });
    files.push({ name: EXPORT_MANIFEST_NAME, content: Buffer.from(manifest, 'utf8') });
  }
  // Not in the manifest (it names one device's records); the importer takes them after it, by name.
  const extra = dataDir ? quarantinedFiles(db, dataDir, signer, exportedAt, new Set(rows.map((r) => r.id))) : { files: [], used: [] };
  files.push(...extra.files);
  return {
    files, recordIds: rows.map((r) => r.id), deviceSealed: countDeviceSealed(db), quarantined: { files: extra.used, records: extra.files.length },
  };
}

/** Every record an export carries: the queue's and the damaged databases'. */
export const exportedCount = (r: PreparedExport): number => r.recordIds.length + r.quarantined.records;

/**
 * Builds the export and marks its records exported at once — for a host that hands the files on
 * and cannot know whether they were saved (the browser host's download). Prefer exportToDirectory
 * where the files are written here.
 */
export function exportUndelivered(db: Database.Database, signer: Ed25519Signer, deviceId: string, now: Date, dataDir?: string): ExportResult {
  const prepared = prepareExport(db, signer, deviceId, now, dataDir);
  const marked = markExported(db, prepared.recordIds, now);
  markQuarantinedExported(db, prepared.quarantined.files, now);
  log.info('export.prepared', { records: prepared.recordIds.length, deviceSealed: prepared.deviceSealed, quarantined: prepared.quarantined.records });
  return { ...prepared, marked };
}

/**
 * Writes the export into `dir` (a folder the operator chose, e.g. on a removable drive) and marks
 * its records only once every file and the folder are on disk: a failed write marks nothing.
 */
export function exportToDirectory(db: Database.Database, signer: Ed25519Signer, deviceId: string, dir: string, now: Date, dataDir?: string): ExportResult {
  const prepared = prepareExport(db, signer, deviceId, now, dataDir);
  writeExport(dir, prepared.files);
  const marked = markExported(db, prepared.recordIds, now);
  markQuarantinedExported(db, prepared.quarantined.files, now);
  log.info('export.written', { records: prepared.recordIds.length, deviceSealed: prepared.deviceSealed, quarantined: prepared.quarantined.records });
  return { ...prepared, marked };
}
