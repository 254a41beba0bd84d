/**
 * The npm package as a user gets it: `npm pack` the built library, install the tarball alone into
 * an empty project from the registry, and import every entry point of package.json `exports`, in
 * Node (no DOM: server rendering, test runners and build tools import the package there) and in
 * Chromium (each entry in a fresh page, served from the installed package by Vite's dev server).
 *
 * Needs the full build (`node scripts/build.mjs`; the `pack` suite of scripts/test.mjs runs it)
 * and the npm registry. Prints the tarball and install figures of docs/benchmarks.md.
 */
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { promisify } from 'node:util';
import { chromium, type Browser } from 'playwright-core';
import type { ViteDevServer } from 'vite';
import { chromiumArgs, findChromium } from '../../scripts/chromium.mjs';

const root = join(import.meta.dirname, '..', '..');
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as {
  name: string;
  version: string;
  exports: Record<string, string | { types: string; default: string }>;
  dependencies: Record<string, string>;
  peerDependencies: Record<string, string>;
};
const run = promisify(execFile);

/** The environment of a user's shell: none of the npm_* variables `npm test` sets for this repository. */
const userEnv = Object.fromEntries(Object.entries(process.env).filter(([key]) => !key.toLowerCase().startsWith('npm_')));
const npm = (args: string[], cwd: string) =>
  run('npm', args, { cwd, env: userEnv, maxBuffer: 64 * 1024 * 1024, timeout: 180_000 });

/** Top-level files and folders the tarball may hold (package.json `files`, plus what npm always adds). */
const shipped = ['dist/', 'custom-elements.json', 'themes/', 'web-types.json', 'vscode.html-custom-data.json', 'vscode.css-custom-data.json', 'docs/', 'README.md', 'package.json', 'LICENSE'];
/** Packages of the reference server and of the tool chain: installing the library must not bring any. */
const forbidden = ['fastify', 'better-sqlite3', 'kysely', 'jose', 'tsx', 'esbuild', 'typescript', 'vite', 'ws', 'playwright-core', '@nexus-connect/cloud'];
/**
 * Budgets for the install: what lit, DOMPurify, rrweb and the wire-type declarations bring is 25
 * packages, 26 MB; the package itself is 18 MB unpacked since the portal's authoring and analytics
 * pages came (modules, declarations, source maps and the CDN bundles; the CDN portal's text editor
 * chunk, Tiptap, is 2.2 MB of it with its source map). Installed: 44.9 MB, against 40.6 MB before.
 */
const maxPackages = 30;
const maxMegabytes = 48;

interface Entry {
  /** The import specifier: `nexus-connect/elements/chat`. */
  spec: string;
  /** Custom elements the entry's own module defines (from custom-elements.json). */
  tags: string[];
  /** Why the entry is not imported in Node, if it is not. */
  notInNode?: string;
  /** Why the entry is not imported in a page, if it is not. */
  notInBrowser?: string;
  /** Load as a classic script, not a module. */
  classic?: boolean;
}

/** Installed package folders under `modules` (scoped and nested ones too). */
function packagesIn(modules: string): string[] {
  if (!existsSync(modules)) return [];
  const found: string[] = [];
  for (const name of readdirSync(modules)) {
    if (name.startsWith('.')) continue;
    const dirs = name.startsWith('@') ? readdirSync(join(modules, name)).map((sub) => `${name}/${sub}`) : [name];
    for (const dir of dirs) {
      found.push(dir, ...packagesIn(join(modules, dir, 'node_modules')));
    }
  }
  return found;
}

/** Every file under `dir`, as paths relative to it. */
function filesUnder(dir: string, prefix = ''): string[] {
  return readdirSync(join(dir, prefix), { withFileTypes: true }).flatMap((entry) => {
    const path = join(prefix, entry.name);
    return entry.isDirectory() ? filesUnder(dir, path) : [path];
  });
}

const bytes = (dir: string) => filesUnder(dir).reduce((sum, file) => sum + statSync(join(dir, file)).size, 0);
const mb = (n: number) => `${(n / 1e6).toFixed(1)} MB`;

