// Local contrast stretch for one text line under a glare spot: the print keeps its shape but
// little of its darkness, which a global threshold then loses.
import type { GrayImage } from './image';

/** Levels a window must span to hold print: JPEG noise on paper spans less, glare-light print more. */
const MIN_SPAN = 24;

/**
 * Each pixel stretched between the darkest and the lightest levels within `radius` columns
 * (the line's whole height): ink that a glare spot left light grey turns dark again. A window
 * whose levels span less than MIN_SPAN holds no print (a word gap) and stays paper.
 */
export function localContrast(gray: GrayImage, radius: number): GrayImage {
  const { width: w, height: h, data } = gray;
  // Per column its darkest and lightest level, then the darkest and lightest over the window.
  const colMin = new Float32Array(w); const colMax = new Float32Array(w);
  for (let x = 0; x < w; x++) {
    let lo = 255; let hi = 0;
    for (let y = 0; y < h; y++) { const v = data[y * w + x] ?? 255; if (v < lo) lo = v; if (v > hi) hi = v; }
    colMin[x] = lo; colMax[x] = hi;
  }
  const out = new Uint8Array(w * h);
  for (let x = 0; x < w; x++) {
    let lo = 255; let hi = 0;
    for (let i = Math.max(0, x - radius); i <= Math.min(w - 1, x + radius); i++) { lo = Math.min(lo, colMin[i] ?? 255); hi = Math.max(hi, colMax[i] ?? 0); }
    const span = hi - lo;
    for (let y = 0; y < h; y++) {
      const v = data[y * w + x] ?? 255;
      const s = span < MIN_SPAN ? 255 : ((v - lo) / span) * 255;
      out[y * w + x] = s <= 0 ? 0 : s >= 255 ? 255 : Math.round(s);
    }
  }
  return { width: w, height: h, data: out };
}
