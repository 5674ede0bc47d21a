// Anti-robot challenges, owned by the main process. Invariants: an answer never leaves this module;
// a challenge is answered at most once (a wrong answer ends it); a pass is redeemed at most once and
// only before it expires. Everything lives in memory: a restart simply asks for a new challenge.
import { randomBytes, randomInt, randomUUID } from 'node:crypto';
import type { Challenge, ChallengeKind, ChallengeVerdict } from '../../../shared/anti-robot';
import { drawCaptcha } from './captcha-image';
import { CAPTCHA_ALPHABET } from './glyphs';

export const CHALLENGE_TTL_MS = 3 * 60_000;
export const PASS_TTL_MS = 15 * 60_000;
const CAPTCHA_LENGTH = 5;
/** Outstanding challenges kept; older ones are dropped (a kiosk serves one applicant at a time). */
const MAX_OPEN = 16;

const NUMBERS = {
  id: ['nol', 'satu', 'dua', 'tiga', 'empat', 'lima', 'enam', 'tujuh', 'delapan', 'sembilan'],
  en: ['zero', 'one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine'],
} as const;

export interface ChallengeService {
  create(kind: ChallengeKind): Challenge;
  answer(id: string, answer: string): ChallengeVerdict;
  /** True once for a valid, unexpired pass; false for anything else. */
  redeem(pass: string): boolean;
}

const random = (): number => randomInt(0, 2 ** 32) / 2 ** 32;
const squash = (s: string): string => s.normalize('NFKC').toUpperCase().replace(/\s+/g, '');

const randomText = (): string =>
  Array.from({ length: CAPTCHA_LENGTH }, () => CAPTCHA_ALPHABET[randomInt(CAPTCHA_ALPHABET.length)]).join('');

export interface ChallengeOptions {
  readonly now?: () => number;
  /** The image's text; tests fix it, the kiosk draws it from the CSPRNG. */
  readonly captchaText?: () => string;
}

export function createChallengeService({ now = Date.now, captchaText = randomText }: ChallengeOptions = {}): ChallengeService {
  const open = new Map<string, { answer: string; expiresAt: number }>();
  const passes = new Map<string, number>();
  const prune = (): void => {
    const t = now();
    for (const [id, c] of open) if (c.expiresAt <= t) open.delete(id);
    for (const [p, exp] of passes) if (exp <= t) passes.delete(p);
    while (open.size >= MAX_OPEN) open.delete(open.keys().next().value as string);
  };

  return {
    create(kind) {
      prune();
      const id = randomUUID();
      const expiresAt = now() + CHALLENGE_TTL_MS;
      if (kind === 'image') {
        const text = captchaText();
        open.set(id, { answer: text, expiresAt });
        const image = `data:image/png;base64,${drawCaptcha(text, random).toString('base64')}`;
        return { id, kind, image, answerLength: text.length, expiresAt: new Date(expiresAt).toISOString() };
      }
      const a = randomInt(1, 10);
      const b = randomInt(1, 10);
      open.set(id, { answer: String(a + b), expiresAt });
      return {
        id, kind,
        question: {
          id: `Berapa ${NUMBERS.id[a]} ditambah ${NUMBERS.id[b]}? Jawab dengan angka.`,
          en: `What is ${NUMBERS.en[a]} plus ${NUMBERS.en[b]}? Answer with digits.`,
        },
        expiresAt: new Date(expiresAt).toISOString(),
      };
    },
    answer(id, answer) {
      const challenge = open.get(id);
      open.delete(id);
      if (!challenge) return { ok: false, reason: 'unknown' };
      if (challenge.expiresAt <= now()) return { ok: false, reason: 'expired' };
      if (squash(answer) !== challenge.answer) return { ok: false, reason: 'wrong' };
      const pass = randomBytes(24).toString('base64url');
      passes.set(pass, now() + PASS_TTL_MS);
      return { ok: true, pass };
    },
    redeem(pass) {
      const expiresAt = passes.get(pass);
      passes.delete(pass);
      return expiresAt !== undefined && expiresAt > now();
    },
  };
}
