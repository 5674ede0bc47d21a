// The export side of the registrations table: which records an export may carry, and the mark that
// says one was exported. Plain functions with the database first; payloads pass through sealed.
import type Database from 'better-sqlite3';

/** Not yet delivered: no signed delivery receipt (a receipt purges the payload in the same UPDATE). */
const UNDELIVERED = `state IN ('pending', 'uploading') AND payload IS NOT NULL`;

export interface ExportableRecord {
  readonly id: string;
  readonly receiptNumber: string;
}

/**
 * Every undelivered record sealed to the server, oldest first — ids only: the export reads each
 * payload when it writes that record (readExportablePayload). An acknowledged record is never among
 * them (its payload is gone); one still sealed with the device key (queued before enrolment) is left
 * out: the server could not open it (see countDeviceSealed).
 */
export function listExportable(db: Database.Database): ExportableRecord[] {
  return db.prepare(`SELECT id, receipt_number AS receiptNumber FROM registrations
                     WHERE ${UNDELIVERED} AND sealing = 'server' ORDER BY seq`).all() as ExportableRecord[];
}

/** The record's sealed bytes (sealed to the server's public key: the kiosk cannot read them) while it is exportable. */
export function readExportablePayload(db: Database.Database, id: string): Buffer | undefined {
  return db.prepare(`SELECT payload FROM registrations WHERE id = ? AND ${UNDELIVERED} AND sealing = 'server'`).pluck().get(id) as Buffer | undefined;
}

/** Undelivered records still sealed with the device key: exportable once enrolled and re-sealed. */
export function countDeviceSealed(db: Database.Database): number {
  return db.prepare(`SELECT count(*) FROM registrations WHERE ${UNDELIVERED} AND sealing = 'device'`).pluck().get() as number;
}

/**
 * Marks records as exported at `now`, in one transaction; only those still undelivered (one
 * delivered meanwhile keeps its state, and the importer finds it already there). Marks, never
 * purges: the state and payload are untouched, so the sync engine goes on uploading them. SQLite
 * rewrites each marked row with its payload: once per export, about what writing the export costs.
 */
export function markExported(db: Database.Database, ids: readonly string[], now: Date): number {
  const mark = db.prepare(`UPDATE registrations SET exported_at = ? WHERE id = ? AND ${UNDELIVERED}`);
  const at = now.toISOString();
  return db.transaction(() => ids.reduce((n, id) => n + mark.run(at, id).changes, 0))();
}

/** "Exported, not yet delivered", for the operator's status: carried off on a drive, no receipt yet. */
export function countExportedUndelivered(db: Database.Database): number {
  return db.prepare(`SELECT count(*) FROM registrations WHERE exported_at IS NOT NULL AND ${UNDELIVERED}`).pluck().get() as number;
}
