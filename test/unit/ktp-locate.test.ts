// Finding the card before OCR: perspective frames, candidate regions on a desk as light as the
// card, and the label-column layout score that ranks candidates and tells up from down.
import { describe, expect, it } from 'vitest';
import { affineInFrame, cornersWithin, frameFromCorners, frameToSource, subFrame, turnedFrame, type Frame, type RgbaImage } from '../../shared/ktp/image';
import { cardCandidates } from '../../shared/ktp/locate-card';
import { CARD_ASPECT } from '../../shared/ktp/ktp-layout';
import { layoutFit, layoutScore } from '../../shared/ktp/layout-score';
import { completedFrames, LOOKS_LIKE_A_CARD, moreCardLike, moreFrames, rankedFrames, stopsRanking } from '../../shared/ktp/card-frames';
import { alignColumn } from '../../shared/ktp/column-align';
import { straighten } from '../../shared/ktp/row-skew';

type Point = { x: number; y: number };
const close = (a: Point, b: Point, tolerance: number): boolean => Math.hypot(a.x - b.x, a.y - b.y) <= tolerance;

describe('perspective frames', () => {
  const corners = [{ x: 100, y: 80 }, { x: 520, y: 110 }, { x: 500, y: 370 }, { x: 120, y: 330 }];
  const frame = frameFromCorners(corners, 856, 540);

  it('map the card rectangle onto the photographed quadrilateral', () => {
    const mapped = [[0, 0], [856, 0], [856, 540], [0, 540]].map(([u, v]) => frameToSource(frame, u ?? 0, v ?? 0));
    mapped.forEach((p, i) => expect(close(p, corners[i] as Point, 1e-6)).toBe(true));
  });

  it('keep their mapping when cropped, rescaled or turned', () => {
    const sub = subFrame(frame, 200, 100, 0.5, 0.25, 300, 200);
    for (const [u, v] of [[0, 0], [300, 0], [17, 133], [300, 200]] as const) {
      expect(close(frameToSource(sub, u, v), frameToSource(frame, 200 + u * 0.5, 100 + v * 0.25), 1e-6)).toBe(true);
    }
    const turned = turnedFrame(frame);
    expect(close(frameToSource(turned, 0, 0), corners[2] as Point, 1e-6)).toBe(true);
    expect(close(frameToSource(turnedFrame(turned), 10, 20), frameToSource(frame, 10, 20), 1e-6)).toBe(true);
  });

  it('are the same region only when all four corners are near: the card\'s upper part is not the card', () => {
    // Same origin and top edge as the card, half its height: what an earlier split found of a card
    // half in shadow, which the search must not take for the whole card found later.
    const upper = frameFromCorners([corners[0], corners[1], { x: 510, y: 240 }, { x: 110, y: 205 }] as Point[], 856, 540);
    expect(cornersWithin(frame, upper, 16)).toBe(false);
    const moved = frameFromCorners(corners.map((c) => ({ x: c.x + 6, y: c.y - 6 })), 856, 540);
    expect(cornersWithin(frame, moved, 16)).toBe(true);
    expect(cornersWithin(frame, moved, 8)).toBe(false);
  });
});

/**
 * A camera frame drawn in code: a light-blue e-KTP with its twelve label rows (dark bars where
 * the labels are, values beside them) inside `corners`, on a desk of colour `desk`.
 */
