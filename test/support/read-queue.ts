// Test helper process: prints every queued record of a data directory, device-sealed payloads
// decrypted with the device's data key (never by reading plaintext from the file). It reads beside a
// running kiosk — read-only, without the kiosk's lock — as an operator's inspection tool would.
//   node --import tsx test/support/read-queue.ts <dataDir>
import Database from 'better-sqlite3';
import { join } from 'node:path';
import { FileSecretStore } from '../../node/crypto/secret-store';
import { decodeRecord } from '../../node/crypto/record-codec';
import { createPayloadCipher, loadDataKey } from '../../electron/services/crypto/payload-cipher';
import { DB_FILE } from '../../electron/services/db/open';
import { listAll } from '../../electron/services/queue/queue-repo';
import { deviceSealingContext } from '../../electron/services/sync/record-sealer';

const dataDir = process.argv[2];
if (!dataDir) {
  console.error('usage: read-queue <dataDir>');
  process.exit(2);
}
const db = new Database(join(dataDir, DB_FILE), { readonly: true });
try {
  const cipher = createPayloadCipher(loadDataKey(new FileSecretStore(dataDir)));
  const deviceId = db.prepare(`SELECT device_id FROM device`).pluck().get() as string;
  const records = listAll(db).map((row) => ({
    id: row.id,
    seq: row.seq,
    state: row.state,
    receiptNumber: row.receiptNumber,
    sealing: row.sealing,
    // Records sealed for the server cannot be read on the kiosk (that is the point).
    payload: row.payload && row.sealing === 'device' ? decodeRecord(cipher.open(row.payload, deviceSealingContext(deviceId, row.id))) : null,
  }));
  const integrity = db.pragma('integrity_check', { simple: true });
  process.stdout.write(JSON.stringify({ records, integrity }));
} finally {
  db.close();
}
