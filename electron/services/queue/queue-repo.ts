// The registrations table: plain functions with the database first. Payloads arrive and leave
// sealed; this module never sees plaintext.
import type Database from 'better-sqlite3';
import { randomUUID } from 'node:crypto';
import type { RecordState } from '../../../shared/sync/status';

export type { RecordState };

export interface DeviceRow {
  readonly deviceId: string;
  readonly nextSeq: number;
}

export interface QueueRow {
  readonly id: string;
  readonly seq: number;
  readonly receiptNumber: string;
  readonly profileId: string;
  readonly state: RecordState;
  readonly payload: Buffer | null;
  readonly sealing: 'device' | 'server';
  readonly createdAt: string;
}

/** The device row is created on first use, with a random id that names this database's receipts. */
export function getDevice(db: Database.Database, now: Date = new Date()): DeviceRow {
  db.prepare(`INSERT OR IGNORE INTO device (singleton, device_id, next_seq, created_at) VALUES (1, ?, 1, ?)`)
    .run(randomUUID(), now.toISOString());
  const row = db.prepare(`SELECT device_id AS deviceId, next_seq AS nextSeq FROM device WHERE singleton = 1`).get() as DeviceRow;
  return row;
}

const selectColumns = `id, seq, receipt_number AS receiptNumber, profile_id AS profileId, state, payload, sealing, created_at AS createdAt`;

export function findById(db: Database.Database, id: string): QueueRow | undefined {
  return db.prepare(`SELECT ${selectColumns} FROM registrations WHERE id = ?`).get(id) as QueueRow | undefined;
}

export function hasNikTag(db: Database.Database, nikTag: Buffer): boolean {
  return db.prepare(`SELECT 1 FROM registrations WHERE nik_tag = ?`).get(nikTag) !== undefined;
}

export interface NewRecord {
  readonly id: string;
  readonly profileId: string;
  readonly nikTag: Buffer;
  /** The payload, sealed for the server once enrolled, with the device key before. */
  readonly payload: Buffer;
  readonly sealing: 'device' | 'server';
  /** The receipt number, known once the sequence number is taken. */
  readonly receiptNumber: (seq: number) => string;
}

/**
 * Takes the next sequence number and inserts the record in one transaction: the counter and the
 * row commit together, so a crash can neither reuse a sequence number nor lose a taken one's row.
 * The caller runs this inside its own transaction (with the duplicate checks).
 */
export function insertRecord(db: Database.Database, rec: NewRecord, now: Date = new Date()): QueueRow {
  const { nextSeq } = getDevice(db, now);
  const receiptNumber = rec.receiptNumber(nextSeq);
  const ts = now.toISOString();
  db.prepare(`UPDATE device SET next_seq = next_seq + 1 WHERE singleton = 1`).run();
  db.prepare(
    `INSERT INTO registrations (id, seq, receipt_number, profile_id, state, nik_tag, payload, sealing, created_at, updated_at)
     VALUES (?, ?, ?, ?, 'pending', ?, ?, ?, ?, ?)`,
  ).run(rec.id, nextSeq, receiptNumber, rec.profileId, rec.nikTag, rec.payload, rec.sealing, ts, ts);
  return { id: rec.id, seq: nextSeq, receiptNumber, profileId: rec.profileId, state: 'pending', payload: rec.payload, sealing: rec.sealing, createdAt: ts };
}

export function countByState(db: Database.Database): Record<RecordState, number> {
  const counts: Record<RecordState, number> = { pending: 0, uploading: 0, acked: 0, rejected: 0, held: 0 };
  const rows = db.prepare(`SELECT state, count(*) AS n FROM registrations GROUP BY state`).all() as { state: RecordState; n: number }[];
  for (const r of rows) counts[r.state] = r.n;
  return counts;
}

/** Oldest first, for the sync engine and for operators' exports. */
export function listByState(db: Database.Database, state: RecordState, limit: number): QueueRow[] {
  return db.prepare(`SELECT ${selectColumns} FROM registrations WHERE state = ? ORDER BY seq LIMIT ?`).all(state, limit) as QueueRow[];
}

/** Every record in sequence order (operators' tools and tests). */
export function listAll(db: Database.Database): QueueRow[] {
  return db.prepare(`SELECT ${selectColumns} FROM registrations ORDER BY seq`).all() as QueueRow[];
}
