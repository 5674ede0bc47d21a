// Two processes on one SQLite file: the running server deciding in the back office while an
// operator decides from the command line (`npm run server -- number …`, a process of its own). The
// file's write lock (BEGIN IMMEDIATE, busy_timeout) lines them up: every record is decided once,
// numbers are issued once each with no gap, and the audit trail's chain holds across both writers.
import { afterAll, expect, it } from 'vitest';
import type { ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import { startCentralServer } from '../support/central-server';
import { payloadOf, SimulatedKiosk, testProfiles } from '../support/simulated-kiosk';
import { StaffBrowser } from '../support/staff-browser';
import { applicant } from '../support/submissions';
import { spawnTs } from '../support/processes';
import { createAdmin } from '../../server/staff/create-admin';
import { auditTrail } from '../../server/staff/audit-trail';

const base = mkdtempSync(join(tmpdir(), 'kiosk-sqlite-processes-'));
afterAll(() => rmSync(base, { recursive: true, force: true }));
const YEAR = new Date().getUTCFullYear();

/** `npm run server -- number <device> <record>` on the same data directory; its output. */
function numberFromCommandLine(dataDir: string, resources: string, deviceId: string, recordId: string): Promise<string> {
  const child: ChildProcess = spawnTs(['server/main.ts', 'number', deviceId, recordId, '--data-dir', dataDir, '--resources', resources], { stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  child.stdout?.on('data', (c: Buffer) => { out += c.toString(); });
  child.stderr?.on('data', (c: Buffer) => { out += c.toString(); });
  return new Promise((ok, fail) => child.once('exit', (code) => (code === 0 ? ok(out.trim()) : fail(new Error(`number exited with ${code}: ${out}`)))));
}

it('the server and the command line deciding at once on one SQLite file: each record once, numbers without gaps, one chain', async () => {
  const dataDir = join(base, 'data');
  const resources = join(base, 'resources');
  mkdirSync(join(resources, 'profiles'), { recursive: true });
  for (const p of testProfiles().values()) writeFileSync(join(resources, 'profiles', `${p.id}.json`), JSON.stringify(p));
  const s = await startCentralServer(dataDir, { profiles: testProfiles() });
  try {
    await createAdmin(s.store.staff, auditTrail(s.store.staff, s.keys), 'admin', 'kunci-rahasia-kantor-2026', new Date());
    const admin = new StaffBrowser(s.url);
    expect((await admin.login('admin', 'kunci-rahasia-kantor-2026')).status).toBe(200);
    const kiosk = new SimulatedKiosk(s.url);
    expect((await kiosk.enrol(await s.enrolCode())).status).toBe(200);
    let n = 0;
    const deliver = async () => {
      const id = randomUUID();
      expect((await kiosk.upload(id, await kiosk.seal(id, payloadOf(applicant(++n), 'asosiasi-uji')))).status).toBe(201);
      return id;
    };
    const approve = (id: string) => admin.call('POST', `/registrations/${kiosk.deviceId}/${id}/approve`, { seenRevision: 0 });

    const forCli = [await deliver(), await deliver(), await deliver()];
    let cliDone = false;
    const cli = Promise.all(forCli.map((id) => numberFromCommandLine(dataDir, resources, kiosk.deviceId, id))).finally(() => { cliDone = true; });
    // The back office keeps receiving and deciding for as long as the command lines run.
    let byApi = 0;
    while (!cliDone) {
      expect((await approve(await deliver())).status).toBe(200);
      byApi++;
    }
    const said = await cli;
    expect(said.every((line) => new RegExp(`^ASI-${YEAR}-\\d{7}$`).test(line))).toBe(true);
    // Decided already: the API is refused, nothing changes.
    for (const id of forCli) expect((await approve(id)).body).toMatchObject({ code: 'stale', state: 'numbered' });

    const numbers = (await s.registrations()).map((r) => r.registrationNumber ?? '').sort();
    expect(byApi).toBeGreaterThan(0);
    expect(numbers).toEqual(Array.from({ length: byApi + forCli.length }, (_, i) => `ASI-${YEAR}-${String(i + 1).padStart(7, '0')}`));
    const trail = await s.store.staff.listAudit(Number.MAX_SAFE_INTEGER, 1000);
    const approvals = trail.filter((e) => e.action === 'registration.approve');
    expect(approvals).toHaveLength(byApi + forCli.length);
    expect(approvals.filter((e) => e.actor === 'cli')).toHaveLength(forCli.length);
    expect(await auditTrail(s.store.staff, s.keys).verify()).toMatchObject({ ok: true });
  } finally {
    await s.stop();
  }
});
