import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { checkFace, yawOf, type DetectedFace, type Point } from '../../shared/face/face-check';
import { TurnHeadLiveness } from '../../shared/face/liveness';
import { compareDescriptors } from '../../shared/face/face-match';
import type { RgbaImage } from '../../shared/ktp/image';

/** A mid-grey frame with fine texture (sharp enough) — what the checks need beside the detections. */
function frame(width = 640, height = 480, level = 128): RgbaImage {
  const data = new Uint8ClampedArray(width * height * 4);
  for (let i = 0; i < width * height; i++) {
    const v = level + ((i * 7919) % 61) - 30;
    data[i * 4] = v; data[i * 4 + 1] = v; data[i * 4 + 2] = v; data[i * 4 + 3] = 255;
  }
  return { width, height, data };
}

/** A 68-point layout for a face box, eyes open, nose at `turn` (−0.5…0.5) across the jaw. */
function face(x: number, y: number, w: number, turn = 0, eyeOpen = 0.3, score = 0.9): DetectedFace {
  const landmarks: Point[] = Array.from({ length: 68 }, () => ({ x: x + w / 2, y: y + w / 2 }));
  landmarks[0] = { x, y: y + w * 0.4 };
  landmarks[16] = { x: x + w, y: y + w * 0.4 };
  landmarks[30] = { x: x + w * (0.5 + turn), y: y + w * 0.6 };
  for (const from of [36, 42]) {
    const ex = x + (from === 36 ? 0.2 : 0.6) * w;
    const ey = y + 0.4 * w;
    const ew = 0.2 * w;
    const h = (eyeOpen * ew) / 2;
    landmarks[from] = { x: ex, y: ey };
    landmarks[from + 1] = { x: ex + ew / 3, y: ey - h };
    landmarks[from + 2] = { x: ex + (2 * ew) / 3, y: ey - h };
    landmarks[from + 3] = { x: ex + ew, y: ey };
    landmarks[from + 4] = { x: ex + (2 * ew) / 3, y: ey + h };
    landmarks[from + 5] = { x: ex + ew / 3, y: ey + h };
  }
  return { score, box: { x, y, width: w, height: w * 1.1 }, landmarks };
}

const centred = (w = 220, turn = 0, eyeOpen = 0.3): DetectedFace => face(320 - w / 2, 216 - w * 0.55, w, turn, eyeOpen);

describe('selfie face checks', () => {
  it('one centred, open-eyed face of a good size in a lit, sharp frame passes', () => {
    expect(checkFace(frame(), [centred()]).problems).toEqual([]);
  });

  it('names each problem the applicant must fix', () => {
    expect(checkFace(frame(), []).problems).toEqual(['noFace']);
    expect(checkFace(frame(), [centred(), face(20, 20, 150)]).problems).toContain('multipleFaces');
    expect(checkFace(frame(), [centred(), face(20, 20, 40)]).problems).not.toContain('multipleFaces'); // a far-away passer-by
    expect(checkFace(frame(), [centred(90)]).problems).toContain('tooSmall');
    expect(checkFace(frame(), [centred(420)]).problems).toContain('tooLarge');
    expect(checkFace(frame(), [face(20, 150, 200)]).problems).toContain('offCentre');
    expect(checkFace(frame(), [centred(220, 0.35)]).problems).toContain('notFacing');
    expect(checkFace(frame(), [centred(220, 0, 0.05)]).problems).toContain('eyesClosed');
    expect(checkFace(frame(640, 480, 35), [centred()]).problems).toContain('tooDark');
    expect(checkFace(frame(640, 480, 240), [centred()]).problems).toContain('tooBright');
    const flat = { ...frame(), data: new Uint8ClampedArray(640 * 480 * 4).fill(128) };
    expect(checkFace(flat, [centred()]).problems).toContain('blurry');
    expect(checkFace(frame(), [{ ...centred(), score: 0.3 }]).problems).toEqual(['noFace']);
  });

  it('yaw ignores a tilted head and follows the nose across the jaw', () => {
    fc.assert(fc.property(fc.double({ min: -0.4, max: 0.4, noNaN: true }), fc.double({ min: -0.6, max: 0.6, noNaN: true }), (turn, roll) => {
      const f = face(100, 100, 200, turn);
      const c = { x: 200, y: 200 };
      const rotate = (p: Point): Point => ({
        x: c.x + (p.x - c.x) * Math.cos(roll) - (p.y - c.y) * Math.sin(roll),
        y: c.y + (p.x - c.x) * Math.sin(roll) + (p.y - c.y) * Math.cos(roll),
      });
      expect(yawOf(f.landmarks.map(rotate))).toBeCloseTo(turn, 6);
    }));
  });
});

describe('turn-head liveness (advisory)', () => {
  it('passes after facing, turning the asked way from the resting pose, and facing again', () => {
    const l = new TurnHeadLiveness('left');
    for (const yaw of [0.12, 0.13, 0.2, 0.3, 0.31, 0.15, 0.12]) l.observe(yaw);
    expect(l.result()).toMatchObject({ prompt: 'turn-head', direction: 'left', passed: true, framesAnalysed: 7 });
    expect(l.result().peakTurn).toBeCloseTo(0.19, 2);
  });

  it('does not pass for a still photo, the wrong direction, or frames without a face', () => {
    const still = new TurnHeadLiveness('right');
    for (let i = 0; i < 30; i++) still.observe(0.15);
    expect(still.passed).toBe(false);
    const wrongWay = new TurnHeadLiveness('right');
    for (const yaw of [0, 0.2, 0.25, 0]) wrongWay.observe(yaw);
    expect(wrongWay.passed).toBe(false);
    const none = new TurnHeadLiveness('left');
    for (let i = 0; i < 5; i++) none.observe(null);
    expect(none.result()).toMatchObject({ passed: false, framesAnalysed: 5, peakTurn: 0 });
  });
});

describe('face match', () => {
  it('identical descriptors are similar 1; distance 1.2 and beyond is 0', () => {
    const a = Array.from({ length: 128 }, (_, i) => Math.sin(i) / 10);
    expect(compareDescriptors(a, a)).toEqual({ distance: 0, similarity: 1 });
    const far = a.map((v, i) => v + (i === 0 ? 1.5 : 0));
    expect(compareDescriptors(a, far).similarity).toBe(0);
  });
});
