// `npm run bench:hash`: what the applicant's secret hashing (shared/account/secret-hash.ts: scrypt in
// pure JavaScript, @noble/hashes, r = 8, p = 1) costs in real Chromium — the browser the e2e tests
// drive (system Chromium, same flags). The hashing module is bundled with esbuild into a blank page,
// so the figure is the hash alone, on the page's main thread as the Account step runs it.
//
// - per hash: median wall time of hashSecret at the shipped cost (SCRYPT_PARAMS) and, as the baseline
//   in the same run, at the previous cost (ln = 16), interleaved, `--runs` (5) each.
// - longest task and frame gap while hashing: how long the page cannot answer a touch or paint the
//   progress bar (scryptAsync yields every 20 ms). Long tasks are those over 50 ms (0: none).
// - account step: three hashes (password and two security answers), the most the step computes.
// Prints and writes bench/results/hash.json.
import { chromium } from '@playwright/test';
import { build } from 'esbuild';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { SCRYPT_PARAMS } from '../shared/account/secret-hash';
import { launchOptions } from '../test/support/chromium';

const { values } = parseArgs({ options: { runs: { type: 'string', default: '5' } } });
const runs = Number(values.runs);
if (!Number.isInteger(runs) || runs < 1 || runs > 50) {
  console.error(`--runs must be a whole number from 1 to 50, not "${values.runs}"`);
  process.exit(2);
}
const root = resolve(import.meta.dirname, '..');
const BASELINE_LN = 16;
const median = (xs: readonly number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? (s[mid] as number) : ((s[mid - 1] as number) + (s[mid] as number)) / 2;
};

// The page gets `benchHash(ln)`: one hash timed, with the longest gap between timer ticks meanwhile.
const bundle = await build({
  stdin: {
    contents: `import { hashSecret } from './shared/account/secret-hash';
      globalThis.benchHash = async (ln) => {
        let longTask = 0, frameGap = 0, frames = 0, last = performance.now(), running = true;
        const observer = new PerformanceObserver((list) => { for (const e of list.getEntries()) longTask = Math.max(longTask, e.duration); });
        observer.observe({ type: 'longtask' });
        const frame = (t) => { frames += 1; frameGap = Math.max(frameGap, t - last); last = t; if (running) requestAnimationFrame(frame); };
        requestAnimationFrame(frame);
        const t0 = performance.now();
        const hash = await hashSecret('Kiosk#Aman2026', { ln, r: 8, p: 1 });
        const ms = performance.now() - t0;
        running = false;
        await new Promise((r) => setTimeout(r, 100)); // long-task entries arrive after their task
        observer.disconnect();
        return { ms, longestTaskMs: longTask, longestFrameGapMs: frameGap, framesPerSecond: (1000 * frames) / ms, hash };
      };`,
    resolveDir: root, loader: 'ts',
  },
  bundle: true, format: 'iife', platform: 'browser', target: 'es2022', write: false, minify: true,
});
const script = bundle.outputFiles[0]?.text ?? '';

interface Run { readonly ms: number; readonly longestTaskMs: number; readonly longestFrameGapMs: number; readonly framesPerSecond: number; readonly hash: string }
const browser = await chromium.launch(launchOptions());
const measured: Record<number, Run[]> = { [BASELINE_LN]: [], [SCRYPT_PARAMS.ln]: [] };
const version = browser.version();
try {
  const page = await browser.newPage();
  await page.setContent('<!doctype html><title>bench:hash</title>');
  await page.addScriptTag({ content: script });
  await page.evaluate(() => (globalThis as unknown as { benchHash: (ln: number) => Promise<Run> }).benchHash(10)); // warm-up (JIT)
  for (let i = 0; i < runs; i++) {
    for (const ln of [BASELINE_LN, SCRYPT_PARAMS.ln]) {
      const run = await page.evaluate((n) => (globalThis as unknown as { benchHash: (ln: number) => Promise<Run> }).benchHash(n), ln);
      if (!run.hash.startsWith(`$scrypt$ln=${ln},r=8,p=1$`)) throw new Error(`unexpected hash ${run.hash}`);
      measured[ln]?.push(run);
    }
  }
} finally {
  await browser.close();
}

const figures = (ln: number) => {
  const rs = measured[ln] ?? [];
  const perHashMs = Math.round(median(rs.map((r) => r.ms)));
  return { ln, r: 8, p: 1, memoryMiB: (128 * 2 ** ln * 8) / 2 ** 20, perHashMs, accountStepMs: 3 * perHashMs, longestTaskMs: Math.round(Math.max(...rs.map((r) => r.longestTaskMs))),
    longestFrameGapMs: Math.round(Math.max(...rs.map((r) => r.longestFrameGapMs))), framesPerSecond: Math.round(median(rs.map((r) => r.framesPerSecond))) };
};
const shipped = figures(SCRYPT_PARAMS.ln);
const baseline = figures(BASELINE_LN);
const result = { date: new Date().toISOString(), chromium: version, runs, shipped, baseline, ratio: Math.round((shipped.perHashMs / baseline.perHashMs) * 100) / 100 };
mkdirSync(join(root, 'bench', 'results'), { recursive: true });
writeFileSync(join(root, 'bench', 'results', 'hash.json'), JSON.stringify(result, null, 2));
console.log(`secret hashing in Chromium ${version} (scrypt, @noble/hashes, r=8 p=1), median of ${runs}:`);
for (const f of [shipped, baseline]) {
  console.log(`  ln=${f.ln}${f === shipped ? ' (shipped)' : ' (baseline, previous)'}: ${f.perHashMs} ms per hash, ${f.memoryMiB} MiB; `
    + `account step with two security answers ${f.accountStepMs} ms; longest task ${f.longestTaskMs} ms (0: none over 50 ms), ${f.framesPerSecond} frames/s while hashing, longest gap between frames ${f.longestFrameGapMs} ms`);
}
console.log(`  ln=${SCRYPT_PARAMS.ln} costs ${result.ratio}× ln=${BASELINE_LN}`);
console.log('written to bench/results/hash.json');
