// Anti-robot challenges, owned by the main process. Invariants: an answer never leaves this module;
// a challenge is answered at most once (a wrong answer ends it); a pass is redeemed at most once and
// only before it expires; a pass records the kind it was earned on and counts only for the kinds the
// caller allows (the kiosk: those the profile's last checked page admits, shared/anti-robot.ts). Lifetimes
// run on a monotonic clock, so a wall-clock jump neither extends nor cuts them; the wall clock only
// dates the `expiresAt` shown to the renderer. Everything lives in memory: a restart asks anew.
import { randomBytes, randomInt, randomUUID } from 'node:crypto';
import { CHALLENGE_KINDS, type Challenge, type ChallengeKind, type ChallengeVerdict } from '../../../shared/anti-robot';
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
  /** True once for a valid, unexpired pass earned on a challenge of one of `kinds`; false for anything else. */
  redeem(pass: string, kinds?: readonly ChallengeKind[]): boolean;
}

const random = (): number => randomInt(0, 2 ** 32) / 2 ** 32;
const squash = (s: string): string => s.normalize('NFKC').toUpperCase().replace(/\s+/g, '');

const randomText = (): string =>
  Array.from({ length: CAPTCHA_LENGTH }, () => CAPTCHA_ALPHABET[randomInt(CAPTCHA_ALPHABET.length)]).join('');

export interface ChallengeOptions {
  /** Wall clock (epoch ms): only for the `expiresAt` the renderer shows. */
  readonly now?: () => number;
  /** Monotonic clock (ms) the lifetimes run on; absent, `now` when a test injects one, else performance.now(). */
  readonly monotonic?: () => number;
  /** The image's text; tests fix it, the kiosk draws it from the CSPRNG. */
  readonly captchaText?: () => string;
}

export function createChallengeService(options: ChallengeOptions = {}): ChallengeService {
  const { now = Date.now, captchaText = randomText } = options;
  const tick = options.monotonic ?? options.now ?? (() => performance.now());
  /** `expiresAt` on the monotonic clock. */
  const open = new Map<string, { answer: string; kind: ChallengeKind; expiresAt: number }>();
  const passes = new Map<string, { kind: ChallengeKind; expiresAt: number }>();
  const prune = (): void => {
    const t = tick();
    for (const [id, c] of open) if (c.expiresAt <= t) open.delete(id);
    for (const [p, pass] of passes) if (pass.expiresAt <= t) passes.delete(p);
    while (open.size >= MAX_OPEN) open.delete(open.keys().next().value as string);
  };

  return {
    create(kind) {
      prune();
      const id = randomUUID();
      const expiresAt = tick() + CHALLENGE_TTL_MS;
      const shown = new Date(now() + CHALLENGE_TTL_MS).toISOString();
      if (kind === 'image') {
        const text = captchaText();
        open.set(id, { answer: text, kind, expiresAt });
        const image = `data:image/png;base64,${drawCaptcha(text, random).toString('base64')}`;
        return { id, kind, image, answerLength: text.length, expiresAt: shown };
      }
      const a = randomInt(1, 10);
      const b = randomInt(1, 10);
      open.set(id, { answer: String(a + b), kind, expiresAt });
      return {
        id, kind,
        question: {
          id: `Berapa ${NUMBERS.id[a]} ditambah ${NUMBERS.id[b]}? Jawab dengan angka.`,
          en: `What is ${NUMBERS.en[a]} plus ${NUMBERS.en[b]}? Answer with digits.`,
        },
        expiresAt: shown,
      };
    },
    answer(id, answer) {
      const challenge = open.get(id);
      open.delete(id);
      if (!challenge) return { ok: false, reason: 'unknown' };
      if (challenge.expiresAt <= tick()) return { ok: false, reason: 'expired' };
      if (squash(answer) !== challenge.answer) return { ok: false, reason: 'wrong' };
      const pass = randomBytes(24).toString('base64url');
      passes.set(pass, { kind: challenge.kind, expiresAt: tick() + PASS_TTL_MS });
      return { ok: true, pass };
    },
    redeem(pass, kinds = CHALLENGE_KINDS) {
      const found = passes.get(pass);
      passes.delete(pass);
      return found !== undefined && found.expiresAt > tick() && kinds.includes(found.kind);
    },
  };
}
