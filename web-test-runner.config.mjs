// Browser tests: every element and the core client, in Chromium, against the real reference
// server (started here as a child process on a temporary SQLite file and a random port).
import { mkdirSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { esbuildPlugin } from '@web/dev-server-esbuild';
import { playwrightLauncher } from '@web/test-runner-playwright';
import { defaultReporter } from '@web/test-runner';
import { chromiumArgs, ensureChromium } from './scripts/chromium.mjs';
import { startFixture } from './scripts/fixture.mjs';
import { reactModules } from './scripts/wtr-react.mjs';
import { sameOriginApi } from './scripts/wtr-same-origin.mjs';

const tsconfig = fileURLToPath(new URL('./tsconfig.json', import.meta.url));

let fixture;

/** The CLI commands the tests may run on the fixture's database (see `cli` in test/browser/env.ts). */
const CLI_COMMANDS = [
  ['tenant', 'create'],
  ['token', 'create'],
  ['token', 'revoke'],
  ['agent', 'create'],
  ['agent', 'token'],
  ['account', 'add'],
  ['tenant', 'create'],
  ['config', 'set'],
  ['config', 'show'],
  ['mail', 'list'],
  ['mail', 'show'],
];

/**
 * Serves the fixture's URL and tokens to the tests at /__nexus/env.json, and runs the server's
 * CLI for them at /__nexus/cli?args=<JSON array> (creating and revoking tokens as an operator).
 */
const fixturePlugin = {
  name: 'nexus-fixture',
  async serverStart() {
    fixture = await startFixture();
  },
  async serverStop() {
    await fixture?.stop();
  },
  serve(context) {
    if (context.path === '/__nexus/env.json') {
      return {
        body: JSON.stringify({ server: fixture.url, tokens: fixture.tokens, agents: fixture.agents, live: fixture.live, branding: fixture.branding }),
        type: 'json',
      };
    }
    if (context.path === '/__nexus/cli') {
      const args = JSON.parse(context.URL.searchParams.get('args') ?? '[]');
      const allowed = Array.isArray(args) && args.every((a) => typeof a === 'string') && CLI_COMMANDS.some(([a, b]) => args[0] === a && args[1] === b);
      if (!allowed) return { body: JSON.stringify({ code: 2, stdout: '', stderr: 'not a command the tests may run' }), type: 'json' };
      return fixture.cli(args).then((result) => ({ body: JSON.stringify(result), type: 'json' }));
    }
  },
};

/** The fixture server under /__nexus/api/ of the test page's origin (for the account sign-in's cookie). */
const sameOrigin = sameOriginApi(() => fixture.url);

/** Writes the totals for scripts/test.mjs (to .test-results/<name>.json): every test counted once; a file that failed to load counts as a failure. */
export function totalsReporter(name = 'elements') {
  const resultsFile = fileURLToPath(new URL(`./.test-results/${name}.json`, import.meta.url));
  return {
    onTestRunFinished({ sessions }) {
      let passed = 0;
      let failed = 0;
      const walk = (suite) => {
        for (const test of suite.tests ?? []) {
          if (test.skipped) continue;
          if (test.passed) passed++;
          else failed++;
        }
        for (const child of suite.suites ?? []) walk(child);
      };
      for (const session of sessions) {
        const before = failed;
        if (session.testResults) walk(session.testResults);
        if (!session.passed && failed === before) failed++;
      }
      mkdirSync(fileURLToPath(new URL('./.test-results/', import.meta.url)), { recursive: true });
      writeFileSync(resultsFile, JSON.stringify({ passed, failed }));
    },
  };
}

export default {
  files: ['src/**/*.test.{ts,tsx}'],
  nodeResolve: true,
  concurrency: 2,
  // reactModules: React as ES modules for the tests of the React wrappers (src/react).
  plugins: [esbuildPlugin({ ts: true, tsx: true, tsconfig, target: 'es2022' }), reactModules(), fixturePlugin, sameOrigin.plugin],
  middleware: [sameOrigin.middleware],
  browsers: [
    playwrightLauncher({
      product: 'chromium',
      launchOptions: { executablePath: ensureChromium(), args: chromiumArgs },
    }),
  ],
  testFramework: { config: { timeout: 10000 } },
  // A file's tests may take longer than the default two minutes on a loaded 2-core machine: the
  // portal's files sign in and run the server's CLI many times (each test sets its own timeout).
  testsFinishTimeout: 300_000,
  coverageConfig: {
    include: ['src/**/*.ts'],
    exclude: ['**/*.test.ts', 'test/**', 'node_modules/**'],
    reportDir: 'coverage/browser',
    report: true,
  },
  reporters: [defaultReporter(), totalsReporter()],
  filterBrowserLogs: ({ args }) => !String(args[0] ?? '').includes('Lit is in dev mode'),
};
