// Starts the reference server's test fixture (temporary SQLite file, demo + other tenants,
// tokens) in a child process and resolves with what it printed on its NEXUS_READY line.
import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));

/**
 * @param {string[]} args extra arguments for server/test-fixture.ts
 * @returns {Promise<{ url: string, tokens: Record<string, string>, agents: Record<string, string>, agentIds: Record<string, string>, live: Record<string, { tenantId: string, app: string, agents: Record<string, string> }>, branding: { tenantId: string, app: string, themeUrl: string, stepContentThemeUrl: string, strings: Record<string, Record<string, string>> }, dbFile: string, stop: () => Promise<void>, restart: () => Promise<void>, cli: (args: string[]) => Promise<{ code: number, stdout: string, stderr: string }> }>}
 */
/**
 * Runs the server's CLI (`npm run cloud -- …`) on the fixture's database, in a process of its
 * own, as an operator would while the server runs.
 * @param {string} dbFile
 * @param {string[]} args
 * @returns {Promise<{ code: number, stdout: string, stderr: string }>}
 */
function runCli(dbFile, args) {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'server/cli.ts', '--db', dbFile, ...args], { cwd: root });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk) => (stdout += chunk));
    child.stderr.on('data', (chunk) => (stderr += chunk));
    child.once('error', reject);
    child.once('close', (code) => resolve({ code: code ?? 1, stdout, stderr }));
  });
}

export function startFixture(args = []) {
  const child = spawn(process.execPath, ['--import', 'tsx', 'server/test-fixture.ts', ...args], {
    cwd: root,
    stdio: ['pipe', 'pipe', 'inherit'],
  });
  const stop = () =>
    new Promise((resolve) => {
      if (child.exitCode !== null) return resolve();
      child.once('exit', () => resolve());
      child.stdin.end();
      setTimeout(() => child.kill('SIGTERM'), 3000).unref();
    });
  process.once('exit', () => child.kill('SIGTERM'));
  const lines = createInterface({ input: child.stdout });
  /** Restarts the server in place (same database, same port); resolves when it listens again. */
  const restart = () =>
    new Promise((resolve) => {
      const onLine = (line) => {
        if (line !== 'NEXUS_RESTARTED') return;
        lines.off('line', onLine);
        resolve();
      };
      lines.on('line', onLine);
      child.stdin.write('restart\n');
    });
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('test fixture did not start within 60 s')), 60_000);
    child.once('exit', (code) => reject(new Error(`test fixture exited with code ${code}`)));
    lines.on('line', (line) => {
      if (!line.startsWith('NEXUS_READY ')) return;
      clearTimeout(timer);
      const ready = JSON.parse(line.slice('NEXUS_READY '.length));
      resolve({ ...ready, stop, restart, cli: (cliArgs) => runCli(ready.dbFile, cliArgs) });
    });
  });
}

/** The fixture serving the demo pages with the built browser bundles (`dist/cdn`), as `npm start` serves them: for the end-to-end tests and the page benchmarks. */
export const startDemoFixture = () => startFixture(['--sdk-dir', 'dist/cdn', '--demo-dir', 'demo']);
