// `npm run bench:ocr`: generates sets of photographed and scanned synthetic KTPs (deterministic
// seeds), reads them with the kiosk pipeline and with the baseline (plain tesseract.js on the
// whole image, same parser) in the same run, card by card in turn, and prints and writes
// per-field accuracy, the calibration of the prefilled fields and latency figures to
// bench/results/ocr.json.
//
// Seed 7 is the set the pipeline is tuned on. The other default seeds are UNSEEN sets: generated
// only to be measured, never looked at card by card (this script writes per-card details for the
// tuning seed only), so their figures say what to expect on cards nobody tuned for.
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { generateCards, type Look } from '../test/fixtures/ktp/generate';
import type { KtpTruth } from '../test/fixtures/ktp/identities';
import { decodeImage } from '../electron/services/ocr/decode-image';
import { createNodeOcrEngine } from '../electron/services/ocr/node-engine';
import { readKtp, readKtpBaseline, type KtpScan } from '../shared/ktp/pipeline';
import type { RgbaImage } from '../shared/ktp/image';
import { KTP_FIELDS } from '../shared/ktp/vocabulary';
import { levenshtein } from '../shared/ktp/text';
import { calibrate, emptyCalibration, type Calibration } from './bench-ocr-calibration';

const TUNING_SEEDS = new Set([7]);
const { values } = parseArgs({ options: {
  count: { type: 'string', default: '100' },
  /** Comma-separated seeds; a seed suffixed ":classic" uses the earlier, single-look generator. */
  sets: { type: 'string', default: '7,7:classic,4242,5151,6464,8383,9797' },
  'skip-baseline': { type: 'boolean', default: false },
} });
const root = resolve(import.meta.dirname, '..');
const count = Number(values.count);
const sets = (values.sets ?? '').split(',').filter(Boolean).map((s) => {
  const [seed = '', look = 'varied'] = s.split(':');
  return { seed: Number(seed), look: look as Look, name: `${seed}${look === 'varied' ? '' : `-${look}`}` };
});

interface Card { readonly image: string; readonly truth: KtpTruth; readonly meta: unknown }

async function cardsOf(seed: number, look: Look): Promise<Card[]> {
  const dir = join(root, 'bench', 'fixtures', `ktp-seed${seed}-${look}-n${count}`);
  if (!existsSync(dir) || readdirSync(dir).filter((f) => /\.(jpg|png)$/.test(f)).length < count) {
    console.log(`generating ${count} cards (seed ${seed}, ${look}) in ${dir}…`);
    await generateCards(dir, count, seed, false, {}, { look });
  }
  return readdirSync(dir).filter((f) => /\.(jpg|png)$/.test(f)).sort().slice(0, count).map((f) => {
    const meta = JSON.parse(readFileSync(join(dir, f.replace(/\.(jpg|png)$/, '.json')), 'utf8')) as { truth: KtpTruth };
    return { image: join(dir, f), truth: meta.truth, meta };
  });
}

interface Tally { exact: number; chars: number; charTotal: number }
const percentile = (xs: number[], p: number): number => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor(s.length * p))] ?? NaN;
};
const round = (x: number, digits = 1): number => Math.round(x * 10 ** digits) / 10 ** digits;

/**
 * One way of reading (the pipeline or the baseline) with its own engine, and what it scored.
 * The two read the same cards in turn (see measure), so a slower hour of this shared machine
 * falls on both alike rather than on whichever ran then.
 */
