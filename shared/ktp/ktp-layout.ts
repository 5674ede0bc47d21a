// The e-KTP's printed layout as Dukcapil prints it, in fractions of the card (85.6 × 54 mm drawn
// as 856 × 540 units): where the label rows sit and where their labels start. Shared by the
// layout score (rows down the card) and the column alignment (labels across it).

/** The twelve label rows, Nama to Berlaku Hingga: first row's top, pitch and text height. */
export const LABEL_ROWS = { top: 128 / 540, pitch: 25.5 / 540, text: 15 / 540, count: 12 } as const;
/** The bold NIK label above them. */
export const NIK_LABEL_ROW = { top: 87 / 540, bottom: 106 / 540 } as const;
/** The ID-1 card's width to its height (85.6 × 54 mm). */
export const CARD_ASPECT = 85.6 / 54;
/** Card width the pipeline resamples to: body text then has a cap height of ~16 px (benchmarked). */
export const CARD_WIDTH = 960;
/** Where the text column ends, left of the photo (fraction of the card's width). */
export const TEXT_COLUMN_RIGHT = 0.72;
/**
 * Where values are read from: between the labels' longest (to ~0.2) and the colons (at ~0.24),
 * leaving a margin for a frame's alignment error.
 */
export const VALUE_COLUMN = 0.225;
/** Where the labels start: flush left at the margin, RT/RW, Kel/Desa and Kecamatan one step in. */
export const LABEL_MARGIN = 28 / 856;
export const LABEL_INDENT = 56 / 856;
const INDENTED = new Set([4, 5, 6]);

/** Top and bottom of label row `i` (0 = Nama) and where its label starts. */
export function labelRowSpan(i: number): { top: number; bottom: number; start: number } {
  const top = LABEL_ROWS.top + LABEL_ROWS.pitch * i;
  return { top, bottom: top + LABEL_ROWS.text, start: INDENTED.has(i) ? LABEL_INDENT : LABEL_MARGIN };
}