describe('npm package', () => {
  let work = '';
  let app = '';
  let files: string[] = [];
  const entries: Entry[] = [];

  before(async () => {
    assert.ok(existsSync(join(root, 'dist', 'index.js')) && existsSync(join(root, 'dist', 'cdn')), 'build first: node scripts/build.mjs');
    work = mkdtempSync(join(tmpdir(), 'nexus-pack-'));
    app = join(work, 'app');
  });
  after(() => {
    if (work) rmSync(work, { recursive: true, force: true });
  });

  it('the tarball holds the library only', async () => {
    // The build is fresh (the suite ran it), so the tarball is packed without running prepack again.
    const { stdout } = await npm(['pack', '--json', '--ignore-scripts', '--pack-destination', work], root);
    const [info] = JSON.parse(stdout) as { filename: string; size: number; unpackedSize: number; files: { path: string }[] }[];
    files = info.files.map((file) => file.path);
    const stray = files.filter((file) => !shipped.some((allowed) => (allowed.endsWith('/') ? file.startsWith(allowed) : file === allowed)));
    assert.deepEqual(stray, [], 'files outside package.json `files`');
    const unwanted = files.filter((file) => /(^|\/)node_modules\/|\.test\.|\.stories\.|\.node$|\.db$/.test(file));
    assert.deepEqual(unwanted, [], 'tests, stories, vendored packages or binaries in the tarball');
    assert.ok(!files.some((file) => file.startsWith('dist/types/') && !file.endsWith('.d.ts') && !file.endsWith('.d.ts.map')));

    // Every target of `exports` is in the tarball (a pattern target: at least one file).
    const manifest = JSON.parse(readFileSync(join(root, 'custom-elements.json'), 'utf8')) as {
      modules: { path: string; declarations?: { tagName?: string }[] }[];
    };
    const cdn = files.filter((file) => /^dist\/cdn\/[^/]+\.js$/.test(file));
    assert.ok(cdn.length >= 5, 'the browser bundles are in dist/cdn');
    for (const [key, target] of Object.entries(pkg.exports)) {
      const targets = typeof target === 'string' ? [target] : [target.types, target.default];
      for (const path of targets) {
        const file = path.replace(/^\.\//, '');
        if (file.includes('*')) {
          const [head, tail] = file.split('*');
          assert.ok(files.some((f) => f.startsWith(head) && f.endsWith(tail)), `exports ${key}: nothing matches ${path}`);
        } else {
          assert.ok(files.includes(file), `exports ${key}: ${path} is not in the tarball`);
        }
      }
      const spec = pkg.name + key.slice(1);
      if (key === './cdn/*') {
        for (const file of cdn) {
          const name = file.slice('dist/cdn/'.length);
          // Bundles with elements carry Lit's browser build (no Node build, no DOM shim), which
          // extends HTMLElement at load; the core and the recorder bundles import in Node.
          const withLit = readFileSync(join(root, file), 'utf8').includes('litElementVersions');
          entries.push({
            spec: `${pkg.name}/cdn/${name}`,
            tags: [],
            notInNode: withLit ? "a browser bundle with Lit's browser build inlined (extends HTMLElement at load)" : undefined,
            classic: name === 'nexus-connect-sdk.js',
          });
        }
      } else if (key.endsWith('.json')) {
        entries.push({ spec, tags: [], notInBrowser: 'data for tools, not a module for pages' });
      } else {
        const types = typeof target === 'string' ? '' : target.types;
        const source = types.replace(/^\.\/dist\/types\//, 'src/').replace(/\.d\.ts$/, '.ts');
        const module = manifest.modules.find((m) => m.path === source);
        entries.push({ spec, tags: (module?.declarations ?? []).flatMap((d) => (d.tagName ? [d.tagName] : [])) });
      }
    }
    console.log(
      `tarball ${info.filename}: ${(info.size / 1e3).toFixed(0)} kB packed, ${(info.unpackedSize / 1e6).toFixed(2)} MB unpacked, ${files.length} files`,
    );
  });

  it('installs alone: no server, no native module, no build tool', async () => {
    assert.ok(files.length, 'the tarball was packed');
    const tarball = join(work, `${pkg.name}-${pkg.version}.tgz`);
    mkdirSync(app);
    writeFileSync(join(app, 'package.json'), JSON.stringify({ name: 'pack-check', private: true, type: 'module' }, null, 2));
    const start = performance.now();
    await npm(['install', '--no-audit', '--no-fund', tarball], app);
    const seconds = (performance.now() - start) / 1000;
    const modules = join(app, 'node_modules');
    const installed = packagesIn(modules);
    const size = bytes(modules);
    console.log(`npm install <tarball>: ${seconds.toFixed(1)} s, ${installed.length} packages, ${mb(size)} in node_modules`);
    console.log(`  ${installed.sort().join(' ')}`);

    assert.deepEqual(installed.filter((name) => forbidden.includes(name) || name.startsWith('@fastify/')), [], 'server or tool packages installed');
    const native = filesUnder(modules).filter((file) => file.endsWith('.node') || file.endsWith('binding.gyp'));
    assert.deepEqual(native, [], 'native modules installed');
    assert.ok(installed.length <= maxPackages, `${installed.length} packages installed (budget ${maxPackages})`);
    assert.ok(size <= maxMegabytes * 1e6, `${mb(size)} installed (budget ${maxMegabytes} MB)`);

    // The React wrappers need the optional peers; a React user installs them anyway.
    const peers = Object.entries(pkg.peerDependencies).map(([name, range]) => `${name}@${range}`);
    await npm(['install', '--no-audit', '--no-fund', ...peers], app);
  });

  it('every package the modules import is a declared dependency and resolves', async () => {
    assert.ok(files.length, 'the tarball was packed');
    // Lazy chunks (DOMPurify, the rrweb recorder and replayer) are not loaded by importing an
    // entry, so their imports are read from the installed files.
    const dist = join(app, 'node_modules', pkg.name, 'dist');
    const specifiers = new Set<string>();
    for (const file of filesUnder(dist).filter((f) => f.endsWith('.js') && !f.startsWith('cdn/'))) {
      const text = readFileSync(join(dist, file), 'utf8');
      for (const match of text.matchAll(/(?:^|[\s;])(?:import|export)\s*(?:[\w*{}\s,$]*?\sfrom\s*)?["']([^"'./][^"']*)["']|\bimport\(\s*["']([^"'./][^"']*)["']\s*\)/gm)) {
        specifiers.add(match[1] ?? match[2]);
      }
    }
    const declared = new Set([pkg.name, ...Object.keys(pkg.dependencies), ...Object.keys(pkg.peerDependencies)]);
    const packageOf = (spec: string) => spec.split('/').slice(0, spec.startsWith('@') ? 2 : 1).join('/');
    const undeclared = [...specifiers].filter((spec) => !declared.has(packageOf(spec)));
    assert.deepEqual(undeclared, [], 'imported but not in dependencies or peerDependencies');
    writeFileSync(join(app, 'resolve.mjs'), 'for (const spec of process.argv.slice(2)) import.meta.resolve(spec);\n');
    await run(process.execPath, ['resolve.mjs', ...specifiers], { cwd: app, env: userEnv });
    console.log(`imports from the package's modules: ${[...specifiers].sort().join(' ')}`);
  });

  it('every entry point imports in Node, without a DOM', async () => {
    assert.ok(entries.length, 'the entries were read');
    writeFileSync(
      join(app, 'import-one.mjs'),
      [
        "const [spec, tags] = [process.argv[2], JSON.parse(process.argv[3])];",
        "if (typeof window !== 'undefined' || typeof document !== 'undefined') throw new Error('Node has a DOM here');",
        "const module = spec.endsWith('.json') ? await import(spec, { with: { type: 'json' } }) : await import(spec);",
        "const missing = tags.filter((tag) => !globalThis.customElements?.get(tag));",
        "console.log(JSON.stringify({ exports: Object.keys(module).length, missing }));",
      ].join('\n'),
    );
    const failures: string[] = [];
    for (const entry of entries.filter((e) => !e.notInNode)) {
      try {
        // One process per entry: nothing one entry defines or shims can hide another's failure.
        const { stdout } = await run(process.execPath, ['import-one.mjs', entry.spec, JSON.stringify(entry.tags)], { cwd: app, env: userEnv });
        const result = JSON.parse(stdout.trim().split('\n').at(-1)!) as { exports: number; missing: string[] };
        if (!result.exports) failures.push(`${entry.spec}: exports nothing`);
        if (result.missing.length) failures.push(`${entry.spec}: did not define ${result.missing.join(', ')}`);
      } catch (error) {
        const stderr = (error as { stderr?: string }).stderr ?? String(error);
        failures.push(`${entry.spec}: ${stderr.split('\n').filter(Boolean).slice(0, 6).join('\n    ')}`);
      }
    }
    const skipped = entries.filter((e) => e.notInNode);
    console.log(`Node: ${entries.length - skipped.length} entries imported; not in Node: ${skipped.map((e) => e.spec).join(', ')}`);
    assert.deepEqual(failures, []);
  });

  describe('in Chromium', () => {
    let server: ViteDevServer | undefined;
    let browser: Browser | undefined;
    let base = '';

    before(async () => {
      // Vite serves the installed package's files as they are (no dependency pre-bundling, but
      // for React, which is CommonJS), so the page runs what the tarball holds.
      const { createServer } = await import('vite');
      const names = entries.filter((e) => !e.notInBrowser && !e.classic);
      for (const [index, entry] of names.entries()) {
        writeFileSync(join(app, `entry-${index}.js`), `import * as entry from '${entry.spec}';\nexport const names = Object.keys(entry);\n`);
      }
      writeFileSync(join(app, 'index.html'), '<!doctype html><html lang="en"><head><meta charset="utf-8"><title>pack</title><link rel="icon" href="data:,"></head><body></body></html>\n');
      server = await createServer({
        root: app,
        configFile: false,
        logLevel: 'error',
        clearScreen: false,
        resolve: { conditions: ['module', 'browser', 'production'] },
        optimizeDeps: { noDiscovery: true, include: ['react'] },
        server: { host: '127.0.0.1', port: 0, hmr: false, watch: null },
      });
      await server.listen();
      base = server.resolvedUrls!.local[0].replace(/\/$/, '');
      const executablePath = findChromium();
      assert.ok(executablePath, 'Chromium is needed (npm test installs or names it)');
      browser = await chromium.launch({ executablePath, args: chromiumArgs });
    });
    after(async () => {
      await browser?.close();
      await server?.close();
    });

    it('every entry point loads in a page', async () => {
      const failures: string[] = [];
      const modules = entries.filter((e) => !e.notInBrowser && !e.classic);
      for (const entry of entries.filter((e) => !e.notInBrowser)) {
        const context = await browser!.newContext();
        const page = await context.newPage();
        const problems: string[] = [];
        page.on('console', (message) => {
          if (message.type() === 'error' || message.type() === 'warning') problems.push(`${message.text()} (${message.location().url})`);
        });
        page.on('pageerror', (error) => problems.push(error.message));
        // The classic script is served as the file it is (Vite would treat it as a module).
        await page.route(`${base}/classic/*`, (route) =>
          route.fulfill({ path: join(app, 'node_modules', pkg.name, 'dist', 'cdn', new URL(route.request().url()).pathname.slice('/classic/'.length)), contentType: 'text/javascript' }),
        );
        try {
          await page.goto(`${base}/`);
          let tags = entry.tags;
          if (entry.classic) {
            // The classic-script SDK: a <script src> that defines window.NexusConnectSDK.
            const file = entry.spec.slice(`${pkg.name}/cdn/`.length);
            await page.addScriptTag({ url: `/classic/${file}` });
            if (!(await page.evaluate(() => typeof (window as { NexusConnectSDK?: unknown }).NexusConnectSDK === 'object'))) {
              problems.push('window.NexusConnectSDK is not defined');
            }
            tags = [];
          } else {
            const names = await page.evaluate(async (url) => ((await import(url)) as { names: string[] }).names, `/entry-${modules.indexOf(entry)}.js`);
            if (!names.length && !entry.spec.includes('/cdn/')) problems.push('exports nothing');
          }
          const missing = await page.evaluate((list) => list.filter((tag) => !customElements.get(tag)), tags);
          if (missing.length) problems.push(`did not define ${missing.join(', ')}`);
        } catch (error) {
          problems.push(String(error).split('\n')[0]);
        }
        await context.close();
        if (problems.length) failures.push(`${entry.spec}: ${problems.join(' | ')}`);
      }
      const skipped = entries.filter((e) => e.notInBrowser);
      console.log(`Chromium: ${entries.length - skipped.length} entries loaded; not in a page: ${skipped.map((e) => e.spec).join(', ')}`);
      assert.deepEqual(failures, []);
    });
  });
});
