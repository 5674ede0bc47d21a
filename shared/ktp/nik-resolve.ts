// Chooses the NIK among what OCR produced. The digits are read twice (block read, digit-only
// re-read); the usual failures are a colon read as an extra digit, a first digit merged with the
// colon, or an inserted digit. Each read yields candidates (as read, one digit dropped, first digit
// replaced, regency digits taken from a clearly read header); a candidate must be a valid NIK and scores by agreeing with what the card prints
// independently: the regency in the header, the birth date and the sex.
import { checkNik } from '../identity/nik';
import { fixDigits } from './text';
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
}

export interface ResolvedNik {
  readonly nik: string;
  readonly confidence: number;
  /** True when the chosen NIK differs from every read as-is (a correction was applied). */
  readonly corrected: boolean;
  /**
   * Reads as they stand gave valid NIKs differing in the region, date or sex digits, so the
   * printed regency, date or sex helped choose: those fields then confirm nothing (see crossCheck).
   */
  readonly contested: boolean;
  /**
   * The serial, the last four digits, which nothing else on the card encodes, was not read so by
   * both digit re-reads (when there were two), or a candidate nearly as likely (a close call, e.g. which digit of a
   * 17-digit read to drop) differs in it: the printed fields that agree with the rest cannot
   * confirm it, and it is flagged.
   */
  readonly serialUncertain: boolean;
}

function digitsOf(text: string): string {
  return fixDigits(text.replace(/\s+/g, '')).replace(/[^0-9]/g, '');
}

function variants(d: string, evidence: NikEvidence): { nik: string; edits: number }[] {
  const out: { nik: string; edits: number }[] = [];
  if (d.length === 16) {
    out.push({ nik: d, edits: 0 });
    for (let k = 0; k <= 9; k++) if (String(k) !== d[0]) out.push({ nik: `${k}${d.slice(1)}`, edits: 1 });
    // The large bold leading digits merge with the colon; the header prints the same code.
    if (evidence.regencyCertain && evidence.regencyCode && !d.startsWith(evidence.regencyCode)) {
      out.push({ nik: `${evidence.regencyCode}${d.slice(4)}`, edits: 1 });
    }
  } else if (d.length === 17) {
    for (let i = 0; i < 17; i++) out.push({ nik: d.slice(0, i) + d.slice(i + 1), edits: 1 });
  } else if (d.length > 17) {
    for (let i = 0; i + 16 <= d.length; i++) out.push({ nik: d.slice(i, i + 16), edits: 1 });
  }
  return out;
}

export function resolveNik(reads: readonly NikRead[], evidence: NikEvidence): ResolvedNik | null {
  const scored = new Map<string, { score: number; edits: number; confidence: number }>();
  for (const read of reads) {
    for (const v of variants(digitsOf(read.text), evidence)) {
      const check = checkNik(v.nik);
      if (!check.ok) continue;
      const info = check.info;
      let score = (read.trusted ? 1 : 0.5) - v.edits * 1.5;
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
      const merged = prev ? { score: Math.max(prev.score, score) + 0.5, edits: Math.min(prev.edits, v.edits), confidence: Math.max(prev.confidence, read.confidence) } : { score, edits: v.edits, confidence: read.confidence };
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
  // The block read (the fast model's) is a weak vote: only the digit re-reads can contest.
  const encoded = new Set(reads.filter((r) => r.trusted).map((r) => digitsOf(r.text)).filter((d) => d.length === 16 && checkNik(d).ok).map((d) => d.slice(0, 12)));
  // Nothing else on the card encodes the serial: when the digits were re-read, it stands only when
  // two re-reads read it so; and never when a candidate nearly as likely differs in it.
  const rereads = reads.filter((r) => r.trusted && !r.derived).map((r) => digitsOf(r.text));
  // A re-read with a digit too many or too few before the serial (the colon read as a digit)
  // still witnesses it.
  const witnesses = rereads.filter((d) => d.length >= 15 && d.endsWith(best[0].slice(12))).length;
  const serialUncertain = (rereads.length >= 2 && witnesses < 2)
    || ranked.slice(1).some(([nik, c]) => c.score > best[1].score - 1 && nik.slice(12) !== best[0].slice(12));
  return { nik: best[0], confidence, corrected: best[1].edits > 0, contested: encoded.size > 1, serialUncertain };
}
