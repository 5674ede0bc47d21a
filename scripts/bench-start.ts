// `npm run bench:start`: how long the kiosk takes from start to a usable Welcome screen, median of
// `--runs` (5) fresh starts, each with its own data directory and a fresh browser context (no
// HTTP cache). Chromium is the one the e2e tests drive (system Chromium, same flags), launched once.
//
// - host-ready: spawn of the browser host (`node --import tsx electron/host/main.ts --test`) until
//   it prints its URL and a GET of that URL answers 200.
// - page-interactive: from the page's navigation start (performance.timeOrigin of the document)
//   until the page has answered a real click on Welcome's primary button, "Mulai Pendaftaran":
//   Playwright clicks it (CDP input, through the browser's input pipeline, so a main thread busy
//   parsing or compiling delays it) as soon as it is visible, and the moment the page shows the
//   click's answer — consent is not yet given, so the consent error appears — is read from a
//   MutationObserver in the page. Includes Playwright's poll for visibility (≤ one frame).
//   first-paint (the page's first contentful paint, usually the "Menyiapkan kiosk…" line) is printed
//   beside it.
// - total: spawn of the host until that answer (wall clock; page and bench share the system clock).
//
// Baseline in the same run: the floor this machine, this Chromium and this HTTP server reach —
// a bare page (one module script that draws the same button and answers a click the same way),
// served by the host's own HTTP server code with the same CSP, measured the same way, interleaved
// with the kiosk's runs. The kiosk's figure minus the floor is what the renderer itself costs.
// Needs a build (`npm run build`). Prints and writes bench/results/start.json.
import { chromium, type Browser } from '@playwright/test';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import type { Handlers } from '../shared/contract';
import { startHostServer } from '../electron/host/server';
import { launchOptions } from '../test/support/chromium';
import { endProcess, spawnUntilReady } from '../test/support/processes';

const { values } = parseArgs({ options: { runs: { type: 'string', default: '5' } } });
const runs = Number(values.runs);
if (!Number.isInteger(runs) || runs < 1 || runs > 50) {
  console.error(`--runs must be a whole number from 1 to 50, not "${values.runs}"`);
  process.exit(2);
}
const BUTTON = 'Mulai Pendaftaran';
const base = mkdtempSync(join(tmpdir(), 'kiosk-bench-start-'));
const round = (n: number): number => Math.round(n);
const median = (xs: readonly number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? (s[mid] as number) : ((s[mid - 1] as number) + (s[mid] as number)) / 2;
};

interface PageFigures { readonly interactiveMs: number; readonly firstPaintMs: number; readonly answeredAtEpochMs: number }

/**
 * A fresh context (no cache) whose page, once given a URL, clicks the primary button as soon as it
 * shows and times the answer. Made before the host starts, so that opening a browser tab is not
 * counted as the kiosk's start (the kiosk's window opens with the host).
 */
async function freshPage(browser: Browser) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 1000 }, locale: 'id-ID' });
  const page = await context.newPage();
  await page.addInitScript(() => {
    const observer = new MutationObserver(() => {
      if (!document.getElementById('consent-error')) return;
      (window as unknown as { answeredAt: number }).answeredAt = performance.now();
      observer.disconnect();
    });
    observer.observe(document, { childList: true, subtree: true });
  });
  const time = async (url: string): Promise<PageFigures> => {
    await page.goto(url, { waitUntil: 'commit' });
    const button = page.getByRole('button', { name: BUTTON });
    await button.waitFor({ state: 'visible', timeout: 30_000 });
    // No actionability wait: the click goes in at once and the page answers when it can.
    await button.click({ force: true });
    await page.locator('#consent-error').waitFor({ state: 'attached', timeout: 30_000 });
    const figures = await page.evaluate(() => ({
      answeredAt: (window as unknown as { answeredAt: number }).answeredAt,
      origin: performance.timeOrigin,
      paint: performance.getEntriesByName('first-contentful-paint')[0]?.startTime ?? NaN,
    }));
    return { interactiveMs: figures.answeredAt, firstPaintMs: figures.paint, answeredAtEpochMs: figures.origin + figures.answeredAt };
  };
  return { time, close: () => context.close() };
}

