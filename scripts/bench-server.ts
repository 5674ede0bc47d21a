// `npm run bench:server`: the central server under load from many kiosks at once. 50 simulated
// kiosks (each enrolled with its own key) upload records carrying two ~150 KB images, one request
// in flight per kiosk, against the server process on SQLite, on PostgreSQL, and on PostgreSQL with
// --workers 2 — all in the same run. Figures: records/s, p50/p99 latency, errors, duplicates and
// lost records (both must be 0), and the physical limit of the same run: plain inserts of the same
// sealed bytes into the same engine — and, to show where the rest goes, the store alone doing a
// request's database work without HTTP, crypto or load generator. Prints a table; writes
// bench/results/server.json.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { randomBytes, randomUUID } from 'node:crypto';
import Database from 'better-sqlite3';
import pg from 'pg';
import { openServerStore } from '../server/store/open-store';
import { createEnrolCode } from '../server/devices';
import { endProcess, spawnUntilReady } from '../test/support/processes';
import { startPostgres } from '../test/support/postgres';
import { payloadOf, prehash, SimulatedKiosk } from '../test/support/simulated-kiosk';
import { applicant } from '../test/support/submissions';

const { values } = parseArgs({ options: {
  kiosks: { type: 'string', default: '50' },
  'records-per-kiosk': { type: 'string', default: '12' },
  'image-kb': { type: 'string', default: '150' },
} });
const KIOSKS = Number(values.kiosks);
const PER_KIOSK = Number(values['records-per-kiosk']);
const IMAGE_BYTES = Number(values['image-kb']) * 1024;

interface Setup { readonly name: string; readonly engine: 'sqlite' | 'postgres'; readonly workers: number }
const SETUPS: Setup[] = [
  { name: 'SQLite, 1 process', engine: 'sqlite', workers: 1 },
  { name: 'PostgreSQL, 1 process', engine: 'postgres', workers: 1 },
  { name: 'PostgreSQL, --workers 2', engine: 'postgres', workers: 2 },
];

const percentile = (sorted: number[], p: number): number => sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))] ?? NaN;
const round = (n: number, digits = 1): number => Math.round(n * 10 ** digits) / 10 ** digits;

/** The same bytes into the same engine with nothing else: single-row commits, `clients` at a time. */
async function plainInsertRate(engine: Setup['engine'], where: { dir: string; databaseUrl?: string }, bodies: Buffer[], clients: number): Promise<number> {
  const t0 = performance.now();
  if (engine === 'sqlite') {
    const db = new Database(join(where.dir, 'plain.db'));
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = FULL');
    db.exec(`CREATE TABLE plain (id TEXT PRIMARY KEY, body BLOB NOT NULL) STRICT`);
    const insert = db.prepare(`INSERT INTO plain VALUES (?, ?)`);
    for (const body of bodies) insert.run(randomUUID(), body);
    db.close();
  } else {
    const pool = new pg.Pool({ connectionString: where.databaseUrl, max: clients });
    await pool.query(`CREATE TABLE plain (id TEXT PRIMARY KEY, body BYTEA NOT NULL)`);
    await pool.query(`ALTER TABLE plain ALTER COLUMN body SET STORAGE EXTERNAL`);
    const t1 = performance.now();
    let next = 0;
    await Promise.all(Array.from({ length: clients }, async () => {
      for (let i = next++; i < bodies.length; i = next++) await pool.query(`INSERT INTO plain VALUES ($1, $2)`, [randomUUID(), bodies[i]]);
    }));
    const ms = performance.now() - t1;
    // The server's run starts from the same clean state: the plain rows' dirty pages written out.
    await pool.query('CHECKPOINT');
    await pool.end();
    return (bodies.length / ms) * 1000;
  }
  return (bodies.length / (performance.now() - t0)) * 1000;
}

/**
 * The store alone, without HTTP, crypto or a load generator: the same database work a request does
 * (device, answer and nonce lookups, then the one transaction), `clients` at a time.
 */
async function storeOnlyRate(where: { dir: string; databaseUrl?: string }, bodies: Buffer[], clients: number): Promise<number> {
  const store = await openServerStore({ dataDir: where.dir, databaseUrl: where.databaseUrl, poolSize: 10 });
  try {
    const code = randomBytes(32);
    const deviceId = randomUUID();
    await store.createEnrolCode(code, new Date().toISOString(), new Date(Date.now() + 60_000).toISOString());
    await store.enrolDevice(code, deviceId, 'bench', new Date().toISOString());
    const t0 = performance.now();
    let next = 0;
    await Promise.all(Array.from({ length: clients }, async () => {
      for (let i = next++; i < bodies.length; i = next++) {
        const recordId = randomUUID();
        const nonce = { value: `bench-${i}`, seenAtMs: Date.now() };
        await store.findDevice(deviceId);
        await store.findAnswer(deviceId, recordId);
        await store.nonceSeen(deviceId, nonce.value);
        await store.storeRegistration({
          deviceId, recordId, profileId: 'sscasn', nikHash: randomBytes(32), sealed: bodies[i] ?? Buffer.alloc(0), payloadSha256: 'bench',
          receivedAt: new Date().toISOString(), numbering: { mode: 'on-accept', prefix: 'REG' }, nonce,
        }, (stored) => ({ status: 201, body: JSON.stringify(stored) }));
      }
    }));
    return (bodies.length / (performance.now() - t0)) * 1000;
  } finally {
    await store.close();
  }
}

