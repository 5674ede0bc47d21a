import { describe, expect, it } from 'vitest';
import { PNG } from 'pngjs';
import { CHALLENGE_TTL_MS, createChallengeService, PASS_TTL_MS } from '../../electron/services/captcha/challenge-service';
import { CAPTCHA_HEIGHT, CAPTCHA_WIDTH } from '../../electron/services/captcha/captcha-image';
import { ChallengeSchema } from '../../shared/anti-robot';

function clock() {
  let t = 1_000_000;
  return { now: () => t, advance: (ms: number) => { t += ms; } };
}

describe('anti-robot challenges (main process)', () => {
  it('an image challenge is a PNG that does not carry its text, answered once, case-insensitively', () => {
    const c = clock();
    const service = createChallengeService({ now: c.now, captchaText: () => 'HX4RT' });
    const challenge = service.create('image');
    expect(ChallengeSchema.safeParse(challenge).success).toBe(true);
    expect(JSON.stringify(challenge)).not.toContain('HX4RT');
    const png = PNG.sync.read(Buffer.from(challenge.image?.replace('data:image/png;base64,', '') ?? '', 'base64'));
    expect([png.width, png.height]).toEqual([CAPTCHA_WIDTH, CAPTCHA_HEIGHT]);
    const verdict = service.answer(challenge.id, ' hx4 rt ');
    expect(verdict.ok).toBe(true);
    expect(service.answer(challenge.id, 'HX4RT')).toEqual({ ok: false, reason: 'unknown' });
  });

  it('a wrong answer ends the challenge: the right answer afterwards is refused', () => {
    const service = createChallengeService({ captchaText: () => 'HX4RT' });
    const challenge = service.create('image');
    expect(service.answer(challenge.id, 'HX4RX')).toEqual({ ok: false, reason: 'wrong' });
    expect(service.answer(challenge.id, 'HX4RT')).toEqual({ ok: false, reason: 'unknown' });
  });

  it('challenges and passes expire; a pass is redeemed once', () => {
    const c = clock();
    const service = createChallengeService({ now: c.now, captchaText: () => 'AAAAA' });
    const late = service.create('image');
    c.advance(CHALLENGE_TTL_MS + 1);
    expect(service.answer(late.id, 'AAAAA')).toEqual({ ok: false, reason: 'expired' });

    const verdict = service.answer(service.create('image').id, 'AAAAA');
    if (!verdict.ok) throw new Error('expected a pass');
    expect(service.redeem(verdict.pass)).toBe(true);
    expect(service.redeem(verdict.pass)).toBe(false);
    const second = service.answer(service.create('image').id, 'AAAAA');
    if (!second.ok) throw new Error('expected a pass');
    c.advance(PASS_TTL_MS + 1);
    expect(service.redeem(second.pass)).toBe(false);
    expect(service.redeem('made-up-pass-made-up-pass')).toBe(false);
  });

  it('the text question is answerable from its own words, in both languages', () => {
    const service = createChallengeService();
    const words = ['nol', 'satu', 'dua', 'tiga', 'empat', 'lima', 'enam', 'tujuh', 'delapan', 'sembilan'];
    for (let i = 0; i < 20; i++) {
      const q = service.create('question');
      const m = /Berapa (\w+) ditambah (\w+)\?/.exec(q.question?.id ?? '');
      expect(q.question?.en).toMatch(/^What is \w+ plus \w+\? Answer with digits\.$/);
      expect(service.answer(q.id, String(words.indexOf(m?.[1] ?? '') + words.indexOf(m?.[2] ?? ''))).ok).toBe(true);
    }
  });

  it('two images of the same text differ (the drawing is random)', () => {
    const service = createChallengeService({ captchaText: () => 'HX4RT' });
    expect(service.create('image').image).not.toBe(service.create('image').image);
  });
});