/** One cold start of the kiosk: a new host process on a new data directory, then the page. */
async function kioskRun(browser: Browser, i: number) {
  const dataDir = join(base, `kiosk-${i}`);
  const page = await freshPage(browser);
  const spawnedAt = performance.timeOrigin + performance.now();
  const host = await spawnUntilReady(['electron/host/main.ts', '--test', '--data-dir', dataDir], 'KIOSK_HOST_READY', 'host');
  try {
    const answer = await fetch(host.url);
    if (answer.status !== 200) throw new Error(`host answered ${answer.status}`);
    await answer.arrayBuffer();
    const hostReadyMs = performance.timeOrigin + performance.now() - spawnedAt;
    const figures = await page.time(host.url);
    return { hostReadyMs, ...figures, totalMs: figures.answeredAtEpochMs - spawnedAt };
  } finally {
    await page.close();
    await endProcess(host.child, 'SIGTERM');
  }
}

const FLOOR_HTML = `<!doctype html>
<html lang="id"><head><meta charset="utf-8"><title>floor</title><script type="module" src="./floor.js"></script></head>
<body><main id="root"></main></body></html>
`;
const FLOOR_JS = `const button = document.createElement('button');
button.type = 'button';
button.textContent = ${JSON.stringify(BUTTON)};
button.addEventListener('click', () => {
  const error = document.createElement('p');
  error.id = 'consent-error';
  error.textContent = 'consent required';
  document.getElementById('root').append(error);
});
document.getElementById('root').append(button);
`;

/** The same measurement on the bare page, served by the host's HTTP server (same headers, same CSP). */
async function floorRun(browser: Browser, rendererDir: string) {
  // The bare page calls no channel: the contract is never reached.
  const page = await freshPage(browser);
  const server = await startHostServer({ handlers: {} as Handlers, operatorSessionLive: () => false }, { rendererDir });
  try {
    return await page.time(server.url);
  } finally {
    await page.close();
    await server.close();
  }
}

const floorDir = join(base, 'floor');
mkdirSync(floorDir);
writeFileSync(join(floorDir, 'index.html'), FLOOR_HTML);
writeFileSync(join(floorDir, 'floor.js'), FLOOR_JS);

const browser = await chromium.launch(launchOptions());
const kiosk: Awaited<ReturnType<typeof kioskRun>>[] = [];
const floor: PageFigures[] = [];
try {
  // A first start warms the OS file cache and tsx's compile cache, as any start after the first would.
  await kioskRun(browser, -1);
  for (let i = 0; i < runs; i++) {
    kiosk.push(await kioskRun(browser, i));
    floor.push(await floorRun(browser, floorDir));
    process.stderr.write(`run ${i + 1}/${runs}\n`);
  }
} finally {
  await browser.close();
  rmSync(base, { recursive: true, force: true });
}

const medianOf = <T>(xs: readonly T[], key: keyof T): number => round(median(xs.map((x) => x[key] as number)));
const result = {
  date: new Date().toISOString(), runs,
  kiosk: {
    hostReadyMs: medianOf(kiosk, 'hostReadyMs'),
    firstPaintMs: medianOf(kiosk, 'firstPaintMs'),
    pageInteractiveMs: medianOf(kiosk, 'interactiveMs'),
    totalMs: medianOf(kiosk, 'totalMs'),
  },
  baseline: { firstPaintMs: medianOf(floor, 'firstPaintMs'), pageInteractiveMs: medianOf(floor, 'interactiveMs') },
  samples: {
    hostReadyMs: kiosk.map((k) => round(k.hostReadyMs)),
    pageInteractiveMs: kiosk.map((k) => round(k.interactiveMs)),
    totalMs: kiosk.map((k) => round(k.totalMs)),
    baselinePageInteractiveMs: floor.map((f) => round(f.interactiveMs)),
  },
};
console.log(`start benchmark: median of ${runs} cold starts (fresh host process, data directory and browser context)`);
console.log(`  host ready in ${result.kiosk.hostReadyMs} ms (spawn until it answers on 127.0.0.1)`);
console.log(`  Welcome interactive ${result.kiosk.pageInteractiveMs} ms after navigation start (first paint at ${result.kiosk.firstPaintMs} ms)`);
console.log(`  total, spawn to a Welcome that answers a click: ${result.kiosk.totalMs} ms`);
console.log(`  baseline, a bare page with the same button on the same server (same run): interactive ${result.baseline.pageInteractiveMs} ms — the renderer adds ${result.kiosk.pageInteractiveMs - result.baseline.pageInteractiveMs} ms`);
const out = resolve(import.meta.dirname, '..', 'bench', 'results');
mkdirSync(out, { recursive: true });
writeFileSync(join(out, 'start.json'), JSON.stringify(result, null, 2) + '\n');
console.log('written to bench/results/start.json');
