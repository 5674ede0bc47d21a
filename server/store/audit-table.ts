// audit_log: the append-only trail of staff actions (logins, opens, decisions, exports). Each
// entry's hash is SHA-256 of the previous entry's hash and this entry's fields, so an edited, removed
// or reordered entry breaks the chain from there on (verifyAuditChain names the first break).
// audit_head holds the last entry; the append takes it with a conditional update in the same
// transaction, so appends from any number of processes line up one after another.
import { createHash } from 'node:crypto';
import type { SqlDatabase, SqlRunner } from './sql';

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

export function auditHash(prev: Buffer, seq: number, e: AuditEntry): Buffer {
  const fields = JSON.stringify([seq, e.at, e.actor, e.action, e.subject ?? null, e.detail ? JSON.stringify(e.detail) : null]);
  return createHash('sha256').update(prev).update(fields, 'utf8').digest();
}

/** Appends one entry after the current head; retried if another process appended first. */
export async function appendAudit(db: SqlDatabase, e: AuditEntry): Promise<StoredAuditEntry> {
  for (;;) {
    const stored = await db.transaction(async (tx) => {
      const head = (await tx.run<{ seq: number; hash: Buffer }>(`SELECT seq, hash FROM audit_head WHERE id = 1`)).rows[0];
      if (!head) throw new Error('audit_head is missing: the database was not migrated');
      const seq = Number(head.seq) + 1;
      const hash = auditHash(Buffer.from(head.hash), seq, e);
      // Only from the head read above: a concurrent append moved it, and this one starts over.
      const moved = await tx.run(`UPDATE audit_head SET seq = ?, hash = ? WHERE id = 1 AND seq = ?`, [seq, hash, Number(head.seq)]);
      if (moved.changes === 0) return undefined;
      await tx.run(`INSERT INTO audit_log (seq, at, actor, action, subject, detail, prev_hash, hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
        [seq, e.at, e.actor, e.action, e.subject ?? null, e.detail ? JSON.stringify(e.detail) : null, Buffer.from(head.hash), hash]);
      return { ...e, seq, hash: hash.toString('hex') };
    });
    if (stored) return stored;
  }
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

/** Walks the whole trail in order, recomputing every hash, and compares the end with the head. */
export async function verifyAuditChain(db: SqlRunner, pageSize = 1000): Promise<ChainCheck> {
  let prev: Buffer = ZERO;
  let expected = 1;
  for (;;) {
    const page = (await db.run<RawEntry>(`${SELECT} WHERE seq >= ? ORDER BY seq LIMIT ?`, [expected, pageSize])).rows;
    for (const r of page) {
      const seq = Number(r.seq);
      const e = entryOf(r);
      if (seq !== expected) return { ok: false, entries: expected - 1, brokenAt: expected, reason: 'gap' };
      if (!Buffer.from(r.prevHash).equals(prev)) return { ok: false, entries: expected - 1, brokenAt: seq, reason: 'link' };
      const hash = auditHash(prev, seq, e);
      if (!hash.equals(Buffer.from(r.hash))) return { ok: false, entries: expected - 1, brokenAt: seq, reason: 'hash' };
      prev = hash;
      expected++;
    }
    if (page.length < pageSize) break;
  }
  const head = (await db.run<{ seq: number; hash: Buffer }>(`SELECT seq, hash FROM audit_head WHERE id = 1`)).rows[0];
  // Entries cut off the end leave the head pointing past them.
  if (!head || Number(head.seq) !== expected - 1 || !Buffer.from(head.hash).equals(prev)) {
    return { ok: false, entries: expected - 1, brokenAt: expected, reason: 'head' };
  }
  return { ok: true, entries: expected - 1 };
}
