// While Welcome shows, load what the profile's steps need — their code, the OCR workers, the face
// models — so that the first applicant after a start does not wait for them at the camera. It starts
// once Welcome has been usable for a moment and runs in idle time, one step at a time in the
// profile's order (the KTP scan comes before the selfie). Failures are silent: each step loads or
// starts what it needs itself when it opens.
import { useEffect } from 'react';
import type { Profile } from '../../shared/profile';
import { stepDefinition } from '../steps/registry';

/** Welcome answers its first tap before anything heavy (parsing face-api, starting workers) begins. */
const AFTER_WELCOME_MS = 400;
/** Idle time rarely lasts longer than this while nothing happens on screen. */
const IDLE_TIMEOUT_MS = 2000;

const idle = (): Promise<void> => new Promise((ok) => requestIdleCallback(() => ok(), { timeout: IDLE_TIMEOUT_MS }));

/** A step's warm-up or rehearsal (see StepDefinition), or a screen's load. */
type Load = (stopped: () => boolean) => Promise<unknown>;

/** Loads that finished: each runs once per start of the app, not once per applicant. */
const warmed = new Set<Load>();

async function warmUp(profile: Profile, after: readonly Load[], cancelled: () => boolean): Promise<void> {
  const steps = [...new Set(profile.steps.map((s) => s.type))].map((type) => stepDefinition(type));
  // What the steps need first, the rehearsals (which only make them faster) last.
  for (const load of [...steps.map((s) => s.warmUp), ...after, ...steps.map((s) => s.rehearse)]) {
    if (!load || warmed.has(load)) continue;
    await idle();
    if (cancelled()) return;
    await load(cancelled).then(() => warmed.add(load), () => undefined);
  }
}

/**
 * Warms up the profile's steps, then `after` (screens outside the profile's list: Review, Done),
 * while `onWelcome`, then their rehearsals. Leaving Welcome stops it between two loads, and a
 * rehearsal (the OCR's reads of a sample card) between two of its reads: the face networks' first
 * pass and the card's reads run on the page's own thread and must not slow the applicant's first
 * steps; what is left is loaded by the step that needs it, or at the next Welcome.
 */
export function useWarmUp(profile: Profile, after: readonly Load[], onWelcome: boolean): void {
  useEffect(() => {
    if (!onWelcome) return undefined;
    let cancelled = false;
    const timer = setTimeout(() => void warmUp(profile, after, () => cancelled), AFTER_WELCOME_MS);
    return () => {
      cancelled = true;
      clearTimeout(timer);
    };
  }, [profile, after, onWelcome]);
}
