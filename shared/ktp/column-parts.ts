// The text column is read in two overlapping parts (see pipeline): putting their lines back
// together in the column's coordinates, each line once.
import { labelLine, type Box, type OcrLine } from './lines';

/** A line whose box comes this near (px) to its part's cut edge was cut by it. */
export const EDGE = 3;

/**
 * Lines from both halves in reading order. A line read in both (the overlap) is kept once: from
 * the half whose edge did not cut it, else from the read with the higher confidence (`preferTop`:
 * from the upper half, when the lower one was read without its labels). A line cut by its half's
 * edge and read nowhere else is kept (a tilted line may be cut by both edges).
 *
 * Twins are paired one to one, the closest pairs first: on a tilted card each line's box is
 * tall, so one line can overlap two of the other part's, and the wrong pairing gives up a line
 * that nothing else read. Two lines whose labels name different fields are never twins.
 */
export function mergeHalves(top: readonly OcrLine[], bottom: readonly OcrLine[], topEnd: number, bottomStart: number, preferTop: boolean): OcrLine[] {
  const centre = (l: OcrLine): number => (l.bbox ? (l.bbox.y0 + l.bbox.y1) / 2 : 0);
  const cut = (l: OcrLine): boolean => (top.includes(l) ? (l.bbox?.y1 ?? 0) >= topEnd - EDGE : (l.bbox?.y0 ?? Infinity) <= bottomStart + EDGE);
  const better = (a: OcrLine, b: OcrLine): OcrLine => (cut(a) !== cut(b) ? (cut(a) ? b : a) : preferTop || a.confidence >= b.confidence ? a : b);
  const pairs: { u: OcrLine; l: OcrLine; closeness: number }[] = [];
  for (const u of top) {
    if (!u.bbox || u.bbox.y1 < bottomStart) continue;
    for (const l of bottom) {
      if (!l.bbox || l.bbox.y0 >= topEnd || differentFields(u, l)) continue;
      const closeness = twinCloseness(u.bbox, l.bbox);
      if (closeness > 0) pairs.push({ u, l, closeness });
    }
  }
  pairs.sort((a, b) => b.closeness - a.closeness);
  const paired = new Set<OcrLine>();
  const dropped = new Set<OcrLine>();
  for (const { u, l } of pairs) {
    if (paired.has(u) || paired.has(l)) continue;
    paired.add(u).add(l);
    dropped.add(better(u, l) === u ? l : u);
  }
  return [...top, ...bottom].filter((l) => !dropped.has(l)).sort((a, b) => centre(a) - centre(b));
}

/**
 * Twins share most of their height (a cut one's box is the uncut one's, shortened): 0 when they
 * do not, else the shared height over the taller box's, so that a line's own twin is closer than
 * a neighbour whose box it grazes.
 */
function twinCloseness(a: Box, b: Box): number {
  const shared = Math.min(a.y1, b.y1) - Math.max(a.y0, b.y0);
  if (shared <= Math.min(a.y1 - a.y0, b.y1 - b.y0) * 0.5) return 0;
  return shared / Math.max(a.y1 - a.y0, b.y1 - b.y0);
}

function differentFields(a: OcrLine, b: OcrLine): boolean {
  const fa = labelLine(a)?.field;
  const fb = labelLine(b)?.field;
  return fa !== undefined && fb !== undefined && fa !== fb;
}

/** The line moved by (dx, dy): a part's read in the whole column's coordinates. */
export function shiftLine(line: OcrLine, dx: number, dy: number): OcrLine {
  const shift = (b: Box): Box => ({ x0: b.x0 + dx, x1: b.x1 + dx, y0: b.y0 + dy, y1: b.y1 + dy });
  return {
    ...line,
    ...(line.bbox ? { bbox: shift(line.bbox) } : {}),
    ...(line.words ? { words: line.words.map((w) => ({ text: w.text, bbox: shift(w.bbox) })) } : {}),
  };
}
