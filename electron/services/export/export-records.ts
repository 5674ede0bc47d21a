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
import { countDeviceSealed, listExportable, markExported, readExportablePayload } from './export-repo';
import { writeExport, type ExportFile } from './write-export';
import { listQuarantined, markQuarantinedExported, salvageServerSealed } from '../db/quarantine';

export type { ExportFile };

/** What an export carried. */
export interface ExportSummary {
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

export interface PreparedExport extends ExportSummary {
  /** One `<recordId>.kx1.json` per record, then `manifest.json` (only when there is a record), then the damaged databases' records. */
  readonly files: readonly ExportFile[];
}

export interface ExportResult extends ExportSummary {
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

interface Tally {
  recordIds: string[];
  quarantined: { files: string[]; records: number };
}

/**
 * The export's files, each made only when it is asked for: a record's payload is read, signed and
 * encoded in its turn, so a writer that writes each file before asking for the next holds one record
 * at a time (exportToDirectory). The manifest comes after the queue's records (it names them), then
 * the records still readable in damaged databases moved aside, sealed to the server. Those carry the
 * device id the damaged file held (the fresh queue has another): the signing key lives outside the
 * database (the data directory's secret store), so it is that device's key and the server checks the
 * files against that enrolled device. A file whose device id is unreadable is skipped (listed as
 * `unexportable`), and records sealed with the device key only (queued before any enrolment) cannot
 * be opened by a server: both stay in the file, encrypted. `tally` fills in as the files are made.
 */
function* exportFiles(db: Database.Database, signer: Ed25519Signer, deviceId: string, exportedAt: string, dataDir: string | undefined, tally: Tally): Generator<ExportFile> {
  const listed = listExportable(db);
  const taken = new Set(listed.map((r) => r.id));
  for (const row of listed) {
    const payload = readExportablePayload(db, row.id);
    if (payload === undefined) continue;
    tally.recordIds.push(row.id);
    yield recordFile(signer, deviceId, { ...row, payload }, exportedAt);
  }
  if (tally.recordIds.length > 0) {
    const manifest = encodeManifest({
      format: `${EXPORT_FORMAT}-manifest`, version: EXPORT_VERSION, deviceId, exportedAt, records: tally.recordIds.length, files: tally.recordIds.map((id) => exportFileName(id)),
    });
    yield { name: EXPORT_MANIFEST_NAME, content: Buffer.from(manifest, 'utf8') };
  }
  if (dataDir === undefined) return;
  // Not in the manifest (it names one device's records); the importer takes them after it, by name.
  for (const q of listQuarantined(db)) {
    if (q.deviceId === null || q.serverSealed === 0) continue;
    for (const r of salvageServerSealed(join(dataDir, q.file))) {
      if (taken.has(r.id)) continue;
      taken.add(r.id);
      tally.quarantined.records += 1;
      yield recordFile(signer, q.deviceId, r, exportedAt);
    }
    tally.quarantined.files.push(q.file);
  }
}

const newTally = (): Tally => ({ recordIds: [], quarantined: { files: [], records: 0 } });

/** Builds every file in memory without writing anything (no mark either): for a host that hands them on as one archive. `dataDir`: also the damaged databases' records. */
export function prepareExport(db: Database.Database, signer: Ed25519Signer, deviceId: string, now: Date, dataDir?: string): PreparedExport {
  const tally = newTally();
  const files = [...exportFiles(db, signer, deviceId, now.toISOString(), dataDir, tally)];
  return { files, recordIds: tally.recordIds, deviceSealed: countDeviceSealed(db), quarantined: tally.quarantined };
}

/** Every record an export carries: the queue's and the damaged databases'. */
export const exportedCount = (r: ExportSummary): number => r.recordIds.length + r.quarantined.records;

/**
 * Builds the export and marks its records exported at once — for a host that hands the files on
 * and cannot know whether they were saved (the browser host's download, one archive: its files are
 * all held at once). Prefer exportToDirectory where the files are written here.
 */
export function exportUndelivered(db: Database.Database, signer: Ed25519Signer, deviceId: string, now: Date, dataDir?: string): PreparedExport & ExportResult {
  const prepared = prepareExport(db, signer, deviceId, now, dataDir);
  const marked = markExported(db, prepared.recordIds, now);
  markQuarantinedExported(db, prepared.quarantined.files, now);
  log.info('export.prepared', { records: prepared.recordIds.length, deviceSealed: prepared.deviceSealed, quarantined: prepared.quarantined.records });
  return { ...prepared, marked };
}

/**
 * Writes the export into `dir` (a folder the operator chose, e.g. on a removable drive), one record
 * read and written at a time, and marks its records only once every file and the folder are on
 * disk: a failed write marks nothing.
 */
export function exportToDirectory(db: Database.Database, signer: Ed25519Signer, deviceId: string, dir: string, now: Date, dataDir?: string): ExportResult {
  const tally = newTally();
  writeExport(dir, exportFiles(db, signer, deviceId, now.toISOString(), dataDir, tally));
  const result = { recordIds: tally.recordIds, deviceSealed: countDeviceSealed(db), quarantined: tally.quarantined };
  const marked = markExported(db, result.recordIds, now);
  markQuarantinedExported(db, result.quarantined.files, now);
  log.info('export.written', { records: result.recordIds.length, deviceSealed: result.deviceSealed, quarantined: result.quarantined.records });
  return { ...result, marked };
}
