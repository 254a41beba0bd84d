/**
 * Search latency through the HTTP API: a generated corpus of 10,000 guided paths, the reference
 * server in its own process on loopback on either store (embedded SQLite, or PostgreSQL: see
 * ./engines.ts), and one client sending the queries a person produces while typing ("re", "res",
 * "rese", "reset", "reset b"...), one request at a time over a kept-alive connection.
 *
 * The corpus is topical, as support content is: each generated path takes one demo path as its
 * topic and draws 85% of its words from that path's text and 15% from all the demo text, at the
 * frequencies they have there (fixed seed, so every run searches the same corpus).
 */
import { readdir, readFile } from 'node:fs/promises';
import { cpus, loadavg } from 'node:os';
import { join } from 'node:path';
import type { CategoryInput, GuidedPath } from '../src/protocol/schemas.js';
import { issueToken } from '../server/auth.js';
import { openStore } from '../server/store/open.js';
import { benchDatabase, ENGINE_LABEL, random, spawnServe, stopEngines, type Engine } from './engines.js';

const root = join(import.meta.dirname, '..');

export interface SearchFigures {
  engine: Engine;
  paths: number;
  queries: number;
  p50: number;
  p95: number;
  p99: number;
  max: number;
  perSecond: number;
  /**
   * The one-minute load average of the machine before the benchmark starts (what else runs on it)
   * and after the timed rounds (that, plus this client and its server), and its CPUs.
   */
  load: { before: number; after: number; cpus: number };
}


interface Topic {
  /** The topic path's words, each as often as it occurs there. */
  words: string[];
  tags: string[];
  category: string;
}

/**
 * The demo content as word lists (a word drawn at random from a list follows that text's own
 * frequencies): one list per path (its topic), one for all paths, and the categories.
 */
export async function demoVocabulary(): Promise<{ words: string[]; topics: Topic[]; categories: CategoryInput[] }> {
  const dir = join(root, 'content', 'demo');
  const categories = JSON.parse(await readFile(join(dir, 'categories.json'), 'utf8')) as CategoryInput[];
  const words: string[] = [];
  const topics: Topic[] = [];
    for (const category of await readdir(join(dir, 'paths'))) {
    for (const file of await readdir(join(dir, 'paths', category))) {
      const path = JSON.parse(await readFile(join(dir, 'paths', category, file), 'utf8')) as GuidedPath;
      const text = [path.title, path.summary, ...path.steps.map((s) => `${s.title} ${s.body.replace(/<[^>]+>/g, ' ')}`)].join(' ');
      const own = text.toLowerCase().match(/[a-z]{2,}/g) ?? [];
      words.push(...own);
      topics.push({ words: own, tags: path.tags, category: path.category });
    }
  }
  return { words, topics, categories };
}

export function corpus(count: number, vocab: Awaited<ReturnType<typeof demoVocabulary>>): GuidedPath[] {
  const rnd = random(42);
  const pick = <T>(list: T[]) => list[Math.floor(rnd() * list.length)];
  return Array.from({ length: count }, (_, i) => {
    const topic = pick(vocab.topics);
    const word = () => (rnd() < 0.85 ? pick(topic.words) : pick(vocab.words));
    const sentence = (n: number) => Array.from({ length: n }, word).join(' ');
    const steps = Array.from({ length: 3 + Math.floor(rnd() * 5) }, (_, s) => ({
      id: `s${s + 1}`,
      title: sentence(4),
      body: `<p>${sentence(30)}</p><ul><li>${sentence(10)}</li><li>${sentence(10)}</li></ul>`,
    }));
    const title = sentence(5 + Math.floor(rnd() * 4));
    return {
      id: `path-${i}`,
      title: title.charAt(0).toUpperCase() + title.slice(1),
      summary: sentence(20),
      category: topic.category,
      tags: topic.tags,
      helpIds: [`help-${i}`],
      audience: 'consumer' as const,
      steps,
    };
  });
}

