// Putting the two parts of the text column back together: each line once, from the part whose
// edge did not cut it, and never a line lost for a twin that was itself given up.
import { describe, expect, it } from 'vitest';
import { mergeHalves } from '../../shared/ktp/column-parts';
import type { OcrLine } from '../../shared/ktp/lines';

const at = (text: string, confidence: number, y0: number, y1: number): OcrLine => ({ text, confidence, bbox: { x0: 0, x1: 400, y0, y1 } });

describe('merging the two parts', () => {
  // The upper part ends at 100, the lower starts at 60.
  it('keeps the uncut twin of a line read in both parts', () => {
    const cut = at('Tempat/Tgl Lah', 40, 70, 99);
    const whole = at('Tempat/Tgl Lahir : BEKASI, 11-01-1967', 90, 72, 96);
    expect(mergeHalves([at('Nama : BUDI', 90, 30, 50), cut], [whole], 100, 60, false).map((l) => l.text))
      .toEqual(['Nama : BUDI', 'Tempat/Tgl Lahir : BEKASI, 11-01-1967']);
  });

  it('a line given up for a better twin takes no other line of the lower part with it', () => {
    // The upper part's cut line overlaps two of the lower part's: the uncut one wins it, and the
    // other (cut too, less sure) stays, as nothing better read it.
    const cutTop = at('Tempatrrgi', 36, 70, 99);
    const uncut = at(': PURWAKARTA, 21-06-1996', 80, 70, 85);
    const cutBottom = at('Be uk ROTE', 20, 61, 98);
    const kept = mergeHalves([cutTop], [uncut, cutBottom], 100, 60, false);
    expect(kept).toContain(uncut);
    expect(kept).toContain(cutBottom);
    expect(kept).not.toContain(cutTop);
  });
});
