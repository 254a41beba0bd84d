/**
 * Which source modules a browser bundle's bytes come from: for each module, how many gzip bytes
 * the file loses without that module's code (from the file's source map). Not additive (gzip
 * shares its dictionary across modules), but it shows where the weight is.
 *
 *   node scripts/build.mjs cdn && npx tsx bench/bundle-modules.ts [dist/cdn/self-help.js] [rows]
 */
import { readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { SourceMapConsumer, type MappingItem } from 'source-map-js';

const file = process.argv[2] ?? 'dist/cdn/self-help.js';
const rows = Number(process.argv[3]) || 40;
const code = readFileSync(file, 'utf8');
const consumer = new SourceMapConsumer(JSON.parse(readFileSync(`${file}.map`, 'utf8')));

const lineStarts: number[] = [];
let offset = 0;
for (const line of code.split('\n')) {
  lineStarts.push(offset);
  offset += line.length + 1;
}
const mappings: MappingItem[] = [];
consumer.eachMapping((m) => mappings.push(m));
const at = (m: MappingItem) => lineStarts[m.generatedLine - 1]! + m.generatedColumn;
mappings.sort((a, b) => at(a) - at(b));

/** Each module's spans of the generated code. */
const spans = new Map<string, [number, number][]>();
mappings.forEach((m, i) => {
  const next = mappings[i + 1];
  const module = (m.source ?? '(bundler runtime)').replace(/.*node_modules\//, '').replace(/^(\.\.\/)+/, '');
  const list = spans.get(module) ?? [];
  list.push([at(m), next ? at(next) : code.length]);
  spans.set(module, list);
});

const gzip = (text: string) => gzipSync(text, { level: 9 }).length;
const whole = gzip(code);
const weights = [...spans].map(([module, list]) => {
  const kept = new Uint8Array(code.length).fill(1);
  for (const [start, end] of list) kept.fill(0, start, end);
  let rest = '';
  for (let i = 0; i < code.length; i++) if (kept[i]) rest += code[i];
  return { module, gzip: whole - gzip(rest) };
});
weights.sort((a, b) => b.gzip - a.gzip);
console.log(`${file}: ${(whole / 1024).toFixed(1)} KB gzip; gzip bytes each module adds`);
for (const { module, gzip: bytes } of weights.slice(0, rows)) console.log(`${String(bytes).padStart(7)}  ${module}`);
