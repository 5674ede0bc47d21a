// The selfie's checks, on what the face detector found in one unmirrored frame. Pure: the renderer
// runs the detector (face-api) and passes boxes and 68 landmarks in frame pixels. The photo can be
// saved only when this returns no problem; each problem has its own instruction for the applicant.
import { crop, toGray, type RgbaImage } from '../ktp/image';
import { laplacianVariance } from '../ktp/quality';

export type FaceProblem =
  | 'noFace' | 'multipleFaces' | 'tooSmall' | 'tooLarge' | 'offCentre' | 'notFacing' | 'eyesClosed'
  | 'tooDark' | 'tooBright' | 'blurry';

export interface Box { readonly x: number; readonly y: number; readonly width: number; readonly height: number }
export interface Point { readonly x: number; readonly y: number }

export interface DetectedFace {
  readonly score: number;
  readonly box: Box;
  /** The 68-point layout (iBUG 300-W): jaw 0–16, nose 27–35, eyes 36–47. */
  readonly landmarks: readonly Point[];
}

/** The oval guide drawn over the live view, in fractions of the frame. */
export const FACE_GUIDE = { cx: 0.5, cy: 0.45, width: 0.36, height: 0.62 } as const;

export const FACE_LIMITS = {
  minScore: 0.5,
  /** A second face counts when it is at least this fraction of the main face's width. */
  secondFace: 0.4,
  /** Face box width as a fraction of the frame width. */
  minWidth: 0.2,
  maxWidth: 0.6,
  /** Distance of the face centre from the guide centre, in fractions of the frame. */
  maxOffset: 0.12,
  /**
   * |yaw| (see yawOf) above which the face is turned away. Landmarks are not symmetric even on a
   * face that looks straight on (0.15 on face-api's sample photo used by the tests): the gate only
   * refuses clearly turned heads.
   */
  maxYaw: 0.22,
  /** Eye aspect ratio (Soukupová & Čech 2016) below which an eye counts as closed. */
  minEyeAspect: 0.17,
  minBrightness: 70,
  maxBrightness: 215,
  minSharpness: 25,
} as const;

export interface FaceReport {
  readonly problems: readonly FaceProblem[];
  /** The face the checks looked at (largest), when there was one. */
  readonly face: DetectedFace | null;
  readonly yaw: number;
}

const at = (points: readonly Point[], i: number): Point => points[i] ?? { x: 0, y: 0 };

/**
 * Head turn from the landmarks: where the nose tip sits between the two ends of the jaw line,
 * measured along that line (so a tilted head does not read as turned), -0.5…0.5, 0 facing the
 * camera. Positive when the nose is towards the frame's right (in the unmirrored frame, the
 * applicant's own left).
 */
export function yawOf(landmarks: readonly Point[]): number {
  const a = at(landmarks, 0);
  const b = at(landmarks, 16);
  const nose = at(landmarks, 30);
  const ux = b.x - a.x;
  const uy = b.y - a.y;
  const lengthSq = ux * ux + uy * uy;
  return lengthSq === 0 ? 0 : ((nose.x - a.x) * ux + (nose.y - a.y) * uy) / lengthSq - 0.5;
}

function eyeAspect(points: readonly Point[], from: number): number {
  const p = (k: number): Point => at(points, from + k);
  const d = (a: Point, b: Point): number => Math.hypot(a.x - b.x, a.y - b.y);
  const width = d(p(0), p(3));
  return width === 0 ? 0 : (d(p(1), p(5)) + d(p(2), p(4))) / (2 * width);
}

export function checkFace(frame: RgbaImage, detections: readonly DetectedFace[]): FaceReport {
  const faces = detections.filter((f) => f.score >= FACE_LIMITS.minScore).sort((a, b) => b.box.width - a.box.width);
  const face = faces[0];
  if (!face) return { problems: ['noFace'], face: null, yaw: 0 };
  const problems: FaceProblem[] = [];
  if (faces.slice(1).some((f) => f.box.width >= face.box.width * FACE_LIMITS.secondFace)) problems.push('multipleFaces');
  const width = face.box.width / frame.width;
  if (width < FACE_LIMITS.minWidth) problems.push('tooSmall');
  else if (width > FACE_LIMITS.maxWidth) problems.push('tooLarge');
  const cx = (face.box.x + face.box.width / 2) / frame.width;
  const cy = (face.box.y + face.box.height / 2) / frame.height;
  if (Math.abs(cx - FACE_GUIDE.cx) > FACE_LIMITS.maxOffset || Math.abs(cy - FACE_GUIDE.cy) > FACE_LIMITS.maxOffset) problems.push('offCentre');
  const yaw = yawOf(face.landmarks);
  if (Math.abs(yaw) > FACE_LIMITS.maxYaw) problems.push('notFacing');
  if (face.landmarks.length >= 48 && eyeAspect(face.landmarks, 36) < FACE_LIMITS.minEyeAspect && eyeAspect(face.landmarks, 42) < FACE_LIMITS.minEyeAspect) {
    problems.push('eyesClosed');
  }
  const region = crop(toGray(frame), face.box.x, face.box.y, face.box.width, face.box.height);
  if (region.data.length > 0) {
    let sum = 0;
    for (const v of region.data) sum += v;
    const brightness = sum / region.data.length;
    if (brightness < FACE_LIMITS.minBrightness) problems.push('tooDark');
    else if (brightness > FACE_LIMITS.maxBrightness) problems.push('tooBright');
    if (laplacianVariance(region) < FACE_LIMITS.minSharpness) problems.push('blurry');
  }
  return { problems, face, yaw };
}
