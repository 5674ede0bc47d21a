// Official region codes (Kemendagri, via idn-area-data) for NIK/KK checks and Kab/Kota suggestions.
// The table is generated from the installed package by scripts/gen-regions.mjs: never fetched.
import data from './generated/regions.json' with { type: 'json' };

const DISTRICT_CODE_LENGTH = 6;

export interface Regency {
  readonly code: string;
  readonly name: string;
}

// JSON imports type tuples as string[]: the generator always writes [code, name] pairs.
const pairs = (rows: string[][]): [string, string][] => rows.map((r) => [r[0] ?? '', r[1] ?? '']);
const regencies: readonly Regency[] = pairs(data.regencies).map(([code, name]) => ({ code, name }));

/** Index of a 6-digit district code among the sorted, concatenated codes (binary search), or -1. */
function districtIndex(code: string): number {
  if (!/^\d{6}$/.test(code)) return -1;
  let lo = 0;
  let hi = data.districts.length / DISTRICT_CODE_LENGTH - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const candidate = data.districts.slice(mid * DISTRICT_CODE_LENGTH, (mid + 1) * DISTRICT_CODE_LENGTH);
    if (candidate === code) return mid;
    if (candidate < code) lo = mid + 1;
    else hi = mid - 1;
  }
  return -1;
}

export function isDistrictCode(code: string): boolean {
  return districtIndex(code) >= 0;
}

// Split on first use: the names serve the KTP reading, not the form steps that also import this.
let names: readonly string[] | null = null;
const districtNames = (): readonly string[] => (names ??= data.districtNames.split('|'));

const byRegency = new Map<string, readonly { code: string; name: string }[]>();

/**
 * The districts (code, name) of a 4-digit regency code. Kept per regency: the KTP reading asks
 * for the same regency once per NIK candidate, and a scan of all 7k districts each time adds up.
 */
export function districtsOf(regencyCode: string): readonly { code: string; name: string }[] {
  const known = byRegency.get(regencyCode);
  if (known) return known;
  const out: { code: string; name: string }[] = [];
  for (let i = 0; i < districtCount; i++) {
    const code = districtCodeAt(i);
    if (code.startsWith(regencyCode)) out.push({ code, name: districtNames()[i] ?? '' });
  }
  byRegency.set(regencyCode, out);
  return out;
}

export function districtCodeAt(index: number): string {
  return data.districts.slice(index * DISTRICT_CODE_LENGTH, (index + 1) * DISTRICT_CODE_LENGTH);
}

export const districtCount = data.districts.length / DISTRICT_CODE_LENGTH;

export interface Province {
  readonly code: string;
  readonly name: string;
}

export const provinces: readonly Province[] = pairs(data.provinces).map(([code, name]) => ({ code, name }));
export const allRegencies: readonly Regency[] = regencies;


const fold = (s: string): string => s.toLowerCase().normalize('NFKD').replace(/[^a-z0-9 ]/g, '');

/**
 * Kab/Kota suggestions for Tempat Lahir. Nothing below `minChars` typed characters (SSCASN: 3);
 * names that start with the query (ignoring the "Kab."/"Kota" prefix) rank before names that
 * merely contain it.
 */
export function suggestRegencies(query: string, limit = 8, minChars = 3): Regency[] {
  const q = fold(query.trim());
  if (q.length < minChars) return [];
  const scored: { r: Regency; score: number }[] = [];
  for (const r of regencies) {
    const name = fold(r.name);
    const bare = name.replace(/^(kab |kota )/, '');
    const score = bare.startsWith(q) ? 0 : name.startsWith(q) ? 1 : name.includes(q) ? 2 : -1;
    if (score >= 0) scored.push({ r, score });
  }
  scored.sort((a, b) => a.score - b.score || a.r.name.localeCompare(b.r.name, 'id'));
  return scored.slice(0, limit).map((s) => s.r);
}
