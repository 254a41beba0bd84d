/**
 * `npm run bench`: prints the figures recorded in docs/benchmarks.md.
 * Search latency over the HTTP API (10,000 generated paths) and browser bundle sizes.
 */
import os from 'node:os';
import { bundleBenchmark } from './bundle-size.js';
import { printSearch, searchBenchmark } from './search.js';

console.log(`Nexus Connect benchmarks — ${new Date().toISOString().slice(0, 10)}, Node ${process.version}, ${os.cpus().length} × ${os.cpus()[0]?.model ?? 'cpu'}`);
console.log('\nBuilding the library and the browser bundles…');
await bundleBenchmark();
console.log('\nSearch benchmark…');
printSearch(await searchBenchmark(10_000));
