// The operator's export through the contract (the browser host's way: one tar to download): only a
// logged-in operator; the records not yet delivered, signed files in a tar, marked but still queued;
// nothing to export before enrolment (the records are sealed with the device key until then).
import { afterEach, expect, it } from 'vitest';
import { createKioskServices, type KioskServices } from '../../electron/services/kiosk-services';
import { dispatch } from '../../electron/services/dispatch';
import { listKioskAudit, replaceOperators } from '../../electron/services/operators/operators-repo';
import { listAll } from '../../electron/services/queue/queue-repo';
import { createPasswordHash } from '../../node/crypto/password-hash';
import { startCentralServer } from '../support/central-server';
import { testProfiles } from '../support/simulated-kiosk';
import { applicant, challenges, submission } from '../support/submissions';
import { useTempDirs } from './temp-dir';

const tempDir = useTempDirs();
const cleanup: (() => Promise<void>)[] = [];
afterEach(async () => { for (const fn of cleanup.splice(0).reverse()) await fn(); });

async function operatorOn(kiosk: KioskServices): Promise<string> {
  replaceOperators(kiosk.db, [{ username: 'sari', displayName: null, passwordHash: await createPasswordHash('meja-layanan-depan-7'), disabled: false, updatedAt: new Date().toISOString() }]);
  const r = await dispatch(kiosk, 'kiosk:operator:login', { username: 'sari', password: 'meja-layanan-depan-7' });
  if (!r.envelope.ok) throw new Error('login failed');
  return (r.envelope.value as { session: string }).session;
}

it('hands a logged-in operator a tar of the records not yet delivered, marked and still queued; nothing before enrolment', async () => {
  const kiosk = createKioskServices({ dataDir: tempDir(), challenges });
  cleanup.push(() => kiosk.close());
  const session = await operatorOn(kiosk);
  await kiosk.queue.submit(submission(applicant(1)));
  expect((await dispatch(kiosk, 'kiosk:operator:export', { session: 'x'.repeat(43) })).status).toBe('unauthorized');
  expect((await dispatch(kiosk, 'kiosk:operator:export', { session })).envelope).toEqual({ ok: true, value: { kind: 'nothing', deviceSealed: 1 } });

  const central = await startCentralServer(tempDir(), { profiles: testProfiles() });
  await kiosk.enrol(central.url, await central.enrolCode());
  await central.stop();
  await kiosk.queue.submit(submission(applicant(2)));
  const answer = (await dispatch(kiosk, 'kiosk:operator:export', { session })).envelope;
  if (!answer.ok) throw new Error('export failed');
  const value = answer.value as { kind: string; records: number; fileName: string; base64: string };
  expect(value).toMatchObject({ kind: 'download', records: 2, fileName: expect.stringMatching(/\.tar$/) });
  const tar = Buffer.from(value.base64, 'base64');
  expect(tar.length % 512).toBe(0);
  expect(tar.toString('latin1')).toMatch(/\.kx1\.json/);
  expect(tar.toString('latin1')).not.toContain(applicant(1).nik);
  expect(listAll(kiosk.db).map((r) => r.state)).toEqual(['pending', 'pending']);
  expect(listKioskAudit(kiosk.db, 10).find((e) => e.action === 'operator.export')).toMatchObject({ operator: 'sari', detail: { records: 2, to: 'download' } });
});
