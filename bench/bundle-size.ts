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
import { build } from 'esbuild';

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

export function entrySizes(): EntrySize[] {
  return readdirSync(join(out, '.vite')).flatMap((file) =>
    sizesFrom(JSON.parse(readFileSync(join(out, '.vite', file), 'utf8')) as Record<string, ManifestChunk>),
  );
}

/**
 * The gzip size of the chunk built from `source` (e.g. `src/core/cobrowse-recorder.ts`) in each
 * browser bundle that has one, by file (bundles that share the chunk name it once).
 */
export function chunkSizes(source: string): { file: string; bundles: string[]; gzip: number }[] {
  const byFile = new Map<string, { file: string; bundles: string[]; gzip: number }>();
  for (const name of readdirSync(join(out, '.vite'))) {
    const chunk = (JSON.parse(readFileSync(join(out, '.vite', name), 'utf8')) as Record<string, ManifestChunk>)[source];
    if (!chunk) continue;
    const entry = byFile.get(chunk.file) ?? { file: chunk.file, bundles: [], gzip: gzipSync(readFileSync(join(out, chunk.file)), { level: 9 }).length };
    entry.bundles.push(name.replace(/\.json$/, ''));
    byFile.set(chunk.file, entry);
  }
  return [...byFile.values()];
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

/**
 * What a site's bundler ships for one npm entry point (dist/, built by `npm run build`): the
 * entry with the dependencies it really uses, minified; dynamic imports become lazy chunks.
 * Shows that importing one element (or only the core) leaves the rest out.
 */
export async function npmEntrySizes(): Promise<EntrySize[]> {
  const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { exports: Record<string, string | { default: string }> };
  const sizes: EntrySize[] = [];
  for (const [name, target] of Object.entries(pkg.exports)) {
    if (typeof target === 'string') continue;
    const result = await build({
      entryPoints: { entry: join(root, target.default) },
      bundle: true,
      splitting: true,
      format: 'esm',
      minify: true,
      write: false,
      outdir: join(root, '.bench-out'),
      conditions: ['production'],
      legalComments: 'none',
      metafile: true,
    });
    const gz = (text: Uint8Array) => gzipSync(text, { level: 9 }).length;
    const entry = result.outputFiles.find((f) => f.path.endsWith('entry.js'))!;
    const entryMeta = result.metafile.outputs[Object.keys(result.metafile.outputs).find((k) => k.endsWith('entry.js'))!];
    const staticImports = new Set(entryMeta.imports.filter((i) => i.kind === 'import-statement').map((i) => join(root, i.path)));
    const initial = result.outputFiles.filter((f) => f === entry || staticImports.has(f.path));
    const lazy = result.outputFiles.filter((f) => f.path.endsWith('.js') && !initial.includes(f));
    sizes.push({
      entry: `nexus-connect${name === '.' ? '' : name.slice(1)}`,
      initialGzip: initial.reduce((n, f) => n + gz(f.contents), 0),
      lazyGzip: lazy.reduce((n, f) => n + gz(f.contents), 0),
      files: initial.length,
    });
  }
  return sizes;
}

export function printEntrySizes(sizes: EntrySize[], title = 'Browser bundles (gzip -9 per file, as served; dist/cdn)'): void {
  const kb = (n: number) => `${(n / 1024).toFixed(1)} KB`;
  console.log(`\n${title}`);
  console.log(`  ${'entry'.padEnd(34)} ${'at load'.padStart(9)} ${'on demand'.padStart(10)}  files`);
  for (const s of sizes) {
    console.log(`  ${s.entry.padEnd(34)} ${kb(s.initialGzip).padStart(9)} ${kb(s.lazyGzip).padStart(10)}  ${s.files}`);
  }
}

/** Builds everything (npm library and browser bundles) and prints both tables. */
export async function bundleBenchmark(): Promise<void> {
  execFileSync(process.execPath, [join(root, 'scripts', 'build.mjs')], { cwd: root, stdio: 'inherit' });
  printEntrySizes(entrySizes());
  printEntrySizes(await npmEntrySizes(), 'npm entry points as a bundler ships them (esbuild, minified, gzip -9 per file)');
}

if (import.meta.url === `file://${process.argv[1]}`) await bundleBenchmark();
