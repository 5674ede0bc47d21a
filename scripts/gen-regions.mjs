// Turns idn-area-data's official CSVs (installed package, never the network) into the compact
// lookup table that shared/ and the renderer import: district codes for NIK/KK checks and the
// Kab/Kota names for the Tempat Lahir suggestions. Output is regenerated, never edited by hand.
import { mkdirSync, readFileSync, writeFileSync, existsSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

const require = createRequire(import.meta.url);
const pkgDir = dirname(require.resolve('idn-area-data/package.json'));
const outDir = join(import.meta.dirname, '..', 'shared', 'regions', 'generated');
const outFile = join(outDir, 'regions.json');

const sources = ['provinces', 'regencies', 'districts'].map((n) => join(pkgDir, 'data', `${n}.csv`));
// This script's own changes (a new table) regenerate the output too.
const inputs = [...sources, import.meta.filename];
if (existsSync(outFile) && inputs.every((s) => statSync(s).mtimeMs < statSync(outFile).mtimeMs)) {
  process.exit(0);
}

/** Minimal CSV reader: the package quotes fields that contain commas. */
function readCsv(file) {
  const lines = readFileSync(file, 'utf8').split(/\r?\n/).filter(Boolean);
  const header = lines.shift().split(',');
  return lines.map((line) => {
    const cells = [];
    let cur = '';
    let quoted = false;
    for (const ch of line) {
      if (ch === '"') quoted = !quoted;
      else if (ch === ',' && !quoted) { cells.push(cur); cur = ''; }
      else cur += ch;
    }
    cells.push(cur);
    return Object.fromEntries(header.map((h, i) => [h, cells[i]]));
  });
}

const titleCase = (s) => s.toLowerCase().replace(/(^|[\s(/-])([a-z])/g, (_, p, c) => p + c.toUpperCase());
const digits = (code) => code.replaceAll('.', '');

const provinces = readCsv(sources[0]).map((r) => [digits(r.code), titleCase(r.name)]);
const regencies = readCsv(sources[1]).map((r) => {
  const name = titleCase(r.name).replace(/^Kabupaten /, 'Kab. ');
  return [digits(r.code), name];
});
const districts = readCsv(sources[2]).map((r) => [digits(r.code), r.name.toUpperCase()]).sort((a, b) => (a[0] < b[0] ? -1 : 1));

mkdirSync(outDir, { recursive: true });
const pkg = JSON.parse(readFileSync(join(pkgDir, 'package.json'), 'utf8'));
writeFileSync(outFile, JSON.stringify({
  source: `idn-area-data@${pkg.version}`,
  provinces,
  regencies,
  // 6-digit district codes, sorted and concatenated: 44 KB instead of an array of 7k strings.
  districts: districts.map(([code]) => code).join(''),
  // Kecamatan names as the KTP prints them, in the order of `districts`, joined by '|' (for the
  // KTP reading's check of the NIK's district against the printed Kecamatan).
  districtNames: districts.map(([, name]) => name).join('|'),
}));
console.log(`regions: ${provinces.length} provinces, ${regencies.length} regencies, ${districts.length} districts`);
