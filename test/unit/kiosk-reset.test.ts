// resetApplicantState(): what the Electron shell's renderer watchdog calls before it reloads a
// crashed or hung page. The tokens the dead page held — open CAPTCHA challenges, operator
// sessions — stop working; stored data stays.
import { afterEach, expect, it } from 'vitest';
import { createKioskServices, type KioskServices } from '../../electron/services/kiosk-services';
import { dispatch } from '../../electron/services/dispatch';
import { replaceOperators } from '../../electron/services/operators/operators-repo';
import { createPasswordHash } from '../../node/crypto/password-hash';
import { useTempDirs } from './temp-dir';

const tempDir = useTempDirs();
let kiosk: KioskServices | undefined;
afterEach(async () => { await kiosk?.close(); kiosk = undefined; });

const value = <T>(answer: { envelope: { ok: boolean; value?: unknown } }): T => {
  if (!answer.envelope.ok) throw new Error(JSON.stringify(answer.envelope));
  return answer.envelope.value as T;
};

it('forgets open challenges and operator sessions, and keeps the queue', async () => {
  kiosk = createKioskServices({ dataDir: tempDir() });
  replaceOperators(kiosk.db, [{ username: 'sari', displayName: null, passwordHash: await createPasswordHash('meja-layanan-depan-7'), disabled: false, updatedAt: new Date().toISOString() }]);
  const { session } = value<{ session: string }>(await dispatch(kiosk, 'kiosk:operator:login', { username: 'sari', password: 'meja-layanan-depan-7' }));
  // The text question: every profile with an anti-robot step admits it, and '-1' is never a+b.
  const kind = 'question';
  const before = value<{ id: string }>(await dispatch(kiosk, 'kiosk:challenge:create', { kind }));
  const held = value<{ id: string }>(await dispatch(kiosk, 'kiosk:challenge:create', { kind }));
  const stats = kiosk.queue.stats();
  expect(value(await dispatch(kiosk, 'kiosk:challenge:answer', { id: before.id, answer: '-1' }))).toEqual({ ok: false, reason: 'wrong' });
  expect(kiosk.operatorSessionLive(session)).toBe(true);

  kiosk.resetApplicantState();

  expect(value(await dispatch(kiosk, 'kiosk:challenge:answer', { id: held.id, answer: '-1' }))).toEqual({ ok: false, reason: 'unknown' });
  expect(kiosk.operatorSessionLive(session)).toBe(false);
  expect(kiosk.queue.stats()).toEqual(stats);
  // New challenges work as before.
  const after = value<{ id: string }>(await dispatch(kiosk, 'kiosk:challenge:create', { kind }));
  expect(value(await dispatch(kiosk, 'kiosk:challenge:answer', { id: after.id, answer: '-1' }))).toEqual({ ok: false, reason: 'wrong' });
});
