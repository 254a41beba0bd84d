// Fails when custom-elements.json, docs/elements.md or docs/tokens.md do not match what
// `npm run analyze` generates from the sources.
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
  // The reference docs are generated from the committed manifest and the token table.
  const docs = spawnSync(process.execPath, ['--import', 'tsx', join('scripts', 'docs.ts'), join(out, 'docs')], { cwd: root, encoding: 'utf8' });
  if (docs.status !== 0) {
    console.error(docs.stdout, docs.stderr);
    process.exit(1);
  }
  for (const file of ['elements.md', 'tokens.md']) {
    const generated = readFileSync(join(root, out, 'docs', file), 'utf8');
    const committedDoc = existsSync(join(root, 'docs', file)) ? readFileSync(join(root, 'docs', file), 'utf8') : '';
    if (generated !== committedDoc) {
      console.error(`docs/${file} is stale: run \`npm run analyze\` and commit the result.`);
      process.exit(1);
    }
  }
  console.log('custom-elements.json and the generated docs are up to date.');
} finally {
  rmSync(join(root, out), { recursive: true, force: true });
}
