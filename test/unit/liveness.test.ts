import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { createLiveness } from '../../electron/host/liveness';

function clocked(timeoutMs = 20_000, startGraceMs = 30_000) {
  let t = 1_000_000;
  const liveness = createLiveness({ timeoutMs, startGraceMs, now: () => t });
  return { liveness, advance: (ms: number) => { t += ms; } };
}

describe('liveness of the window the host opened', () => {
  it('watches nothing until a window is opened, and nothing after it is stopped', () => {
    const { liveness, advance } = clocked();
    advance(10 ** 9);
    expect(liveness.isDead()).toBe(false);
    liveness.beat(); // a stray heartbeat does not start the watch
    advance(10 ** 9);
    expect(liveness.isDead()).toBe(false);
    liveness.opened();
    liveness.stopped();
    advance(10 ** 9);
    expect(liveness.isDead()).toBe(false);
  });

  it('gives a new window the start grace for its first heartbeat, then the timeout after each', () => {
    const { liveness, advance } = clocked(20_000, 30_000);
    liveness.opened();
    advance(30_000);
    expect(liveness.isDead()).toBe(false);
    advance(1);
    expect(liveness.isDead()).toBe(true);

    liveness.opened(); // the replacement window starts a fresh grace
    advance(5_000);
    liveness.beat();
    advance(20_000);
    expect(liveness.isDead()).toBe(false);
    advance(1);
    expect(liveness.isDead()).toBe(true);
  });

  it('a window is dead exactly when the last sign of life is older than its allowance', () => {
    fc.assert(fc.property(fc.array(fc.record({ gap: fc.nat(40_000), beat: fc.boolean() }), { maxLength: 30 }), (events) => {
      const { liveness, advance } = clocked(20_000, 30_000);
      liveness.opened();
      let allowance = 30_000;
      let since = 0;
      for (const { gap, beat } of events) {
        advance(gap);
        since += gap;
        expect(liveness.isDead()).toBe(since > allowance);
        if (beat) {
          liveness.beat();
          allowance = 20_000;
          since = 0;
        }
      }
    }));
  });
});
