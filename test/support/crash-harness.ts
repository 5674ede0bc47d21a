// Kills a kiosk process (crash-child.ts) with SIGKILL at random moments during submission and
// sync, restarts it, and repeats until it finishes; then checks the invariants: every record the
// kiosk committed reached the server exactly once, nothing is left pending, and both databases
// pass integrity_check.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { isRunning, spawnTs } from './processes';
import { createKioskServices } from '../../electron/services/kiosk-services';
import { startCentralServer } from './central-server';
import { challenges } from './submissions';
import { SERVER_DB_FILE } from '../../server/store/open-store';


export interface CrashFigures {
  /** Runs killed while working (a run may finish before its kill moment). */
  kills: number;
  runs: number;
  committed: number;
  onServer: number;
  lost: number;
  duplicated: number;
  leftPending: number;
  kioskIntegrity: string;
  serverIntegrity: string;
  ms: number;
}

interface RunResult { readonly queued: string[]; readonly done: boolean; readonly killed: boolean }

function runChild(dataDir: string, count: number, offset: number, killAfterMs: number | null): Promise<RunResult> {
  return new Promise((resolveRun, reject) => {
    const child = spawnTs(['test/support/crash-child.ts', dataDir, String(count), String(offset)], { stdio: ['ignore', 'pipe', 'pipe'] });
    const queued: string[] = [];
    let out = '';
    let err = '';
    let done = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    child.stderr?.on('data', (chunk: Buffer) => { err += chunk.toString(); });
    child.stdout?.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      for (let nl = out.indexOf('\n'); nl >= 0; nl = out.indexOf('\n')) {
        const line = out.slice(0, nl);
        out = out.slice(nl + 1);
        if (line.startsWith('QUEUED ')) queued.push(line.slice(7));
        if (line === 'DONE') done = true;
        // The random moment counts from READY: startup (imports) is not what is under test.
        if (line === 'READY' && killAfterMs !== null) timer = setTimeout(() => child.kill('SIGKILL'), killAfterMs);
      }
    });
    child.on('error', reject);
    child.on('exit', (code, signal) => {
      clearTimeout(timer);
      const killed = signal === 'SIGKILL';
      // The pid killed must be the kiosk itself: nothing of it may survive to go on submitting.
      if (killed && child.pid !== undefined && isRunning(child.pid)) { reject(new Error(`kiosk ${child.pid} survived SIGKILL`)); return; }
      if (!killed && code !== 0) { reject(new Error(`kiosk exited with ${code}: ${err.split('\n').slice(-5).join('\n')}`)); return; }
      resolveRun({ queued, done, killed });
    });
  });
}

/**
 * Runs killed with SIGKILL at a uniformly random moment in [0, maxMs) after READY until `kills` of
 * them died mid-work, then a last run that must finish. Each run is asked for `perRun` more records than the last, so
 * every run has submissions and uploads in flight to be killed in. `lanes` kiosks (own data
 * directories and device keys) run side by side against one server, sharing the kills.
 */
export async function crashTest({ kills, perRun = 6, maxMs = 400, lanes = 2, random = Math.random }: {
  kills: number; perRun?: number; maxMs?: number; lanes?: number; random?: () => number;
}): Promise<CrashFigures> {
  const t0 = Date.now();
  const base = mkdtempSync(join(tmpdir(), 'kiosk-crash-'));
  const central = await startCentralServer(join(base, 'server'));
  try {
    const share = (lane: number): number => Math.floor(kills / lanes) + (lane < kills % lanes ? 1 : 0);
    const results = await Promise.all(Array.from({ length: lanes }, async (_, lane) => {
      const kioskDir = join(base, `kiosk-${lane}`);
      const k = createKioskServices({ dataDir: kioskDir, challenges });
      await k.enrol(central.url, await central.enrolCode());
      await k.close();
      // Distinct applicants per lane: the server allows one registration per NIK.
      return { kioskDir, ...(await killRepeatedly(kioskDir, lane * 4000, share(lane), perRun, maxMs, random)) };
    }));
    const serverIds = (await central.registrations()).map((r) => r.recordId);
    const onServer = new Set(serverIds);
    let lost = 0;
    let leftPending = 0;
    const integrity: string[] = [];
    for (const r of results) {
      const db = new Database(join(r.kioskDir, 'queue.db'), { readonly: true });
      const rows = db.prepare(`SELECT id, state FROM registrations`).all() as { id: string; state: string }[];
      integrity.push(db.pragma('integrity_check', { simple: true }) as string);
      db.close();
      // Committed on the kiosk (reported, or in its database) but absent from the server.
      lost += [...new Set([...r.committed, ...rows.map((row) => row.id)])].filter((id) => !onServer.has(id)).length;
      leftPending += rows.filter((row) => row.state !== 'acked').length;
    }
    return {
      kills: results.reduce((n, r) => n + r.killed, 0),
      runs: results.reduce((n, r) => n + r.runs, 0),
      committed: results.reduce((n, r) => n + r.committed.size, 0),
      onServer: serverIds.length,
      lost,
      duplicated: serverIds.length - onServer.size,
      leftPending,
      kioskIntegrity: integrity.every((i) => i === 'ok') ? 'ok' : integrity.join(','),
      serverIntegrity: await serverIntegrity(join(base, 'server')),
      ms: Date.now() - t0,
    };
  } finally {
    await central.stop();
    rmSync(base, { recursive: true, force: true });
  }
}

/** The server's SQLite file checked by a second connection while the server runs (WAL allows it). */
async function serverIntegrity(serverDir: string): Promise<string> {
  const db = new Database(join(serverDir, SERVER_DB_FILE), { readonly: true });
  try {
    return db.pragma('integrity_check', { simple: true }) as string;
  } finally {
    db.close();
  }
}

async function killRepeatedly(kioskDir: string, offset: number, kills: number, perRun: number, maxMs: number, random: () => number) {
  const committed = new Set<string>();
  let killed = 0;
  let runs = 0;
  // A run that finishes before its kill moment is not a kill: runs go on until `kills` runs were
  // really killed (each asked for more records than the last), then one last run must finish.
  for (;;) {
    const last = killed >= kills;
    if (runs > kills * 3) throw new Error(`only ${killed} of ${runs} runs were killed: the kiosk finishes before the kill moments`);
    const r = await runChild(kioskDir, perRun * (runs + 1), offset, last ? null : random() * maxMs);
    runs += 1;
    for (const id of r.queued) committed.add(id);
    if (r.killed) killed += 1;
    if (last && !r.done) throw new Error('the final, unkilled run did not finish');
    if (last) return { committed, killed, runs };
  }
}
