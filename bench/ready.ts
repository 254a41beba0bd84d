/**
 * Time to a usable self help (issue 14), reported beside the bundle sizes: in headless Chromium
 * with a 4x CPU slowdown (DevTools' `Emulation.setCPUThrottlingRate`; the network unthrottled,
 * on loopback), from the moment the entry script has arrived (its resource timing's
 * `responseEnd`) to the first frame in which the search box's input is in the page and enabled
 * and the first path list shows an item. The demo page (`self-help.js`) and the elements page
 * (`nexus-connect.js`), each loaded 7 times in a fresh page.
 *
 * Run alone: `node --import tsx bench/ready.ts` (after `node scripts/build.mjs cdn`).
 */
import { chromium } from 'playwright-core';
import { chromiumArgs, findChromium } from '../scripts/chromium.mjs';
import { startDemoFixture } from '../scripts/fixture.mjs';

const RUNS = 7;

/** Watches every frame from the start; `window.__ready` is the time (ms since navigation) of the first usable one. */
const WATCH = `(() => {
  const deep = (root, selector) => {
    const found = root.querySelector(selector);
    if (found) return found;
    for (const el of root.querySelectorAll('*')) if (el.shadowRoot) { const inner = deep(el.shadowRoot, selector); if (inner) return inner; }
    return null;
  };
  const check = () => {
    const input = deep(document, 'nexus-search [part="input"]') || deep(document, '[part="input"]');
    const item = deep(document, 'nexus-path-list [part="item"]') || deep(document, '[part="item"]');
    if (input && !input.disabled && item) window.__ready = performance.now();
    else requestAnimationFrame(check);
  };
  requestAnimationFrame(check);
})()`;

export interface ReadyFigures {
  page: string;
  script: string;
  /** Script arrived to usable, ms: median and slowest of the runs. */
  median: number;
  max: number;
}

export async function readyBenchmark(): Promise<ReadyFigures[]> {
  const fixture = await startDemoFixture();
  const browser = await chromium.launch({ executablePath: findChromium(), args: chromiumArgs });
  try {
    const out: ReadyFigures[] = [];
    for (const [page, script] of [
      ['/demo/', 'self-help.js'],
      ['/demo/elements.html', 'nexus-connect.js'],
    ]) {
      const times: number[] = [];
      for (let i = 0; i < RUNS; i++) {
        const context = await browser.newContext({ viewport: { width: 412, height: 823 } });
        const tab = await context.newPage();
        const cdp = await context.newCDPSession(tab);
        await cdp.send('Emulation.setCPUThrottlingRate', { rate: 4 });
        await tab.addInitScript(WATCH);
        await tab.goto(`${fixture.url}${page}`);
        await tab.waitForFunction('window.__ready !== undefined', undefined, { timeout: 60_000 });
        const arrived = (await tab.evaluate(`performance.getEntriesByType('resource').find((e) => e.name.endsWith('/sdk/${script}'))?.responseEnd`)) as number | undefined;
        if (arrived === undefined) throw new Error(`${page} did not load /sdk/${script}`);
        times.push(((await tab.evaluate('window.__ready')) as number) - arrived);
        await context.close();
      }
      times.sort((a, b) => a - b);
      out.push({ page, script, median: times[Math.floor(times.length / 2)], max: times[times.length - 1] });
    }
    return out;
  } finally {
    await browser.close();
    await fixture.stop();
  }
}

export function printReady(figures: ReadyFigures[]) {
  console.log(`\nScript arrived to a usable self help (search box and first list), Chromium with a 4x CPU slowdown, ${RUNS} loads each`);
  for (const f of figures) console.log(`  ${f.page.padEnd(22)} ${f.script.padEnd(18)} median ${Math.round(f.median)} ms   slowest ${Math.round(f.max)} ms`);
}

if (import.meta.url === `file://${process.argv[1]}`) printReady(await readyBenchmark());
