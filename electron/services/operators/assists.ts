// Walk-ins an operator starts a registration for: a one-use token, held in this process for
// ASSIST_TTL_MS, that the page hands back with the submission; the kiosk (not the page) turns it into
// the operator's username on the record. A token expired or used already leaves the record
// unassisted rather than refusing it — the applicant's data is never lost over the operator's mark.
import { randomBytes } from 'node:crypto';

/** Long enough for a slow walk-in's whole registration. */
export const ASSIST_TTL_MS = 45 * 60_000;

export interface Assists {
  start(operator: string): string;
  /** The operator the token names, once; undefined when unknown, used or expired. */
  redeem(token: string): string | undefined;
}

export function createAssists(now: () => number = Date.now): Assists {
  const live = new Map<string, { operator: string; untilMs: number }>();
  return {
    start(operator) {
      for (const [t, a] of live) if (a.untilMs <= now()) live.delete(t);
      const token = randomBytes(32).toString('base64url');
      live.set(token, { operator, untilMs: now() + ASSIST_TTL_MS });
      return token;
    },
    redeem(token) {
      const found = live.get(token);
      live.delete(token);
      return found && found.untilMs > now() ? found.operator : undefined;
    },
  };
}
