// audit_log: the append-only trail of staff actions (logins, opens, decisions, exports). Each
// entry's hash is an HMAC-SHA256, under a key kept with the server's keys (not in the database), of
// the previous entry's hash and this entry's fields: an edited, removed or reordered entry breaks the
// chain from there on (verifyAuditChain names the first break), and someone with the database alone
// cannot compute a chain that holds again.
// audit_head holds the last entry; an append locks it in the transaction of the action it records.
import { createHmac } from 'node:crypto';
import type { Engine, SqlDatabase, SqlRunner } from './sql';

export interface AuditEntry {
  readonly at: string;
  /** The staff username, or "system" / "cli" for the server itself. */
  readonly actor: string;
  /** What happened: "staff.login", "staff.login-failed", "registration.open", … */
  readonly action: string;
  /** What it happened to (a record "<device>/<record>", a staff username), without personal data. */
  readonly subject?: string | null;
  /** A short JSON object of further facts; never personal data. */
  readonly detail?: Readonly<Record<string, string | number | boolean | null>> | null;
}

export interface StoredAuditEntry extends AuditEntry {
  readonly seq: number;
  readonly hash: string;
}

const ZERO: Buffer = Buffer.alloc(32);

export function auditHash(key: Buffer, prev: Buffer, seq: number, e: AuditEntry): Buffer {
  const fields = JSON.stringify([seq, e.at, e.actor, e.action, e.subject ?? null, e.detail ? JSON.stringify(e.detail) : null]);
  return createHmac('sha256', key).update(prev).update(fields, 'utf8').digest();
}

/**
 * Appends one entry after the current head, inside the caller's transaction: the entry commits with
 * the action it records, or neither does. The head is taken first (FOR UPDATE on PostgreSQL; SQLite
 * transactions hold the whole database), so appends from any number of processes line up one after
 * another. Invariant against deadlocks: a transaction takes the audit head last, after any row of
 * its own action.
 */
export async function appendAuditIn(tx: SqlRunner, engine: Engine, key: Buffer, e: AuditEntry): Promise<StoredAuditEntry> {
  const lock = engine === 'postgres' ? ' FOR UPDATE' : '';
  const head = (await tx.run<{ seq: number; hash: Buffer }>(`SELECT seq, hash FROM audit_head WHERE id = 1${lock}`)).rows[0];
  if (!head) throw new Error('audit_head is missing: the database was not migrated');
  const seq = Number(head.seq) + 1;
  const hash = auditHash(key, Buffer.from(head.hash), seq, e);
  await tx.run(`UPDATE audit_head SET seq = ?, hash = ? WHERE id = 1`, [seq, hash]);
  await tx.run(`INSERT INTO audit_log (seq, at, actor, action, subject, detail, prev_hash, hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
    [seq, e.at, e.actor, e.action, e.subject ?? null, e.detail ? JSON.stringify(e.detail) : null, Buffer.from(head.hash), hash]);
  return { ...e, seq, hash: hash.toString('hex') };
}

/** An entry to append in the transaction of the action it records, under the chain's key. */
export interface AuditAppend {
  readonly key: Buffer;
  readonly entry: AuditEntry;
}

/** Appends one entry in a transaction of its own (an action that writes nothing else: a login, an open). */
export function appendAudit(db: SqlDatabase, key: Buffer, e: AuditEntry): Promise<StoredAuditEntry> {
  return db.transaction((tx) => appendAuditIn(tx, db.engine, key, e));
}

interface RawEntry { seq: number; at: string; actor: string; action: string; subject: string | null; detail: string | null; prevHash: Buffer; hash: Buffer }

const entryOf = (r: RawEntry): StoredAuditEntry => ({
  seq: Number(r.seq), at: r.at, actor: r.actor, action: r.action, subject: r.subject,
  detail: r.detail === null ? null : (JSON.parse(r.detail) as AuditEntry['detail']), hash: Buffer.from(r.hash).toString('hex'),
});

const SELECT = `SELECT seq, at, actor, action, subject, detail, prev_hash AS "prevHash", hash FROM audit_log`;

/** The newest entries first, before `beforeSeq` (paging). */
export async function listAudit(db: SqlRunner, beforeSeq: number, limit: number): Promise<StoredAuditEntry[]> {
  return (await db.run<RawEntry>(`${SELECT} WHERE seq < ? ORDER BY seq DESC LIMIT ?`, [beforeSeq, limit])).rows.map(entryOf);
}

export type ChainCheck =
  | { readonly ok: true; readonly entries: number }
  | { readonly ok: false; readonly entries: number; readonly brokenAt: number; readonly reason: 'hash' | 'link' | 'gap' | 'head' };

/**
 * Walks the trail in order up to the head as it was when the walk began (entries appended meanwhile
 * are for the next check), recomputing every hash, and compares the end with that head.
 */
export async function verifyAuditChain(db: SqlRunner, key: Buffer, pageSize = 1000): Promise<ChainCheck> {
  const head = (await db.run<{ seq: number; hash: Buffer }>(`SELECT seq, hash FROM audit_head WHERE id = 1`)).rows[0];
  if (!head) return { ok: false, entries: 0, brokenAt: 1, reason: 'head' };
  const last = Number(head.seq);
  let prev: Buffer = ZERO;
  let expected = 1;
  while (expected <= last) {
    const page = (await db.run<RawEntry>(`${SELECT} WHERE seq >= ? AND seq <= ? ORDER BY seq LIMIT ?`, [expected, last, pageSize])).rows;
    // Entries cut off the end (or out of the middle) leave the head pointing past what is there.
    if (page.length === 0) return { ok: false, entries: expected - 1, brokenAt: expected, reason: 'gap' };
    for (const r of page) {
      const seq = Number(r.seq);
      if (seq !== expected) return { ok: false, entries: expected - 1, brokenAt: expected, reason: 'gap' };
      if (!Buffer.from(r.prevHash).equals(prev)) return { ok: false, entries: expected - 1, brokenAt: seq, reason: 'link' };
      const hash = auditHash(key, prev, seq, entryOf(r));
      if (!hash.equals(Buffer.from(r.hash))) return { ok: false, entries: expected - 1, brokenAt: seq, reason: 'hash' };
      prev = hash;
      expected++;
    }
  }
  if (!Buffer.from(head.hash).equals(prev)) return { ok: false, entries: expected - 1, brokenAt: expected, reason: 'head' };
  return { ok: true, entries: last };
}
