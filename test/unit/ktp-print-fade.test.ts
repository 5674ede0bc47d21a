import { describe, expect, it } from 'vitest';
import type { GrayImage } from '../../shared/ktp/image';
import { fadedPrint } from '../../shared/ktp/print-fade';

/** A strip 40 px high of sixteen 14 × 24 px "digits" 20 px apart on white, each with the given darkest level. */
function strip(levels: readonly number[]): GrayImage {
  const width = 40 + levels.length * 20;
  const data = new Uint8Array(width * 40).fill(255);
  levels.forEach((level, k) => {
    for (let y = 8; y < 32; y++) for (let x = 0; x < 14; x++) data[y * width + 20 + k * 20 + x] = level;
  });
  return { width, height: 40, data };
}
const box = (img: GrayImage) => ({ x0: 0, y0: 0, x1: img.width, y1: img.height });

describe('fadedPrint', () => {
  it('finds digits washed out between black ones (a glare spot is wider than a digit)', () => {
    const img = strip([...Array<number>(10).fill(0), 60, 70, 60, 0, 0, 0]);
    expect(fadedPrint(img, box(img))).toBe(true);
  });

  it('finds nothing in print black throughout, or in the blank past its end', () => {
    const black = strip(Array<number>(16).fill(5));
    expect(fadedPrint(black, box(black))).toBe(false);
    expect(fadedPrint(black, { ...box(black), x1: black.width + 200 })).toBe(false);
  });

  it('finds nothing where no print is black (no evidence of a spot)', () => {
    const grey = strip(Array<number>(16).fill(90));
    expect(fadedPrint(grey, box(grey))).toBe(false);
  });
});
