// registrations: every record the server has durably received, sealed as it arrived, with where it
// stands: 'received', 'numbered' (with its registration number) or 'rejected' (with a reason code).
import type { SqlRunner } from './sql';
import type { OutcomeState } from '../../shared/sync/protocol';

export interface NewRegistrationRow {
  readonly deviceId: string;
  readonly recordId: string;
  readonly profileId: string;
  readonly nikHash: Buffer | null;
  readonly sealed: Buffer;
  readonly payloadSha256: string;
  readonly receivedAt: string;
  /** The printed receipt's number, when the kiosk sent one naming itself. */
  readonly receiptNumber?: string | undefined;
}

/**
 * Inserts a received record, numbered already when its number is given (written once: a later
 * UPDATE would rewrite the sealed bytes on SQLite); its id, or undefined when a unique key is taken
 * — this record already stored, or (the case that matters) another registration of the same NIK in
 * the same profile. The constraint decides, so two processes racing on one NIK cannot both succeed.
 */
export async function insertRegistration(db: SqlRunner, r: NewRegistrationRow, registrationNumber: string | null): Promise<number | undefined> {
  const res = await db.run<{ id: number }>(
    `INSERT INTO registrations (device_id, record_id, profile_id, nik_hash, sealed, payload_sha256, received_at, state, registration_number, decided_at, receipt_number)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING RETURNING id`,
    [r.deviceId, r.recordId, r.profileId, r.nikHash, r.sealed, r.payloadSha256, r.receivedAt,
      registrationNumber ? 'numbered' : 'received', registrationNumber, registrationNumber ? r.receivedAt : null, r.receiptNumber ?? null]);
  return res.rows[0]?.id;
}

export async function nikTaken(db: SqlRunner, profileId: string, nikHash: Buffer): Promise<boolean> {
  return (await db.run(`SELECT 1 FROM registrations WHERE profile_id = ? AND nik_hash = ?`, [profileId, nikHash])).rows.length > 0;
}

export interface RegistrationRow {
  readonly id: number;
  readonly recordId: string;
  readonly profileId: string;
  readonly state: OutcomeState;
  readonly receivedAt: string;
  readonly registrationNumber: string | null;
  readonly decisionReason: string | null;
  readonly decidedAt: string | null;
  /** Counts the record's decisions and reopenings: a decision names the revision its reviewer saw. */
  readonly revision: number;
  readonly receiptNumber: string | null;
  /** When the retention job reduced the sealed record to the profile's kept fields (retention-table.ts). */
  readonly purgedAt: string | null;
}

const COLUMNS = `id, record_id AS "recordId", profile_id AS "profileId", state, received_at AS "receivedAt", registration_number AS "registrationNumber",
                 decision_reason AS "decisionReason", decided_at AS "decidedAt", revision, receipt_number AS "receiptNumber", purged_at AS "purgedAt"`;

export interface ListedRegistration extends RegistrationRow {
  readonly deviceId: string;
}

/** In the order received, after `afterId` (a page at a time, for staff tools and checks). */
export async function listRegistrations(db: SqlRunner, afterId: number, limit: number): Promise<ListedRegistration[]> {
  return (await db.run<ListedRegistration>(`SELECT ${COLUMNS}, device_id AS "deviceId" FROM registrations WHERE id > ? ORDER BY id LIMIT ?`,
    [afterId, limit])).rows;
}

export async function findRegistration(db: SqlRunner, deviceId: string, recordId: string): Promise<RegistrationRow | undefined> {
  return (await db.run<RegistrationRow>(`SELECT ${COLUMNS} FROM registrations WHERE device_id = ? AND record_id = ?`, [deviceId, recordId])).rows[0];
}

/** The given records of one device (others' records are never visible to it). */
export async function findRegistrations(db: SqlRunner, deviceId: string, recordIds: readonly string[]): Promise<RegistrationRow[]> {
  if (recordIds.length === 0) return [];
  const marks = recordIds.map(() => '?').join(', ');
  return (await db.run<RegistrationRow>(`SELECT ${COLUMNS} FROM registrations WHERE device_id = ? AND record_id IN (${marks}) ORDER BY id`,
    [deviceId, ...recordIds])).rows;
}

/**
 * Only a 'received' record changes state, and only at the revision the decision was made on (when
 * one is named); false when it was decided or reopened meanwhile — the first decision stands.
 */
export async function numberRegistration(db: SqlRunner, id: number, registrationNumber: string, at: string, seenRevision?: number): Promise<boolean> {
  return (await db.run(`UPDATE registrations SET state = 'numbered', registration_number = ?, decided_at = ?, revision = revision + 1
                        WHERE id = ? AND state = 'received' AND revision = coalesce(?, revision)`,
    [registrationNumber, at, id, seenRevision ?? null])).changes === 1;
}

