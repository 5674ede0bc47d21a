// The challenge service of the browser host's --test mode (end-to-end tests, which the host runs on a
// fresh data directory and never with a window): every image CAPTCHA carries TEST_CAPTCHA_TEXT, so a
// test answers the image as a sighted applicant would, on a profile whose mode is 'image' only.
// Everything else is the real service: the image is drawn anew each time, the text never reaches the
// renderer, a challenge is answered once, passes are single-use, expire and count only for the kinds
// the profile admits. A kiosk started without --test draws the text from the CSPRNG.
import { createChallengeService, type ChallengeOptions, type ChallengeService } from './challenge-service';

/** Five characters of the CAPTCHA's alphabet (glyphs.ts): letters and digits, as a real one mixes them. */
export const TEST_CAPTCHA_TEXT = 'K3DA7';

export function createTestChallengeService(options: Omit<ChallengeOptions, 'captchaText'> = {}): ChallengeService {
  return createChallengeService({ ...options, captchaText: () => TEST_CAPTCHA_TEXT });
}
