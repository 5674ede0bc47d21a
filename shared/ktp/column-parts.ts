// The text column is read in two overlapping parts (see pipeline): putting their lines back
// together in the column's coordinates, each line once.
import type { Box, OcrLine } from './lines';

/** A line whose box comes this near (px) to its part's cut edge was cut by it. */
export const EDGE = 3;

/**
 * Lines from both halves in reading order. A line read in both (the overlap) is kept once: from
 * the half whose edge did not cut it, else from the read with the higher confidence (`preferTop`:
 * from the upper half, when the lower one was read without its labels). A line cut by its half's
 * edge and read nowhere else is kept (a tilted line may be cut by both edges).
 */
export function mergeHalves(top: readonly OcrLine[], bottom: readonly OcrLine[], topEnd: number, bottomStart: number, preferTop: boolean): OcrLine[] {
  const centre = (l: OcrLine): number => (l.bbox ? (l.bbox.y0 + l.bbox.y1) / 2 : 0);
  const cut = (l: OcrLine): boolean => (top.includes(l) ? (l.bbox?.y1 ?? 0) >= topEnd - EDGE : (l.bbox?.y0 ?? Infinity) <= bottomStart + EDGE);
  // Twins share most of their height (a cut one's box is the uncut one's, shortened).
  const twins = (a: Box, b: Box): boolean => Math.min(a.y1, b.y1) - Math.max(a.y0, b.y0) > Math.min(a.y1 - a.y0, b.y1 - b.y0) * 0.5;
  const better = (a: OcrLine, b: OcrLine): OcrLine => (cut(a) !== cut(b) ? (cut(a) ? b : a) : preferTop || a.confidence >= b.confidence ? a : b);
  const dropped = new Set<OcrLine>();
  for (const u of top) {
    if (!u.bbox || u.bbox.y1 < bottomStart) continue;
    for (const l of bottom) {
      // A line already given up for a better twin takes no other line with it.
      if (dropped.has(u)) break;
      if (!l.bbox || l.bbox.y0 >= topEnd || dropped.has(l) || !twins(u.bbox, l.bbox)) continue;
      dropped.add(better(u, l) === u ? l : u);
    }
  }
  return [...top, ...bottom].filter((l) => !dropped.has(l)).sort((a, b) => centre(a) - centre(b));
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
