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
  { row: 2, test: (v) => /^\W*\S?\W*(LAKI|PEREMPUAN)|Gol\W*Darah/i.test(v) },
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
/** Lines between two anchors take the rows between them in order only when each is this near its row. */
const IN_ORDER_OFF = 0.7;

const centre = (l: OcrLine): number | null => (l.bbox ? (l.bbox.y0 + l.bbox.y1) / 2 : null);

/**
 * `values`: the lines of the values-only read, in the card frame's pixels (`cardHeight` tall).
 * `labelled`: whole lines read with their labels (the upper part of the column): they help place
 * the rows, and no value line takes a row one of them holds (a line cut by the split, read as
 * noise, must not pass for the Nama read above it).
 * Null when fewer than MIN_ANCHORS values pin the rows: then the labels must be read after all.
 *
 * The rows' places are fitted to where the anchors were read (an offset, and a scale when they
 * span the card). An anchor keeps its own row when it lies within a row of its place: a tilted or
 * curved card moves lines by more than half a row, but not what they say. Rows run down the card,
 * so the other lines take the rows left between the anchors around them: in order when there are
 * as many lines as rows, else each the row nearest its place (and the nearer of two lines on one
 * row). A line far from every free row keeps no label.
 */
export function labelValueRows(values: readonly OcrLine[], labelled: readonly OcrLine[], cardHeight: number): OcrLine[] | null {
  const rowAt = (y: number): number => (y / cardHeight - LABEL_ROWS.top - LABEL_ROWS.text / 2) / LABEL_ROWS.pitch;
  const lines = values.flatMap((line) => {
    const y = centre(line);
    return y === null ? [] : [{ line, at: rowAt(y), anchor: ANCHORS.find((a) => a.test(line.text.trim()))?.row }];
  }).sort((a, b) => a.at - b.at);
  const seen = lines.flatMap((l) => (l.anchor === undefined ? [] : [{ row: l.anchor, at: l.at }]));
  if (seen.length < MIN_ANCHORS) return null;
  const held = new Set<number>();
  for (const l of labelled) {
    const y = centre(l);
    const row = ROW_FIELDS.indexOf(labelLine(l)?.field ?? '');
    if (y !== null && row >= 0) { seen.push({ row, at: rowAt(y) }); held.add(row); }
  }
  const fit = fitRows(seen);
  const placed = lines.map((l) => ({ ...l, at: (l.at - fit.offset) / fit.scale }));
  const rows = new Map<OcrLine, number>();
  // Anchors, in order down the card; one out of order with those before it is not trusted.
  let last = -1;
  for (const l of placed) {
    if (l.anchor !== undefined && l.anchor > last && Math.abs(l.at - l.anchor) <= 1) { rows.set(l.line, l.anchor); last = l.anchor; }
  }
  // The lines between two anchors (or an anchor and the card's top or bottom) share the rows between them.
  let from = 0;
  for (let i = 0; i <= placed.length; i++) {
    const l = placed[i];
    const row = l ? rows.get(l.line) : ROW_LABELS.length;
    if (row === undefined) continue;
    const between = placed.slice(from, i).filter((b) => !rows.has(b.line));
    const before = placed.slice(0, from).reduce((r, b) => Math.max(r, rows.get(b.line) ?? -1), -1);
    const free = Array.from({ length: Math.max(0, row - before - 1) }, (_, k) => before + 1 + k).filter((r) => !held.has(r));
    const inOrder = between.length === free.length && between.every((b, k) => Math.abs(b.at - (free[k] ?? -9)) <= IN_ORDER_OFF);
    if (inOrder) between.forEach((b, k) => rows.set(b.line, free[k] ?? -1));
    else nearestRows(between, free).forEach((r, b) => rows.set(b, r));
    from = i + 1;
  }
  return values.map((line) => {
    const label = ROW_LABELS[rows.get(line) ?? -1];
    return label === undefined ? line : { ...line, text: `${label} ${line.text.trim()}` };
  });
}

/** Each line the free row nearest its place, within MAX_OFF; of two lines on one row, the nearer. */
function nearestRows(lines: readonly { line: OcrLine; at: number }[], free: readonly number[]): Map<OcrLine, number> {
  const best = lines.map((l) => {
    const row = free.reduce((a, r) => (Math.abs(r - l.at) < Math.abs(a - l.at) ? r : a), free[0] ?? -1);
    return { line: l.line, row, off: Math.abs(row - l.at) };
  });
  const out = new Map<OcrLine, number>();
  for (const b of best) {
    if (b.off <= MAX_OFF && best.every((o) => o === b || o.row !== b.row || o.off > b.off)) out.set(b.line, b.row);
  }
  return out;
}

const ROW_FIELDS: readonly string[] = LABELS.slice(1).map((l) => l.field);

/**
 * Where row k was read: offset + scale · k. The scale (the frame a little too tall or short) only
 * from anchors at least 4 rows apart, as the median of their pairs' slopes; the offset as the
 * median residual. Among three or more anchors, one wrong one moves neither.
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
