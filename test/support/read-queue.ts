// Test helper process: opens a data directory through the real services and prints every queued
// record, decrypted by the queue service (never by reading the database file). Usage:
//   tsx test/support/read-queue.ts <dataDir>
import { createKioskServices } from '../../electron/services/kiosk-services';
import { listAll } from '../../electron/services/queue/queue-repo';

const dataDir = process.argv[2];
if (!dataDir) {
  console.error('usage: read-queue <dataDir>');
  process.exit(2);
}
const services = createKioskServices({ dataDir });
try {
  const records = listAll(services.db).map((row) => ({
    id: row.id,
    seq: row.seq,
    state: row.state,
    receiptNumber: row.receiptNumber,
    sealing: row.sealing,
    // Records sealed for the server cannot be read on the kiosk (that is the point).
    payload: row.payload && row.sealing === 'device' ? services.queue.readPayload(row.id) : null,
  }));
  const integrity = services.db.pragma('integrity_check', { simple: true });
  process.stdout.write(JSON.stringify({ records, integrity }));
} finally {
  await services.close();
}
