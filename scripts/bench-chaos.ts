// `npm run bench:chaos`: exactly-once delivery under faults. One kiosk (the real services, its own
// sync engine and timers) queues `--records` records and delivers them to the reference server,
// run as its own process, through our fault proxy in chaos mode: a random latency on every request,
// and for each POST a seeded draw of a connection reset, a response cut after the server committed,
// or a blackhole (accepted, never answered: the kiosk's deadline must fire). The same records
// without faults, in the same run, are the baseline. Then the SIGKILL crash test (`--crash-kills`,
// 200 by default; 0 skips it). Checks: every record on the server exactly once, none lost, none
// rejected, none left pending. Prints the figures and writes bench/results/chaos.json; exits 1 if
// an invariant does not hold. `--seed N` repeats a run (the seed is printed).
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { createKioskServices } from '../electron/services/kiosk-services';
import { summarise } from '../electron/services/sync/sync-repo';
import { openServerStore } from '../server/store/open-store';
import { createEnrolCode } from '../server/devices';
import { REGISTRATIONS_PATH } from '../shared/sync/protocol';
import { endProcess, spawnUntilReady } from '../test/support/processes';
import { startFaultProxy, type ChaosSettings } from '../test/support/fault-proxy';
import { applicant, challenges, submissionWithImages } from '../test/support/submissions';
import { crashTest, type CrashFigures } from '../test/support/crash-harness';

const { values } = parseArgs({ options: {
  records: { type: 'string', default: '1000' },
  'image-kb': { type: 'string', default: '20' },
  seed: { type: 'string' },
  'crash-kills': { type: 'string', default: '200' },
} });
const records = Number(values.records);
const imageBytes = Number(values['image-kb']) * 1024;
const seed = values.seed === undefined ? Math.floor(Math.random() * 2 ** 31) : Number(values.seed);
const base = mkdtempSync(join(tmpdir(), 'kiosk-bench-chaos-'));

/** mulberry32: a small seeded generator, uniform in [0, 1). */
function seeded(s: number): () => number {
  let a = s >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 2 ** 32;
  };
}
const random = seeded(seed);
const CHAOS: ChaosSettings = { random, maxLatencyMs: 40, p: { reset: 0.05, 'drop-response': 0.05, blackhole: 0.02 } };
/** Shortened field timings: a blackholed upload times out in 2 s; backoff from 100 ms up to 2 s. */
const SYNC = { uploadTimeoutMs: 2_000, probeTimeoutMs: 1_000, probeIntervalMs: 1_000, backoffBaseMs: 100, backoffCapMs: 2_000, pauseMs: 1_000 };

async function deliver(name: string, chaos: boolean, offset: number) {
  const serverDir = join(base, `server-${name}`);
  const server = await spawnUntilReady(['server/main.ts', 'start', '--data-dir', serverDir, '--port', '0'], 'SERVER_READY', 'server');
  const proxy = await startFaultProxy(() => Number(new URL(server.url).port));
  const store = await openServerStore({ dataDir: serverDir });
  const code = await createEnrolCode(store, new Date());
  const kiosk = createKioskServices({ dataDir: join(base, `kiosk-${name}`), challenges, sync: SYNC });
  const log = console.error;
  try {
    await kiosk.enrol(proxy.url, code);
    // One log line per record and per fault would dominate the timing.
    console.error = () => {};
    for (let i = 0; i < records; i++) await kiosk.queue.submit(submissionWithImages(applicant(offset + i), imageBytes));
    proxy.resetCounters();
    if (chaos) {
      proxy.chaos = CHAOS;
      proxy.mode = 'chaos';
    }
    const t0 = performance.now();
    // The engine's own timers run the cycles, as on a kiosk: backoff and deadlines are real.
    kiosk.sync.start();
    while (kiosk.sync.status().pending > 0) await new Promise((ok) => setTimeout(ok, 50));
    const wallMs = Math.round(performance.now() - t0);
    await kiosk.sync.stop();
    console.error = log;
    const onServer = [];
    for (let page = await store.listRegistrations(0, 500); page.length > 0; page = await store.listRegistrations(page.at(-1)?.id ?? 0, 500)) onServer.push(...page);
    const distinct = new Set(onServer.map((r) => `${r.deviceId}/${r.recordId}`)).size;
    const serverIds = new Set(onServer.map((r) => r.recordId));
    const kioskIds = kiosk.db.prepare(`SELECT id FROM registrations`).pluck().all() as string[];
    const uploads = proxy.requests.get(`POST ${REGISTRATIONS_PATH}`) ?? 0;
    return {
      records, wallMs, recordsPerSecond: Math.round((records / wallMs) * 10_000) / 10,
      onServer: onServer.length,
      duplicates: onServer.length - distinct,
      lost: kioskIds.filter((id) => !serverIds.has(id)).length,
      kiosk: summarise(kiosk.db),
      uploads, retries: uploads - records,
      ...(chaos ? { faults: proxy.faults } : {}),
    };
  } finally {
    console.error = log;
    await kiosk.close();
    await store.close();
    await proxy.close();
    await endProcess(server.child, 'SIGTERM');
  }
}

