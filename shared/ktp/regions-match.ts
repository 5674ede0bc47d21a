// Snaps what a KTP prints to the official lists: the header's province and regency, the place of
// birth, and the Kecamatan among the districts of the NIK's regency.
import { allRegencies, districtsOf, provinces } from '../regions/regions';
import { similarity, squash } from './text';

export interface RegionMatch {
  readonly code: string;
  /** As the KTP prints it: "JAWA BARAT", "KABUPATEN BANDUNG", "KOTA BANDUNG". */
  readonly name: string;
  readonly similarity: number;
}

interface Region { readonly code: string; readonly name: string }
/** A listed name with its squashed form, compared with every read. */
interface Listed extends Region { readonly squashed: string }
const listed = (r: Region): Listed => ({ ...r, squashed: squash(r.name) });

const printedProvinces = provinces.map((p) => listed({ code: p.code, name: p.name.toUpperCase() }));
const printedRegencies = allRegencies.map((r) => listed({ code: r.code, name: r.name.toUpperCase().replace(/^KAB\. /, 'KABUPATEN ') }));

/** Below this many letters a cut-off header could be the start of too many names. */
const MIN_PREFIX = 12;

/**
 * Long header lines run past the text column the pipeline reads ("BOLAANG MONGONDOW SEL"): a read
 * that matches the start of a longer name counts, a hair less than a whole-name match.
 */
function headerSimilarity(read: string, name: string): number {
  const whole = similarity(read, name);
  if (read.length < MIN_PREFIX || name.length <= read.length) return whole;
  return Math.max(whole, similarity(read, name.slice(0, read.length)) - 0.02);
}

/** The candidate whose name is most like `text` by `score` (on squashed text), or null below `min`. */
function best(text: string, candidates: readonly Listed[], min: number,
  score: (read: string, name: string) => number = headerSimilarity): RegionMatch | null {
  const s = squash(text);
  if (s.length < 3) return null;
  let top: RegionMatch | null = null;
  for (const c of candidates) {
    const sim = score(s, c.squashed);
    if (!top || sim > top.similarity) top = { code: c.code, name: c.name, similarity: sim };
  }
  return top && top.similarity >= min ? top : null;
}

export function matchProvince(text: string): RegionMatch | null {
  return best(text.replace(/^\s*PROVINSI\s*/i, ''), printedProvinces, 0.6);
}

/** Prefers regencies of the given province (read from the line above) when one is known. */
export function matchRegency(text: string, provinceCode?: string): RegionMatch | null {
  const inProvince = provinceCode ? printedRegencies.filter((r) => r.code.startsWith(provinceCode)) : [];
  return (inProvince.length > 0 ? best(text, inProvince, 0.6) : null) ?? best(text, printedRegencies, 0.7);
}

/**
 * Places of birth as KTPs print them: a regency or city without its KABUPATEN/KOTA prefix, a
 * province, or JAKARTA. Births elsewhere (a village, abroad) are printed too; those match nothing.
 */
const places = [...new Set([
  ...printedRegencies.map((r) => r.name.replace(/^(KABUPATEN|KOTA ADMINISTRASI|KOTA)\s+/, '')),
  ...printedProvinces.map((p) => p.name),
  'JAKARTA',
])].map((name) => listed({ code: '', name }));

/** Whether a listed place is the first words of another ("BANDUNG" of "BANDUNG BARAT"). */
export function placeIsPrefix(name: string): boolean {
  return places.some((p) => p.name.startsWith(`${name} `));
}

/** The listed place closest to a read place of birth, or null below `min` similarity. */
export function matchPlace(text: string, min = 0.75): RegionMatch | null {
  return best(text, places, min, similarity);
}

/** A read Kecamatan this similar to an official name is that name. */
const DISTRICT_MATCH = 0.8;

/** Whether the read Kecamatan is the district a NIK encodes (digits 1–6). */
export function printedDistrictAgrees(nik: string, kecamatan: string): boolean {
  return matchDistrict(kecamatan, nik)?.code === nik.slice(0, 6);
}

/**
 * The official district of the NIK's regency closest to a read Kecamatan, or null when none is
 * close: the NIK's own district when the card agrees with itself, another one when it does not.
 */
export function matchDistrict(kecamatan: string, nik: string): RegionMatch | null {
  const regency = nik.slice(0, 4);
  const districts = listedDistricts.get(regency) ?? districtsOf(regency).map(listed);
  listedDistricts.set(regency, districts);
  return best(kecamatan, districts, DISTRICT_MATCH, similarity);
}
const listedDistricts = new Map<string, readonly Listed[]>();
