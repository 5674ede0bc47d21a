// Chooses the NIK among what OCR produced. The digits are read twice (block read, digit-only
// re-read); the usual failures are a colon read as an extra digit, a first digit merged with the
// colon, or an inserted digit. Each read yields candidates (as read, one digit dropped, first digit
// replaced, regency digits taken from a clearly read header, in place of garbled first digits or
// of ones a glare spot lost); a candidate must be a valid NIK and scores by agreeing with what
// the card prints independently: the regency in the header, the birth date and the sex.
import { checkNik } from '../identity/nik';
import { dropFarMark, fixDigits } from './text';
import { printedDistrictAgrees } from './regions-match';

export interface NikEvidence {
  /** Regency code (4 digits) of the printed header, when it was read. */
  readonly regencyCode?: string;
  /** The header was read clearly: a read whose first digits are garbled may take its code. */
  readonly regencyCertain?: boolean;
  /** Printed birth date DD-MM-YYYY, when read. */
  readonly birthDate?: string;
  readonly sex?: 'L' | 'P';
  /** The printed Kecamatan, as read: the NIK's digits 5–6 name a district of the regency. */
  readonly kecamatan?: string;
}

export interface NikRead {
  readonly text: string;
  /** 0–1 */
  readonly confidence: number;
  /** The digit-only re-read is the more reliable source. */
  readonly trusted: boolean;
  /** Made from the other reads (their digit-by-digit vote): no witness of its own. */
  readonly derived?: boolean;
  /**
   * Read by the second engine (see line-model), whose errors are not tesseract's: where the
   * digit re-reads agree on a wrong digit (all lose the same faded one), its read as it stands
   * outweighs their agreement and what the card prints (SECOND_WEIGHT).
   */
  readonly second?: boolean;
}

/**
 * The second engine's weight. On tuning seeds 8–17 (1,000 cards), each of its 989 sixteen-digit
 * reads was right; its misses were digits lost, which no valid NIK survives. A read it gives as
 * it stands, with no digit under SECOND_LEAST, outweighs the re-reads agreeing among themselves
 * and mostly what the card prints (region 2, date 2, sex 1, district 1, and half a point for each
 * read that agrees); a NIK it decides is contested (see resolveNik).
 */
const SECOND_WEIGHT = 4;
/** Its least likely digit's probability (0–1) below which its read weighs as any other. */
const SECOND_LEAST = 0.3;

export interface ResolvedNik {
  readonly nik: string;
  readonly confidence: number;
  /** True when the chosen NIK differs from every read as-is (a correction was applied). */
  readonly corrected: boolean;
  /**
   * Reads as they stand gave valid NIKs differing in the region, date or sex digits, or a
   * candidate nearly as likely differs in them, so the printed regency, date or sex helped
   * choose: those fields then confirm nothing (see crossCheck).
   */
  readonly contested: boolean;
  /**
   * The serial, the last four digits, which nothing else on the card encodes, was not read so by
   * both digit re-reads (when there were two), was read by no re-read at all, or a candidate nearly
   * as likely (a close call, e.g. which digit of a 17-digit read to drop) differs in it: the
   * printed fields that agree with the rest cannot confirm it, and it is flagged.
   */
  readonly serialUncertain: boolean;
  /**
   * No read gave the regency digits: they were taken from the header. Someone who moved keeps
   * their NIK under another regency's header, so such a NIK is always confirmed by the applicant.
   */
  readonly regencyFromHeader: boolean;
}

const digitsIn = (text: string): string => fixDigits(text.replace(/\s+/g, '')).replace(/[^0-9]/g, '');

/**
 * The read's digits. A mark far right or left of all sixteen (the photo's edge read as "|", which
 * is also a misread 1) is not one of them.
 */
function digitsOf(text: string): string {
  const near = dropFarMark(text);
  return near !== text && digitsIn(near).length >= 16 ? digitsIn(near) : digitsIn(text);
}

/** `header`: the regency digits are the header's, not the read's. */
interface Variant { readonly nik: string; readonly edits: number; readonly header?: boolean }

function variants(d: string, evidence: NikEvidence): Variant[] {
  const out: Variant[] = [];
  if (d.length === 16) {
    out.push({ nik: d, edits: 0 });
    for (let k = 0; k <= 9; k++) if (String(k) !== d[0]) out.push({ nik: `${k}${d.slice(1)}`, edits: 1 });
    // The large bold leading digits merge with the colon; the header prints the same code.
    if (evidence.regencyCertain && evidence.regencyCode && !d.startsWith(evidence.regencyCode)) {
      out.push({ nik: `${evidence.regencyCode}${d.slice(4)}`, edits: 1, header: true });
    }
  } else if (d.length >= 12 && d.length < 16 && evidence.regencyCertain && evidence.regencyCode) {
    // A glare spot over the first digits: the rest read, the header prints the regency they lost.
    out.push({ nik: `${evidence.regencyCode}${d.slice(-12)}`, edits: 1, header: true });
  } else if (d.length === 17) {
    for (let i = 0; i < 17; i++) out.push({ nik: d.slice(0, i) + d.slice(i + 1), edits: 1 });
  } else if (d.length > 17) {
    for (let i = 0; i + 16 <= d.length; i++) out.push({ nik: d.slice(i, i + 16), edits: 1 });
  }
  return out;
}