async function reader(read: typeof readKtp, details: boolean) {
  // The baseline is plain tesseract.js: its default (best, integerised) model, no preprocessing.
  const engine = await createNodeOcrEngine({ fastBlock: read !== readKtpBaseline });
  const tallies = Object.fromEntries(KTP_FIELDS.map((f) => [f, { exact: 0, chars: 0, charTotal: 0 }])) as Record<string, Tally>;
  const latencies: number[] = [];
  const stages: Record<string, number[]> = {};
  const calibration: Calibration = emptyCalibration();
  const perCard: unknown[] = [];
  let allRight = 0;
  let coldStartMs = 0;
  let cards = 0;
  return {
    /** The warm reads' times, in the order of the cards. */
    latencies: latencies as readonly number[],
    /** Reads untimed and unscored (see WARM_UP_READS). */
    warmUp: (image: RgbaImage) => read(image, engine, () => performance.now()),
    async score(card: Card, image: RgbaImage, first: boolean): Promise<void> {
      const start = performance.now();
      const scan: KtpScan = await read(image, engine, () => performance.now());
      const ms = performance.now() - start;
      cards++;
      // The first card's read pays for the workers' first run: with the engine's start, the cold start.
      if (first) coldStartMs = engine.initMs + ms;
      else {
        latencies.push(ms);
        for (const [stage, t] of Object.entries(scan.timingsMs)) (stages[stage] ??= []).push(t);
      }
      let right = 0;
      for (const f of KTP_FIELDS) {
        const truth = card.truth[f];
        const got = scan.fields[f]?.value ?? '';
        const t = tallies[f] as Tally;
        if (got === truth) { t.exact++; right++; }
        t.chars += Math.max(0, truth.length - levenshtein(got, truth));
        t.charTotal += truth.length;
      }
      if (right === KTP_FIELDS.length) allRight++;
      const verdicts = calibrate(calibration, scan.fields, card.truth);
      if (details) {
        perCard.push({
          image: card.image, meta: card.meta, prefill: verdicts, timingsMs: scan.timingsMs,
          wrong: KTP_FIELDS.filter((f) => (scan.fields[f]?.value ?? '') !== card.truth[f])
            .map((f) => ({ field: f, truth: card.truth[f], got: scan.fields[f] ?? null })),
        });
      }
    },
    async finish() {
      await engine.terminate();
      const fields = Object.fromEntries(KTP_FIELDS.map((f) => {
        const t = tallies[f] as Tally;
        return [f, { exactPct: round((100 * t.exact) / cards), charAccuracyPct: round((100 * t.chars) / Math.max(1, t.charTotal)) }];
      }));
      const meanExactPct = round(KTP_FIELDS.reduce((s, f) => s + (tallies[f]?.exact ?? 0), 0) / (KTP_FIELDS.length * cards) * 100);
      return {
        fields,
        meanExactPct,
        allFieldsRightPct: round((100 * allRight) / cards),
        calibration: summarise(calibration),
        latencyMs: { warmP50: round(percentile(latencies, 0.5), 0), warmP95: round(percentile(latencies, 0.95), 0), coldStart: round(coldStartMs, 0), engineInit: round(engine.initMs, 0) },
        /** Median of each stage the pipeline times (where the warm latency goes). */
        stageP50Ms: Object.fromEntries(Object.entries(stages).map(([stage, ts]) => [stage, round(percentile(ts, 0.5), 0)])),
        perCard,
      };
    },
  };
}

/**
 * Before the first set is timed, its first card is read this many times by each reader: this
 * process's own code (locating, straightening, parsing) runs slower for its first few dozen
 * cards while V8 compiles it (the tuning seed's first third read ~12 % slower than the rest), and
 * a kiosk reads for days after its start.
 */
const WARM_UP_READS = 10;

/**
 * The set read by the pipeline and (unless skipped) the baseline, card by card in turn.
 * Every card is decoded before the first is read (~5 MB each, ~0.5 GB for a set of 100): the
 * JPEG decoder is JavaScript, test-only (a kiosk's frames come from the camera), and decoding a
 * card between reads left V8's compiler and collector threads busy during the next reads,
 * contending with tesseract's workers for the two cores: on 40 cards of the tuning seed, V8's
 * optimising compiles took ~86 ms of its threads a card with each card decoded just before its
 * read (the decoder's own, and the pipeline's again after the decoder's garbage was collected),
 * ~21 ms with all decoded first, and the pipeline's median went from 236 to 212 ms.
 */
async function measure(name: string, cards: readonly Card[], details: boolean, warmUp: boolean) {
  const decoded = cards.map((card) => ({ card, image: decodeImage(card.image) }));
  const pipeline = await reader(readKtp, details);
  const baseline = values['skip-baseline'] ? null : await reader(readKtpBaseline, false);
  const [first] = decoded;
  if (warmUp && first) {
    for (let i = 0; i < WARM_UP_READS; i++) { await pipeline.warmUp(first.image); await baseline?.warmUp(first.image); }
  }
  for (const [i, { card, image }] of decoded.entries()) {
    // Which reads first alternates: neither always follows the other's garbage or cache.
    const order = i % 2 === 0 || !baseline ? [pipeline, baseline] : [baseline, pipeline];
    for (const r of order) await r?.score(card, image, i === 0);
    if ((i + 1) % 10 === 0) process.stderr.write(`${name}: ${i + 1}/${cards.length}\n`);
  }
  // Each card's pipeline time over its baseline time, read minutes apart at most: the median is
  // less moved by the machine's slower spells than the ratio of the two medians (the target's).
  const ratios = baseline ? pipeline.latencies.map((ms, i) => ms / (baseline.latencies[i] ?? NaN)) : [];
  const perCardRatioP50 = baseline ? round(percentile(ratios, 0.5), 2) : null;
  return { pipeline: await pipeline.finish(), baseline: baseline ? await baseline.finish() : null, perCardRatioP50 };
}