/** Everything a person types on the way to each phrase, from two letters on. */
function typing(phrases: string[]): string[] {
  return phrases.flatMap((phrase) => Array.from({ length: phrase.length - 1 }, (_, i) => phrase.slice(0, i + 2)).filter((q) => !q.endsWith(' ')));
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

export async function searchBenchmark(count = 10_000, engine: Engine = 'sqlite'): Promise<SearchFigures> {
  const loadBefore = loadavg()[0];
  const database = await benchDatabase(engine);
  try {
    const vocab = await demoVocabulary();
    const store = await openStore(database.target);
    let jwt: string;
    try {
      await store.migrate();
      await store.createTenant('bench', 'Bench');
      const started = performance.now();
      await store.importContent('bench', { categories: vocab.categories, paths: corpus(count, vocab) }, { replace: true });
      console.log(`  ${ENGINE_LABEL[engine]}: imported ${count} generated paths in ${((performance.now() - started) / 1000).toFixed(1)} s`);
      jwt = (await issueToken(store, { tenantId: 'bench', name: 'bench', version: '1' })).jwt;
    } finally {
      await store.close();
    }

    // One client asks as fast as it can: no rate limit, so the figures are the search's own.
    const server = await spawnServe(database.target, ['--rate-limit', 'off']);
    const url = server.url;
    try {
      const phrases = ['reset bulb', 'thermostat battery', 'camera offline', 'hub wifi network', 'plug not responding', 'door lock jammed', 'firmware update', 'motion alerts', 'schedule heating', 'password account'];
      const queries = typing(phrases);
      const headers = { authorization: `Bearer ${jwt}` };
      const ask = async (q: string) => {
        const response = await fetch(`${url}/v1/search?q=${encodeURIComponent(q)}&limit=8`, { headers });
        if (!response.ok) throw new Error(`search "${q}" answered ${response.status}`);
        await response.json();
      };
      for (const q of queries) await ask(q); // warm-up: JIT, page cache, connection
      const times: number[] = [];
      const rounds = 10;
      const begin = performance.now();
      for (let r = 0; r < rounds; r++) {
        for (const q of queries) {
          const t = performance.now();
          await ask(q);
          times.push(performance.now() - t);
        }
      }
      const seconds = (performance.now() - begin) / 1000;
      times.sort((a, b) => a - b);
      return {
        engine,
        paths: count,
        queries: times.length,
        p50: percentile(times, 50),
        p95: percentile(times, 95),
        p99: percentile(times, 99),
        max: times.at(-1)!,
        perSecond: times.length / seconds,
        load: { before: loadBefore, after: loadavg()[0], cpus: cpus().length },
      };
    } finally {
      await server.stop();
    }
  } finally {
    await database.drop();
  }
}

export function printSearch(f: SearchFigures): void {
  const ms = (n: number) => `${n.toFixed(2)} ms`;
  console.log(`\nSearch over HTTP on ${ENGINE_LABEL[f.engine]}, ${f.paths.toLocaleString('en')} paths, ${f.queries} as-you-type queries, one at a time`);
  console.log(`  p50 ${ms(f.p50)}   p95 ${ms(f.p95)}   p99 ${ms(f.p99)}   max ${ms(f.max)}   ${f.perSecond.toFixed(0)} queries/s`);
  // Latency on a shared machine follows what else runs on it: say how busy it was.
  console.log(`  load average ${f.load.before.toFixed(2)} before, ${f.load.after.toFixed(2)} after (with this benchmark) on ${f.load.cpus} CPUs`);
}

/** The search benchmark on both stores, one after the other in the same run. */
export async function searchOnBothStores(count = 10_000): Promise<SearchFigures[]> {
  const figures: SearchFigures[] = [];
  try {
    for (const engine of ['sqlite', 'postgres'] as const) {
      figures.push(await searchBenchmark(count, engine));
      printSearch(figures.at(-1)!);
    }
  } finally {
    await stopEngines();
  }
  return figures;
}

//   npx tsx bench/search.ts [paths] [sqlite|postgres]   (both stores when no engine is named)
if (import.meta.url === `file://${process.argv[1]}`) {
  const count = Number(process.argv[2] ?? 10_000);
  const engine = process.argv[3] as Engine | undefined;
  if (engine) {
    printSearch(await searchBenchmark(count, engine));
    await stopEngines();
  } else await searchOnBothStores(count);
}
