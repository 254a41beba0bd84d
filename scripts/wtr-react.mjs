// A web-test-runner plugin that lets browser tests import React. React and react-dom ship only
// CommonJS, which the dev server's node resolution serves as is and the browser cannot run. This
// plugin bundles them once with esbuild into ES modules that share one copy of React, serves the
// result under /__react/, and points the bare imports at it.
import { createRequire } from 'node:module';
import { basename } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

/** Bare specifiers the tests (and the JSX transform) import, and the ES module each becomes. */
const modules = {
  react: 'react',
  'react/jsx-runtime': 'jsx-runtime',
  'react/jsx-dev-runtime': 'jsx-dev-runtime',
  'react-dom': 'react-dom',
  'react-dom/client': 'react-dom-client',
};

const require = createRequire(import.meta.url);
const root = fileURLToPath(new URL('..', import.meta.url));
const identifier = /^[A-Za-z_$][\w$]*$/;

/** An ES module re-exporting a CommonJS module: its default and every key it has (in development). */
function facade(specifier) {
  const names = Object.keys(require(specifier)).filter((name) => name !== 'default' && identifier.test(name));
  return `import m from ${JSON.stringify(specifier)};\nexport default m;\nexport const { ${names.join(', ')} } = m;\n`;
}

async function bundle() {
  const result = await build({
    entryPoints: Object.fromEntries(Object.entries(modules).map(([specifier, name]) => [name, `facade:${specifier}`])),
    bundle: true,
    splitting: true,
    format: 'esm',
    target: 'es2022',
    write: false,
    outdir: '/__react',
    chunkNames: 'chunk-[hash]',
    define: { 'process.env.NODE_ENV': '"development"' },
    logLevel: 'warning',
    plugins: [
      {
        name: 'facade',
        setup(b) {
          b.onResolve({ filter: /^facade:/ }, (args) => ({ path: args.path.slice('facade:'.length), namespace: 'facade' }));
          b.onLoad({ filter: /.*/, namespace: 'facade' }, (args) => ({ contents: facade(args.path), resolveDir: root, loader: 'js' }));
        },
      },
    ],
  });
  return new Map(result.outputFiles.map((file) => [`/__react/${basename(file.path)}`, file.text]));
}

/** @returns {import('@web/test-runner').TestRunnerPlugin} */
export function reactModules() {
  let files;
  return {
    name: 'nexus-react-modules',
    async serverStart() {
      files = await bundle();
    },
    resolveImport({ source }) {
      if (Object.hasOwn(modules, source)) return `/__react/${modules[source]}.js`;
    },
    serve(context) {
      const body = files?.get(context.path);
      if (body !== undefined) return { body, type: 'js' };
    },
  };
}
