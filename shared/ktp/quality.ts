// Capture quality gate, before any OCR: is the card there, lit well enough, free of glare and
// sharp enough to read? Each problem maps to an instruction the applicant can act on.
import { crop, grayPercentile, warp, type GrayImage, type RgbaImage } from './image';
import { locateCard } from './locate-card';
import { LOOKS_LIKE_A_CARD, rankedFrames } from './card-frames';

export type QualityProblem = 'noCard' | 'notCard' | 'tooDark' | 'tooBright' | 'glare' | 'blurry';

export interface QualityReport {
  readonly ok: boolean;
  readonly problems: readonly QualityProblem[];
  readonly metrics: {
    readonly brightness: number; readonly glare: number; readonly sharpness: number; readonly coverage: number; readonly cardLike: number;
  };
}

/** Thresholds calibrated on the synthetic photographed cards (see test/unit/ktp-quality.test.ts). */
export const QUALITY_LIMITS = {
  minBrightness: 90,
  maxBrightness: 245,
  maxGlare: 0.04,
  minSharpness: 60,
  /**
   * Below this the light region is not one card (locate-card `cardLike`): measured 0.80–0.85 on
   * photographed synthetic cards, 1 on flat scans, 0.12–0.20 on photos of people (face-api's demo
   * photos, a group photo among them). Set well below the cards: a real card on a busy desk that
   * also has glare should hear about the glare.
   */
  minCardLike: 0.3,
} as const;

const SAMPLE_WIDTH = 640;

/** Variance of the 4-neighbour Laplacian: low when edges are soft (out of focus, motion blur). */
export function laplacianVariance(gray: GrayImage): number {
  const { width: w, height: h, data } = gray;
  let sum = 0;
  let sumSq = 0;
  let n = 0;
  for (let y = 1; y < h - 1; y++) {
    for (let x = 1; x < w - 1; x++) {
      const i = y * w + x;
      const lap = 4 * (data[i] ?? 0) - (data[i - 1] ?? 0) - (data[i + 1] ?? 0) - (data[i - w] ?? 0) - (data[i + w] ?? 0);
      sum += lap;
      sumSq += lap * lap;
      n++;
    }
  }
  if (n === 0) return 0;
  const mean = sum / n;
  return sumSq / n - mean * mean;
}

/** The interior only: rounded corners and the scene around a tilted card are not the card. */
function interior(whole: GrayImage): GrayImage {
  return crop(whole, whole.width * 0.08, whole.height * 0.08, whole.width * 0.84, whole.height * 0.84);
}

/**
 * Whether an image that already is the card, cut out upright (the stored KTP image), is sharp
 * enough: the gate's focus measure without looking for the card again.
 */
export function cutOutIsSharp(card: RgbaImage): boolean {
  const scale = card.width / SAMPLE_WIDTH;
  const frame = { ox: 0, oy: 0, ux: scale, uy: 0, vx: 0, vy: scale, width: SAMPLE_WIDTH, height: Math.round(card.height / scale) };
  return laplacianVariance(interior(warp(card, frame, 'luma'))) >= QUALITY_LIMITS.minSharpness;
}

export function assessQuality(img: RgbaImage): QualityReport {
  // The reader's best frame when it shows an e-KTP's layout (a card on a light desk, under a warm
  // light); otherwise the plain light region, on which "no card" and "not a KTP" are judged.
  const [best] = rankedFrames(img, SAMPLE_WIDTH);
  const location = best?.location && best.score >= LOOKS_LIKE_A_CARD ? { ...best.location, frame: best.frame, cardLike: 1 } : locateCard(img, SAMPLE_WIDTH);
  // Measured on the card itself, resampled to a fixed width so sharpness does not depend on the
  // camera's resolution.
  const card = interior(warp(img, location.frame, 'luma'));
  // The median is the card's paper, whatever share of it is print.
  const brightness = grayPercentile(card, 0.5);
  let saturated = 0;
  for (const v of card.data) if (v >= 250) saturated++;
  const glare = saturated / Math.max(1, card.data.length);
  const sharpness = laplacianVariance(card);
  const metrics = { brightness, glare, sharpness, coverage: location.coverage, cardLike: location.cardLike };
  // Without a card in view, nothing else is worth saying.
  if (location.coverage < 0.15) return { ok: false, problems: ['noCard'], metrics };
  const notCard = location.cardLike < QUALITY_LIMITS.minCardLike;
  const problems: QualityProblem[] = [];
  if (brightness < QUALITY_LIMITS.minBrightness) problems.push('tooDark');
  // An over-exposed card is "too bright", not a glare spot.
  else if (brightness > QUALITY_LIMITS.maxBrightness) problems.push('tooBright');
  else if (glare > QUALITY_LIMITS.maxGlare) problems.push('glare');
  if (sharpness < QUALITY_LIMITS.minSharpness) problems.push('blurry');
  // Light, glare and focus measured on something that is not a card say nothing about a card: a
  // photo of people is "not a KTP", not "glare". Where they all pass, the read decides (a card in
  // an unusual scene may still read well).
  if (notCard && problems.length > 0) return { ok: false, problems: ['notCard'], metrics };
  return { ok: problems.length === 0, problems, metrics };
}
