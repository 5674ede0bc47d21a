// `npm run bench:sync`: delivery throughput over loopback to the reference server, with records
// carrying two ~150 KB images (KTP + selfie), and the bytes on the wire per record (counted by a
// pass-through TCP proxy). `--crash-kills N` also runs the SIGKILL crash test with N kills.
// Prints and writes bench/results/sync.json.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { createKioskServices } from '../electron/services/kiosk-services';
import { startCentralServer } from '../test/support/central-server';
import { startFaultProxy } from '../test/support/fault-proxy';
import { applicant, challenges, submissionWithImages } from '../test/support/submissions';
import { crashTest, type CrashFigures } from '../test/support/crash-harness';

const { values } = parseArgs({ options: {
  records: { type: 'string', default: '100' },
  'image-kb': { type: 'string', default: '150' },
  'crash-kills': { type: 'string', default: '0' },
} });
const records = Number(values.records);
const imageBytes = Number(values['image-kb']) * 1024;
const base = mkdtempSync(join(tmpdir(), 'kiosk-bench-sync-'));

const central = await startCentralServer(join(base, 'server'));
const proxy = await startFaultProxy(() => central.port);
const kiosk = createKioskServices({ dataDir: join(base, 'kiosk'), challenges });
await kiosk.enrol(proxy.url, await central.enrolCode());
// Keep the log quiet while measuring: one line per record would dominate the timing.
const quiet = console.error;
console.error = () => {};
const tQueue = performance.now();
for (let i = 0; i < records; i++) await kiosk.queue.submit(submissionWithImages(applicant(i), imageBytes));
const queueMs = performance.now() - tQueue;
proxy.resetCounters();
const t0 = performance.now();
while (kiosk.sync.status().pending > 0) await kiosk.sync.syncNow();
const syncMs = performance.now() - t0;
console.error = quiet;
const delivered = (await central.registrations()).length;
const bytes = proxy.bytes;
const sealedBytes = kiosk.db.prepare(`SELECT avg(length(payload)) FROM registrations`).pluck().get() as number | null;
await kiosk.close();
await proxy.close();
await central.stop();
rmSync(base, { recursive: true, force: true });

let crash: CrashFigures | undefined;
const kills = Number(values['crash-kills']);
if (kills > 0) crash = await crashTest({ kills });

const result = {
  date: new Date().toISOString(),
  records,
  imageKb: imageBytes / 1024,
  delivered,
  queueRecordsPerSecond: Math.round((records / queueMs) * 1000 * 10) / 10,
  syncRecordsPerSecond: Math.round((records / syncMs) * 1000 * 10) / 10,
  syncMs: Math.round(syncMs),
  wireBytesPerRecord: { up: Math.round(bytes.up / records), down: Math.round(bytes.down / records) },
  rawImageBytesPerRecord: 2 * imageBytes,
  sealedPayloadBytes: sealedBytes === null ? null : Math.round(sealedBytes),
  ...(crash ? { crash } : {}),
};
console.log(`sync benchmark: ${records} records with two ${imageBytes / 1024} KB images each over loopback`);
console.log(`  queued at ${result.queueRecordsPerSecond} records/s (validate + HPKE seal + SQLite commit)`);
console.log(`  delivered ${delivered} at ${result.syncRecordsPerSecond} records/s (${result.syncMs} ms)`);
console.log(`  on the wire per record: ${result.wireBytesPerRecord.up} B up, ${result.wireBytesPerRecord.down} B down (raw images ${2 * imageBytes} B)`);
if (crash) console.log(`  crash test: ${JSON.stringify(crash)}`);
const out = resolve(import.meta.dirname, '..', 'bench', 'results');
mkdirSync(out, { recursive: true });
writeFileSync(join(out, 'sync.json'), JSON.stringify(result, null, 2) + '\n');
console.log(`written to bench/results/sync.json`);
