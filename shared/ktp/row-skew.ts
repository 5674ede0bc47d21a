// Turns a located frame so that the card's text rows run level in it. An outline found on a desk
// as light as the card can be a few degrees off the card's true angle; the layout score still
// finds the rows at the label column, but across the card they climb or fall, and OCR then reads
// the NIK and the values from the wrong lines. The angle at which the text's ink, projected across
// the card, bunches into the sharpest rows is the rows' own angle.
import { affineInFrame, normalise, subFrame, warp, type Frame, type RgbaImage } from './image';
import { layoutFit } from './layout-score';

/** Sampling resolution: pixels per card width. */
const R = 300;
const CARD_H = R * (54 / 85.6);
/** The text left of the photo, below the header (fractions of the card). */
const AREA = { x0: 0.03, x1: 0.7, y0: 0.12, y1: 0.88 };
const MAX_DEG = 10;
const STEP_DEG = 0.5;
/** Rows this close to level are left alone (a layout-fitted frame's usual error). */
const MIN_DEG = 1.5;
/** A turn must show the label rows clearly better than the frame as located... */
const GAIN = 0.05;
/**
 * ...unless the rows are this far off level (degrees): then the frame is off the card's angle, and
 * the turn need only not lose more than FAR_LOSS of the layout fit (see turnedLevel). On tuning
 * seeds 8-27, 47 frames had rows 3-10 degrees off and a turn the layout did not reward; they read
 * far worse than the rest (16 of the 37 names missed were among them).
 */
const FAR_DEG = 3;
const FAR_LOSS = 0.1;
const MIN_INK = 300;

/**
 * `frame` turned about its text's centre so that the text rows run level; `frame` when they do.
 * `score`: the frame's layout score, as ranked (see card-frames). A frame far off the card's angle
 * (an outline of a card on a desk as light as it, taken from the region's second moments) is
 * turned in up to MAX_TURNS steps: from far off, the sharpest rows are found short of the card's
 * angle (14° off on tuning seed 20 was turned 6°, then 9°).
 */
export function straighten(img: RgbaImage, frame: Frame, score: number): Frame {
  let current = { frame, score };
  for (let turn = 0; turn < MAX_TURNS; turn++) {
    const next = turnedLevel(img, current.frame, current.score);
    if (!next) break;
    current = next;
  }
  return current.frame;
}

/** Turns of the frame at most (see straighten). */
const MAX_TURNS = 3;

/** One turn of straighten, with the turned frame's layout score; null when it leaves the frame as it is. */
function turnedLevel(img: RgbaImage, frame: Frame, score: number): { frame: Frame; score: number } | null {
  const w = Math.round((AREA.x1 - AREA.x0) * R);
  const h = Math.round((AREA.y1 - AREA.y0) * CARD_H);
  const gray = normalise(warp(img, subFrame(frame, AREA.x0 * frame.width, AREA.y0 * frame.height, frame.width / R, frame.height / CARD_H, w, h), 'blue'), 10);
  const xs: number[] = [];
  const ys: number[] = [];
  for (let y = 0; y < h; y++) for (let x = 0; x < w; x++) if ((gray.data[y * w + x] ?? 255) < 128) { xs.push(x - w / 2); ys.push(y); }
  if (xs.length < MIN_INK) return null;
  const margin = Math.ceil((w / 2) * Math.tan((MAX_DEG * Math.PI) / 180)) + 1;
  let best = { deg: 0, sharpness: -1 };
  for (let deg = -MAX_DEG; deg <= MAX_DEG + 1e-9; deg += STEP_DEG) {
    const t = Math.tan((deg * Math.PI) / 180);
    const profile = new Float64Array(h + 2 * margin);
    for (let i = 0; i < xs.length; i++) {
      const k = Math.round((ys[i] ?? 0) - (xs[i] ?? 0) * t) + margin;
      profile[k] = (profile[k] ?? 0) + 1;
    }
    let sharpness = 0;
    for (const p of profile) sharpness += p * p;
    if (sharpness > best.sharpness) best = { deg, sharpness };
  }
  if (Math.abs(best.deg) < MIN_DEG) return null;
  // Rows climb by tan θ per unit across the frame: read the frame turned by θ about the text's centre.
  const theta = (best.deg * Math.PI) / 180;
  const cos = Math.cos(theta);
  const sin = Math.sin(theta);
  const uc = ((AREA.x0 + AREA.x1) / 2) * frame.width;
  const vc = ((AREA.y0 + AREA.y1) / 2) * frame.height;
  const turned = affineInFrame(frame, [cos, -sin, uc - uc * cos + vc * sin, sin, cos, vc - uc * sin - vc * cos]);
  // Turning moves the rows up or down at the label column: fitted to the layout again.
  const fitted = layoutFit(img, turned);
  // Against the score as ranked, which runs higher than the fit (see below): a near turn must beat
  // the fit by more than GAIN. Measured alike instead, 1,356 of 3,200 tuning cards (seed 7, seeds
  // 8–37) were turned otherwise; 300 of them read again: every value alike but one name, lost.
  if (fitted.score > score + GAIN) return fitted;
  // The label column is narrow: its rows fit a frame a few degrees off almost as well as a level
  // one, so the layout cannot show a far turn to be better. Such a turn is taken unless the label
  // rows fit it clearly worse than the frame as located, measured alike (the score as ranked
  // compares only the twelve rows, and runs higher than a fit that also places the NIK).
  return Math.abs(best.deg) >= FAR_DEG && fitted.score >= layoutFit(img, frame).score - FAR_LOSS ? fitted : null;
}
