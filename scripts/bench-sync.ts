// `npm run bench:sync`: how fast one kiosk delivers its queue to the reference server over
// loopback — records carrying two ~150 KB images (KTP + selfie) — with the engine's concurrent
// uploads, against a baseline of one upload at a time measured in the same run, and the bytes on
// the wire per record (counted by a pass-through TCP proxy). The server runs as its own process
// (SQLite), as it would on its own machine. `--crash-kills N` also runs the SIGKILL crash test.
// Prints and writes bench/results/sync.json.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { createKioskServices } from '../electron/services/kiosk-services';
import { openServerStore } from '../server/store/open-store';
import { createEnrolCode } from '../server/devices';
import { endProcess, spawnUntilReady } from '../test/support/processes';
import { startFaultProxy } from '../test/support/fault-proxy';
import { applicant, challenges, submissionWithImages } from '../test/support/submissions';
import { crashTest, type CrashFigures } from '../test/support/crash-harness';

const { values } = parseArgs({ options: {
  records: { type: 'string', default: '200' },
  'image-kb': { type: 'string', default: '150' },
  concurrency: { type: 'string', default: '6' },
  'crash-kills': { type: 'string', default: '0' },
} });
const records = Number(values.records);
const imageBytes = Number(values['image-kb']) * 1024;
const base = mkdtempSync(join(tmpdir(), 'kiosk-bench-sync-'));
const round = (n: number): number => Math.round(n * 10) / 10;

/** Queues `records` records on a fresh kiosk, then times the delivery of all of them. */
async function deliver(name: string, concurrency: number, offset: number) {
  const serverDir = join(base, `server-${name}`);
  const server = await spawnUntilReady(['server/main.ts', 'start', '--data-dir', serverDir, '--port', '0'], 'SERVER_READY', 'server');
  const proxy = await startFaultProxy(() => Number(new URL(server.url).port));
  const store = await openServerStore({ dataDir: serverDir });
  const code = await createEnrolCode(store, new Date());
  const kiosk = createKioskServices({ dataDir: join(base, `kiosk-${name}`), challenges, sync: { concurrency } });
  try {
    await kiosk.enrol(proxy.url, code);
    // Keep the log quiet while measuring: one line per record would dominate the timing.
    const log = console.error;
    console.error = () => {};
    const tQueue = performance.now();
    for (let i = 0; i < records; i++) await kiosk.queue.submit(submissionWithImages(applicant(offset + i), imageBytes));
    const queueMs = performance.now() - tQueue;
    proxy.resetCounters();
    const t0 = performance.now();
    while (kiosk.sync.status().pending > 0) await kiosk.sync.syncNow();
    const syncMs = performance.now() - t0;
    console.error = log;
    const delivered = (await store.listRegistrations(0, records + 1)).length;
    return {
      concurrency, delivered,
      queueRecordsPerSecond: round((records / queueMs) * 1000),
      syncRecordsPerSecond: round((records / syncMs) * 1000),
      syncMs: Math.round(syncMs),
      wireBytesPerRecord: { up: Math.round(proxy.bytes.up / records), down: Math.round(proxy.bytes.down / records) },
    };
  } finally {
    await kiosk.close();
    await store.close();
    await proxy.close();
    await endProcess(server.child, 'SIGTERM');
  }
}

let baseline;
let engine;
try {
  baseline = await deliver('baseline', 1, 0);
  engine = await deliver('engine', Number(values.concurrency), 5000);
} finally {
  rmSync(base, { recursive: true, force: true });
}

let crash: CrashFigures | undefined;
const kills = Number(values['crash-kills']);
if (kills > 0) crash = await crashTest({ kills });

const result = {
  date: new Date().toISOString(), records, imageKb: imageBytes / 1024, rawImageBytesPerRecord: 2 * imageBytes,
  engine, baseline, speedup: round(engine.syncRecordsPerSecond / baseline.syncRecordsPerSecond),
  ...(crash ? { crash } : {}),
};
console.log(`sync benchmark: ${records} records with two ${imageBytes / 1024} KB images each, one kiosk, server process on loopback`);
console.log(`  queued at ${engine.queueRecordsPerSecond} records/s (validate + encode + HPKE seal + SQLite commit)`);
console.log(`  delivered ${engine.delivered} at ${engine.syncRecordsPerSecond} records/s with ${engine.concurrency} uploads in flight (${engine.syncMs} ms)`);
console.log(`  baseline, one upload at a time (same run): ${baseline.syncRecordsPerSecond} records/s — ${result.speedup}×`);
console.log(`  on the wire per record: ${engine.wireBytesPerRecord.up} B up, ${engine.wireBytesPerRecord.down} B down (raw images ${2 * imageBytes} B)`);
if (crash) console.log(`  crash test: ${JSON.stringify(crash)}`);
const out = resolve(import.meta.dirname, '..', 'bench', 'results');
mkdirSync(out, { recursive: true });
writeFileSync(join(out, 'sync.json'), JSON.stringify(result, null, 2) + '\n');
console.log('written to bench/results/sync.json');
