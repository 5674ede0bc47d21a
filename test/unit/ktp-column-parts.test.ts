// Putting the two parts of the text column back together: each line once, from the part whose
// edge did not cut it, each paired with its own twin only.
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

  // The two cases below are real reads of tilted cards (boxes as Tesseract gave them): each
  // line's box is tall, so a line of one part overlaps two of the other's.
  const merged = (top: OcrLine[], bottom: OcrLine[], topEnd: number, bottomStart: number): string[] =>
    mergeHalves(top, bottom, topEnd, bottomStart, false).map((l) => l.text);

  it('gives up neither line of another field for a garbled twin', () => {
    // The upper part's Nama overlaps the lower part's Tempat/Tgl Lahir more than the garbled
    // upper Tempat/Tgl Lahir does; that upper read must not stand in for the lower one.
    const kept = merged(
      [at('Nama : ACENG DEDI NURHAYATI', 72, 154, 206), at('aa 1210-1979   Fr', 2, 143, 206)],
      [at('Nama » ACENG DEDI NUP.', 46, 166, 216), at("Tempat/T' gl Lahir : BADUNG, 28-10-1979", 54, 166, 241), at('Jenis Kelamin » LAKI-LAKI', 62, 187, 264)],
      206, 166);
    expect(kept).toEqual(['Nama : ACENG DEDI NURHAYATI', "Tempat/T' gl Lahir : BADUNG, 28-10-1979", 'Jenis Kelamin » LAKI-LAKI']);
  });

  it('never pairs lines whose labels name different fields', () => {
    // The lower part's Nama was lost; the upper Nama (cut, surer) must not stand in for the lower
    // part's Tempat/Tgl Lahir, whose box it overlaps.
    expect(merged([at('Nama : ACENG DEDI NURHAYATI', 72, 154, 206)], [at("Tempat/T' gl Lahir : BADUNG, 28-10-1979", 54, 166, 241)], 206, 166))
      .toEqual(['Nama : ACENG DEDI NURHAYATI', "Tempat/T' gl Lahir : BADUNG, 28-10-1979"]);
  });

  it('pairs each line with its closest twin, once', () => {
    // The lower part's Tempat/Tgl Lahir is the twin of the upper one (they share most of their
    // height), not of the upper part's sliver of Jenis Kelamin; it wins its twin and stays.
    const kept = merged(
      [at('Nama : SYAFRIL KOTO', 54, 128, 185), at('Tempatrrgi Lahir :PURWAKApr, ..', 36, 153, 205), at('Jenis Kelam.', 61, 184, 205)],
      [at('Be uk ROTE', 24, 165, 185), at('PaVTgi Lahir : PURWAKARTA, 21-06-1996', 50, 165, 225), at('Jenis Kelamin : LAKI-LAKI', 63, 180, 265)],
      205, 165);
    expect(kept).toContain('PaVTgi Lahir : PURWAKARTA, 21-06-1996');
    expect(kept).toContain('Jenis Kelamin : LAKI-LAKI');
    expect(kept).not.toContain('Tempatrrgi Lahir :PURWAKApr, ..');
    expect(kept).not.toContain('Jenis Kelam.');
  });
});
