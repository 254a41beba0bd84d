/**
 * `npm run bench`: prints the figures recorded in docs/benchmarks.md. Browser bundle sizes and
 * the time to a usable self help under a 4x CPU slowdown;
 * search latency over the HTTP API (10,000 generated paths) on SQLite and on PostgreSQL; live
 * chat over the WebSocket (message latency, and the concurrent sessions one server process holds:
 * NEXUS_BENCH_SESSIONS, default 5000); a process drained under load behind HAProxy (how long its
 * clients take to be back on the other, nothing lost); the co-browse relay's throughput against a bare `ws`
 * relay; co-browse in Chromium (consent to first frame, mutation to agent latency, the
 * recorder's size and main-thread time); the analytics views over 1,000,000 activity events
 * on both stores (NEXUS_BENCH_ACTIVITY); and Lighthouse on the demo pages and the embed.
 */
import os from 'node:os';
import { bundleBenchmark } from './bundle-size.js';
import { runChatBenchmark } from './chat.js';
import { cobrowseBenchmark } from './cobrowse.js';
import { runDrainBenchmark } from './drain.js';
import { printRelay, relayBenchmark } from './relay.js';
import { searchOnBothStores } from './search.js';
import { analyticsOnBothStores } from './analytics.js';
import { lighthouseBenchmark, printLighthouse } from './lighthouse.js';
import { printReady, readyBenchmark } from './ready.js';

console.log(`Nexus Connect benchmarks — ${new Date().toISOString().slice(0, 10)}, Node ${process.version}, ${os.cpus().length} × ${os.cpus()[0]?.model ?? 'cpu'}`);
console.log('\nBuilding the library and the browser bundles…');
await bundleBenchmark();
printReady(await readyBenchmark());
console.log('\nSearch benchmark…');
await searchOnBothStores(10_000);
console.log('\nLive chat benchmark…');
await runChatBenchmark();
console.log('\nA process drained under load…');
await runDrainBenchmark();
console.log('\nCo-browse relay benchmark…');
printRelay(await relayBenchmark());
console.log('\nCo-browse benchmark…');
await cobrowseBenchmark({ build: false });
console.log('\nAnalytics benchmark…');
await analyticsOnBothStores();
console.log('\nLighthouse on the demo pages and the embed…');
printLighthouse(await lighthouseBenchmark());
