// kiosk_audit_received: which entries of a kiosk's own trail are already in the audit trail. An entry
// is added with its marker in one transaction (the audit head taken last: audit-table.ts), so a
// batch sent again adds nothing twice and a crash leaves neither.
import type { SqlDatabase } from './sql';
import { appendAuditIn, type AuditEntry } from './audit-table';

export async function receiveKioskAudit(db: SqlDatabase, key: Buffer, deviceId: string, entries: readonly { localId: number; entry: AuditEntry }[]): Promise<number[]> {
  return db.transaction(async (tx) => {
    // Every marker first, the audit head after: the head is the last lock a transaction takes.
    const fresh: AuditEntry[] = [];
    for (const { localId, entry } of entries) {
      if ((await tx.run(`INSERT INTO kiosk_audit_received (device_id, local_id) VALUES (?, ?) ON CONFLICT DO NOTHING`, [deviceId, localId])).changes === 1) fresh.push(entry);
    }
    for (const entry of fresh) await appendAuditIn(tx, db.engine, key, entry);
    return entries.map((e) => e.localId);
  });
}
