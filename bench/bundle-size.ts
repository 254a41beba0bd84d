/**
 * Bundle size per browser bundle (dist/cdn, built by `node scripts/build.mjs cdn`):
 * the gzip bytes a page downloads when it imports the entry (the entry and every chunk it
 * imports statically, each file gzipped on its own as it is served), and the bytes loaded later
 * on demand (dynamic imports: the guided path and its sanitizer).
 */
import { execFileSync } from 'node:child_process';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';

interface ManifestChunk {
  file: string;
  name?: string;
  isEntry?: boolean;
  imports?: string[];
  dynamicImports?: string[];
}

export interface EntrySize {
  entry: string;
  initialGzip: number;
  lazyGzip: number;
  files: number;
}

const root = join(import.meta.dirname, '..');
const out = join(root, 'dist', 'cdn');

export function buildCdn(): void {
  execFileSync(process.execPath, [join(root, 'scripts', 'build.mjs'), 'cdn'], { cwd: root, stdio: 'inherit' });
}

export function entrySizes(): EntrySize[] {
  return readdirSync(join(out, '.vite')).flatMap((file) =>
    sizesFrom(JSON.parse(readFileSync(join(out, '.vite', file), 'utf8')) as Record<string, ManifestChunk>),
  );
}

function sizesFrom(manifest: Record<string, ManifestChunk>): EntrySize[] {
  const gz = new Map<string, number>();
  const size = (key: string) => {
    const file = manifest[key].file;
    if (!gz.has(file)) gz.set(file, gzipSync(readFileSync(join(out, file)), { level: 9 }).length);
    return gz.get(file)!;
  };
  /** Chunks reachable from `keys` by static imports (and dynamic ones too, if `dynamic`). */
  const closure = (keys: string[], dynamic = false, seen = new Set<string>()) => {
    for (const key of keys) {
      if (seen.has(key)) continue;
      seen.add(key);
      closure([...(manifest[key].imports ?? []), ...(dynamic ? (manifest[key].dynamicImports ?? []) : [])], dynamic, seen);
    }
    return seen;
  };
  return Object.entries(manifest)
    .filter(([, chunk]) => chunk.isEntry)
    .map(([key, chunk]) => {
      const initial = closure([key]);
      const lazyRoots = [...initial].flatMap((k) => manifest[k].dynamicImports ?? []);
      const lazy = [...closure(lazyRoots, true)].filter((k) => !initial.has(k));
      const sum = (keys: Iterable<string>) => [...keys].reduce((total, k) => total + size(k), 0);
      return { entry: chunk.name ?? key, initialGzip: sum(initial), lazyGzip: sum(lazy), files: initial.size };
    })
    .sort((a, b) => a.entry.localeCompare(b.entry));
}

export function printEntrySizes(sizes: EntrySize[]): void {
  const kb = (n: number) => `${(n / 1024).toFixed(1)} KB`;
  console.log('\nBrowser bundles (gzip -9 per file, as served; dist/cdn)');
  console.log(`  ${'entry'.padEnd(24)} ${'at load'.padStart(9)} ${'on demand'.padStart(10)}  files`);
  for (const s of sizes) {
    console.log(`  ${s.entry.padEnd(24)} ${kb(s.initialGzip).padStart(9)} ${kb(s.lazyGzip).padStart(10)}  ${s.files}`);
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  buildCdn();
  printEntrySizes(entrySizes());
}
