// The frames a KTP may be read from, most card-like first: every candidate region (see
// locate-card), both ways up, ranked by how much each shows an upright e-KTP's label column
// (see layout-score) and, among those that show it, by how much the region is shaped like a
// card. Shared by the capture gate and the reader, so a card the reader can find is never turned
// away by the gate as "no card".
import { cornersWithin, frameToSource, subFrame, turnedFrame, type Frame, type RgbaImage } from './image';
import { cardCandidates, wholeImage } from './locate-card';
import type { CardLocation } from './card-region';
import { CARD_ASPECT } from './ktp-layout';
import { layoutFit, layoutScore } from './layout-score';

/**
 * A layout score this high is an e-KTP's label column beyond doubt: stop looking (when the region
 * is shaped like a card, CARD_SHAPED). Not 0.6: a region with a corner cut or a strip of desk taken
 * in scores 0.6–0.65 on tuning cards, and the card itself, found by a later split, 0.7–0.77.
 */
export const CLEARLY_A_CARD = 0.65;
/**
 * A region less card-like than this (see CardLocation.cardLike: its fill of its rectangle, times
 * how near that is to a card's proportions) does not stop the search even when its frame shows
 * the layout clearly: part of a card shows its label column too, and so does a card with a
 * corner cut or desk taken in, whose frame reads the rows a little off (a region that is the card
 * is ~0.85–0.95).
 *
 * With these two, the order below (moreCardLike) and the reader's order of splits (locate-card's
 * READER_ORDER), over 3,100 tuning cards (seed 7, seeds 8–22 and 38–52) the first frame's corners
 * lay more than 6 % of the card's width off on 156 cards, from 267 (more than 10 %: 75, from 134),
 * at 2.9 splits per card, from 2.7. Read again, the 268 cards whose first frame changed with the
 * first two gave 4,527 values right, from 4,497.
 */
const CARD_SHAPED = 0.85;
/** Below this a frame does not show the e-KTP's layout: photos of people score up to ~0.4, cards ≥ ~0.55. */
export const LOOKS_LIKE_A_CARD = 0.5;

/**
 * Below this, as located, no frame is trusted and each is fitted to the layout. Not higher: a
 * frame that shows the rows a little off still reads better as it is than moved by the fit. Photos
 * that are no card (~0.4 at most) are fitted too; their fits stay below LOOKS_LIKE_A_CARD.
 */
const FIT_BELOW = 0.4;

export interface RankedFrame {
  readonly frame: Frame;
  readonly upsideDown: boolean;
  readonly score: number;
  /** The region it came from; null for the whole image. */
  readonly location: CardLocation | null;
}

// The capture gate and the reader rank the same photo one after the other: the second reuses the
// first's frames, rescaled to its width (a frame's mapping does not depend on its output size).
const ranking = new WeakMap<RgbaImage['data'], RankedFrame[]>();

export function rankedFrames(img: RgbaImage, outWidth: number): RankedFrame[] {
  const known = ranking.get(img.data);
  if (known) return known.map((r) => ({ ...r, frame: resized(r.frame, outWidth) }));
  const ranked = rank(img, outWidth);
  ranking.set(img.data, ranked);
  return ranked;
}

function resized(frame: Frame, width: number): Frame {
  const scale = frame.width / width;
  return subFrame(frame, 0, 0, scale, scale, width, frame.height / scale);
}

/**
 * Whether a candidate region whose best frame scored `score` ends the search for more: its frame
 * shows the layout clearly and the region is shaped like a card. On a tuning card (seed 29, card 5)
 * the first split found the card's left two thirds, whose label column scored 0.64 (cardLike
 * 0.35); the whole card, a later split's region (0.70, cardLike 0.95), was never found, and the
 * NIK was read cut at the frame's edge.
 */
export const stopsRanking = (score: number, region: CardLocation): boolean => score >= CLEARLY_A_CARD && region.cardLike >= CARD_SHAPED;

/**
 * Frames of the regions the ranking did not reach, for when those it ranked yielded no card: it
 * stops at the first region whose frame shows the layout clearly, and a region holding only part
 * of the card can (its values' column where the labels should stand, which the layout score does
 * not tell apart; a tuning card under glare and a hand's shadow). Every split is made; the frames
 * that show the layout (LOOKS_LIKE_A_CARD) and are none of `ranked`'s, most card-like first. Empty
 * when the ranking made every split.
 */
