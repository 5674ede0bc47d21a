// The profile, not the renderer, decides the anti-robot check: through dispatch with real services,
// a kiosk makes only the challenge kinds its profile admits (an 'image' page offers the text question
// as its accessible alternative; a 'question' page only the question; no check, no challenge), and a
// submission is accepted only with a pass earned on an admitted kind.
import { afterEach, describe, expect, it } from 'vitest';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createKioskServices, type KioskServices } from '../../electron/services/kiosk-services';
import { dispatch } from '../../electron/services/dispatch';
import { createChallengeService } from '../../electron/services/captcha/challenge-service';
import { appPaths } from '../../electron/services/app-paths';
import type { Profile } from '../../shared/profile';
import { testProfiles } from '../support/simulated-kiosk';
import { applicant, submission } from '../support/submissions';
import { useTempDirs } from './temp-dir';

const tempDir = useTempDirs();
const open: KioskServices[] = [];
afterEach(async () => { for (const k of open.splice(0)) await k.close(); });

/** A shared challenge service with a fixed image text, so a test can earn passes of either kind. */
const challenges = createChallengeService({ captchaText: () => 'AAAAA' });

/** A kiosk running the SSCASN profile with every anti-robot page set to `mode`. */
function kioskWith(mode: 'image' | 'question' | 'none'): KioskServices {
  const sscasn = testProfiles().get('sscasn');
  if (!sscasn) throw new Error('no sscasn profile');
  const profile: Profile = {
    ...sscasn, id: `uji-${mode}`,
    steps: sscasn.steps.map((s) => (s.type === 'form' || s.type === 'account' ? { ...s, antiRobot: mode } : s)),
  };
  const resources = tempDir();
  mkdirSync(join(resources, 'profiles'));
  writeFileSync(join(resources, 'profiles', `${profile.id}.json`), JSON.stringify(profile));
  const kiosk = createKioskServices({ dataDir: tempDir(), challenges, profileId: profile.id, paths: { ...appPaths(), resources } });
  open.push(kiosk);
  return kiosk;
}

const create = async (k: KioskServices, kind: 'image' | 'question') => (await dispatch(k, 'kiosk:challenge:create', { kind })).envelope;

/** A pass earned on a `kind` challenge through the kiosk's own channels. */
async function earn(k: KioskServices, kind: 'image' | 'question'): Promise<string> {
  const c = await create(k, kind);
  if (!c.ok) throw new Error(`no ${kind} challenge`);
  const challenge = c.value as { id: string; question?: { en: string } };
  const words = ['zero', 'one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine'];
  const m = /What is (\w+) plus (\w+)\?/.exec(challenge.question?.en ?? '');
  const answer = kind === 'image' ? 'AAAAA' : String(words.indexOf(m?.[1] ?? '') + words.indexOf(m?.[2] ?? ''));
  const v = (await dispatch(k, 'kiosk:challenge:answer', { id: challenge.id, answer })).envelope;
  if (!v.ok || !(v.value as { ok: boolean }).ok) throw new Error('wrong answer');
  return (v.value as { pass: string }).pass;
}

const submit = async (k: KioskServices, pass: string, i: number) =>
  (await dispatch(k, 'kiosk:queue:submit', submission(applicant(i), { profileId: k.profile.id, antiRobotPass: pass }))).envelope;
const codeOf = (e: Awaited<ReturnType<typeof create>>) => (e.ok ? 'ok' : e.error.code);

describe('the anti-robot mode comes from the profile', () => {
  it("an 'image' profile makes the image and its accessible question; both passes count", async () => {
    const k = kioskWith('image');
    expect(codeOf(await create(k, 'image'))).toBe('ok');
    expect(codeOf(await submit(k, await earn(k, 'image'), 1))).toBe('ok');
    expect(codeOf(await submit(k, await earn(k, 'question'), 2))).toBe('ok');
  });

  it("a 'question' profile refuses to make an image challenge, and refuses a submission carrying an image pass", async () => {
    const k = kioskWith('question');
    const refused = await create(k, 'image');
    expect(refused).toMatchObject({ ok: false, error: { code: 'invalid-input' } });
    // A pass of a kind the profile does not admit (earned elsewhere on the shared service) is refused.
    const elsewhere = challenges.answer(challenges.create('image').id, 'AAAAA');
    if (!elsewhere.ok) throw new Error('expected a pass');
    expect(codeOf(await submit(k, elsewhere.pass, 3))).toBe('anti-robot-required');
    expect(codeOf(await submit(k, await earn(k, 'question'), 4))).toBe('ok');
  });

  it('a profile without a check makes no challenge at all', async () => {
    const k = kioskWith('none');
    for (const kind of ['image', 'question'] as const) expect(codeOf(await create(k, kind))).toBe('invalid-input');
  });
});