function photo(corners: readonly Point[], desk: readonly [number, number, number], width = 800, height = 600): RgbaImage {
  const data = new Uint8ClampedArray(width * height * 4);
  const card = frameFromCorners(corners, 856, 540);
  // Inverse mapping by sampling: paint each card unit cell's source pixel (dense enough at this size).
  const ink = (u: number, v: number): boolean => {
    for (let row = 0; row < 12; row++) {
      const top = 128 + row * 25.5 + 3;
      // RT/RW, Kel/Desa and Kecamatan are indented.
      const start = row >= 4 && row <= 6 ? 56 : 28;
      if (v >= top && v < top + 13 && ((u >= start && u < start + 60 + (row % 3) * 25) || (u >= 218 && u < 218 + 150 + (row % 4) * 40))) return true;
    }
    return v >= 84 && v < 108 && ((u >= 218 && u < 560) || (u >= 28 && u < 70)); // the NIK and its label
  };
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const i = (y * width + x) * 4;
      data.set([...desk, 255], i);
    }
  }
  for (let v = 0; v < 540; v += 0.5) {
    for (let u = 0; u < 856; u += 0.5) {
      const { x, y } = frameToSource(card, u, v);
      const i = (Math.round(y) * width + Math.round(x)) * 4;
      if (x < 0 || y < 0 || x >= width || y >= height) continue;
      data.set(ink(u, v) ? [25, 25, 30, 255] : [205, 226, 242, 255], i);
    }
  }
  return { width, height, data };
}

const tilted = [{ x: 140, y: 130 }, { x: 660, y: 100 }, { x: 690, y: 430 }, { x: 150, y: 470 }];

function cornerError(frame: Frame, truth: readonly Point[]): number {
  const mapped = [[0, 0], [frame.width, 0], [frame.width, frame.height], [0, frame.height]].map(([u, v]) => frameToSource(frame, u ?? 0, v ?? 0));
  return Math.max(...mapped.map((p, i) => Math.hypot(p.x - (truth[i] as Point).x, p.y - (truth[i] as Point).y)));
}

describe('card candidates', () => {
  it('find a card on a light grey desk as bright as the card, its corners within 2 % of its width', () => {
    const img = photo(tilted, [212, 214, 216]);
    const [best] = rankedFrames(img, 960);
    expect(best?.location).not.toBeNull();
    expect(best?.upsideDown).toBe(false);
    expect(cornerError(best?.frame as Frame, tilted)).toBeLessThan(0.02 * 520);
  });

  it('find a card on a beige desk and on a dark desk alike', () => {
    for (const desk of [[226, 212, 188], [60, 45, 35]] as const) {
      const found = cardCandidates(photo(tilted, desk), 960);
      expect(found.some((c) => cornerError(c.frame, tilted) < 0.02 * 520), `desk ${desk.join(',')}`).toBe(true);
    }
  });

  it('rank the card upside down first when it lies upside down', () => {
    const turned = [tilted[2], tilted[3], tilted[0], tilted[1]] as Point[];
    const [best] = rankedFrames(photo(turned, [60, 45, 35]), 960);
    expect(best?.upsideDown).toBe(true);
  });
});

describe('more frames, when those ranked first yielded no card', () => {
  // Why (not drawn here): on a tuning card (seed 32, card 21: glare and a hand's shadow on marble)
  // the ranking stopped at a region holding the card's right part only, its values' column where
  // the labels should stand; it scored as clearly a card, and its reads found no labels. The whole
  // card was the region of a later split, which the ranking had not reached. Here, the contract:
  // the card's region is found by every split, the ranking's own frames are left out.
  const img = photo(tilted, [60, 45, 35]);

  it('hold the card when no frame was read, and only frames that show the layout', () => {
    const more = moreFrames(img, 960, []);
    expect(more.some((r) => cornerError(r.frame, tilted) < 0.02 * 520)).toBe(true);
    expect(more.every((r) => r.score >= LOOKS_LIKE_A_CARD)).toBe(true);
  });

  it('leave out the frames the ranking holds', () => {
    const read = rankedFrames(img, 960);
    expect(read.some((r) => cornerError(r.frame, tilted) < 0.02 * 520)).toBe(true);
    expect(moreFrames(img, 960, read).some((r) => cornerError(r.frame, tilted) < 0.02 * 520)).toBe(false);
  });
});

