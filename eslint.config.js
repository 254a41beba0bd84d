// ESLint (flat config), run by `npm run lint` and the `lint` suite of `npm test` with
// `--max-warnings 0`. Template type checks (bindings, attributes, tags) are lit-analyzer's job:
// see `npm run lint` and docs/architecture.md.
import js from '@eslint/js';
import { defineConfig } from 'eslint/config';
import tseslint from 'typescript-eslint';
import lit from 'eslint-plugin-lit';
import wc from 'eslint-plugin-wc';
import globals from 'globals';

export default defineConfig(
  {
    // Generated or installed output: not ours to lint.
    ignores: [
      '**/node_modules/**',
      'dist/**',
      'coverage/**',
      'storybook-static/**',
      '.test-results/**',
      '.bench-out/**',
      '.nexus-data/**',
      'tmp/**',
      'custom-elements.json',
      // Written by scripts/integrations.ts from the manifest (`npm run analyze`); the
      // generator is linted instead.
      'src/react/*.ts',
      '!src/react/react.test.tsx',
    ],
  },

  js.configs.recommended,
  // The recommended set without type information. The type-aware set (recommendedTypeChecked
  // with the project service) took 1 min 49 s here on 2 shared cores against about 10 s for
  // this one, and is left for later: it reports about 2,150 problems today, 1,180 of them
  // no-floating-promises (1,153 in tests, where node:test's describe/it return promises).
  ...tseslint.configs.recommended,

  {
    linterOptions: { reportUnusedDisableDirectives: 'error' },
    rules: {
      // Unused names: tsc already rejects unused locals and parameters (noUnusedLocals,
      // noUnusedParameters); here only the `_name` convention for deliberately unused ones.
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none', ignoreRestSiblings: true },
      ],
      // `import type` everywhere types are imported: verbatimModuleSyntax needs it, and it keeps
      // schema code (TypeBox) out of the page.
      // `typeof import('./x.js')` stays allowed: a lazily loaded module is typed by the same
      // dynamic import that loads it (src/core/recorder-loader.ts, the agent console's replayer),
      // so no static import of it exists for a bundler to follow.
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports', disallowTypeAnnotations: false }],
      eqeqeq: ['error', 'always', { null: 'ignore' }],
      'no-var': 'error',
      'prefer-const': 'error',
    },
  },

  // The library: elements, core, SDK and agent console run in the browser.
  {
    files: ['src/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
  },
  {
    files: ['src/components/**/*.ts', 'src/agent/**/*.ts', 'src/sdk/**/*.ts', 'src/core/**/*.ts'],
    ...lit.configs['flat/recommended'],
    rules: {
      ...lit.configs['flat/recommended'].rules,
      // Beyond the recommended set: the mistakes that bite in a Lit code base.
      'lit/lifecycle-super': 'error',
      'lit/no-native-attributes': 'error',
      'lit/no-template-bind': 'error',
      'lit/no-this-assign-in-render': 'error',
      'lit/no-useless-template-literals': 'error',
      'lit/no-value-attribute': 'error',
      'lit/prefer-nothing': 'error',
      // Not lit/no-classfield-shadowing: the project compiles with `useDefineForClassFields:
      // false` (tsconfig, for experimentalDecorators), so a class field does not shadow the
      // reactive accessor that decorators/`createProperty` define.
    },
  },
  {
    files: ['src/components/**/*.ts', 'src/agent/**/*.ts', 'src/sdk/**/*.ts', 'src/core/**/*.ts'],
    ...wc.configs['flat/recommended'],
    settings: {
      // The elements extend NexusElement (src/components/shared), which extends LitElement.
      wc: { elementBaseClasses: ['LitElement', 'NexusElement'] },
    },
    rules: {
      ...wc.configs['flat/recommended'].rules,
      'wc/no-constructor-params': 'error',
      'wc/no-typos': 'error',
      'wc/no-closed-shadow-root': 'error',
      'wc/no-child-traversal-in-connectedcallback': 'error',
    },
  },

  // Tests (mocha in the browser, node:test on the server).
  {
    files: ['**/*.test.ts', '**/*.test.tsx', 'test/browser/**/*.ts'],
    languageOptions: { globals: { ...globals.browser, ...globals.mocha } },
    rules: {
      // Chai's property assertions (`expect(x).to.be.true`) are expressions on purpose.
      '@typescript-eslint/no-unused-expressions': 'off',
    },
  },

  {
    // The server's test clients read JSON responses without a schema (`client()` in
    // server/test/helpers.ts, frames in live-helpers.ts): a wrong shape fails the assertion
    // that reads it, which is the check.
    files: ['server/test/**/*.ts'],
    rules: { '@typescript-eslint/no-explicit-any': 'off' },
  },

  // Node: the reference server, tooling, benchmarks, end-to-end and package tests.
  {
    files: ['server/**/*.ts', 'scripts/**/*.{ts,mjs,js}', 'bench/**/*.ts', 'test/e2e/**/*.ts', 'test/pack/**/*.ts', '*.{js,mjs,ts}', '.storybook/**/*.ts'],
    languageOptions: { globals: { ...globals.node } },
  },
  {
    // A plain module loaded by the co-browse benchmark's page.
    files: ['bench/cobrowse-page/**/*.js'],
    languageOptions: { globals: { ...globals.browser } },
  },

  {
    // The demo's "Support +" page script is a classic script written the way the Cloud SDK
    // guide's snippets are, for a site to paste anywhere: `var` and a function wrapper on purpose.
    files: ['demo/**/*.js'],
    languageOptions: { sourceType: 'script', globals: { ...globals.browser, NexusConnectSDK: 'readonly' } },
    rules: { 'no-var': 'off' },
  },

  // Stories render elements in Storybook's browser.
  {
    files: ['stories/**/*.ts', '.storybook/preview.ts'],
    languageOptions: { globals: { ...globals.browser } },
  },
);
