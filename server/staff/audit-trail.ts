// The audit trail as the staff and review routes use it: the store's chain under the server's audit
// key, which lives with the server's other keys (never in the database), so the chain cannot be
// recomputed by someone who can only edit the database.
import { createHmac } from 'node:crypto';
import type { ServerKeys } from '../keys';
import type { AuditEntry, ChainCheck, StaffStore, StoredAuditEntry } from '../store/staff-store';

export interface AuditTrail {
  record(entry: AuditEntry): Promise<StoredAuditEntry>;
  verify(): Promise<ChainCheck>;
}

/** Derived from the server's HMAC key with its own label: one key file fewer, a key of its own. */
export const auditKeyOf = (keys: Pick<ServerKeys, 'nikKey'>): Buffer => createHmac('sha256', keys.nikKey).update('registration-server/audit-chain-v1').digest();

export function auditTrail(store: StaffStore, keys: Pick<ServerKeys, 'nikKey'>): AuditTrail {
  const key = auditKeyOf(keys);
  return { record: (entry) => store.audit(key, entry), verify: () => store.verifyAudit(key) };
}
