// The operator screen's discreet way in, only while Welcome shows: Ctrl+Alt+O on a keyboard, or a
// press held for two seconds on the screen's top-left corner (a 72 px square, nothing drawn there).
// An applicant's step never listens, so a walk-in mid-registration cannot open it.
import { useEffect, useEffectEvent } from 'react';

export const CORNER_PX = 72;
export const HOLD_MS = 2_000;

export function useOperatorEntry(active: boolean, open: () => void): void {
  const opened = useEffectEvent(open);
  useEffect(() => {
    if (!active) return undefined;
    let hold: number | undefined;
    const cancel = (): void => { window.clearTimeout(hold); hold = undefined; };
    const onKey = (e: KeyboardEvent): void => {
      if (e.ctrlKey && e.altKey && e.key.toLowerCase() === 'o') {
        e.preventDefault();
        opened();
      }
    };
    const onDown = (e: PointerEvent): void => {
      if (e.clientX > CORNER_PX || e.clientY > CORNER_PX) return;
      cancel();
      hold = window.setTimeout(opened, HOLD_MS);
    };
    window.addEventListener('keydown', onKey);
    window.addEventListener('pointerdown', onDown);
    for (const e of ['pointerup', 'pointercancel', 'pointerleave'] as const) window.addEventListener(e, cancel);
    return () => {
      cancel();
      window.removeEventListener('keydown', onKey);
      window.removeEventListener('pointerdown', onDown);
      for (const e of ['pointerup', 'pointercancel', 'pointerleave'] as const) window.removeEventListener(e, cancel);
    };
  }, [active]);
}
