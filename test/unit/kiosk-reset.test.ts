// resetApplicantState(): what the Electron shell's renderer watchdog calls before it reloads a
// crashed or hung page. The tokens the dead page held — open CAPTCHA challenges, passes earned on
// them, walk-in assist tokens, operator sessions — stop working; stored data stays.
import { afterEach, expect, it } from 'vitest';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createKioskServices, type KioskServices } from '../../electron/services/kiosk-services';
import { appPaths } from '../../electron/services/app-paths';
import { dispatch } from '../../electron/services/dispatch';
import { replaceOperators } from '../../electron/services/operators/operators-repo';
import { createPasswordHash } from '../../node/crypto/password-hash';
import { testProfiles } from '../support/simulated-kiosk';
import { applicant, submission } from '../support/submissions';
import { useTempDirs } from './temp-dir';

const tempDir = useTempDirs();
let kiosk: KioskServices | undefined;
afterEach(async () => { await kiosk?.close(); kiosk = undefined; });

const value = <T>(answer: { envelope: { ok: boolean; value?: unknown } }): T => {
  if (!answer.envelope.ok) throw new Error(JSON.stringify(answer.envelope));
  return answer.envelope.value as T;
};

/**
 * The kiosk's own challenge service (not a test's, which a reset keeps), on the SSCASN profile with
 * its checks in 'question' mode: a test can read a question, not an image's text.
 */
function kioskAskingQuestions(): KioskServices {
  const resources = tempDir();
  mkdirSync(join(resources, 'profiles'));
  const sscasn = testProfiles().get('sscasn');
  if (!sscasn) throw new Error('no sscasn profile');
  const steps = sscasn.steps.map((s) => ((s.type === 'form' || s.type === 'account') && s.antiRobot !== 'none' ? { ...s, antiRobot: 'question' } : s));
  writeFileSync(join(resources, 'profiles', 'sscasn.json'), JSON.stringify({ ...sscasn, steps }));
  return createKioskServices({ dataDir: tempDir(), paths: { ...appPaths(), resources } });
}

const DIGITS = ['zero', 'one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine'];

/** A pass earned as an applicant earns it: the question read and answered right. */
async function earnPass(k: KioskServices): Promise<string> {
  const challenge = value<{ id: string; question: { en: string } }>(await dispatch(k, 'kiosk:challenge:create', { kind: 'question' }));
  const [, a = '', b = ''] = /^What is (\w+) plus (\w+)\?/.exec(challenge.question.en) ?? [];
  const verdict = value<{ ok: boolean; pass?: string }>(await dispatch(k, 'kiosk:challenge:answer', { id: challenge.id, answer: String(DIGITS.indexOf(a) + DIGITS.indexOf(b)) }));
  if (!verdict.ok || !verdict.pass) throw new Error('no pass');
  return verdict.pass;
}

it('forgets open challenges, passes, assist tokens and operator sessions, and keeps the queue', async () => {
  kiosk = kioskAskingQuestions();
  const k = kiosk;
  replaceOperators(k.db, [{ username: 'sari', displayName: null, passwordHash: await createPasswordHash('meja-layanan-depan-7'), disabled: false, updatedAt: new Date().toISOString() }]);
  const login = async (): Promise<string> => value<{ session: string }>(await dispatch(k, 'kiosk:operator:login', { username: 'sari', password: 'meja-layanan-depan-7' })).session;
  const assist = async (session: string): Promise<string> => value<{ assist: string }>(await dispatch(k, 'kiosk:operator:assist', { session })).assist;
  /** Not enrolled: the record is sealed with the device key, so the kiosk reads who it names. */
  const assistedBy = (id: string): string | undefined => k.queue.readPayload(id).assistedBy;

  const session = await login();
  const kind = 'question';
  const before = value<{ id: string }>(await dispatch(k, 'kiosk:challenge:create', { kind }));
  const held = value<{ id: string }>(await dispatch(k, 'kiosk:challenge:create', { kind }));
  // '-1' is never a+b.
  expect(value(await dispatch(k, 'kiosk:challenge:answer', { id: before.id, answer: '-1' }))).toEqual({ ok: false, reason: 'wrong' });
  const earned = await earnPass(k);
  const token = await assist(session);
  // Controls: a pass and a token of the same kind work before the reset.
  const control = await k.queue.submit(submission(applicant(1), { antiRobotPass: await earnPass(k), assist: await assist(session) }));
  expect(assistedBy(control.id)).toBe('sari');
  expect(k.operatorSessionLive(session)).toBe(true);
  const stats = k.queue.stats();

  k.resetApplicantState();

  expect(value(await dispatch(k, 'kiosk:challenge:answer', { id: held.id, answer: '-1' }))).toEqual({ ok: false, reason: 'unknown' });
  expect(k.operatorSessionLive(session)).toBe(false);
  expect(k.queue.stats()).toEqual(stats);
  // The pass earned before the reset is refused: the record is not queued.
  await expect(k.queue.submit(submission(applicant(2), { antiRobotPass: earned }))).rejects.toMatchObject({ code: 'anti-robot-required' });
  expect(k.queue.stats()).toEqual(stats);
  // The assist token issued before the reset names no one: the record is queued, unassisted.
  const after = await k.queue.submit(submission(applicant(3), { antiRobotPass: await earnPass(k), assist: token }));
  expect(assistedBy(after.id)).toBeUndefined();
  // New challenges, passes, sessions and tokens work as before.
  const fresh = value<{ id: string }>(await dispatch(k, 'kiosk:challenge:create', { kind }));
  expect(value(await dispatch(k, 'kiosk:challenge:answer', { id: fresh.id, answer: '-1' }))).toEqual({ ok: false, reason: 'wrong' });
  const again = await k.queue.submit(submission(applicant(4), { antiRobotPass: await earnPass(k), assist: await assist(await login()) }));
  expect(assistedBy(again.id)).toBe('sari');
});