/**
 * The NIK among `reads`. The second engine's read (see NikRead.second) can only change the
 * choice, never confirm it: when the choice is the same without it, the result is exactly what
 * the other reads give (its confidence, its flags); when it differs, the NIK is the second
 * engine's and contested (flagged; the printed fields confirm none of its digits). So the second
 * engine never lifts a flag, and a NIK it decided is always confirmed by the applicant.
 */
export function resolveNik(reads: readonly NikRead[], evidence: NikEvidence): ResolvedNik | null {
  const own = reads.filter((r) => !r.second);
  const alone = resolveAmong(own, evidence);
  if (own.length === reads.length) return alone;
  const all = resolveAmong(reads, evidence);
  return !all || all.nik === alone?.nik ? alone : { ...all, contested: true };
}

function resolveAmong(reads: readonly NikRead[], evidence: NikEvidence): ResolvedNik | null {
  // `read`: some read gave the regency digits itself (not only the header).
  const scored = new Map<string, { score: number; edits: number; confidence: number; read: boolean }>();
  for (const read of reads) {
    for (const v of variants(digitsOf(read.text), evidence)) {
      const check = checkNik(v.nik);
      if (!check.ok) continue;
      const info = check.info;
      let score = (read.trusted ? 1 : 0.5) - v.edits * 1.5 + (read.second && v.edits === 0 && read.confidence >= SECOND_LEAST ? SECOND_WEIGHT : 0);
      if (evidence.regencyCode) score += v.nik.startsWith(evidence.regencyCode) ? 2 : 0;
      if (evidence.birthDate) {
        const [dd, mm, yyyy] = evidence.birthDate.split('-');
        if (Number(dd) === info.day && Number(mm) === info.month) score += 1;
        if (Number(yyyy) % 100 === info.yy) score += 1;
      }
      if (evidence.sex) score += evidence.sex === info.sex ? 1 : 0;
      if (evidence.kecamatan && printedDistrictAgrees(v.nik, evidence.kecamatan)) score += 1;
      const prev = scored.get(v.nik);
      // The same NIK from two reads is stronger evidence than either.
      const merged = prev
        ? { score: Math.max(prev.score, score) + 0.5, edits: Math.min(prev.edits, v.edits), confidence: Math.max(prev.confidence, read.confidence), read: prev.read || !v.header }
        : { score, edits: v.edits, confidence: read.confidence, read: !v.header };
      scored.set(v.nik, merged);
    }
  }
  const ranked = [...scored.entries()].sort((a, b) => b[1].score - a[1].score);
  const best = ranked[0];
  if (!best) return null;
  const margin = best[1].score - (ranked[1]?.[1].score ?? best[1].score - 3);
  // A clear winner keeps the read's confidence; a close call or a correction is flagged by a lower one.
  const confidence = best[1].confidence * (best[1].edits > 0 ? 0.7 : 1) * (margin >= 1 ? 1 : 0.6);
  // Reads that differ only in the serial (last four digits) were decided by the reads; ones that
  // differ in the region, date or sex digits were decided by what the card prints there.
  // The block read (the fast model's) is a weak vote: only the digit re-reads can contest, or any
  // candidate nearly as likely (a close call, whichever read gave it: the printed date then picked
  // the block read's date digits over a re-read's).
  const encoded = new Set(reads.filter((r) => r.trusted).map((r) => digitsOf(r.text)).filter((d) => d.length === 16 && checkNik(d).ok).map((d) => d.slice(0, 12)));
  // Candidates nearly as likely as the chosen one: a close call.
  const close = ranked.slice(1).filter(([, c]) => c.score > best[1].score - 1).map(([nik]) => nik);
  const closeRival = close.some((nik) => nik.slice(0, 12) !== best[0].slice(0, 12));
  // Nothing else on the card encodes the serial: it stands only when two re-reads read it so (or
  // the one re-read that returned; with none, the block read alone is no witness); never when a
  // candidate nearly as likely differs in it.
  const rereads = reads.filter((r) => r.trusted && !r.derived).map((r) => digitsOf(r.text));
  // A re-read with a digit too many or too few before the serial (the colon read as a digit)
  // still witnesses it.
  const witnesses = rereads.filter((d) => d.length >= 15 && d.endsWith(best[0].slice(12))).length;
  const serialUncertain = witnesses < Math.min(2, Math.max(1, rereads.length))
    || close.some((nik) => nik.slice(12) !== best[0].slice(12))
    || blockDoubtsSerial(reads, best[0]);
  return { nik: best[0], confidence, corrected: best[1].edits > 0, contested: encoded.size > 1 || closeRival, serialUncertain, regencyFromHeader: !best[1].read };
}

/**
 * Whether the block read, sixteen digits long, reads a digit of `nik`'s serial otherwise, other
 * than an 8 read as a 3. The block read's fast model reads 8 as 3 far more often than the
 * re-reads' better one misreads anything: on tuning seeds 38–40 and 58–62 (800 cards), of the 21
 * sixteen-digit block reads that differed from two agreeing re-reads, the re-reads were right in
 * 20, and each of those block reads had an 8 read as a 3 (one a 9 as a 0 too). The other was a 3
 * both re-reads gave as 2, and the NIK went out wrong and unflagged: nothing else on the card
 * encodes the serial.
 */
function blockDoubtsSerial(reads: readonly NikRead[], nik: string): boolean {
  const block = reads.filter((r) => !r.trusted).map((r) => digitsOf(r.text)).find((d) => d.length === 16);
  return block !== undefined && [...nik.slice(12)].some((ch, k) => {
    const read = block[12 + k];
    return read !== ch && !(read === '3' && ch === '8');
  });
}
