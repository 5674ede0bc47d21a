// Several server processes on one PostgreSQL database give exactly the answers one process gives:
// idempotency, nonces, NIK uniqueness and numbering live in the database, not in a process. Real
// processes (`server/main.ts start`), a real PostgreSQL cluster.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ChildProcess } from 'node:child_process';
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import { endProcess, spawnUntilReady } from '../support/processes';
import { databaseFor } from '../support/engines';
import { payloadOf, SimulatedKiosk, testProfiles, type Reply } from '../support/simulated-kiosk';
import { applicant } from '../support/submissions';
import { BUDI, SITI } from '../support/identities';
import { openServerStore } from '../../server/store/open-store';
import { createEnrolCode } from '../../server/devices';

const base = mkdtempSync(join(tmpdir(), 'kiosk-servers-'));
const keysDir = join(base, 'keys-and-data');
const resources = join(base, 'resources');
const started: ChildProcess[] = [];

beforeAll(() => {
  mkdirSync(join(resources, 'profiles'), { recursive: true });
  for (const p of testProfiles().values()) writeFileSync(join(resources, 'profiles', `${p.id}.json`), JSON.stringify(p));
});
afterAll(async () => {
  for (const c of started) await endProcess(c, 'SIGTERM');
  rmSync(base, { recursive: true, force: true });
});

async function serverProcess(databaseUrl: string, extra: string[] = []): Promise<{ url: string; child: ChildProcess }> {
  const p = await spawnUntilReady(['server/main.ts', 'start', '--database-url', databaseUrl, '--data-dir', keysDir, '--port', '0', '--resources', resources, ...extra], 'SERVER_READY', 'server');
  started.push(p.child);
  return p;
}

async function enrolCodes(databaseUrl: string, n: number): Promise<string[]> {
  const store = await openServerStore({ dataDir: keysDir, databaseUrl });
  try {
    return await Promise.all(Array.from({ length: n }, () => createEnrolCode(store, new Date())));
  } finally {
    await store.close();
  }
}

/** What must be identical between runs: status, code, number, state — not times or signatures. */
function essence(r: Reply): unknown {
  const b = r.body as { code?: string; receipt?: { registrationNumber: string | null; recordId: string }; outcomes?: { outcome: unknown }[] };
  return { status: r.status, code: b.code ?? null, receipt: b.receipt ? { n: b.receipt.registrationNumber, id: b.receipt.recordId } : null, outcomes: b.outcomes?.map((o) => ({ ...(o.outcome as object), decidedAt: 'time' })) ?? null };
}

