// Walk-ins an operator starts a registration for: a one-use token, held in this process for
// ASSIST_TTL_MS, that the page hands back with the submission; the kiosk (not the page) turns it into
// the operator's username on the record. A token expired or used already leaves the record
// unassisted rather than refusing it — the applicant's data is never lost over the operator's mark.
// The lifetime runs on a monotonic clock, like the CAPTCHA's and the operator session's: moving the
// wall clock back cannot extend a token, moving it forward cannot end one early.
import { randomBytes } from 'node:crypto';

/** Long enough for a slow walk-in's whole registration. */
export const ASSIST_TTL_MS = 45 * 60_000;

export interface Assists {
  start(operator: string): string;
  /** The operator the token names, once; undefined when unknown, used or expired. */
  redeem(token: string): string | undefined;
}

export interface AssistOptions {
  /** Monotonic clock (ms) the lifetime runs on; absent, performance.now(). */
  readonly monotonic?: () => number;
}

export function createAssists({ monotonic = () => performance.now() }: AssistOptions = {}): Assists {
  /** `untilMs` on the monotonic clock. */
  const live = new Map<string, { operator: string; untilMs: number }>();
  return {
    start(operator) {
      for (const [t, a] of live) if (a.untilMs <= monotonic()) live.delete(t);
      const token = randomBytes(32).toString('base64url');
      live.set(token, { operator, untilMs: monotonic() + ASSIST_TTL_MS });
      return token;
    },
    redeem(token) {
      const found = live.get(token);
      live.delete(token);
      return found && found.untilMs > monotonic() ? found.operator : undefined;
    },
  };
}
