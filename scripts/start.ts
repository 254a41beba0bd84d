/**
 * `npm start`: the demo on a fresh machine. Builds the browser bundles, seeds an embedded SQLite
 * database with the demo content (refreshing the content on later starts), the live-help skills
 * `sales` and `support` and a demo agent with both, and runs the reference server with the demo
 * pages. The application and agent tokens are kept in .nexus-data/ and reused on later starts.
 * Two people can sign in (docs/security.md#accounts): the demo admin admin@demo.example and the
 * demo agent agent@demo.example (an account of the demo agent), with passwords generated on the
 * first start and kept in .nexus-data/demo-accounts.txt. PORT and HOST override 4300 and 127.0.0.1.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { runCli } from '../server/commands.js';

const root = join(import.meta.dirname, '..');
const dataDir = join(root, '.nexus-data');
const db = join(dataDir, 'demo.db');
const tokenFile = join(dataDir, 'demo-token.txt');
const agentTokenFile = join(dataDir, 'agent-token.txt');
const accountsFile = join(dataDir, 'demo-accounts.txt');
const port = process.env.PORT ?? '4300';
const host = process.env.HOST ?? '127.0.0.1';

const quiet = { out: () => undefined, err: (line: string) => console.error(line) };

/** Runs a CLI command on the demo database; its stdout lines, or the exit when it fails. */
async function cloud(args: string[]): Promise<string[]> {
  const lines: string[] = [];
  const code = await runCli(['--db', db, ...args], { out: (line) => lines.push(line), err: quiet.err });
  if (code !== 0) process.exit(code);
  return lines;
}

const AGENT_NAME = 'Demo Agent';

const column = (lines: string[], index: number) => lines.map((line) => line.split('\t')[index]);

/** Skills sales and support and the demo agent with both (each unless it exists); the agent's id. */
async function demoAgent(): Promise<string> {
  const skills = column(await cloud(['skill', 'list', '--tenant', 'demo']), 1);
  for (const [id, name] of [['sales', 'Sales'], ['support', 'Support']]) {
    if (!skills.includes(id)) await cloud(['skill', 'create', 'demo', id, '--name', name]);
  }
  const agents = (await cloud(['agent', 'list', '--tenant', 'demo'])).map((line) => line.split('\t'));
  return agents.find((fields) => fields[2] === AGENT_NAME)?.[1] ?? (await cloud(['agent', 'create', 'demo', '--name', AGENT_NAME, '--skills', 'sales,support']))[0];
}

/** A new token for the demo agent. */
const seedAgent = async () => (await cloud(['agent', 'token', await demoAgent(), '--tenant', 'demo'])).at(-1)!.trim();

/** The people who sign in to the demo: `email password` lines. */
const DEMO_ACCOUNTS = [
  { email: 'admin@demo.example', name: 'Demo Admin', role: 'admin' },
  { email: 'agent@demo.example', name: AGENT_NAME, role: 'agent' },
];

/** The demo accounts (the agent's linked to the demo agent), each with a new generated password. */
async function seedAccounts(): Promise<string> {
  const existing = column(await cloud(['account', 'list', '--tenant', 'demo']), 2);
  const lines: string[] = [];
  for (const { email, name, role } of DEMO_ACCOUNTS) {
    const password = existing.includes(email)
      ? (await cloud(['account', 'set-password', 'demo', email]))[0]
      : (await cloud(['account', 'add', 'demo', '--email', email, '--name', name, '--role', role, ...(role === 'agent' ? ['--agent', await demoAgent()] : [])]))[1];
    lines.push(`${email} ${password}`);
  }
  return lines.join('\n');
}

console.log('Building the browser bundles…');
const build = spawnSync(process.execPath, [join(root, 'scripts', 'build.mjs'), 'cdn'], { cwd: root, stdio: 'inherit' });
if (build.status !== 0) process.exit(build.status ?? 1);

mkdirSync(dataDir, { recursive: true });
const fresh = !existsSync(db);
const kept = (file: string) => (!fresh && existsSync(file) ? readFileSync(file, 'utf8').trim() : '');
let token = kept(tokenFile);
let agentToken = kept(agentTokenFile);
if (!token) {
  console.log('Creating the demo database with the demo content…');
  token = (await cloud(['seed-demo'])).at(-1)!.trim();
  writeFileSync(tokenFile, `${token}\n`);
} else {
  // Later starts pick up content changes; the database keeps everything else.
  const code = await runCli(['--db', db, 'import', join(root, 'content', 'demo'), '--tenant', 'demo', '--replace'], quiet);
  if (code !== 0) process.exit(code);
}
if (!agentToken) {
  console.log('Creating the live-help skills and the demo agent…');
  agentToken = await seedAgent();
  writeFileSync(agentTokenFile, `${agentToken}\n`);
}
let accounts = kept(accountsFile);
if (!accounts) {
  console.log('Creating the demo admin and agent accounts…');
  accounts = await seedAccounts();
  writeFileSync(accountsFile, `${accounts}\n`, { mode: 0o600 });
}
const signIns = accounts.split('\n').map((line) => `  ${line.replace(' ', '   password ')}`).join('\n');

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
  Agent console         ${url}/demo/agent.html   (sign in as agent@demo.example below, then go Available)
  Portal                ${url}/portal/   (sign in as admin@demo.example below)
  Reference app         ${url}/demo/support.html   (the guide's Support + menu: Support 1–4, Calling Cards, IVR)
  Drop-in SDK script    ${url}/demo/sdk.html   (window.NexusConnectSDK from ${url}/sdk/nexus-connect-sdk.js)
  Iframe embed          ${url}/embed?searchtype=helpid&searchvalue=bulb-reset&jwt=<application token>
  REST API              ${url}/v1/…   (health: ${url}/v1/health)
  Browser bundles       ${url}/sdk/nexus-connect.js, ${url}/sdk/self-help.js, ${url}/sdk/agent.js, ${url}/sdk/portal.js

  Demo application token (tenant "demo"):
  ${token}

  Sign in (the portal and the agent console), kept in .nexus-data/demo-accounts.txt:
${signIns}

  Demo agent token (skills sales and support; the console's "Use an agent token"):
  ${agentToken}

  Chat with yourself: the agent console in one tab, "Chat with an agent" on the support site in another.

  Try the API:  curl -H "Authorization: Bearer $(cat .nexus-data/demo-token.txt)" "${url}/v1/search?q=reset%20bulb"
`);
    },
    err: (line) => console.error(line),
  },
);