describe('several server processes on one PostgreSQL database', () => {
  it('answer a whole scripted session exactly as one process does', async () => {
    // The same kiosks and the same sealed bytes in both runs (keys are shared by the data directory).
    const first = await databaseFor('postgres') as string;
    const solo = await serverProcess(first);
    const [k1, k2] = [new SimulatedKiosk(solo.url), new SimulatedKiosk(solo.url)];
    const ids = { r1: randomUUID(), r3: randomUUID(), r4: randomUUID(), r5: randomUUID(), bad: randomUUID() };
    const [code1, code2] = await enrolCodes(first, 2);
    await k1.enrol(code1 ?? '');
    await k2.enrol(code2 ?? '');
    const bodies = {
      r1: await k1.seal(ids.r1, payloadOf(SITI)), r1other: await k1.seal(ids.r1, payloadOf(BUDI)),
      r3: await k2.seal(ids.r3, payloadOf(BUDI)), dup: await k2.seal(ids.r5, payloadOf(SITI)),
      r4: await k1.seal(ids.r4, payloadOf(applicant(9), 'asosiasi-uji')), bad: await k1.seal(ids.bad, { ...payloadOf(), fields: { ...payloadOf().fields, nik: '123' } }),
    };

    async function session(urls: string[], databaseUrl: string): Promise<unknown[]> {
      const at = (i: number): string => urls[i % urls.length] ?? '';
      let i = 0;
      const next = (): string => at(i++);
      const out: Reply[] = [];
      out.push(await k1.upload(ids.r1, bodies.r1, next()));
      out.push(await k1.upload(ids.r1, bodies.r1, next()));
      out.push(await k1.upload(ids.r1, bodies.r1other, next()));
      out.push(await k2.upload(ids.r5, bodies.dup, next()));
      out.push(await k2.upload(ids.r3, bodies.r3, next()));
      out.push(await k1.upload(ids.r4, bodies.r4, next()));
      out.push(await k1.outcomes([ids.r4, ids.r1], next()));
      const headers = k2.signed(ids.r3, bodies.r3);
      out.push(await k2.post(bodies.r3, headers, next()));
      out.push(await k2.post(bodies.r3, headers, next())); // the same nonce, at the other process
      out.push(await k1.upload(ids.bad, bodies.bad, next()));
      const store = await openServerStore({ dataDir: keysDir, databaseUrl });
      await store.revokeDevice(k2.deviceId, new Date().toISOString());
      await store.close();
      out.push(await k2.upload(ids.r3, bodies.r3, next()));
      return out.map(essence);
    }

    const one = await session([solo.url], first);
    await endProcess(solo.child, 'SIGTERM');
    const second = await databaseFor('postgres') as string;
    const [a, b] = [await serverProcess(second), await serverProcess(second)];
    const [c1, c2] = await enrolCodes(second, 2);
    await k1.enrol(c1 ?? '', a.url);
    await k2.enrol(c2 ?? '', b.url);
    const two = await session([a.url, b.url], second);
    expect(two).toEqual(one);
    expect(one.map((x) => { const { status, code } = x as { status: number; code: string | null }; return code ? `${status} ${code}` : status; })).toEqual([
      201, 201, '422 idempotency-key-reused', '409 duplicate-nik', 201, 201, 200, 201, '401 replayed-request', '400 invalid-payload', '403 revoked-device',
    ]);
  }, 120_000);

  it('under concurrent duplicates across processes store each record once and issue each number once (--workers 2 as well)', async () => {
    const databaseUrl = await databaseFor('postgres') as string;
    const [a, b] = [await serverProcess(databaseUrl), await serverProcess(databaseUrl)];
    const cluster = await serverProcess(databaseUrl, ['--workers', '2']);
    const workers = execFileSync('pgrep', ['-P', String(cluster.child.pid)], { encoding: 'utf8' }).trim().split('\n');
    expect(workers).toHaveLength(2);
    const urls = [a.url, b.url, cluster.url];
    const kiosks = Array.from({ length: 4 }, () => new SimulatedKiosk(a.url));
    const codes = await enrolCodes(databaseUrl, kiosks.length);
    await Promise.all(kiosks.map((k, i) => k.enrol(codes[i] ?? '')));
    const records = await Promise.all(Array.from({ length: 24 }, async (_, i) => {
      const k = kiosks[i % kiosks.length] as SimulatedKiosk;
      const id = randomUUID();
      return { k, id, body: await k.seal(id, payloadOf(applicant(100 + i))) };
    }));
    // Every record sent to all three at once.
    const first = await Promise.all(records.flatMap((r) => urls.map((u) => r.k.upload(r.id, r.body, u))));
    expect(first.filter((x) => x.status !== 201)).toEqual([]);
    const finals = await Promise.all(records.map(async (r) => Promise.all(urls.map((u) => r.k.upload(r.id, r.body, u)))));
    for (const answers of finals) expect(new Set(answers.map((x) => x.text)).size).toBe(1);
    const numbers = finals.map((answers) => (answers[0]?.body as { receipt: { registrationNumber: string } }).receipt.registrationNumber);
    // From a sequence: never twice; a duplicate delivery that lost the race may have skipped one.
    expect(new Set(numbers).size).toBe(24);
    for (const n of numbers) expect(n).toMatch(new RegExp(`^REG-${new Date().getUTCFullYear()}-\\d{7}$`));
    const stored = (await openServerStore({ dataDir: keysDir, databaseUrl }).then(async (s) => { try { return await s.listRegistrations(0, 100); } finally { await s.close(); } }));
    expect(stored.map((r) => r.registrationNumber).sort()).toEqual([...numbers].sort());
  }, 120_000);
});
