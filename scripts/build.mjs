// Builds what is shipped: `node scripts/build.mjs` = the npm library (dist/, with types) and the
// browser bundles (dist/cdn/); `node scripts/build.mjs cdn` = only the browser bundles.
import { spawnSync } from 'node:child_process';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const bin = (name) => join(root, 'node_modules', '.bin', name);
// The browser bundles of vite.config.ts (`bundles` there).
const bundles = ['nexus-connect', 'self-help', 'core', 'agent', 'portal', 'cobrowse-recorder'];
const run = (command, args) => {
  const { status } = spawnSync(command, args, { cwd: root, stdio: 'inherit' });
  if (status !== 0) process.exit(status ?? 1);
};

const onlyCdn = process.argv[2] === 'cdn';
rmSync(join(root, onlyCdn ? 'dist/cdn' : 'dist'), { recursive: true, force: true });
if (!onlyCdn) {
  run(bin('vite'), ['build', '--logLevel', 'warn']);
  run(bin('tsc'), ['-p', 'tsconfig.build.json']);
}
for (const name of bundles) run(bin('vite'), ['build', '--mode', `cdn:${name}`, '--logLevel', 'warn']);
// The classic-script NexusConnectSDK (an IIFE, not an ES module).
run(bin('vite'), ['build', '--mode', 'sdk', '--logLevel', 'warn']);
