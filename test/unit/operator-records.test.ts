// The operator's list of this kiosk's records and the re-queue of one set aside after failures: a
// server that cannot take the record yet (here: its profile is not deployed there) answers 500, the
// record waits out its backoff with the reason; the operator sends it again at once. Receipt
// numbers, states and codes only — never the record's contents.
import { afterEach, expect, it } from 'vitest';
import { createKioskServices } from '../../electron/services/kiosk-services';
import { dispatch } from '../../electron/services/dispatch';
import { listKioskAudit, replaceOperators } from '../../electron/services/operators/operators-repo';
import { createPasswordHash } from '../../node/crypto/password-hash';
import { startCentralServer } from '../support/central-server';
import { testProfiles } from '../support/simulated-kiosk';
import { applicant, challenges, submission } from '../support/submissions';
import { useTempDirs } from './temp-dir';

const tempDir = useTempDirs();
const cleanup: (() => Promise<void>)[] = [];
afterEach(async () => { for (const fn of cleanup.splice(0).reverse()) await fn(); });

it('lists records by receipt number and state, and re-queues one waiting after failures', async () => {
  // The server knows only the association's test profile: the kiosk's SSCASN record is not takeable yet.
  const profiles = new Map([...testProfiles()].filter(([id]) => id !== 'sscasn'));
  const central = await startCentralServer(tempDir(), { profiles });
  cleanup.push(() => central.stop().catch(() => undefined));
  const kiosk = createKioskServices({ dataDir: tempDir(), challenges, sync: { probeIntervalMs: 200, backoffBaseMs: 60_000, backoffCapMs: 120_000, probeTimeoutMs: 500 } });
  cleanup.push(() => kiosk.close());
  await kiosk.enrol(central.url, await central.enrolCode());
  const queued = await kiosk.queue.submit(submission(applicant(1)));
  await kiosk.sync.syncNow();

  replaceOperators(kiosk.db, [{ username: 'sari', displayName: null, passwordHash: await createPasswordHash('meja-layanan-depan-7'), disabled: false, updatedAt: new Date().toISOString() }]);
  const login = await dispatch(kiosk, 'kiosk:operator:login', { username: 'sari', password: 'meja-layanan-depan-7' });
  if (!login.envelope.ok) throw new Error('login failed');
  const session = (login.envelope.value as { session: string }).session;
  const list = async () => {
    const r = await dispatch(kiosk, 'kiosk:operator:records', { session });
    if (!r.envelope.ok) throw new Error('records failed');
    return (r.envelope.value as { records: { id: string; receiptNumber: string; state: string; reason: string | null; requeueable: boolean }[] }).records;
  };
  expect(await list()).toEqual([expect.objectContaining({ id: queued.id, receiptNumber: queued.receiptNumber, state: 'pending', reason: 'unknown-profile', requeueable: true })]);
  expect(JSON.stringify(await list())).not.toContain(applicant(1).nik);

  // The link goes down (so the sync the re-queue wakes cannot fail the record again before we look).
  await central.stop();
  expect((await dispatch(kiosk, 'kiosk:operator:requeue', { session, id: queued.id })).envelope).toEqual({ ok: true, value: { done: true } });
  expect((await list())[0]).toMatchObject({ requeueable: false, reason: null });
  expect(listKioskAudit(kiosk.db, 10).find((e) => e.action === 'operator.requeue')).toMatchObject({ operator: 'sari', detail: { record: queued.id } });
  // Without the session, nothing: not the list, not a re-queue.
  expect((await dispatch(kiosk, 'kiosk:operator:requeue', { session: 'x'.repeat(43), id: queued.id })).status).toBe('unauthorized');
});