export function moreFrames(img: RgbaImage, outWidth: number, ranked: readonly RankedFrame[]): RankedFrame[] {
  return rank(img, outWidth, false).filter((r) => r.score >= LOOKS_LIKE_A_CARD && !ranked.some((q) => sameFrame(q.frame, r.frame)));
}

/** Frames whose corners each map within 2 px (at CARD_WIDTH) of the other's. */
const sameFrame = (a: Frame, b: Frame): boolean => cornersWithin(a, b, 2 * Math.hypot(a.ux, a.uy));

/** `early`: stop at the first region whose frame shows the layout clearly (CLEARLY_A_CARD). */
function rank(img: RgbaImage, outWidth: number, early = true): RankedFrame[] {
  const ranked: RankedFrame[] = [];
  const score = (frame: Frame, location: CardLocation | null): number => {
    for (const [f, upsideDown] of [[frame, false], [turnedFrame(frame), true]] as const) {
      ranked.push({ frame: f, upsideDown, score: layoutScore(img, f), location });
    }
    return Math.max(...ranked.slice(-2).map((r) => r.score));
  };
  // Each new candidate is scored as it is found (the early stop's test): scored first, then tested.
  const candidates = cardCandidates(img, outWidth, (c) => { const best = score(c.frame, c); return early && stopsRanking(best, c); });
  if (candidates.length === 0) score(wholeImage(img, outWidth).frame, null);
  // No frame shows the layout where it was located: each may be off (its top cut, its bottom in a
  // desk as light as the card); fitted to the NIK and the label rows, it may.
  if (Math.max(...ranked.map((r) => r.score)) < FIT_BELOW) {
    for (const r of [...ranked]) {
      const fit = layoutFit(img, r.frame);
      if (fit.score > r.score) ranked.push({ ...r, frame: fit.frame, score: fit.score });
    }
  }
  return ranked.sort(moreCardLike);
}

/**
 * Frames that show the layout (LOOKS_LIKE_A_CARD) before those that do not; among them the layout
 * score and the region's card shape count alike. The score alone does not tell the card from a
 * region with a corner cut or desk taken in (0.6–0.65 against 0.7–0.77 on tuning cards) as
 * clearly as the shape does. Those that do not show the layout keep the score's order.
 */
export const moreCardLike = (a: RankedFrame, b: RankedFrame): number => rankKey(b) - rankKey(a);
const rankKey = (r: RankedFrame): number => (r.score >= LOOKS_LIKE_A_CARD ? 1 + r.score + (r.location?.cardLike ?? 0) : r.score);

/**
 * A located region this much narrower or shorter than a card (as a share of the card's width to
 * height) missed one of its edges. Perspective and a rounded corner change it by a few percent.
 */
const ASPECT_TOLERANCE = 0.1;

/**
 * `frame` completed to the card's proportions, when the region it came from is far narrower or
 * shorter than a card: an edge was lost (in a glare spot, on a desk as light as the card), and the
 * frame shows the values' column where the labels should stand — which the layout score does not
 * tell apart, as both are left-aligned on the same rows. Which edge was lost is unknown: both
 * completions, the found part kept at one end or at the other, the more card-like first, each with
 * its layout score. Empty for a card-shaped frame.
 */
export function completedFrames(img: RgbaImage, frame: Frame): { frame: Frame; score: number }[] {
  const { width: w, height: h } = frame;
  const [p0, p1, p2, p3] = [[0, 0], [w, 0], [w, h], [0, h]].map(([u = 0, v = 0]) => frameToSource(frame, u, v));
  if (!p0 || !p1 || !p2 || !p3) return [];
  const side = (a: { x: number; y: number }, b: { x: number; y: number }): number => Math.hypot(a.x - b.x, a.y - b.y);
  const aspect = (side(p0, p1) + side(p3, p2)) / (side(p0, p3) + side(p1, p2));
  const wide = aspect / CARD_ASPECT;
  let completions: Frame[] = [];
  if (wide < 1 - ASPECT_TOLERANCE) {
    const k = 1 / wide;
    completions = [subFrame(frame, 0, 0, k, 1, w, h), subFrame(frame, w * (1 - k), 0, k, 1, w, h)];
  } else if (wide > 1 + ASPECT_TOLERANCE) {
    completions = [subFrame(frame, 0, 0, 1, wide, w, h), subFrame(frame, 0, h * (1 - wide), 1, wide, w, h)];
  }
  return completions.map((f) => ({ frame: f, score: layoutScore(img, f) })).sort((a, b) => b.score - a.score);
}