async function run(setup: Setup, base: string, postgresUrl: () => Promise<string>) {
  const dir = join(base, setup.name.replace(/\W+/g, '-'));
  const databaseUrl = setup.engine === 'postgres' ? await postgresUrl() : undefined;
  const args = ['server/main.ts', 'start', '--data-dir', dir, '--port', '0', '--rate-limit-enrol', String(KIOSKS * 2), ...(databaseUrl ? ['--database-url', databaseUrl, '--workers', String(setup.workers)] : [])];
  const server = await spawnUntilReady(args, 'SERVER_READY', 'server');
  try {
    const store = await openServerStore({ dataDir: dir, databaseUrl });
    const codes = await Promise.all(Array.from({ length: KIOSKS }, () => createEnrolCode(store, new Date())));
    const kiosks = Array.from({ length: KIOSKS }, () => new SimulatedKiosk(server.url));
    for (const [i, k] of kiosks.entries()) if ((await k.enrol(codes[i] ?? '')).status !== 200) throw new Error('enrolment failed');
    // Sealed before the clock starts: the kiosks' own work is not the server's load.
    const work = await Promise.all(kiosks.map(async (k, ki) => Promise.all(Array.from({ length: PER_KIOSK }, async (_, j) => {
      const id = randomUUID();
      const body = await k.seal(id, payloadOf(applicant(ki * PER_KIOSK + j), 'sscasn', IMAGE_BYTES));
      prehash(body);
      return { id, body };
    }))));
    const bodies = work.flat().map((r) => r.body);
    // The physical limit first, on the same engine and database, then the server under load.
    const plain = await plainInsertRate(setup.engine, { dir, ...(databaseUrl ? { databaseUrl } : {}) }, bodies, KIOSKS);
    const storeOnly = await storeOnlyRate({ dir: join(dir, 'store-only'), ...(databaseUrl ? { databaseUrl: await postgresUrl() } : {}) }, bodies, KIOSKS);
    const latencies: number[] = [];
    let errors = 0;
    const acked = new Set<string>();
    const t0 = performance.now();
    await Promise.all(kiosks.map(async (k, ki) => {
      for (const rec of work[ki] ?? []) {
        // A kiosk retries what did not arrive (as the sync engine does); every non-201 counts as an error.
        for (let attempt = 0; attempt < 5; attempt++) {
          const t = performance.now();
          const answer = await k.upload(rec.id, rec.body).catch(() => ({ status: 0, text: '', body: {} }));
          latencies.push(performance.now() - t);
          if (answer.status === 201) { acked.add(rec.id); break; }
          errors += 1;
        }
      }
    }));
    const ms = performance.now() - t0;
    const stored = [];
    for (let page = await store.listRegistrations(0, 1000); page.length > 0; page = await store.listRegistrations(page.at(-1)?.id ?? 0, 1000)) stored.push(...page);
    await store.close();
    const ids = stored.map((r) => r.recordId);
    const unique = new Set(ids);
    const sorted = [...latencies].sort((a, b) => a - b);
    const rate = (acked.size / ms) * 1000;
    return {
      setup: setup.name, records: bodies.length, recordsPerSecond: round(rate), p50Ms: round(percentile(sorted, 0.5)), p99Ms: round(percentile(sorted, 0.99)),
      errors, duplicates: ids.length - unique.size, lost: [...acked].filter((id) => !unique.has(id)).length,
      plainInsertsPerSecond: round(plain), shareOfPlainInserts: round(rate / plain, 2), storeOnlyPerSecond: round(storeOnly),
      sealedBytesPerRecord: Math.round(bodies.reduce((n, b) => n + b.length, 0) / bodies.length),
    };
  } finally {
    await endProcess(server.child, 'SIGTERM');
  }
}

const base = mkdtempSync(join(tmpdir(), 'kiosk-bench-server-'));
const cluster = await startPostgres({ durable: true });
const results = [];
try {
  for (const setup of SETUPS) results.push(await run(setup, base, () => cluster.createDatabase()));
} finally {
  await cluster.stop();
  rmSync(base, { recursive: true, force: true });
}

console.log(`server benchmark: ${KIOSKS} kiosks × ${PER_KIOSK} records, two ${IMAGE_BYTES / 1024} KB images each, loopback, ${new Date().toISOString()}`);
console.log('| setup | records/s | p50 ms | p99 ms | errors | duplicates | lost | plain inserts/s | share of plain | store alone, records/s |');
console.log('|---|---|---|---|---|---|---|---|---|---|');
for (const r of results) console.log(`| ${r.setup} | ${r.recordsPerSecond} | ${r.p50Ms} | ${r.p99Ms} | ${r.errors} | ${r.duplicates} | ${r.lost} | ${r.plainInsertsPerSecond} | ${Math.round(r.shareOfPlainInserts * 100)} % | ${r.storeOnlyPerSecond} |`);
const out = resolve(import.meta.dirname, '..', 'bench', 'results');
mkdirSync(out, { recursive: true });
writeFileSync(join(out, 'server.json'), JSON.stringify({ date: new Date().toISOString(), kiosks: KIOSKS, recordsPerKiosk: PER_KIOSK, imageKb: IMAGE_BYTES / 1024, results }, null, 2) + '\n');
console.log('written to bench/results/server.json');
