// Polls a host call while the component is mounted: at once, then every `intervalMs`. Failures keep
// the last answer (the host may be busy); the timer stops on unmount.
import { useEffect, useState } from 'react';

export function usePoll<T>(load: () => Promise<T>, intervalMs: number, stopWhen: (value: T) => boolean = () => false): T | undefined {
  const [value, setValue] = useState<T>();
  useEffect(() => {
    let alive = true;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const tick = (): void => {
      load().then(
        (v) => {
          if (!alive) return;
          setValue(v);
          if (!stopWhen(v)) timer = setTimeout(tick, intervalMs);
        },
        () => { if (alive) timer = setTimeout(tick, intervalMs); },
      );
    };
    tick();
    return () => {
      alive = false;
      clearTimeout(timer);
    };
    // load/stopWhen are fresh closures each render; the poll is set up once per mount.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [intervalMs]);
  return value;
}