describe('the search for the card', () => {
  const region = (cardLike: number) => ({ frame: frameFromCorners(tilted, 960, 606), found: true, angleDeg: 0, coverage: 0.5, cardLike });

  it('ends at a region whose frame shows the layout clearly only when the region is shaped like a card', () => {
    // A tuning card's first region was its left two thirds (seed 29, card 5): it goes on.
    expect(stopsRanking(0.64, region(0.35))).toBe(false);
    expect(stopsRanking(0.7, region(0.95))).toBe(true);
    expect(stopsRanking(0.55, region(0.95))).toBe(false);
    // A tuning card's first region took its top-left corner ~12 % of its width in (seed 52, card
    // 96; 0.73): a later split found the card (0.86) and read it.
    expect(stopsRanking(0.64, region(0.73))).toBe(false);
  });

  it('puts a frame of a card-shaped region first among those that show the layout', () => {
    const ranked = (score: number, cardLike: number) => ({ frame: frameFromCorners(tilted, 960, 606), upsideDown: false, score, location: region(cardLike) });
    // Seed 42 card 29: the region with a strip of desk beside the card scored 0.74 (0.63 card-like),
    // the card 0.66 (0.78).
    const withDesk = ranked(0.74, 0.63); const card = ranked(0.66, 0.78);
    expect([withDesk, card].sort(moreCardLike)).toEqual([card, withDesk]);
    // A frame that does not show the layout stays behind one that does, however card-shaped.
    const blank = ranked(0.45, 0.95); const part = ranked(0.55, 0.3);
    expect([blank, part].sort(moreCardLike)).toEqual([part, blank]);
    expect([ranked(0.3, 0.9), ranked(0.4, 0.2)].sort(moreCardLike).map((r) => r.score)).toEqual([0.4, 0.3]);
  });
});

describe('frames completed to a card', () => {
  const truth = frameFromCorners(tilted, 960, 606);
  const img = photo(tilted, [226, 212, 188]);

  it('give back the edge a region missed, on either side', () => {
    // The left fifth of the card lost (in a glare spot), then its right fifth.
    for (const [from, share] of [[0.22, 0.78], [0, 0.8]] as const) {
      const part = subFrame(truth, from * 960, 0, share, 1, 960, 606);
      const completed = completedFrames(img, part);
      expect(completed).toHaveLength(2);
      expect(completed.some((c) => cornerError(c.frame, tilted) < 0.02 * 520), `from ${from}`).toBe(true);
    }
    // Its bottom fifth lost: completed downwards or upwards.
    const short = completedFrames(img, subFrame(truth, 0, 0, 1, 0.8, 960, 606));
    expect(short.some((c) => cornerError(c.frame, tilted) < 0.02 * 520)).toBe(true);
  });

  it('are none for a frame shaped like a card', () => {
    expect(completedFrames(img, truth)).toEqual([]);
  });
});

describe('label-column layout score', () => {
  it('is high for an upright card, low turned or on a plain desk', () => {
    const img = photo(tilted, [60, 45, 35]);
    const frame = frameFromCorners(tilted, 960, Math.round(960 / CARD_ASPECT));
    expect(layoutScore(img, frame)).toBeGreaterThan(0.6);
    expect(layoutScore(img, turnedFrame(frame))).toBeLessThan(0.3);
    const desk = photo([{ x: -9, y: -9 }, { x: -8, y: -9 }, { x: -8, y: -8 }, { x: -9, y: -8 }], [120, 120, 120]);
    expect(layoutScore(desk, frameFromCorners(tilted, 960, 606))).toBeLessThan(0.3);
  });
});

