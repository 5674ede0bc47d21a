// operators, operator_attempts and kiosk_audit (migration 0060): the kiosk's copy of its operators'
// accounts, the failed logins counted per typed name, and the local trail of operator actions.
import type Database from 'better-sqlite3';

export interface OperatorAccount {
  readonly username: string;
  readonly displayName: string | null;
  readonly passwordHash: string;
  readonly disabled: boolean;
  readonly updatedAt: string;
}

/** The server's list replaces the kiosk's in one transaction: an account it no longer sends is gone. */
export function replaceOperators(db: Database.Database, accounts: readonly OperatorAccount[]): void {
  db.transaction(() => {
    db.prepare(`DELETE FROM operators`).run();
    const insert = db.prepare(`INSERT INTO operators (username, display_name, password_hash, disabled, updated_at) VALUES (?, ?, ?, ?, ?)`);
    for (const a of accounts) insert.run(a.username.toLowerCase(), a.displayName, a.passwordHash, a.disabled ? 1 : 0, a.updatedAt);
  })();
}

export function findOperator(db: Database.Database, username: string): OperatorAccount | undefined {
  const row = db.prepare(`SELECT username, display_name AS displayName, password_hash AS passwordHash, disabled, updated_at AS updatedAt
                          FROM operators WHERE username = ?`).get(username.toLowerCase()) as (Omit<OperatorAccount, 'disabled'> & { disabled: number }) | undefined;
  return row ? { ...row, disabled: row.disabled === 1 } : undefined;
}

export function countOperators(db: Database.Database): number {
  return (db.prepare(`SELECT count(*) AS n FROM operators WHERE disabled = 0`).get() as { n: number }).n;
}

export interface AttemptPolicy { readonly max: number; readonly windowMs: number }

/**
 * Counts an attempt for the typed name (known or not) before its password is checked, or refuses
 * it while the name has used up its window: the window starts at the first failure.
 */
export function takeAttempt(db: Database.Database, username: string, nowMs: number, policy: AttemptPolicy): { ok: true } | { ok: false; retryAfterMs: number } {
  return db.transaction(() => {
    const key = username.toLowerCase();
    const row = db.prepare(`SELECT attempts, window_start AS windowStart FROM operator_attempts WHERE username = ?`).get(key) as { attempts: number; windowStart: number } | undefined;
    if (!row || row.windowStart <= nowMs - policy.windowMs) {
      db.prepare(`INSERT INTO operator_attempts (username, attempts, window_start) VALUES (?, 1, ?)
                  ON CONFLICT (username) DO UPDATE SET attempts = 1, window_start = excluded.window_start`).run(key, nowMs);
      return { ok: true as const };
    }
    // A window that starts after now means the wall clock was stepped back: it restarts now, so a
    // backward jump can hold a name for at most one window, never for the hours the clock moved.
    if (row.windowStart > nowMs) db.prepare(`UPDATE operator_attempts SET window_start = ? WHERE username = ?`).run(nowMs, key);
    const windowStart = Math.min(row.windowStart, nowMs);
    if (row.attempts >= policy.max) return { ok: false as const, retryAfterMs: windowStart + policy.windowMs - nowMs };
    db.prepare(`UPDATE operator_attempts SET attempts = attempts + 1 WHERE username = ?`).run(key);
    return { ok: true as const };
  })();
}

export function clearAttempts(db: Database.Database, username: string): void {
  db.prepare(`DELETE FROM operator_attempts WHERE username = ?`).run(username.toLowerCase());
}

export interface KioskAuditEntry {
  readonly at: string;
  /** The operator's username, or null for the kiosk itself. */
  readonly operator: string | null;
  readonly action: string;
  /** A few facts, never personal data. */
  readonly detail?: Readonly<Record<string, string | number | boolean | null>>;
}

export function appendKioskAudit(db: Database.Database, e: KioskAuditEntry): void {
  db.prepare(`INSERT INTO kiosk_audit (at, operator, action, detail) VALUES (?, ?, ?, ?)`)
    .run(e.at, e.operator, e.action, e.detail ? JSON.stringify(e.detail) : null);
}

export function listKioskAudit(db: Database.Database, limit: number): (KioskAuditEntry & { id: number; sentAt: string | null })[] {
  const rows = db.prepare(`SELECT id, at, operator, action, detail, sent_at AS sentAt FROM kiosk_audit ORDER BY id DESC LIMIT ?`).all(limit) as
    { id: number; at: string; operator: string | null; action: string; detail: string | null; sentAt: string | null }[];
  return rows.map((r) => ({ ...r, detail: r.detail === null ? undefined : JSON.parse(r.detail) as KioskAuditEntry['detail'] }));
}
