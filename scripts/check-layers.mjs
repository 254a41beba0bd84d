// The layer check in `npm test` (suite `layers`): every import of the library and the server
// points down, never up (docs/architecture.md, "Layers"):
//
//   protocol, i18n  <-  core  <-  styles, components  <-  sdk, agent, portal  <-  entries
//   server -> protocol, i18n
//
// A module may import its own layer and the layers its rule names below; i18n imports only
// protocol; styles import nothing of ours. The entries (src/index.ts, src/cdn, src/react) may
// import any library layer. The library's tests (`src/**/*.test.ts`, test/) and the stories sit
// outside the layers: they may import what they exercise, and nothing layered may import them.
// The server's tests (server/test) are server code and keep to its rule, with one exception:
// they may import scripts/services.mjs, the tooling that starts throwaway PostgreSQL, Redis and
// HAProxy processes, so that a test file that needs a real engine can start its own.
//
// Every `import … from`, `export … from`, `import '…'`, `import type` and `import('…')` with a
// relative specifier counts, as TypeScript's preprocessor reads them (comments and strings are
// not imports). Package imports (lit, fastify…) are not checked here.
//
//   node scripts/check-layers.mjs      prints each upward import, exits 1 if there is one
import { readFileSync, readdirSync } from 'node:fs';
import { dirname, join, posix, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';

/** What each layer may import besides itself. */
export const ALLOWED = {
  protocol: [],
  i18n: ['protocol'],
  core: ['protocol', 'i18n'],
  styles: [],
  components: ['protocol', 'i18n', 'core', 'styles'],
  sdk: ['protocol', 'i18n', 'core', 'styles', 'components'],
  agent: ['protocol', 'i18n', 'core', 'styles', 'components'],
  portal: ['protocol', 'i18n', 'core', 'styles', 'components'],
  entries: ['protocol', 'i18n', 'core', 'styles', 'components', 'sdk', 'agent', 'portal'],
  server: ['protocol', 'i18n'],
};

/** The directories each layer is made of (paths from the project root, `/`-separated). */
const LAYER_DIRS = [
  ['src/protocol/', 'protocol'],
  ['src/i18n/', 'i18n'],
  ['src/core/', 'core'],
  ['src/styles/', 'styles'],
  ['src/components/', 'components'],
  ['src/sdk/', 'sdk'],
  ['src/agent/', 'agent'],
  ['src/portal/', 'portal'],
  ['src/cdn/', 'entries'],
  ['src/react/', 'entries'],
  ['src/index.ts', 'entries'],
  ['server/', 'server'],
];

/** The test-engine starters the server's tests may import (see the top of this file). */
const ENGINES = 'scripts/services.mjs';

const isTest = (path) => (path.startsWith('src/') && /\.test\.tsx?$/.test(path)) || path.startsWith('test/') || path.startsWith('stories/');

/**
 * The layer of a file: a layer name, `outside` for tests and stories, or undefined for what the
 * check does not cover (tooling: scripts, bench, configuration).
 */
export function layerOf(path) {
  if (isTest(path)) return 'outside';
  return LAYER_DIRS.find(([dir]) => (dir.endsWith('/') ? path.startsWith(dir) : path === dir))?.[1];
}

/** The relative specifiers a module imports, with their lines. */
function importsOf(text) {
  const info = ts.preProcessFile(text, true, true);
  return info.importedFiles
    .filter((ref) => ref.fileName.startsWith('.'))
    .map((ref) => ({ specifier: ref.fileName, line: text.slice(0, ref.pos).split('\n').length }));
}

/**
 * The upward imports among `files` (`{ path, text }`, paths from the project root with `/`):
 * `{ path, line, specifier, from, to }` for each import whose target's layer the importer's
 * layer may not import.
 */
export function findViolations(files) {
  const violations = [];
  for (const { path, text } of files) {
    const from = layerOf(path);
    if (from === undefined) continue;
    for (const { specifier, line } of importsOf(text)) {
      const target = posix.normalize(posix.join(posix.dirname(path), specifier));
      const to = layerOf(target);
      if (to === undefined) {
        // Tooling (scripts, the Vite config) is no layer: layered code must not reach into it.
        const engines = path.startsWith('server/test/') && target === ENGINES;
        if (from !== 'outside' && !engines) violations.push({ path, line, specifier, from, to: 'tooling' });
        continue;
      }
      if (to === from || from === 'outside') continue;
      if (to === 'outside' || !ALLOWED[from].includes(to)) violations.push({ path, line, specifier, from, to });
    }
  }
  return violations;
}

/** The source files the check reads, under `root`. */
export function sourceFiles(root) {
  const files = [];
  const walk = (dir) => {
    for (const entry of readdirSync(join(root, dir), { withFileTypes: true })) {
      const path = dir ? `${dir}/${entry.name}` : entry.name;
      if (entry.isDirectory()) {
        if (entry.name !== 'node_modules' && !entry.name.startsWith('.')) walk(path);
      } else if (/\.(ts|tsx|mts|js|mjs)$/.test(entry.name) && !entry.name.endsWith('.d.ts')) {
        files.push({ path, text: readFileSync(join(root, path), 'utf8') });
      }
    }
  };
  for (const dir of ['src', 'server', 'test', 'stories']) walk(dir);
  return files;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const root = join(dirname(fileURLToPath(import.meta.url)), '..');
  const files = sourceFiles(root);
  const violations = findViolations(files);
  for (const v of violations) {
    console.error(`${v.path.split('/').join(sep)}:${v.line}: ${v.from} imports ${v.to} ('${v.specifier}'); ${v.from} may import ${[v.from, ...(ALLOWED[v.from] ?? [])].join(', ')}`);
  }
  if (violations.length) {
    console.error(`\n${violations.length} import(s) point up or out of the layers (docs/architecture.md, "Layers").`);
    process.exit(1);
  }
  console.log(`Layers: ${files.length} files, every import points down (docs/architecture.md, "Layers").`);
}
