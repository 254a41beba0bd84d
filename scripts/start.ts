/**
 * `npm start`: the demo on a fresh machine. Builds the browser bundles, seeds an embedded SQLite
 * database with the demo content (refreshing the content on later starts), and runs the
 * reference server with the demo pages. PORT and HOST override 4300 and 127.0.0.1.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { runCli } from '../server/commands.js';

const root = join(import.meta.dirname, '..');
const dataDir = join(root, '.nexus-data');
const db = join(dataDir, 'demo.db');
const tokenFile = join(dataDir, 'demo-token.txt');
const port = process.env.PORT ?? '4300';
const host = process.env.HOST ?? '127.0.0.1';

const quiet = { out: () => undefined, err: (line: string) => console.error(line) };

console.log('Building the browser bundles…');
const build = spawnSync(process.execPath, [join(root, 'scripts', 'build.mjs'), 'cdn'], { cwd: root, stdio: 'inherit' });
if (build.status !== 0) process.exit(build.status ?? 1);

mkdirSync(dataDir, { recursive: true });
let token = existsSync(db) && existsSync(tokenFile) ? readFileSync(tokenFile, 'utf8').trim() : '';
if (!token) {
  console.log('Creating the demo database with the demo content…');
  const lines: string[] = [];
  const code = await runCli(['--db', db, 'seed-demo'], { out: (line) => lines.push(line), err: quiet.err });
  if (code !== 0) process.exit(code);
  token = lines.at(-1)!.trim();
  writeFileSync(tokenFile, `${token}\n`);
} else {
  // Later starts pick up content changes; the database keeps everything else.
  const code = await runCli(['--db', db, 'import', join(root, 'content', 'demo'), '--tenant', 'demo', '--replace'], quiet);
  if (code !== 0) process.exit(code);
}

process.exitCode = await runCli(
  ['--db', db, 'serve', '--host', host, '--port', port, '--sdk-dir', join(root, 'dist', 'cdn'), '--demo-dir', join(root, 'demo'), '--demo-token', token],
  {
    out(line) {
      if (!line.startsWith('NEXUS_READY ')) return;
      const { url } = JSON.parse(line.slice('NEXUS_READY '.length)) as { url: string };
      console.log(`
Nexus Connect demo is running (Ctrl+C stops it).

  Support site          ${url}/demo/
  Elements one by one   ${url}/demo/elements.html
  REST API              ${url}/v1/…   (health: ${url}/v1/health)
  Browser bundles       ${url}/sdk/nexus-connect.js, ${url}/sdk/self-help.js

  Demo application token (tenant "demo"):
  ${token}

  Try the API:  curl -H "Authorization: Bearer $(cat .nexus-data/demo-token.txt)" "${url}/v1/search?q=reset%20bulb"
`);
    },
    err: (line) => console.error(line),
  },
);