function summarise(c: Calibration) {
  const pct = (n: number, d: number): number => round((100 * n) / Math.max(1, d));
  return {
    prefilled: c.prefilled,
    /** Prefilled, wrong, and not highlighted for the applicant to confirm (target 0). */
    wrongNotFlaggedPct: pct(c.wrongNotFlagged, c.prefilled),
    wrongNotFlagged: c.wrongNotFlagged,
    /** Prefilled, right, but highlighted anyway (target ≤ 5 %). */
    rightButFlaggedPct: pct(c.rightButFlagged, c.right),
    wrongFlagged: c.wrongFlagged,
    notPrefilled: c.notPrefilled,
    byField: c.byField,
  };
}

const results = [];
for (const set of sets) {
  const cards = await cardsOf(set.seed, set.look);
  const details = TUNING_SEEDS.has(set.seed);
  const { pipeline, baseline, perCardRatioP50 } = await measure(set.name, cards, details, results.length === 0);
  results.push({ set: set.name, seed: set.seed, look: set.look, unseen: !TUNING_SEEDS.has(set.seed), cards: cards.length, pipeline, baseline, perCardRatioP50 });
  if (details) {
    mkdirSync(join(root, 'bench', 'results'), { recursive: true });
    writeFileSync(join(root, 'bench', 'results', `ocr-cards-${set.name}.json`), JSON.stringify(pipeline.perCard, null, 1));
  }
}

const result = {
  date: new Date().toISOString(),
  machine: { cpus: cpus().length, model: cpus()[0]?.model ?? 'unknown', node: process.version },
  /** How the latencies were taken (see measure and WARM_UP_READS). */
  timing: { pipelineAndBaselineInTurn: !values['skip-baseline'], warmUpReads: WARM_UP_READS },
  sets: results.map((r) => ({ ...r, pipeline: { ...r.pipeline, perCard: undefined }, baseline: r.baseline ? { ...r.baseline, perCard: undefined } : null })),
  targets: {
    unseen: { nikExactPct: 99.5, namaExactPct: 98, tempatLahirExactPct: 99, tanggalLahirExactPct: 99, jenisKelaminExactPct: 99, meanExactPct: 97 },
    calibration: { wrongNotFlaggedPct: 0, rightButFlaggedPctMax: 5 },
    warmP50VsBaselineMax: 0.5,
  },
};
mkdirSync(join(root, 'bench', 'results'), { recursive: true });
writeFileSync(join(root, 'bench', 'results', 'ocr.json'), JSON.stringify(result, null, 2));

const head = results.map((r) => `${r.set}${r.unseen ? ' (unseen)' : ''}`);
console.log(`\nKTP OCR benchmark: ${count} cards per set, ${result.machine.cpus} cores. Exact % pipeline (baseline)\n`);
console.log(`| field | ${head.join(' | ')} |`);
console.log(`|---|${head.map(() => '---|').join('')}`);
const cell = (p: number | undefined, b: number | undefined): string => `${p ?? '–'}${b === undefined ? '' : ` (${b})`}`;
for (const f of KTP_FIELDS) console.log(`| ${f} | ${results.map((r) => cell(r.pipeline.fields[f]?.exactPct, r.baseline?.fields[f]?.exactPct)).join(' | ')} |`);
console.log(`| mean of 17 | ${results.map((r) => cell(r.pipeline.meanExactPct, r.baseline?.meanExactPct)).join(' | ')} |`);
console.log(`| all 17 right | ${results.map((r) => cell(r.pipeline.allFieldsRightPct, r.baseline?.allFieldsRightPct)).join(' | ')} |`);
console.log(`| prefilled wrong, not flagged % | ${results.map((r) => `${r.pipeline.calibration.wrongNotFlaggedPct} (${r.pipeline.calibration.wrongNotFlagged} of ${r.pipeline.calibration.prefilled})`).join(' | ')} |`);
console.log(`| prefilled right, flagged % | ${results.map((r) => `${r.pipeline.calibration.rightButFlaggedPct}`).join(' | ')} |`);
console.log(`| warm p50 ms | ${results.map((r) => `${r.pipeline.latencyMs.warmP50}${r.baseline ? ` (${r.baseline.latencyMs.warmP50}) = ${round(r.pipeline.latencyMs.warmP50 / r.baseline.latencyMs.warmP50, 2)}×` : ''}`).join(' | ')} |`);
console.log(`| per card, pipeline ÷ baseline, median | ${results.map((r) => `${r.perCardRatioP50 ?? '–'}×`).join(' | ')} |`);
console.log(`| warm p95 ms | ${results.map((r) => cell(r.pipeline.latencyMs.warmP95, r.baseline?.latencyMs.warmP95)).join(' | ')} |`);
for (const r of results) console.log(`\n${r.set}: pipeline stages, median ms: ${Object.entries(r.pipeline.stageP50Ms).map(([k, v]) => `${k} ${v}`).join(', ')}`);
console.log('\nwritten to bench/results/ocr.json');
