// Throwaway PostgreSQL, Redis and HAProxy processes for the tests that need real ones.
// Each runs from Debian's packages, on a free loopback port, in a temporary folder that goes
// away when it stops. `ensureServices()` installs the packages when running as root (CI) and
// otherwise says exactly what to install.
//
//   const pg = await startPostgres();   // { url, port, stop(), restart() }
//   const redis = await startRedis();   // { url, port, stop(), restart() }
//   const lb = await startHaproxy([{ port: 4001 }, { port: 4002 }]);  // { url, port, stop(), setState() }
import { execFileSync, execSync, spawn } from 'node:child_process';
import { chmodSync, chownSync, existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { connect, createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const PACKAGES = { postgres: 'postgresql', redis: 'redis-server', haproxy: 'haproxy' };

/** The newest PostgreSQL server folder Debian installed (/usr/lib/postgresql/<major>/bin). */
function postgresBin() {
  const base = '/usr/lib/postgresql';
  if (!existsSync(base)) return undefined;
  const majors = readdirSync(base).filter((d) => existsSync(join(base, d, 'bin', 'initdb'))).sort((a, b) => Number(b) - Number(a));
  return majors.length ? join(base, majors[0], 'bin') : undefined;
}

const which = (name) => ['/usr/bin', '/usr/sbin', '/usr/local/bin', '/usr/local/sbin'].map((d) => join(d, name)).find((p) => existsSync(p));

const found = {
  postgres: () => postgresBin(),
  redis: () => which('redis-server'),
  haproxy: () => which('haproxy'),
};

const isRoot = () => typeof process.getuid === 'function' && process.getuid() === 0;

/** What is missing of `names` (postgres, redis, haproxy); [] when all are there. */
export function missingServices(names = Object.keys(PACKAGES)) {
  return names.filter((name) => !found[name]());
}

/**
 * Makes sure the engines are installed: as root with apt-get, installs Debian's packages; else
 * returns the text that says what to install (undefined when nothing is missing).
 */
export function ensureServices(names = Object.keys(PACKAGES)) {
  let missing = missingServices(names);
  if (missing.length && isRoot() && existsSync('/usr/bin/apt-get')) {
    const packages = missing.map((name) => PACKAGES[name]).join(' ');
    console.log(`Installing Debian's ${packages} for the tests that need real engines (apt-get)...`);
    execSync(`apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq ${packages}`, { stdio: 'inherit' });
    missing = missingServices(names);
  }
  if (!missing.length) return undefined;
  const packages = missing.map((name) => PACKAGES[name]).join(' ');
  return (
    `These tests need real ${missing.join(', ')} processes and ${missing.length === 1 ? 'it is' : 'they are'} not installed.\n` +
    `  Debian/Ubuntu:  sudo apt-get install -y ${packages}\n` +
    '  (the tests start their own throwaway instances on free ports; nothing needs to be running)'
  );
}

/** A free TCP port on 127.0.0.1. */
export function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

/** Runs `command` as the postgres user when we are root (PostgreSQL refuses to run as root). */
function asPostgres(command, args, options = {}) {
  return isRoot() ? execFileSync('runuser', ['-u', 'postgres', '--', command, ...args], options) : execFileSync(command, args, options);
}

/**
 * Starts a PostgreSQL cluster in a temporary folder (trust authentication, loopback only). For
 * tests, fsync is off (never in production); `durable: true` keeps PostgreSQL's defaults, for
 * benchmarks. The URL names the `postgres` database as user `nexus`.
 */
export async function startPostgres({ durable = false } = {}) {
  const bin = postgresBin();
  if (!bin) throw new Error(ensureServices(['postgres']) ?? 'PostgreSQL is not installed');
  const dir = mkdtempSync(join(tmpdir(), 'nexus-pg-'));
  if (isRoot()) chownSync(dir, pgUid(), pgGid());
  chmodSync(dir, 0o700);
  const data = join(dir, 'data');
  asPostgres(join(bin, 'initdb'), ['-D', data, '-A', 'trust', '-U', 'nexus', ...(durable ? [] : ['--no-sync'])], { stdio: 'pipe' });
  const port = await freePort();
  // Tests trade durability for speed; benchmarks (`durable`) keep PostgreSQL's defaults, as in production.
  const speed = durable ? '' : ' -c fsync=off -c synchronous_commit=off -c full_page_writes=off';
  const options = `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c max_connections=200${speed}`;
  const ctl = (...args) => asPostgres(join(bin, 'pg_ctl'), ['-D', data, ...args], { stdio: 'pipe' });
  const start = () => ctl('-o', options, '-l', join(dir, 'log'), '-w', 'start');
  try {
    start();
  } catch (error) {
    const log = existsSync(join(dir, 'log')) ? readFileSync(join(dir, 'log'), 'utf8') : '';
    rmSync(dir, { recursive: true, force: true });
    throw new Error(`PostgreSQL did not start: ${error.message}\n${log}`, { cause: error });
  }
  let running = true;
  return {
    url: `postgres://nexus@127.0.0.1:${port}/postgres`,
    port,
    dir,
    /** Stops the server (fast shutdown) and keeps the data, for a later `start()`. */
    pause() {
      if (running) ctl('-m', 'fast', 'stop');
      running = false;
    },
    /** Starts it again on the same port after `pause()`. */
    resume() {
      if (!running) start();
      running = true;
    },
    stop() {
      try {
        if (running) ctl('-m', 'immediate', 'stop');
      } catch {
        // already gone
      }
      running = false;
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

function pgUid() {
  return Number(execFileSync('id', ['-u', 'postgres']).toString().trim());
}
function pgGid() {
  return Number(execFileSync('id', ['-g', 'postgres']).toString().trim());
}

/** Waits until something accepts TCP connections on the port. */
async function waitForPort(port, timeoutMs = 10_000) {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const ok = await new Promise((resolve) => {
      const socket = connect(port, '127.0.0.1');
      socket.once('connect', () => {
        socket.destroy();
        resolve(true);
      });
      socket.once('error', () => resolve(false));
    });
    if (ok) return;
    if (Date.now() > until) throw new Error(`nothing listens on port ${port} after ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** Starts a Redis server with no persistence in a temporary folder. */
export async function startRedis() {
  const binary = found.redis();
  if (!binary) throw new Error(ensureServices(['redis']) ?? 'Redis is not installed');
  const dir = mkdtempSync(join(tmpdir(), 'nexus-redis-'));
  const port = await freePort();
  let child;
  const start = async () => {
    child = spawn(binary, ['--port', String(port), '--bind', '127.0.0.1', '--dir', dir, '--save', '', '--appendonly', 'no'], {
      stdio: 'ignore',
    });
    await waitForPort(port);
  };
  const halt = () =>
    new Promise((resolve) => {
      if (!child || child.exitCode !== null || child.signalCode) return resolve();
      child.once('exit', resolve);
      child.kill('SIGKILL');
    });
  await start();
  return {
    url: `redis://127.0.0.1:${port}`,
    port,
    dir,
    /** Kills the server (as a crash would: nothing saved). */
    pause: halt,
    /** Starts an empty server again on the same port. */
    resume: start,
    async stop() {
      await halt();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/**
 * Starts HAProxy in front of `backends` (each `{ port }` of a server process on 127.0.0.1), round
 * robin with health checks on `/v1/health`, WebSocket-friendly timeouts. `maxconn` stays under
 * the file-descriptor limit (HAProxy needs about two per connection).
 */
export async function startHaproxy(backends, { checkPath = '/v1/health', maxconn = 4000 } = {}) {
  const dir = mkdtempSync(join(tmpdir(), 'nexus-haproxy-'));
  const port = await freePort();
  const config = [
    'global',
    `  maxconn ${maxconn}`,
    // The runtime API, for tests that steer traffic (`setState`).
    `  stats socket ${join(dir, 'admin.sock')} level admin`,
    'defaults',
    '  mode http',
    '  timeout connect 2s',
    '  timeout client 60s',
    '  timeout server 60s',
    '  timeout tunnel 1h',
    // A check every 300 ms finds a dead process at once (its port refuses); a live one starved of
    // CPU on a busy machine may answer late, and is not marked down for that within 2 s.
    '  timeout check 2s',
    '  option redispatch',
    '  retries 2',
    'frontend nexus',
    `  bind 127.0.0.1:${port}`,
    '  default_backend servers',
    'backend servers',
    '  balance roundrobin',
    `  option httpchk GET ${checkPath}`,
    '  default-server inter 300ms fall 2 rise 1',
    ...backends.map((b, i) => `  server s${i} 127.0.0.1:${b.port} check`),
    '',
  ].join('\n');
  const lb = await runHaproxy(config, port, dir);
  return {
    ...lb,
    /**
     * Sets backend `i`'s administrative state through the runtime API: `drain` (no new
     * connections, health checks go on) or `ready`. Resolves with HAProxy's answer ('' when done).
     */
    setState: (i, state) => haproxyCommand(join(dir, 'admin.sock'), `set server servers/s${i} state ${state}`),
  };
}

/**
 * Starts HAProxy with deploy/haproxy.cfg as shipped, in front of two server processes on
 * 127.0.0.1 (`ports`): only its listen address, its server lines and `maxconn` change (a test
 * machine may allow fewer file descriptors than the shipped 20,000 need).
 */
export async function startShippedHaproxy(ports, { maxconn = 2000 } = {}) {
  const shipped = readFileSync(new URL('../deploy/haproxy.cfg', import.meta.url), 'utf8');
  const port = await freePort();
  const config = shipped
    .replace(/^ {2}maxconn \d+$/m, `  maxconn ${maxconn}`)
    .replace(/^ {2}bind :80$/m, `  bind 127.0.0.1:${port}`)
    .replace(/^ {2}server nexus-1 .*$/m, `  server nexus-1 127.0.0.1:${ports[0]} check`)
    .replace(/^ {2}server nexus-2 .*$/m, `  server nexus-2 127.0.0.1:${ports[1]} check`);
  if (!config.includes(`127.0.0.1:${ports[1]}`)) throw new Error('deploy/haproxy.cfg no longer has the lines this replaces');
  return runHaproxy(config, port, mkdtempSync(join(tmpdir(), 'nexus-haproxy-')));
}

/** Runs HAProxy with `config` (written into `dir`, removed when it stops), once it listens on `port`. */
async function runHaproxy(config, port, dir) {
  const binary = found.haproxy();
  if (!binary) throw new Error(ensureServices(['haproxy']) ?? 'HAProxy is not installed');
  const file = join(dir, 'haproxy.cfg');
  writeFileSync(file, config);
  const child = spawn(binary, ['-f', file, '-db'], { stdio: ['ignore', 'ignore', 'pipe'] });
  let errors = '';
  child.stderr.on('data', (d) => (errors += d));
  try {
    await waitForPort(port);
  } catch (error) {
    child.kill('SIGKILL');
    rmSync(dir, { recursive: true, force: true });
    throw new Error(`HAProxy did not start: ${error.message}\n${errors}`, { cause: error });
  }
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    dir,
    stop: () =>
      new Promise((resolve) => {
        if (child.exitCode !== null || child.signalCode) return resolve(rmSync(dir, { recursive: true, force: true }));
        child.once('exit', () => resolve(rmSync(dir, { recursive: true, force: true })));
        child.kill('SIGTERM');
      }),
  };
}

/** Sends one command to HAProxy's runtime API on the UNIX socket `path`; its answer, trimmed. */
function haproxyCommand(path, command) {
  return new Promise((resolve, reject) => {
    let answer = '';
    const socket = connect(path, () => socket.end(`${command}\n`));
    socket.on('data', (d) => (answer += d));
    socket.once('error', reject);
    socket.once('close', () => resolve(answer.trim()));
  });
}
