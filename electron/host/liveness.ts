// When the browser host gives up on the window it opened: a page that has not sent a heartbeat
// for `timeoutMs` (or, right after opening, for `startGraceMs`) is hung, crashed or closed.
// Pure: the clock is injected, the caller decides what to do and when to ask.

export interface LivenessOptions {
  readonly timeoutMs: number;
  /** Allowance for Chromium to start and the page to load before its first heartbeat. */
  readonly startGraceMs: number;
  readonly now: () => number;
}

export interface Liveness {
  /** A window was opened now: it has `startGraceMs` to send its first heartbeat. */
  opened(): void;
  beat(): void;
  /** No window to watch (the host opened none, or is closing it). */
  stopped(): void;
  /** True once the watched window's deadline has passed. */
  isDead(): boolean;
}

export function createLiveness({ timeoutMs, startGraceMs, now }: LivenessOptions): Liveness {
  // Invariant: Infinity while no window is watched, else the time the window is given up at.
  let deadline = Number.POSITIVE_INFINITY;
  return {
    opened() { deadline = now() + startGraceMs; },
    beat() { if (deadline !== Number.POSITIVE_INFINITY) deadline = now() + timeoutMs; },
    stopped() { deadline = Number.POSITIVE_INFINITY; },
    isDead: () => now() > deadline,
  };
}
