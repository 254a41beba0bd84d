import { resolve } from 'node:path';
import { defineConfig } from 'vite';
import { minifyCssLiterals } from './scripts/css-literals.js';
import { trimHtmlLiterals } from './scripts/html-literals.js';

/**
 * Entry points of the npm package (`vite build` -> dist/), mapped by package.json `exports`
 * with types from dist/types.
 */
export const entries: Record<string, string> = {
  index: 'src/index.ts',
  'core/index': 'src/core/index.ts',
  'elements/provider': 'src/components/provider/provider.ts',
  'elements/self-help': 'src/components/self-help/self-help.ts',
  'elements/search': 'src/components/search/search.ts',
  'elements/categories': 'src/components/categories/categories.ts',
  'elements/path-list': 'src/components/path-list/path-list.ts',
  'elements/guided-path': 'src/components/guided-path/guided-path.ts',
  'elements/contact-us': 'src/components/contact-us/contact-us.ts',
  // The agent side (AgentClient + <nexus-agent-console>), separate from the customer elements.
  'agent/index': 'src/agent/index.ts',
  // The portal (<nexus-portal>, the data table and the confirm dialog), separate from both.
  'portal/index': 'src/portal/index.ts',
  // The step editor (<nexus-rich-text-editor>), on Tiptap: an entry of its own, so that only
  // the pages that edit text load it (Tiptap is an optional peer of the npm package).
  'portal/editor': 'src/portal/rich-text-editor.ts',
  'elements/live-help': 'src/components/live-help/live-help.ts',
  'elements/chat': 'src/components/chat/chat.ts',
  'elements/cobrowse-consent': 'src/components/cobrowse-consent/cobrowse-consent.ts',
  'elements/cobrowse-code': 'src/components/cobrowse-code/cobrowse-code.ts',
  // createSdk(): the NexusConnectSDK calls as an ES module (the classic script is built apart).
  'sdk/index': 'src/sdk/sdk.ts',
  // React components for every element (generated, src/react); react and @lit/react are peers.
  'react/index': 'src/react/index.ts',
  // The locales (`nexus-connect/locales/<lang>`), also loaded on demand by the elements; named
  // here so that they keep their dist/locales/ paths although their sources are in src/i18n.
  'locales/ar': 'src/i18n/locales/ar.ts',
  'locales/de': 'src/i18n/locales/de.ts',
  'locales/es': 'src/i18n/locales/es.ts',
  'locales/fr': 'src/i18n/locales/fr.ts',
};

/**
 * Browser bundles (`vite build --mode cdn:<name>` -> dist/cdn/<name>.js, all of them with
 * `node scripts/build.mjs cdn`): each is self-contained (lit included), so a page loads one
 * `<script type="module">`; lazy chunks (the guided path, the sanitizer) go to dist/cdn/chunks.
 * The reference server serves them under /sdk/.
 */
export const bundles: Record<string, string> = {
  'nexus-connect': 'src/index.ts',
  'self-help': 'src/cdn/self-help.ts',
  agent: 'src/cdn/agent.ts',
  portal: 'src/cdn/portal.ts',
  core: 'src/core/index.ts',
  // The co-browse recorder as a file of its own for the classic SDK script (see src/sdk/recorder-loader.ts).
  'cobrowse-recorder': 'src/core/cobrowse-recorder.ts',
};

const root = import.meta.dirname;

export default defineConfig(({ mode }) => {
  if (mode === 'sdk') {
    // The classic script /sdk/nexus-connect-sdk.js: one IIFE file with everything inlined
    // (no module loader, no chunks), for pages written against the Cloud SDK guide; but the
    // co-browse recorder, which it imports as the file /sdk/cobrowse-recorder.js when needed.
    return {
      plugins: [minifyCssLiterals(), trimHtmlLiterals()],
      resolve: {
        alias: [{ find: /^\.\/recorder-loader\.js$/, replacement: resolve(root, 'src/sdk/recorder-loader.ts') }],
      },
      publicDir: false,
      build: {
        outDir: 'dist/cdn',
        emptyOutDir: false,
        target: 'es2022',
        sourcemap: true,
        minify: true,
        // Dynamic imports are inlined: no chunk to preload (and no import.meta in an IIFE).
        modulePreload: false,
        manifest: '.vite/nexus-connect-sdk.json',
        rollupOptions: {
          // Vite's preload helper mentions import.meta; with nothing to preload it never runs it.
          onLog(level, log, handler) {
            if (log.code === 'EMPTY_IMPORT_META' && String(log.id ?? log.message).includes('preload-helper')) return;
            handler(level, log);
          },
          input: { 'nexus-connect-sdk': resolve(root, 'src/sdk/global.ts') },
          output: { format: 'iife', entryFileNames: '[name].js' },
        },
      },
    };
  }
  if (mode.startsWith('cdn:')) {
    const name = mode.slice(4);
    if (!bundles[name]) throw new Error(`unknown browser bundle "${name}" (${Object.keys(bundles).join(', ')})`);
    return {
      plugins: [minifyCssLiterals(), trimHtmlLiterals()],
      build: {
        outDir: 'dist/cdn',
        emptyOutDir: false,
        target: 'es2022',
        sourcemap: true,
        manifest: `.vite/${name}.json`,
        lib: { entry: { [name]: resolve(root, bundles[name]) }, formats: ['es'] },
        rollupOptions: {
          // Lets the bundler keep shared code in the entry (the lazy chunks then import it from
          // there) and add exports to it for them.
          preserveEntrySignatures: 'allow-extension',
          // nexus-connect.js defines every element, so the guided path is in it on purpose.
          onLog(level, log, handler) {
            if (log.code === 'INEFFECTIVE_DYNAMIC_IMPORT' && name === 'nexus-connect') return;
            handler(level, log);
          },
          output: {
            entryFileNames: '[name].js',
            chunkFileNames: 'chunks/[name]-[hash].js',
            // Library mode keeps whitespace in ES output; these files are for browsers.
            minify: true,
            // Pure-call annotations are for bundlers, and these files are not bundled again.
            comments: { annotation: false },
            // One file at load: on its own, rolldown still puts what the entry shares with its
            // lazy chunks into common chunks, which the entry then imports (self-help.js loaded
            // six files). This group takes every module the entry imports statically ($initial);
            // as it is the entry's whole static graph, rolldown merges it into the entry, and the
            // lazy chunks import what they share from the entry.
            codeSplitting: { groups: [{ name, tags: ['$initial'] }] },
          },
        },
      },
    };
  }
  return {
    plugins: [minifyCssLiterals(), trimHtmlLiterals()],
    build: {
      outDir: 'dist',
      emptyOutDir: false,
      target: 'es2022',
      sourcemap: true,
      minify: false,
      lib: {
        entry: Object.fromEntries(Object.entries(entries).map(([name, file]) => [name, resolve(root, file)])),
        formats: ['es'],
      },
      rollupOptions: {
        // Dependencies stay imports, resolved from the consumer's node_modules (package.json
        // `dependencies`; react, @lit/react and Tiptap are optional peers), so they are shared and
        // deduplicated.
        external: [/^lit(\/|$)/, /^@lit\//, /^dompurify$/, /^@rrweb\//, /^react(-dom)?(\/|$)/, /^@tiptap\//],
        output: {
          preserveModules: true,
          preserveModulesRoot: 'src',
          entryFileNames: '[name].js',
        },
      },
    },
  };
});
