// Gives the lines of a values-only read (the column right of the labels, see pipeline) back the
// labels they were printed after, from where they sit down the card. The labels are the part of
// the card every card prints the same, yet cost tesseract about half of the block read: on a frame
// whose label column was aligned to the e-KTP's margin (see column-align), the rows tell them.
import { LABELS, AGAMA, STATUS_PERKAWINAN } from './vocabulary';
import { LABEL_ROWS } from './ktp-layout';
import { labelLine, type OcrLine } from './lines';
import { snap } from './text';

/** Label row index (0 = Nama … 11 = Berlaku Hingga) → the label as printed. */
const ROW_LABELS = LABELS.slice(1).map((l) => l.label);

/**
 * Values that only one row prints, as tesseract reads them (colon and all): they pin the rows.
 * Tempat/Tgl Lahir is a place then a date; Berlaku Hingga may be a date too, but never after letters.
 */
const ANCHORS: readonly { readonly row: number; readonly test: (value: string) => boolean }[] = [
  { row: 1, test: (v) => /[A-Z]{3}.*\d{2}\s*-\s*\d{2}\s*-\s*\d{4}/.test(v) },
  { row: 2, test: (v) => /LAKI|PEREMPUAN|Darah/i.test(v) },
  { row: 4, test: (v) => /^\W*\S?\W*\d{3}\s*\/\s*\d{3}\W*$/.test(v) },
  { row: 7, test: (v) => (snap(v.replace(/^\W*\S?\s+/, ''), AGAMA, 0.85) ?? snap(v, AGAMA, 0.85)) !== null },
  { row: 8, test: (v) => (snap(v.replace(/^\W*\S?\s+/, ''), STATUS_PERKAWINAN, 0.85) ?? snap(v, STATUS_PERKAWINAN, 0.85)) !== null },
  { row: 10, test: (v) => /^\W*\S?\s*WN[IA]\W*$/.test(v) },
  { row: 11, test: (v) => /SEUMUR|HIDUP$/.test(v) && !/CERAI/.test(v) },
];

/** Content anchors a values-only read needs before its rows are trusted (else read the labels). */
const MIN_ANCHORS = 2;
/** A line further than this (in row pitches) from every row's place is left unlabelled. */
const MAX_OFF = 0.4;

const centre = (l: OcrLine): number | null => (l.bbox ? (l.bbox.y0 + l.bbox.y1) / 2 : null);

/**
 * `values`: the lines of the values-only read, in the card frame's pixels (`cardHeight` tall).
 * `labelled`: lines read with their labels (the upper part of the column), whose rows are known.
 * Each value line gets the label of the row it sits on, the rows' places fitted to where the
 * anchors were read (an offset, and a scale when they span the card). Null when fewer than
 * MIN_ANCHORS values pin the rows: then the labels must be read after all.
 */
export function labelValueRows(values: readonly OcrLine[], labelled: readonly OcrLine[], cardHeight: number): OcrLine[] | null {
  const rowAt = (y: number): number => (y / cardHeight - LABEL_ROWS.top - LABEL_ROWS.text / 2) / LABEL_ROWS.pitch;
  const seen: { row: number; at: number }[] = [];
  for (const l of values) {
    const y = centre(l);
    const anchor = ANCHORS.find((a) => a.test(l.text.trim()));
    if (y !== null && anchor) seen.push({ row: anchor.row, at: rowAt(y) });
  }
  if (seen.length < MIN_ANCHORS) return null;
  for (const l of labelled) {
    const y = centre(l);
    const row = ROW_FIELDS.indexOf(labelLine(l)?.field ?? '');
    if (y !== null && row >= 0) seen.push({ row, at: rowAt(y) });
  }
  const fit = fitRows(seen);
  const place = values.map((l) => {
    const y = centre(l);
    const at = y === null ? NaN : (rowAt(y) - fit.offset) / fit.scale;
    const row = Math.round(at);
    return { row, off: Math.abs(at - row) };
  });
  return values.map((l, i) => {
    const { row, off } = place[i] ?? { row: -1, off: 1 };
    const label = ROW_LABELS[row];
    // Two lines on one row: the one nearer its place keeps the label.
    const nearest = place.every((p, j) => j === i || p.row !== row || p.off > off);
    if (label === undefined || !(off <= MAX_OFF) || !nearest) return l;
    return { ...l, text: `${label} ${l.text.trim()}` };
  });
}

const ROW_FIELDS: readonly string[] = LABELS.slice(1).map((l) => l.field);

/**
 * Where row k was read: offset + scale · k. The scale (the frame a little too tall or short) only
 * from anchors at least 4 rows apart, as the median of their pairs' slopes; the offset as the
 * median residual. A wrong anchor moves neither.
 */
function fitRows(seen: readonly { row: number; at: number }[]): { offset: number; scale: number } {
  const slopes: number[] = [];
  for (const a of seen) for (const b of seen) if (b.row - a.row >= 4) slopes.push((b.at - a.at) / (b.row - a.row));
  const scale = slopes.length > 0 ? Math.min(1.1, Math.max(0.9, median(slopes))) : 1;
  return { offset: median(seen.map((s) => s.at - scale * s.row)), scale };
}

function median(v: readonly number[]): number {
  const s = [...v].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? (s[m] ?? 0) : ((s[m - 1] ?? 0) + (s[m] ?? 0)) / 2;
}
