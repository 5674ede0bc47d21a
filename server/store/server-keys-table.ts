// server_keys: which keys this database belongs to (public facts only: the sealing key's id, the
// receipt public key, a check value of the NIK key). Every server process compares its own keys
// with them at start: a node started without a copy of the keys would otherwise make fresh ones,
// and then neither open other nodes' records nor sign answers the kiosks trust, and its NIK hashes
// would never match theirs.
import type { SqlRunner } from './sql';

export interface KeyFacts {
  readonly sealingKeyId: string;
  readonly receiptPublicKey: string;
  readonly nikKeyCheck: string;
}

/** The facts recorded by the first server to start on this database (this one's, if it is the first). */
export async function bindKeyFacts(db: SqlRunner, facts: KeyFacts, at: string): Promise<KeyFacts> {
  await db.run(`INSERT INTO server_keys (singleton, sealing_key_id, receipt_public_key, nik_key_check, recorded_at) VALUES (1, ?, ?, ?, ?)
                ON CONFLICT DO NOTHING`, [facts.sealingKeyId, facts.receiptPublicKey, facts.nikKeyCheck, at]);
  const r = await db.run<KeyFacts>(`SELECT sealing_key_id AS "sealingKeyId", receipt_public_key AS "receiptPublicKey", nik_key_check AS "nikKeyCheck"
                                    FROM server_keys WHERE singleton = 1`);
  const row = r.rows[0];
  if (!row) throw new Error('server_keys holds no row');
  return row;
}
