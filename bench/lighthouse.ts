/**
 * What our elements do to the host page (issue 14): Lighthouse's mobile defaults (simulated slow
 * 4G and a 4x CPU slowdown) in headless Chromium, against the demo pages and the iframe embed as
 * the reference server serves them (the test fixture: the built `dist/cdn` bundles and `demo/`,
 * on a temporary SQLite database with the demo content). Prints, for each page and run: the
 * performance score, cumulative layout shift, total blocking time, largest contentful paint, and
 * the long tasks (over 50 ms) Lighthouse puts down to our files. Then, because Lighthouse 12's
 * own attribution of shifts fails on this Chromium (its RootCauses gatherer), each page once in
 * Chromium without throttling, with the layout shifts the page itself observed (`layout-shift`
 * entries without recent input) summed per element that moved, for where to look.
 *
 * Run alone: `node --import tsx bench/lighthouse.ts` (after `node scripts/build.mjs cdn`);
 * `NEXUS_BENCH_LIGHTHOUSE_RUNS=<n>` runs each page n times (default 3).
 * Targets (issue 14): CLS <= 0.05, TBT <= 150 ms, no long task over 50 ms from our scripts,
 * performance >= 90.
 */
import * as chromeLauncher from 'chrome-launcher';
import lighthouse from 'lighthouse';
import { chromium } from 'playwright-core';
import { chromiumArgs, findChromium } from '../scripts/chromium.mjs';
import { startDemoFixture } from '../scripts/fixture.mjs';

export interface PageFigures {
  page: string;
  runs: { score: number; cls: number; tbt: number; lcp: number; longTasks: { url: string; ms: number }[] }[];
  /** Unthrottled: the shifts the page observed in its first 5 s, per element that moved (largest first). */
  shifts: { total: number; sources: { node: string; score: number }[] };
}

/** Observes layout shifts from the first paint on; `window.__shifts` sums them per moved element. */
const OBSERVE_SHIFTS = `(() => {
  const sums = (window.__shifts = { total: 0, sources: {} });
  const name = (node) => {
    if (!node || node.nodeType !== 1) return node ? '#text' : '(gone)';
    const host = node.getRootNode() instanceof ShadowRoot ? node.getRootNode().host.localName + ' >>> ' : '';
    const part = node.getAttribute('part');
    return host + node.localName + (node.id ? '#' + node.id : '') + (part ? '[part="' + part + '"]' : node.className && typeof node.className === 'string' ? '.' + node.className.trim().split(/\\s+/).join('.') : '');
  };
  new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) {
      if (entry.hadRecentInput) continue;
      sums.total += entry.value;
      const moved = entry.sources.length ? entry.sources : [{ node: null }];
      for (const source of moved) sums.sources[name(source.node)] = (sums.sources[name(source.node)] || 0) + entry.value / moved.length;
    }
  }).observe({ type: 'layout-shift', buffered: true });
})()`;

async function observedShifts(urls: string[]): Promise<PageFigures['shifts'][]> {
  const browser = await chromium.launch({ executablePath: findChromium(), args: chromiumArgs });
  try {
    const out: PageFigures['shifts'][] = [];
    for (const url of urls) {
      const page = await browser.newPage({ viewport: { width: 412, height: 823 } });
      await page.addInitScript(OBSERVE_SHIFTS);
      await page.goto(url, { waitUntil: 'load' });
      await page.waitForTimeout(5000);
      const sums = (await page.evaluate('window.__shifts')) as { total: number; sources: Record<string, number> };
      out.push({ total: sums.total, sources: Object.entries(sums.sources).map(([node, score]) => ({ node, score })).sort((a, b) => b.score - a.score) });
      await page.close();
    }
    return out;
  } finally {
    await browser.close();
  }
}

interface Audit {
  numericValue?: number;
  details?: { items?: Record<string, unknown>[] };
}

