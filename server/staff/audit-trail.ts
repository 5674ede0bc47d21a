// The audit trail as the staff and review routes use it: the store's chain under the server's audit
// key, which lives with the server's other keys (never in the database), so the chain cannot be
// recomputed by someone who can only edit the database.
import { createHmac } from 'node:crypto';
import type { ServerKeys } from '../keys';
import type { AuditAppend, AuditEntry, ChainCheck, StaffStore, StoredAuditEntry } from '../store/staff-store';
import type { AuditNote } from '../store/server-store';

export interface AuditTrail {
  /** Appends an entry on its own (for what writes nothing else: a login, an open, a search). */
  record(entry: AuditEntry): Promise<StoredAuditEntry>;
  /** An entry for a decision's own transaction (ServerStore), built from the row as decided. */
  within(entry: AuditNote['entry']): AuditNote;
  /** An entry for a staff account change's own transaction (StaffStore). */
  with(entry: AuditEntry): AuditAppend;
  verify(): Promise<ChainCheck>;
}

/** Derived from the server's HMAC key with its own label: one key file fewer, a key of its own. */
export const auditKeyOf = (keys: Pick<ServerKeys, 'nikKey'>): Buffer => createHmac('sha256', keys.nikKey).update('registration-server/audit-chain-v1').digest();

export function auditTrail(store: StaffStore, keys: Pick<ServerKeys, 'nikKey'>): AuditTrail {
  const key = auditKeyOf(keys);
  return { record: (entry) => store.audit(key, entry), within: (entry) => ({ key, entry }), with: (entry) => ({ key, entry }), verify: () => store.verifyAudit(key) };
}
