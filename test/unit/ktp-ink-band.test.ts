// The NIK's and the name's print found from their ink on an aligned frame (so their re-reads can
// start before the block read): right of the colon, as tall as the print, and nothing when the
// row is empty or runs off the searched region.
import { describe, expect, it } from 'vitest';
import { inkBand, NAME_BAND, NIK_BAND } from '../../shared/ktp/ink-band';
import type { GrayImage } from '../../shared/ktp/image';

const W = 960;
const H = 605;
/** Card units (856 × 540) to frame pixels. */
const u = (x: number): number => Math.round((x / 856) * W);
const v = (y: number): number => Math.round((y / 540) * H);

interface Print { readonly x: number; readonly y: number; readonly w: number; readonly h: number }

/** A white frame with black boxes at `prints` (card units), plus a light guilloche-like speckle. */
function frame(prints: readonly Print[]): GrayImage {
  const data = new Uint8Array(W * H).fill(235);
  for (let i = 0; i < data.length; i += 37) data[i] = 200;
  for (const p of prints) {
    for (let y = v(p.y); y < v(p.y + p.h); y++) for (let x = u(p.x); x < u(p.x + p.w); x++) data[y * W + x] = 25;
  }
  return { width: W, height: H, data };
}

/** Letters of a value as boxes `width` wide, `gap` apart, from `x`. */
const letters = (x: number, y: number, h: number, widths: readonly number[], gap = 2): Print[] => {
  let at = x;
  return widths.map((w) => { const p = { x: at, y, w, h }; at += w + gap; return p; });
};

const card: Print[] = [
  { x: 250, y: 14, w: 360, h: 20 }, { x: 280, y: 42, w: 300, h: 20 }, // header
  { x: 28, y: 87, w: 40, h: 19 }, { x: 205, y: 90, w: 4, h: 13 }, // NIK label, colon
  ...letters(218, 84, 24, Array.from({ length: 16 }, () => 16), 3), // the NIK's 16 digits
  { x: 28, y: 128, w: 45, h: 15 }, { x: 205, y: 131, w: 3, h: 10 }, // Nama label, colon
  { x: 28, y: 153.5, w: 120, h: 15 }, ...letters(218, 153.5, 15, [10, 10, 10, 10, 10, 10, 10]), // Tempat/Tgl Lahir
];

describe('ink bands', () => {
  it('find the NIK right of its colon, as tall as its digits', () => {
    const box = inkBand(frame(card), W, H, NIK_BAND);
    expect(box).not.toBeNull();
    expect(Math.abs((box?.x0 ?? 0) - u(218))).toBeLessThanOrEqual(2);
    expect(Math.abs((box?.x1 ?? 0) - u(218 + 16 * 19 - 3))).toBeLessThanOrEqual(2);
    expect(Math.abs((box?.y0 ?? 0) - v(84))).toBeLessThanOrEqual(2);
    expect(Math.abs((box?.y1 ?? 0) - v(108))).toBeLessThanOrEqual(2);
  });

  it('find the name on its row, not the colon before it, nor the rows around it', () => {
    const name = letters(218, 128, 15, [10, 10, 10, 10, 0, 10, 10, 10, 10, 10], 2);
    const box = inkBand(frame([...card, ...name]), W, H, NAME_BAND);
    expect(Math.abs((box?.x0 ?? 0) - u(218))).toBeLessThanOrEqual(2);
    expect(Math.abs((box?.y0 ?? 0) - v(128))).toBeLessThanOrEqual(2);
    expect(Math.abs((box?.y1 ?? 0) - v(143))).toBeLessThanOrEqual(2);
  });

  it('keep a narrow first letter printed where values start ("I WAYAN")', () => {
    const name = [{ x: 218, y: 128, w: 3, h: 15 }, ...letters(230, 128, 15, [10, 10, 10, 10, 10])];
    expect(inkBand(frame([...card, ...name]), W, H, NAME_BAND)?.x0).toBe(u(218));
  });

  it('find nothing on an empty row, or where the frame is so far off that the row runs out of the search', () => {
    expect(inkBand(frame(card), W, H, NAME_BAND)).toBeNull();
    const low = card.map((p) => ({ ...p, y: p.y + 30 }));
    expect(inkBand(frame(low), W, H, NIK_BAND)).toBeNull();
  });
});
