// `npm run bench:ocr`: generates ≥ 100 photographed synthetic KTPs (deterministic seed), reads them
// with the kiosk pipeline and with the baseline (plain tesseract.js on the whole image, same
// parser) in the same run, and prints and writes per-field accuracy and latency figures to
// bench/results/ocr.json.
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { generateCards } from '../test/fixtures/ktp/generate';
import type { KtpTruth } from '../test/fixtures/ktp/identities';
import { decodeImage } from '../electron/services/ocr/decode-image';
import { createNodeOcrEngine } from '../electron/services/ocr/node-engine';
import { readKtp, readKtpBaseline, type KtpScan } from '../shared/ktp/pipeline';
import { KTP_FIELDS } from '../shared/ktp/vocabulary';
import { levenshtein } from '../shared/ktp/text';

const { values } = parseArgs({ options: {
  count: { type: 'string', default: '100' },
  seed: { type: 'string', default: '7' },
  'skip-baseline': { type: 'boolean', default: false },
} });
const root = resolve(import.meta.dirname, '..');
const count = Number(values.count);
const seed = Number(values.seed);
const dir = join(root, 'bench', 'fixtures', `ktp-seed${seed}-n${count}`);

if (!existsSync(dir) || readdirSync(dir).filter((f) => f.endsWith('.jpg')).length < count) {
  console.log(`generating ${count} cards (seed ${seed}) in ${dir}…`);
  await generateCards(dir, count, seed, false);
}
const cards = readdirSync(dir).filter((f) => f.endsWith('.jpg')).sort().slice(0, count)
  .map((f) => ({ image: join(dir, f), truth: (JSON.parse(readFileSync(join(dir, f.replace(/\.jpg$/, '.json')), 'utf8')) as { truth: KtpTruth }).truth }));

interface Tally { exact: number; chars: number; charTotal: number }
const percentile = (xs: number[], p: number): number => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor(s.length * p))] ?? NaN;
};
const round = (x: number, digits = 1): number => Math.round(x * 10 ** digits) / 10 ** digits;

async function run(name: string, read: typeof readKtp) {
  const t0 = performance.now();
  // The baseline is plain tesseract.js: its default (best, integerised) model, no preprocessing.
  const engine = await createNodeOcrEngine({ fastBlock: read !== readKtpBaseline });
  const tallies = Object.fromEntries(KTP_FIELDS.map((f) => [f, { exact: 0, chars: 0, charTotal: 0 }])) as Record<string, Tally>;
  const latencies: number[] = [];
  const stages: Record<string, number[]> = {};
  let coldStartMs = 0;
  for (const [i, card] of cards.entries()) {
    const image = decodeImage(card.image);
    const start = performance.now();
    const scan: KtpScan = await read(image, engine, () => performance.now());
    const ms = performance.now() - start;
    if (i === 0) coldStartMs = performance.now() - t0;
    else {
      latencies.push(ms);
      for (const [stage, t] of Object.entries(scan.timingsMs)) (stages[stage] ??= []).push(t);
    }
    for (const f of KTP_FIELDS) {
      const truth = card.truth[f];
      const got = scan.fields[f]?.value ?? '';
      const t = tallies[f] as Tally;
      if (got === truth) t.exact++;
      t.chars += Math.max(0, truth.length - levenshtein(got, truth));
      t.charTotal += truth.length;
    }
    if ((i + 1) % 10 === 0) process.stderr.write(`${name}: ${i + 1}/${cards.length}\n`);
  }
  await engine.terminate();
  const fields = Object.fromEntries(KTP_FIELDS.map((f) => {
    const t = tallies[f] as Tally;
    return [f, { exactPct: round((100 * t.exact) / cards.length), charAccuracyPct: round((100 * t.chars) / Math.max(1, t.charTotal)) }];
  }));
  return {
    fields,
    latencyMs: { warmP50: round(percentile(latencies, 0.5), 0), warmP95: round(percentile(latencies, 0.95), 0), coldStart: round(coldStartMs, 0), engineInit: round(engine.initMs, 0) },
    /** Median of each stage the pipeline times (where the warm latency goes). */
    stageP50Ms: Object.fromEntries(Object.entries(stages).map(([stage, ts]) => [stage, round(percentile(ts, 0.5), 0)])),
  };
}

const pipeline = await run('pipeline', readKtp);
const baseline = values['skip-baseline'] ? null : await run('baseline', readKtpBaseline);
const result = {
  date: new Date().toISOString(),
  cards: cards.length,
  seed,
  machine: { cpus: cpus().length, model: cpus()[0]?.model ?? 'unknown', node: process.version },
  pipeline,
  baseline,
  targets: { nikExactPct: 99, namaExactPct: 97, tanggalLahirExactPct: 99, jenisKelaminExactPct: 99, warmP50Ms: 1000 },
};
mkdirSync(join(root, 'bench', 'results'), { recursive: true });
writeFileSync(join(root, 'bench', 'results', 'ocr.json'), JSON.stringify(result, null, 2));

const rows = KTP_FIELDS.map((f) => `| ${f} | ${pipeline.fields[f]?.exactPct} | ${pipeline.fields[f]?.charAccuracyPct} | ${baseline?.fields[f]?.exactPct ?? '–'} | ${baseline?.fields[f]?.charAccuracyPct ?? '–'} |`);
console.log(`\nKTP OCR benchmark: ${cards.length} photographed synthetic cards (seed ${seed}), ${result.machine.cpus} cores\n`);
console.log('| field | pipeline exact % | pipeline char % | baseline exact % | baseline char % |');
console.log('|---|---|---|---|---|');
console.log(rows.join('\n'));
console.log(`| latency (ms) | p50 ${pipeline.latencyMs.warmP50}, p95 ${pipeline.latencyMs.warmP95}, cold ${pipeline.latencyMs.coldStart} | | ${baseline ? `p50 ${baseline.latencyMs.warmP50}, p95 ${baseline.latencyMs.warmP95}, cold ${baseline.latencyMs.coldStart}` : '–'} | |`);
console.log(`\npipeline stages, median ms: ${Object.entries(pipeline.stageP50Ms).map(([k, v]) => `${k} ${v}`).join(', ')}`);
console.log('\nwritten to bench/results/ocr.json');
