// A damaged queue database: a page in the middle of a real kiosk's queue file is overwritten, the
// kiosk starts again (the file is moved aside, a fresh queue with a fresh device id starts), the
// operator from before logs in, sees the damaged file on the dashboard with what it still holds,
// and exports; the office imports the export into the real server store and finds exactly the
// records that could still be read — the others were on the damaged page. A damaged file whose
// device id is unreadable keeps its readable records: no export can name their device, and the
// operator is told so instead of being promised an export.
import { afterEach, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { closeSync, mkdirSync, openSync, readdirSync, readFileSync, writeFileSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { createKioskServices, type KioskServices } from '../../electron/services/kiosk-services';
import { dispatch } from '../../electron/services/dispatch';
import { DB_FILE } from '../../electron/services/db/open';
import { replaceOperators } from '../../electron/services/operators/operators-repo';
import { listAll } from '../../electron/services/queue/queue-repo';
import { createPasswordHash } from '../../node/crypto/password-hash';
import { createRegistrar } from '../../server/registrations';
import { BODY_LIMIT } from '../../server/app';
import { auditTrail } from '../../server/staff/audit-trail';
import { importDirectory } from '../../server/import/import-directory';
import type { Dashboard, ExportAnswer } from '../../shared/operator';
import { startCentralServer } from '../support/central-server';
import { testProfiles } from '../support/simulated-kiosk';
import { applicant, challenges, submission } from '../support/submissions';
import { useTempDirs } from './temp-dir';

const tempDir = useTempDirs();
const cleanup: (() => Promise<void>)[] = [];
afterEach(async () => { for (const fn of cleanup.splice(0).reverse()) await fn(); });
const PASSWORD = 'meja-layanan-depan-7';
const PAGE = 16_384;

/** Overwrites the page holding `marker` (a record's sealed bytes: a page of the registrations table). */
function damagePageHolding(file: string, marker: Buffer): void {
  const at = readFileSync(file).indexOf(marker);
  if (at < 0) throw new Error('marker not found');
  const fd = openSync(file, 'r+');
  writeSync(fd, Buffer.alloc(PAGE, 0xab), 0, PAGE, Math.floor(at / PAGE) * PAGE);
  closeSync(fd);
}

/** Overwrites page `page` (1-based) of the file. */
function damagePage(file: string, page: number): void {
  const fd = openSync(file, 'r+');
  writeSync(fd, Buffer.alloc(PAGE, 0xab), 0, PAGE, (page - 1) * PAGE);
  closeSync(fd);
}

async function operatorSession(kiosk: KioskServices): Promise<string> {
  const login = await dispatch(kiosk, 'kiosk:operator:login', { username: 'sari', password: PASSWORD });
  if (!login.envelope.ok) throw new Error('login failed');
  return (login.envelope.value as { session: string }).session;
}

/** A real server and a kiosk enrolled with it, with the operator 'sari'; its services still open. */
async function enrolledKiosk(): Promise<{ central: Awaited<ReturnType<typeof startCentralServer>>; dataDir: string; before: KioskServices }> {
  const central = await startCentralServer(tempDir(), { profiles: testProfiles() });
  cleanup.push(() => central.stop());
  const dataDir = tempDir();
  const before = createKioskServices({ dataDir, challenges });
  replaceOperators(before.db, [{ username: 'sari', displayName: null, passwordHash: await createPasswordHash(PASSWORD), disabled: false, updatedAt: new Date().toISOString() }]);
  await before.enrol(central.url, await central.enrolCode());
  return { central, dataDir, before };
}

it('a damaged queue is moved aside; the operator sees it, exports what it still holds, and the office imports exactly that', async () => {
  const { central, dataDir, before } = await enrolledKiosk();
  const oldDevice = before.deviceId;
  for (let i = 0; i < 60; i++) await before.queue.submit(submission(applicant(i)));
  const rows = listAll(before.db);
  const queued = new Set(rows.map((r) => r.id));
  const middle = rows[30]?.payload?.subarray(0, 48) ?? Buffer.alloc(0);
  await before.close();
  damagePageHolding(join(dataDir, DB_FILE), middle);

  const after: KioskServices = createKioskServices({ dataDir, challenges });
  cleanup.push(() => after.close());
  expect(after.deviceId).not.toBe(oldDevice);
  expect(listAll(after.db)).toEqual([]);
  // The operator accounts came along from the damaged file: the fresh queue is not enrolled.
  const login = await dispatch(after, 'kiosk:operator:login', { username: 'sari', password: PASSWORD });
  if (!login.envelope.ok) throw new Error('login failed');
  const session = (login.envelope.value as { session: string }).session;

  const dashboard = await dispatch(after, 'kiosk:operator:dashboard', { session });
  if (!dashboard.envelope.ok) throw new Error('no dashboard');
  const [noted, ...more] = (dashboard.envelope.value as Dashboard).quarantined;
  expect(more).toEqual([]);
  expect(noted?.file).toMatch(/^queue\.db\.corrupt-\d{4}-\d{2}-\d{2}T[\d-]+Z$/);
  expect(readdirSync(dataDir)).toContain(noted?.file);
  const readable = noted?.serverSealed ?? 0;
  expect(readable).toBeGreaterThan(0);
  expect(readable).toBeLessThan(60);
  expect(noted).toMatchObject({ deviceSealed: 0, exportedAt: null });

  const exported = await dispatch(after, 'kiosk:operator:export', { session });
  if (!exported.envelope.ok) throw new Error('export failed');
  const answer = exported.envelope.value as ExportAnswer;
  expect(answer).toMatchObject({ kind: 'download', records: readable, quarantined: readable, deviceSealed: 0 });
  if (answer.kind !== 'download') throw new Error('expected a download');
  const tar = Buffer.from(answer.base64, 'base64');
  expect(tar.toString('latin1')).not.toContain(applicant(1).nik);

  const drive = tempDir();
  writeFileSync(join(drive, answer.fileName), tar);
  execFileSync('tar', ['-xf', answer.fileName], { cwd: drive });
  const folder = join(drive, readdirSync(drive).find((n) => !n.endsWith('.tar')) ?? '');
  mkdirSync(folder, { recursive: true });
  const now = (): Date => new Date();
  const registrar = createRegistrar({ store: central.store, keys: central.keys, profiles: central.profiles, now });
  const report = await importDirectory({ store: central.store, registrar, audit: auditTrail(central.store.staff, central.keys), maxSealedBytes: BODY_LIMIT, now }, folder);
  expect(report.counts).toMatchObject({ files: readable, imported: readable, refused: 0, rejected: 0 });
  const onServer = await central.registrations();
  expect(onServer).toHaveLength(readable);
  for (const r of onServer) {
    expect(r.deviceId).toBe(oldDevice);
    expect(queued.has(r.recordId)).toBe(true);
  }
  const again = await dispatch(after, 'kiosk:operator:dashboard', { session });
  expect((again.envelope as { value: Dashboard }).value.quarantined[0]?.exportedAt).toEqual(expect.any(String));

  // The Electron shell's export writes the same records into a folder, one file at a time.
  const usb = tempDir();
  expect(after.exportToFolder(session, usb)).toMatchObject({ kind: 'saved', records: readable, quarantined: readable });
  expect(readdirSync(usb).sort()).toEqual(readdirSync(folder).sort());
});

it('a damaged queue whose device id cannot be read: its readable records are shown as not exportable, and no export claims them', async () => {
  const { dataDir, before } = await enrolledKiosk();
  for (let i = 0; i < 5; i++) await before.queue.submit(submission(applicant(100 + i)));
  // The page of the device table (its one row: the device id), nothing else.
  const devicePage = before.db.prepare(`SELECT rootpage FROM sqlite_master WHERE type = 'table' AND name = 'device'`).pluck().get() as number;
  await before.close();
  damagePage(join(dataDir, DB_FILE), devicePage);

  const after: KioskServices = createKioskServices({ dataDir, challenges });
  cleanup.push(() => after.close());
  const session = await operatorSession(after);
  const dashboard = await dispatch(after, 'kiosk:operator:dashboard', { session });
  if (!dashboard.envelope.ok) throw new Error('no dashboard');
  const [noted, ...more] = (dashboard.envelope.value as Dashboard).quarantined;
  expect(more).toEqual([]);
  // All five records are still readable, sealed to the server, but none is promised to the export.
  expect(noted).toMatchObject({ serverSealed: 0, unexportable: 5, deviceSealed: 0, exportedAt: null });

  const exported = await dispatch(after, 'kiosk:operator:export', { session });
  if (!exported.envelope.ok) throw new Error('export failed');
  expect(exported.envelope.value).toEqual({ kind: 'nothing', deviceSealed: 0 } satisfies ExportAnswer);
  const again = await dispatch(after, 'kiosk:operator:dashboard', { session });
  expect((again.envelope as { value: Dashboard }).value.quarantined).toEqual([noted]);
  expect(readdirSync(dataDir)).toContain(noted?.file);
});
