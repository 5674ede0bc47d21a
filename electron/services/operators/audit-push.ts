// The kiosk's trail of operator actions (kiosk_audit) goes to the central server with sync, a batch
// per cycle, oldest first (shared/sync/kiosk-audit.ts); an entry is marked sent once the server says
// it holds it, so a lost answer only means the batch is sent again (the server adds nothing twice).
import type Database from 'better-sqlite3';
import type { Ed25519Signer } from '../../../node/crypto/ed25519';
import { KIOSK_AUDIT_BATCH, KioskAuditAnswerSchema, type KioskAuditEntry } from '../../../shared/sync/kiosk-audit';
import { classifyFailure } from '../sync/classify';
import type { ServerClient } from '../sync/server-client';

interface Row { id: number; at: string; operator: string | null; action: string; detail: string | null }

export async function pushKioskAudit({ db, http, deviceId, key, signal }: {
  db: Database.Database; http: ServerClient; deviceId: string; key: Ed25519Signer; signal: AbortSignal;
}): Promise<{ ok: true; sent: number } | { ok: false; code: string }> {
  const rows = db.prepare(`SELECT id, at, operator, action, detail FROM kiosk_audit WHERE sent_at IS NULL ORDER BY id LIMIT ?`).all(KIOSK_AUDIT_BATCH) as Row[];
  if (rows.length === 0) return { ok: true, sent: 0 };
  const entries: KioskAuditEntry[] = rows.map((r) => ({
    id: r.id, at: r.at, operator: r.operator, action: r.action,
    ...(r.detail === null ? {} : { detail: JSON.parse(r.detail) as KioskAuditEntry['detail'] }),
  }));
  let answer;
  try {
    answer = await http.pushKioskAudit(deviceId, { entries }, key, signal);
  } catch (error) {
    return { ok: false, code: classifyFailure(error).code };
  }
  const parsed = answer.status === 200 ? KioskAuditAnswerSchema.safeParse(answer.body) : undefined;
  if (!parsed?.success) return { ok: false, code: `kiosk-audit-http-${answer.status}` };
  const mark = db.prepare(`UPDATE kiosk_audit SET sent_at = ? WHERE id = ? AND sent_at IS NULL`);
  const at = new Date().toISOString();
  const sent = new Set(rows.map((r) => r.id));
  db.transaction(() => { for (const id of parsed.data.stored) if (sent.has(id)) mark.run(at, id); })();
  return { ok: true, sent: parsed.data.stored.length };
}
