// A kiosk process for the crash tests: the real services (queue, sealing, sync engine) on a data
// directory, submitting records 0..count-1 (ids derived from the index, so a restarted process
// knows which are queued) while the engine syncs; then it syncs until nothing is pending.
// Prints "READY" once the services are open, "QUEUED <id>" after each committed submission and
// "DONE" at the end. The parent kills it with SIGKILL at random moments after READY.
//   tsx test/support/crash-child.ts <dataDir> <count> [<first applicant index>]
import { createHash } from 'node:crypto';
import { createKioskServices } from '../../electron/services/kiosk-services';
import { findById } from '../../electron/services/queue/queue-repo';
import { applicant, challenges, submission } from './submissions';

const [dataDir, countArg, offsetArg = '0'] = process.argv.slice(2);
if (!dataDir || !countArg) {
  console.error('usage: crash-child <dataDir> <count> [<first applicant index>]');
  process.exit(2);
}

/** A version-4-shaped UUID derived from the record index. */
export function recordId(i: number): string {
  const h = createHash('sha256').update(`crash-record-${i}`).digest('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-${'89ab'[parseInt(h[16] ?? '0', 16) % 4]}${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

const services = createKioskServices({
  dataDir, challenges,
  sync: { probeIntervalMs: 100, backoffBaseMs: 10, backoffCapMs: 100, pauseMs: 100, uploadTimeoutMs: 2_000, probeTimeoutMs: 500 },
});
services.sync.start();
process.stdout.write('READY\n');
for (let i = Number(offsetArg); i < Number(offsetArg) + Number(countArg); i++) {
  const id = recordId(i);
  if (findById(services.db, id)) continue;
  await services.queue.submit(submission(applicant(i), { id }));
  process.stdout.write(`QUEUED ${id}\n`);
}
while (services.sync.status().pending > 0) await services.sync.syncNow();
process.stdout.write('DONE\n');
await services.close();
