// The advisory liveness prompt "turn your head, then look back": fed the yaw of each live frame,
// it passes once the head was first facing the camera, then turned the asked way far enough, then
// faced the camera again. A photo held up to the camera cannot do that; a video can, which is why
// the result is evidence for the back office and never a gate for the applicant.
export type TurnDirection = 'left' | 'right';

export const LIVENESS_LIMITS = {
  /** |yaw| under which the head may count as facing the camera (the selfie gate's own limit). */
  facing: 0.22,
  /** Change of yaw from the facing pose that counts as back to it. */
  settled: 0.06,
  /** Change of yaw the asked way, from the facing pose, that counts as turned. */
  turned: 0.15,
} as const;

type Phase = 'waitFacing' | 'waitTurn' | 'waitReturn' | 'passed';

export interface LivenessResult {
  readonly prompt: 'turn-head';
  readonly direction: TurnDirection;
  readonly passed: boolean;
  readonly peakTurn: number;
  readonly framesAnalysed: number;
}

export class TurnHeadLiveness {
  private phase: Phase = 'waitFacing';
  /** The yaw of this applicant's "facing the camera": landmarks are never exactly symmetric. */
  private rest = 0;
  private peak = 0;
  private frames = 0;

  constructor(readonly direction: TurnDirection) {}

  /**
   * One frame's yaw (shared/face/face-check yawOf, unmirrored frame: positive is the applicant's
   * left), or null when no face was found in it.
   */
  observe(yaw: number | null): void {
    this.frames++;
    if (yaw === null || this.phase === 'passed') return;
    if (this.phase === 'waitFacing') {
      if (Math.abs(yaw) < LIVENESS_LIMITS.facing) { this.rest = yaw; this.phase = 'waitTurn'; }
      return;
    }
    const turn = (this.direction === 'left' ? 1 : -1) * (yaw - this.rest);
    this.peak = Math.max(this.peak, turn);
    if (this.phase === 'waitTurn' && turn > LIVENESS_LIMITS.turned) this.phase = 'waitReturn';
    else if (this.phase === 'waitReturn' && Math.abs(turn) < LIVENESS_LIMITS.settled) this.phase = 'passed';
  }

  get passed(): boolean {
    return this.phase === 'passed';
  }

  result(): LivenessResult {
    return {
      prompt: 'turn-head',
      direction: this.direction,
      passed: this.passed,
      peakTurn: Math.max(-1, Math.min(1, Math.round(this.peak * 1000) / 1000)),
      framesAnalysed: this.frames,
    };
  }
}
