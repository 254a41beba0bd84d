// Fails when custom-elements.json does not match what the analyzer generates from the sources.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
// The analyzer resolves --outdir against the project, so the fresh copy goes under it.
const out = join('.test-results', 'manifest');
try {
  const result = spawnSync(
    join(root, 'node_modules', '.bin', 'cem'),
    ['analyze', '--config', 'custom-elements-manifest.config.mjs', '--outdir', out, '--quiet'],
    { cwd: root, encoding: 'utf8' },
  );
  if (result.status !== 0) {
    console.error(result.stdout, result.stderr);
    process.exit(1);
  }
  const fresh = readFileSync(join(root, out, 'custom-elements.json'), 'utf8');
  const committed = existsSync(join(root, 'custom-elements.json')) ? readFileSync(join(root, 'custom-elements.json'), 'utf8') : '';
  if (JSON.stringify(JSON.parse(fresh)) !== (committed && JSON.stringify(JSON.parse(committed)))) {
    console.error('custom-elements.json is stale: run `npm run analyze` and commit the result.');
    process.exit(1);
  }
  console.log('custom-elements.json is up to date.');
} finally {
  rmSync(join(root, out), { recursive: true, force: true });
}
