// The disk-full scenario, run by test/unit/sync-disk-full.test.ts inside its own mount namespace
// with the kiosk's data directory on a tiny tmpfs: a real kiosk (services, queue, sync engine)
// queues records while the server is unreachable, the disk fills up, the server comes back. The
// engine must survive cycles that fail on the disk, say so in its status, and deliver everything
// once space is free. Prints one JSON line of observations; exits 0 unless something crashed.
//   node --import tsx test/support/disk-full-child.ts <kioskDir on tmpfs> <serverDir>
import { closeSync, openSync, rmSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { createKioskServices } from '../../electron/services/kiosk-services';
import { startCentralServer } from './central-server';
import { startFaultProxy } from './fault-proxy';
import { applicant, challenges, submission } from './submissions';

const [kioskDir, serverDir] = process.argv.slice(2);
if (!kioskDir || !serverDir) {
  console.error('usage: disk-full-child <kioskDir> <serverDir>');
  process.exit(2);
}
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
async function until(done: () => boolean, ms: number): Promise<boolean> {
  for (const end = Date.now() + ms; Date.now() < end; await sleep(50)) if (done()) return true;
  return done();
}

/** Writes zeros until the file system refuses: ENOSPC. */
function fill(path: string): number {
  const fd = openSync(path, 'w');
  const chunk = Buffer.alloc(64 * 1024);
  let bytes = 0;
  try {
    for (;;) bytes += writeSync(fd, chunk);
  } catch (error) {
    if ((error as { code?: string }).code !== 'ENOSPC') throw error;
  } finally {
    closeSync(fd);
  }
  return bytes;
}

process.on('unhandledRejection', (reason) => {
  console.error(`unhandled rejection: ${String(reason)}`);
  process.exit(3);
});

const central = await startCentralServer(serverDir);
const proxy = await startFaultProxy(() => central.port);
const kiosk = createKioskServices({
  dataDir: kioskDir, challenges,
  sync: { probeIntervalMs: 100, backoffBaseMs: 20, backoffCapMs: 200, pauseMs: 200, uploadTimeoutMs: 2_000, probeTimeoutMs: 500 },
});
await kiosk.enrol(proxy.url, await central.enrolCode());
kiosk.sync.start();
proxy.mode = 'refuse';
const ids: string[] = [];
for (let i = 0; i < 3; i++) ids.push((await kiosk.queue.submit(submission(applicant(40 + i)))).id);
// From here every write must claim new blocks: the WAL starts empty.
kiosk.db.pragma('wal_checkpoint(TRUNCATE)');
const filler = join(kioskDir, 'filler');
const filled = fill(filler);

let submitWhileFull = 'accepted';
try {
  await kiosk.queue.submit(submission(applicant(50)));
} catch (error) {
  submitWhileFull = String((error as { code?: string }).code ?? (error as Error).name);
}
proxy.mode = 'pass';
const sawDiskFull = await until(() => kiosk.sync.status().localError === 'disk-full', 5_000);
const whileFull = kiosk.sync.status();
await sleep(500); // more failing cycles: the engine must keep going
rmSync(filler);
const delivered = await until(() => kiosk.sync.status().pending === 0, 15_000);
// The error is cleared when the cycle that delivered them ends (after its operator and audit
// pulls), a moment after the queue empties: a loaded machine showed the moment between.
await until(() => kiosk.sync.status().localError === null, 5_000);
const after = kiosk.sync.status();
const onServer = (await central.registrations()).map((r) => r.recordId);
await kiosk.close();
await proxy.close();
await central.stop();
process.stdout.write(JSON.stringify({
  filledBytes: filled, submitWhileFull, sawDiskFull, whileFull, delivered, after,
  allOnServer: ids.every((id) => onServer.includes(id)), onServer: onServer.length,
}) + '\n');