export async function rejectRegistrationRow(db: SqlRunner, id: number, reason: string, at: string, seenRevision?: number): Promise<boolean> {
  return (await db.run(`UPDATE registrations SET state = 'rejected', decision_reason = ?, decided_at = ?, revision = revision + 1
                        WHERE id = ? AND state = 'received' AND revision = coalesce(?, revision)`,
    [reason, at, id, seenRevision ?? null])).changes === 1;
}

/**
 * An admin reopens a rejection seen at `seenRevision`: back to 'received' for a new decision. A
 * number once issued is never taken back (it was announced as the applicant's username or account),
 * and a record past its retention (its images gone) cannot be decided again.
 */
export async function reopenRegistrationRow(db: SqlRunner, id: number, seenRevision: number): Promise<boolean> {
  return (await db.run(`UPDATE registrations SET state = 'received', decision_reason = NULL, decided_at = NULL, revision = revision + 1
                        WHERE id = ? AND state = 'rejected' AND revision = ? AND purged_at IS NULL`, [id, seenRevision])).changes === 1;
}

/** The sealed record as it arrived, for a reviewer to open in memory. */
export async function findSealed(db: SqlRunner, deviceId: string, recordId: string): Promise<Buffer | undefined> {
  const r = await db.run<{ sealed: Buffer }>(`SELECT sealed FROM registrations WHERE device_id = ? AND record_id = ?`, [deviceId, recordId]);
  const sealed = r.rows[0]?.sealed;
  return sealed === undefined ? undefined : Buffer.from(sealed);
}

export interface ReviewFilter {
  readonly profileId?: string | undefined;
  readonly state?: OutcomeState | undefined;
  readonly deviceId?: string | undefined;
  /** received_at bounds, ISO strings (inclusive from, exclusive to). */
  readonly from?: string | undefined;
  readonly to?: string | undefined;
  readonly registrationNumber?: string | undefined;
  readonly receiptNumber?: string | undefined;
  readonly nikHash?: Buffer | undefined;
}

/** The review queue: oldest first, a page after `afterId`; the filter's parts that are given, all of them. */
export async function listForReview(db: SqlRunner, filter: ReviewFilter, afterId: number, limit: number): Promise<ListedRegistration[]> {
  const where = ['id > ?'];
  const params: (string | number | Buffer)[] = [afterId];
  const add = (clause: string, value: string | Buffer | undefined): void => {
    if (value === undefined) return;
    where.push(clause);
    params.push(value);
  };
  add('profile_id = ?', filter.profileId);
  add('state = ?', filter.state);
  add('device_id = ?', filter.deviceId);
  add('received_at >= ?', filter.from);
  add('received_at < ?', filter.to);
  add('registration_number = ?', filter.registrationNumber);
  add('receipt_number = ?', filter.receiptNumber);
  add('nik_hash = ?', filter.nikHash);
  return (await db.run<ListedRegistration>(`SELECT ${COLUMNS}, device_id AS "deviceId" FROM registrations WHERE ${where.join(' AND ')} ORDER BY id LIMIT ?`,
    [...params, limit])).rows;
}

export async function countRegistrations(db: SqlRunner): Promise<Record<OutcomeState, number>> {
  const r = await db.run<Record<OutcomeState, number>>(
    `SELECT CAST(count(*) FILTER (WHERE state = 'received') AS INTEGER) AS received,
            CAST(count(*) FILTER (WHERE state = 'numbered') AS INTEGER) AS numbered,
            CAST(count(*) FILTER (WHERE state = 'rejected') AS INTEGER) AS rejected FROM registrations`);
  return r.rows[0] ?? { received: 0, numbered: 0, rejected: 0 };
}

/** Every kiosk that has sent a registration, with the name an admin gave it and how many (for the queue's kiosk filter). */
export async function listSenders(db: SqlRunner): Promise<{ deviceId: string; name: string | null; registrations: number }[]> {
  const r = await db.run<{ deviceId: string; name: string | null; registrations: number }>(
    `SELECT r.device_id AS "deviceId", d.name, CAST(count(*) AS INTEGER) AS registrations
     FROM registrations r JOIN devices d ON d.device_id = r.device_id GROUP BY r.device_id, d.name ORDER BY d.name, r.device_id`);
  return r.rows.map((row) => ({ deviceId: row.deviceId, name: row.name, registrations: Number(row.registrations) }));
}