describe('column alignment', () => {
  const truth = frameFromCorners(tilted, 960, 606);
  /** How far (pixels) the frame puts the labels' margin from where the card prints it, down the rows. */
  const marginError = (frame: Frame): number => Math.max(...[0.24, 0.5, 0.8].map((v) => {
    const at = (f: Frame): Point => frameToSource(f, (28 / 856) * 960, v * 606);
    return Math.hypot(at(frame).x - at(truth).x, at(frame).y - at(truth).y);
  }));
  // The card is ~520 px wide: 1 % of it is ~5 px.
  const onePercent = 5.2;

  it('moves and unshears a frame whose left side was misplaced on a desk as light as the card', () => {
    const img = photo(tilted, [212, 214, 216]);
    // The top left corner 7 %, the bottom left 3 % too far right: shifted and sheared.
    const off = frameFromCorners([{ x: 176, y: 130 }, { x: 696, y: 100 }, { x: 706, y: 430 }, { x: 166, y: 470 }], 960, 606);
    expect(marginError(off)).toBeGreaterThan(4 * onePercent);
    const { frame, aligned } = alignColumn(img, off);
    expect(aligned).toBe(true);
    expect(marginError(frame)).toBeLessThan(onePercent);
  });

  it('leaves a right frame right on a dark desk and on a white one brighter than the card', () => {
    for (const desk of [[40, 36, 30], [250, 250, 250]] as const) {
      const { frame, aligned } = alignColumn(photo(tilted, desk), truth);
      expect(aligned).toBe(true);
      expect(marginError(frame)).toBeLessThan(onePercent);
    }
  });

  it('changes nothing where no label rows are printed', () => {
    const img = photo(tilted, [250, 250, 250]);
    // Every dark (printed) pixel painted over with the card's paper.
    const blank = { ...img, data: img.data.map((v, i) => ((img.data[i - (i % 4)] ?? 0) < 100 && i % 4 !== 3 ? [205, 226, 242][i % 4] ?? v : v)) };
    const r = alignColumn(blank, truth);
    expect(r).toEqual({ frame: truth, aligned: false });
  });
});

describe('row straightening', () => {
  const truth = frameFromCorners(tilted, 960, 606);
  /** The farthest (pixels) the frame puts four points of the text area from where the card has them. */
  const textError = (frame: Frame): number => Math.max(...[[0.1, 0.3], [0.6, 0.3], [0.1, 0.8], [0.6, 0.8]].map(([u, v]) => {
    const at = (f: Frame): Point => frameToSource(f, (u ?? 0) * 960, (v ?? 0) * 606);
    return Math.hypot(at(frame).x - at(truth).x, at(frame).y - at(truth).y);
  }));

  /** The card's frame turned `deg` about the text's centre. */
  const turned = (deg: number): Frame => {
    const t = (deg * Math.PI) / 180;
    const [uc, vc] = [350, 300];
    return affineInFrame(truth, [Math.cos(t), -Math.sin(t), uc - uc * Math.cos(t) + vc * Math.sin(t), Math.sin(t), Math.cos(t), vc - uc * Math.sin(t) - vc * Math.cos(t)]);
  };

  it('turns a frame 6° off the card until its text rows run level and sit where the layout puts them', () => {
    const img = photo(tilted, [212, 214, 216]);
    const off = turned(6);
    expect(textError(off)).toBeGreaterThan(15);
    expect(textError(straighten(img, off, layoutScore(img, off)))).toBeLessThan(8);
  });

  it('turns a frame farther off than one turn reaches in more than one', () => {
    const img = photo(tilted, [212, 214, 216]);
    const off = turned(16);
    expect(textError(straighten(img, off, layoutScore(img, off)))).toBeLessThan(8);
  });

  it('turns a frame 4° off whose turn the layout does not score higher: the label column is narrow and fits both alike', () => {
    const img = photo(tilted, [212, 214, 216]);
    const off = turned(4);
    expect(textError(off)).toBeGreaterThan(10);
    // Ranked as high as the level frame itself scores: no turn can show the rows clearly better.
    const ranked = layoutScore(img, truth);
    expect(layoutFit(img, truth).score).toBeLessThan(ranked + 0.05);
    expect(textError(straighten(img, off, ranked))).toBeLessThan(8);
  });

  it('leaves a level frame as it is', () => {
    const img = photo(tilted, [40, 36, 30]);
    expect(straighten(img, truth, layoutScore(img, truth))).toBe(truth);
  });
});
