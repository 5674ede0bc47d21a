// A walk-in helped by an operator: the operator asks the kiosk for a one-use token, the page hands
// it back with the submission, and the record names the operator — as the reviewer sees it at the
// central server. A token used twice, or a made-up one, leaves the record unassisted (never refused).
import { afterEach, expect, it } from 'vitest';
import { createKioskServices } from '../../electron/services/kiosk-services';
import { dispatch } from '../../electron/services/dispatch';
import { listKioskAudit, replaceOperators } from '../../electron/services/operators/operators-repo';
import { createPasswordHash } from '../../node/crypto/password-hash';
import { OpenedRecordSchema } from '../../shared/review';
import { startCentralServer } from '../support/central-server';
import { testProfiles } from '../support/simulated-kiosk';
import { StaffBrowser } from '../support/staff-browser';
import { applicant, challenges, submission } from '../support/submissions';
import { createAdmin } from '../../server/staff/create-admin';
import { auditTrail } from '../../server/staff/audit-trail';
import { useTempDirs } from './temp-dir';

const tempDir = useTempDirs();
const cleanup: (() => Promise<void>)[] = [];
afterEach(async () => { for (const fn of cleanup.splice(0).reverse()) await fn(); });

it('names the operator on the record of a walk-in they started, once per token, as the reviewer sees it', async () => {
  const central = await startCentralServer(tempDir(), { profiles: testProfiles() });
  cleanup.push(() => central.stop());
  const kiosk = createKioskServices({ dataDir: tempDir(), challenges, sync: { probeIntervalMs: 200, backoffBaseMs: 20, backoffCapMs: 200, probeTimeoutMs: 500 } });
  cleanup.push(() => kiosk.close());
  await kiosk.enrol(central.url, await central.enrolCode());
  replaceOperators(kiosk.db, [{ username: 'sari', displayName: null, passwordHash: await createPasswordHash('meja-layanan-depan-7'), disabled: false, updatedAt: new Date().toISOString() }]);
  const login = await dispatch(kiosk, 'kiosk:operator:login', { username: 'sari', password: 'meja-layanan-depan-7' });
  if (!login.envelope.ok) throw new Error('login failed');
  const session = (login.envelope.value as { session: string }).session;

  expect((await dispatch(kiosk, 'kiosk:operator:assist', {})).status).toBe('unauthorized');
  const started = await dispatch(kiosk, 'kiosk:operator:assist', { session });
  if (!started.envelope.ok) throw new Error('assist failed');
  const { assist } = started.envelope.value as { assist: string };
  const helped = await kiosk.queue.submit({ ...submission(applicant(1)), assist });
  const again = await kiosk.queue.submit({ ...submission(applicant(2)), assist });
  const alone = await kiosk.queue.submit({ ...submission(applicant(3)), assist: 'y'.repeat(43) });
  for (let i = 0; i < 20 && kiosk.sync.status().pending > 0; i++) await kiosk.sync.syncNow();
  expect(listKioskAudit(kiosk.db, 10).map((e) => e.action)).toContain('operator.assist');

  await createAdmin(central.store.staff, auditTrail(central.store.staff, central.keys), 'admin', 'kunci-rahasia-kantor-2026', new Date());
  const reviewer = new StaffBrowser(central.url);
  await reviewer.login('admin', 'kunci-rahasia-kantor-2026');
  const assistedBy = async (id: string) => OpenedRecordSchema.parse((await reviewer.call('GET', `/registrations/${kiosk.deviceId}/${id}`)).body).assistedBy;
  expect(await assistedBy(helped.id)).toBe('sari');
  expect(await assistedBy(again.id)).toBeNull();
  expect(await assistedBy(alone.id)).toBeNull();
});
