// Logs out after the session's idle time without a key or a pointer: the server ends the session
// then anyway, and the screen must not keep showing applicants' data to whoever walks up.
import { useEffect, useRef } from 'react';

export function useIdleLogout(idleSeconds: number | null, onIdle: () => void): void {
  const latest = useRef(onIdle);
  useEffect(() => { latest.current = onIdle; });
  useEffect(() => {
    if (idleSeconds === null) return undefined;
    let timer = setTimeout(() => latest.current(), idleSeconds * 1000);
    const reset = (): void => {
      clearTimeout(timer);
      timer = setTimeout(() => latest.current(), idleSeconds * 1000);
    };
    const events = ['pointerdown', 'keydown'] as const;
    for (const e of events) window.addEventListener(e, reset);
    return () => {
      clearTimeout(timer);
      for (const e of events) window.removeEventListener(e, reset);
    };
  }, [idleSeconds]);
}