console.log(`chaos benchmark: ${records} records (two ${imageBytes / 1024} KB images each), one kiosk, server process on loopback, seed ${seed}`);
let baseline;
let chaos;
try {
  baseline = await deliver('baseline', false, 0);
  chaos = await deliver('chaos', true, 5000);
} finally {
  rmSync(base, { recursive: true, force: true });
}
const kills = Number(values['crash-kills']);
let crash: CrashFigures | undefined;
if (kills > 0) crash = await crashTest({ kills, random });

const ok = [baseline, chaos].every((r) => r.onServer === records && r.duplicates === 0 && r.lost === 0 && r.kiosk.pending === 0 && r.kiosk.rejected === 0)
  && (!crash || (crash.lost === 0 && crash.duplicated === 0 && crash.leftPending === 0 && crash.kioskIntegrity === 'ok' && crash.serverIntegrity === 'ok'));
const result = { date: new Date().toISOString(), seed, records, imageKb: imageBytes / 1024, chaosSettings: { maxLatencyMs: CHAOS.maxLatencyMs, p: CHAOS.p }, sync: SYNC, baseline, chaos, ...(crash ? { crash } : {}), ok };

const f = chaos.faults;
console.log(`  baseline (no faults): ${baseline.onServer} on the server in ${baseline.wallMs} ms (${baseline.recordsPerSecond} records/s), ${baseline.retries} retries`);
console.log(`  chaos: ${chaos.onServer} on the server, ${chaos.duplicates} duplicates, ${chaos.lost} lost, in ${chaos.wallMs} ms (${chaos.recordsPerSecond} records/s, ${Math.round((chaos.wallMs / baseline.wallMs) * 10) / 10}× the baseline)`);
console.log(`  faults injected: ${f?.reset} resets, ${f?.['drop-response']} responses cut after commit, ${f?.blackhole} blackholes (kiosk timeouts), ${f?.latencyMs} ms latency added`);
console.log(`  uploads ${chaos.uploads} for ${records} records: ${chaos.retries} retries; kiosk left pending ${chaos.kiosk.pending}, rejected ${chaos.kiosk.rejected}`);
if (crash) console.log(`  crash test: ${crash.kills} SIGKILLs over ${crash.runs} runs, ${crash.committed} committed, ${crash.onServer} on the server, ${crash.lost} lost, ${crash.duplicated} duplicated, integrity kiosk ${crash.kioskIntegrity} / server ${crash.serverIntegrity} (${Math.round(crash.ms / 1000)} s)`);
console.log(ok ? '  invariants hold' : '  INVARIANT BROKEN');
const out = resolve(import.meta.dirname, '..', 'bench', 'results');
mkdirSync(out, { recursive: true });
writeFileSync(join(out, 'chaos.json'), JSON.stringify(result, null, 2) + '\n');
console.log('written to bench/results/chaos.json');
process.exitCode = ok ? 0 : 1;
