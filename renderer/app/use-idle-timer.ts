// Idle timeout: after `timeoutMs` without a touch, key or pointer event the applicant's data is
// wiped. The last `warningMs` show a countdown so someone still there can keep their session.
// Idle time is measured on performance.now() (monotonic): a wall-clock jump (time zone set by hand,
// NTP correction) neither wipes someone mid-entry nor keeps an abandoned applicant's data on screen.
import { useCallback, useEffect, useEffectEvent, useRef, useState } from 'react';

const ACTIVITY_EVENTS = ['pointerdown', 'keydown', 'input', 'wheel', 'touchstart'] as const;

export interface IdleState {
  /** Whole seconds left while the warning shows, otherwise null. */
  readonly secondsLeft: number | null;
  readonly stillHere: () => void;
}

export function useIdleTimer(active: boolean, timeoutMs: number, warningMs: number, onTimeout: () => void): IdleState {
  const lastActivity = useRef(0);
  const [secondsLeft, setSecondsLeft] = useState<number | null>(null);
  const timedOut = useEffectEvent(onTimeout);

  const stillHere = useCallback(() => {
    lastActivity.current = performance.now();
    setSecondsLeft(null);
  }, []);

  useEffect(() => {
    if (!active) return undefined;
    lastActivity.current = performance.now();
    // While the warning shows, only the explicit "still here" button counts: a stray touch on the
    // backdrop should not silently keep someone else's data on screen.
    const onActivity = (): void => {
      if (performance.now() - lastActivity.current < timeoutMs - warningMs) lastActivity.current = performance.now();
    };
    for (const e of ACTIVITY_EVENTS) window.addEventListener(e, onActivity, { capture: true, passive: true });
    const tick = window.setInterval(() => {
      const left = timeoutMs - (performance.now() - lastActivity.current);
      if (left <= 0) {
        setSecondsLeft(null);
        timedOut();
      } else if (left <= warningMs) {
        setSecondsLeft(Math.ceil(left / 1000));
      } else {
        setSecondsLeft(null);
      }
    }, 250);
    return () => {
      window.clearInterval(tick);
      for (const e of ACTIVITY_EVENTS) window.removeEventListener(e, onActivity, { capture: true });
      setSecondsLeft(null);
    };
  }, [active, timeoutMs, warningMs]);

  return { secondsLeft, stillHere };
}
