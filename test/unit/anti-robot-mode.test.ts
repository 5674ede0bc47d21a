// The profile, not the renderer, decides the anti-robot check: through dispatch with real services,
// a kiosk makes only the challenge kinds its profile admits ('image': the image only; 'image-or-question':
// the image, or the text question as its accessible alternative; 'question': the question only; no
// check, no challenge), and a submission is accepted only with a pass earned on a kind the last
// checked page admits, so a page's weaker alternative never stands in for a stricter page's image.
import { afterEach, describe, expect, it } from 'vitest';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createKioskServices, type KioskServices } from '../../electron/services/kiosk-services';
import { dispatch } from '../../electron/services/dispatch';
import { createChallengeService } from '../../electron/services/captcha/challenge-service';
import { appPaths } from '../../electron/services/app-paths';
import type { AntiRobotKind, Profile } from '../../shared/profile';
import { modeChallengeKinds } from '../../shared/anti-robot';
import { loadProfile } from '../../node/profiles';
import { testProfiles } from '../support/simulated-kiosk';
import { applicant, submission } from '../support/submissions';
import { useTempDirs } from './temp-dir';

const tempDir = useTempDirs();
const open: KioskServices[] = [];
afterEach(async () => { for (const k of open.splice(0)) await k.close(); });

/** A shared challenge service with a fixed image text, so a test can earn passes of either kind. */
const challenges = createChallengeService({ captchaText: () => 'AAAAA' });

/** The SSCASN profile, its anti-robot pages (Data Identitas, Data Akun) set to `modes` in order (one mode: both). */
function kioskWith(...modes: AntiRobotKind[]): KioskServices {
  const sscasn = testProfiles().get('sscasn');
  if (!sscasn) throw new Error('no sscasn profile');
  let page = 0;
  const profile: Profile = {
    ...sscasn, id: `uji-${modes.join('-')}`,
    steps: sscasn.steps.map((s) => (s.type === 'form' || s.type === 'account') && s.antiRobot !== 'none' ? { ...s, antiRobot: modes[Math.min(page++, modes.length - 1)] ?? 'none' } : s),
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

/** A pass of `kind` earned on the shared service outside this kiosk's channels (as a script could, had it made the challenge). */
function passElsewhere(kind: 'image' | 'question'): string {
  const c = challenges.create(kind);
  const m = /What is (\w+) plus (\w+)\?/.exec(c.question?.en ?? '');
  const words = ['zero', 'one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine'];
  const v = challenges.answer(c.id, kind === 'image' ? 'AAAAA' : String(words.indexOf(m?.[1] ?? '') + words.indexOf(m?.[2] ?? '')));
  if (!v.ok) throw new Error('expected a pass');
  return v.pass;
}

describe('the anti-robot mode comes from the profile', () => {
  it("the shipped SSCASN profile asks for the image only, on Data Identitas and on Data Akun, as the portal does", () => {
    const sscasn = loadProfile('sscasn', appPaths().resources);
    expect(sscasn.steps.flatMap((s) => (s.type === 'form' || s.type === 'account' ? [[s.id, s.antiRobot]] : []))).toEqual([
      ['pengecekan-identitas', 'image'], ['lengkapi-data', 'none'], ['account', 'image'],
    ]);
  });

  it("an 'image' profile makes only the image: it refuses a text question, and a submission carrying a question pass", async () => {
    const k = kioskWith('image');
    expect(codeOf(await create(k, 'question'))).toBe('invalid-input');
    // A question pass from elsewhere (the renderer cannot ask this kiosk for one) does not count.
    expect(codeOf(await submit(k, passElsewhere('question'), 1))).toBe('anti-robot-required');
    expect(codeOf(await submit(k, await earn(k, 'image'), 2))).toBe('ok');
  });

  it("an 'image-or-question' profile makes the image and its accessible question; both passes count", async () => {
    const k = kioskWith('image-or-question');
    expect(codeOf(await submit(k, await earn(k, 'image'), 3))).toBe('ok');
    expect(codeOf(await submit(k, await earn(k, 'question'), 4))).toBe('ok');
  });

  it("a 'question' profile refuses to make an image challenge, and refuses a submission carrying an image pass", async () => {
    const k = kioskWith('question');
    expect(codeOf(await create(k, 'image'))).toBe('invalid-input');
    expect(codeOf(await submit(k, passElsewhere('image'), 5))).toBe('anti-robot-required');
    expect(codeOf(await submit(k, await earn(k, 'question'), 6))).toBe('ok');
  });

  it('mixed pages: the submission needs a kind the last checked page admits, whatever an earlier page offered', async () => {
    // Data Identitas offers the question; Data Akun (the last check) asks for the image only.
    const k = kioskWith('image-or-question', 'image');
    const question = await earn(k, 'question');
    expect(codeOf(await submit(k, question, 7))).toBe('anti-robot-required');
    expect(codeOf(await submit(k, await earn(k, 'image'), 8))).toBe('ok');
    // The other way round ('image' then 'image-or-question') is refused when the profile loads.
    expect(() => kioskWith('image', 'image-or-question')).toThrow(/must be as strict as pengecekan-identitas's 'image'/);
  });

  it("a page offers what its mode admits, the image first: the text question only on 'image-or-question' and 'question' pages", () => {
    // renderer/components/anti-robot: "Gunakan pertanyaan teks" appears only when a page admits both.
    expect(modeChallengeKinds('image')).toEqual(['image']);
    expect(modeChallengeKinds('image-or-question')).toEqual(['image', 'question']);
    expect(modeChallengeKinds('question')).toEqual(['question']);
    expect(modeChallengeKinds('none')).toEqual([]);
  });

  it('a profile without a check makes no challenge at all', async () => {
    const k = kioskWith('none');
    for (const kind of ['image', 'question'] as const) expect(codeOf(await create(k, kind))).toBe('invalid-input');
  });
});
