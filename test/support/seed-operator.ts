// Test helper process: gives a kiosk data directory one operator account before its host starts,
// the way sync would once enrolled (a kiosk pulls operators only from its server, so an unenrolled
// kiosk in an end-to-end test needs this to be logged into). The password is read from stdin.
//   node --import tsx test/support/seed-operator.ts <dataDir> <username>   (password on stdin)
import { readFileSync } from 'node:fs';
import { createKioskServices } from '../../electron/services/kiosk-services';
import { replaceOperators } from '../../electron/services/operators/operators-repo';
import { createPasswordHash } from '../../node/crypto/password-hash';

const [dataDir, username] = process.argv.slice(2);
if (!dataDir || !username) {
  console.error('usage: seed-operator <dataDir> <username>  (password on stdin)');
  process.exit(2);
}
const password = readFileSync(0, 'utf8').replace(/\n$/, '');
const services = createKioskServices({ dataDir });
try {
  replaceOperators(services.db, [{ username, displayName: null, passwordHash: await createPasswordHash(password), disabled: false, updatedAt: new Date().toISOString() }]);
  console.log(`operator ${username} seeded`);
} finally {
  await services.close();
}