/** Our files: the bundles the server serves under /sdk/ and the embed page. */
const ours = (url: string) => /\/sdk\/|\/embed(\?|$)/.test(url);

/** The pages measured, from the fixture's URL and the demo tenant's token. */
const pages = (url: string, token: string): [string, string][] => [
  ['/demo/ (self help + live help)', `${url}/demo/`],
  ['/demo/elements.html', `${url}/demo/elements.html`],
  ['/demo/sdk.html (classic script)', `${url}/demo/sdk.html`],
  ['/embed?searchtype=tags', `${url}/embed?${new URLSearchParams({ jwt: token, searchtype: 'tags', searchvalue: 'LightBulb,Thermostat', displayorder: 'paths' })}`],
];

export async function lighthouseBenchmark(runs = Number(process.env.NEXUS_BENCH_LIGHTHOUSE_RUNS ?? 3)): Promise<PageFigures[]> {
  const fixture = await startDemoFixture();
  const chrome = await chromeLauncher.launch({ chromePath: findChromium(), chromeFlags: chromiumArgs });
  try {
    const figures: PageFigures[] = [];
    for (const [page, url] of pages(fixture.url, fixture.tokens.demo)) {
      const entry: PageFigures = { page, runs: [], shifts: { total: 0, sources: [] } };
      for (let i = 0; i < runs; i++) {
        const result = await lighthouse(url, { port: chrome.port, output: 'json', logLevel: 'error', onlyCategories: ['performance'] });
        if (!result) throw new Error(`Lighthouse gave no result for ${url}`);
        const { lhr } = result;
        if (lhr.runtimeError) throw new Error(`Lighthouse could not measure ${url}: ${lhr.runtimeError.message}`);
        const audit = (id: string) => lhr.audits[id] as Audit;
        const longTasks = (audit('long-tasks').details?.items ?? [])
          .map((item) => ({ url: String(item.url ?? ''), ms: Number(item.duration ?? 0) }))
          .filter((task) => ours(task.url) && task.ms > 50);
        entry.runs.push({
          score: Math.round((lhr.categories.performance.score ?? 0) * 100),
          cls: audit('cumulative-layout-shift').numericValue ?? 0,
          tbt: audit('total-blocking-time').numericValue ?? 0,
          lcp: audit('largest-contentful-paint').numericValue ?? 0,
          longTasks,
        });
      }
      figures.push(entry);
    }
    const shifts = await observedShifts(pages(fixture.url, fixture.tokens.demo).map(([, url]) => url));
    shifts.forEach((s, i) => (figures[i].shifts = s));
    return figures;
  } finally {
    chrome.kill();
    await fixture.stop();
  }
}

export function printLighthouse(figures: PageFigures[]) {
  console.log('\nLighthouse, mobile defaults (targets: performance >= 90, CLS <= 0.05, TBT <= 150 ms, no long task of ours over 50 ms)');
  for (const { page, runs, shifts } of figures) {
    console.log(`  ${page}`);
    for (const r of runs) {
      const tasks = r.longTasks.length ? r.longTasks.map((t) => `${t.url.replace(/^https?:\/\/[^/]+/, '').slice(0, 40)} ${Math.round(t.ms)} ms`).join(', ') : 'none';
      console.log(`    performance ${String(r.score).padStart(3)}   CLS ${r.cls.toFixed(3)}   TBT ${String(Math.round(r.tbt)).padStart(4)} ms   LCP ${(r.lcp / 1000).toFixed(1)} s   long tasks of ours: ${tasks}`);
    }
    const moved = shifts.sources.filter((s) => s.score >= 0.001).map((s) => `${s.node} ${s.score.toFixed(3)}`);
    console.log(`    unthrottled, observed by the page: CLS ${shifts.total.toFixed(3)}${moved.length ? `; moved: ${moved.join('; ')}` : ''}`);
  }
}

if (import.meta.url === `file://${process.argv[1]}`) printLighthouse(await lighthouseBenchmark());
