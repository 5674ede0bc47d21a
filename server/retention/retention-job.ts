// The retention job in a serving process: a pass (run-retention.ts) a minute after start, then
// every hour, each pass started only after the previous one ended. Every process of one database
// runs it; their passes may overlap, and the conditional purge makes that harmless. The timers are
// unref'd (they never keep a process alive), and stop() waits for a pass in progress, so the store
// is closed only after it.
import { log } from '../../node/log';
import { runRetention, type RetentionDeps } from './run-retention';

export interface RetentionTiming {
  readonly firstRunMs: number;
  readonly intervalMs: number;
}

export const DEFAULT_RETENTION_TIMING: RetentionTiming = { firstRunMs: 60_000, intervalMs: 3_600_000 };

export interface RetentionJob {
  stop(): Promise<void>;
}

export function startRetentionJob(deps: RetentionDeps, timing: RetentionTiming = DEFAULT_RETENTION_TIMING): RetentionJob {
  let stopped = false;
  let running: Promise<void> = Promise.resolve();
  let timer: NodeJS.Timeout | undefined;
  const schedule = (ms: number): void => {
    timer = setTimeout(() => {
      running = runRetention(deps).then(
        () => undefined,
        (error: unknown) => log.warn('retention.failed', { code: (error as { code?: string }).code ?? 'unknown' }),
      ).finally(() => { if (!stopped) schedule(timing.intervalMs); });
    }, ms);
    timer.unref();
  };
  schedule(timing.firstRunMs);
  return {
    async stop() {
      stopped = true;
      clearTimeout(timer);
      await running;
    },
  };
}
