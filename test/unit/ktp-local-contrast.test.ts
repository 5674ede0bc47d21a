// The local contrast stretch the name's rescue read uses: print a glare spot left light grey
// comes back dark, and paper with no print (a word gap, noise) stays paper.
import { describe, expect, it } from 'vitest';
import { localContrast } from '../../shared/ktp/local-contrast';
import type { GrayImage } from '../../shared/ktp/image';

/** A 30-px-tall line: paper at 250, strokes at `ink` every 8 px from x 20 to 120, then blank. */
function line(ink: number, paper = 250): GrayImage {
  const width = 200; const height = 30;
  const data = new Uint8Array(width * height).fill(paper);
  for (let x = 20; x < 120; x += 8) for (let y = 8; y < 22; y++) { data[y * width + x] = ink; data[y * width + x + 1] = ink; }
  return { width, height, data };
}
const at = (g: GrayImage, x: number, y: number): number => g.data[y * g.width + x] ?? -1;

describe('local contrast', () => {
  it('turns print a glare spot left light grey dark again, and its paper white', () => {
    const out = localContrast(line(215), 24);
    expect(at(out, 20, 15)).toBeLessThan(40);
    expect(at(out, 24, 15)).toBeGreaterThan(230);
  });

  it('leaves paper with no print nearby white, however its noise varies', () => {
    const noisy = line(40);
    for (let x = 150; x < 200; x++) noisy.data[15 * noisy.width + x] = x % 2 ? 236 : 252;
    const out = localContrast(noisy, 12);
    for (let x = 160; x < 200; x++) expect(at(out, x, 15)).toBe(255);
  });
});
