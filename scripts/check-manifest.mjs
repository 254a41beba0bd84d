// Fails when custom-elements.json, docs/elements.md, docs/tokens.md, the React wrappers and JSX
// types (src/react) or the editor data (web-types.json, vscode.*-custom-data.json) do not match
// what `npm run analyze` generates from the sources.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { isAbsolute, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
// The fresh copies go to a folder of their own in the OS temp dir. The analyzer (and
// scripts/docs.ts, scripts/integrations.ts) join the output folder onto the project even when it
// is absolute: given /tmp/nexus-cem-x, the analyzer writes <project>/tmp/nexus-cem-x (that is how
// a manifest once got committed under tmp/). So they get the temp dir as a path relative to the
// project; on Windows, where a temp dir on another drive has none, an ignored folder of the project.
const dir = mkdtempSync(join(tmpdir(), 'nexus-cem-'));
const fromRoot = relative(root, dir);
const out = isAbsolute(fromRoot) ? join('.test-results', 'manifest') : fromRoot;
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
  // The React wrappers, JSX types and editor data: scripts/integrations.ts writes a fresh set
  // (from the committed manifest) under `out`, to compare file by file.
  const integrationsOut = join(out, 'integrations');
  const integrations = spawnSync(process.execPath, ['--import', 'tsx', join('scripts', 'integrations.ts'), integrationsOut], {
    cwd: root,
    encoding: 'utf8',
  });
  if (integrations.status !== 0) {
    console.error(integrations.stdout, integrations.stderr);
    process.exit(1);
  }
  const freshFiles = readdirSync(join(root, integrationsOut), { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => join(entry.parentPath, entry.name).slice(join(root, integrationsOut).length + 1).replaceAll('\\', '/'));
  for (const file of freshFiles) {
    const generated = readFileSync(join(root, integrationsOut, file), 'utf8');
    const committedFile = existsSync(join(root, file)) ? readFileSync(join(root, file), 'utf8') : '';
    if (generated !== committedFile) {
      console.error(`${file} is stale: run \`npm run analyze\` and commit the result.`);
      process.exit(1);
    }
  }
  // A generated wrapper for an element that no longer exists is stale as well.
  for (const name of existsSync(join(root, 'src', 'react')) ? readdirSync(join(root, 'src', 'react')) : []) {
    const file = `src/react/${name}`;
    if (!freshFiles.includes(file) && readFileSync(join(root, file), 'utf8').startsWith('// Generated from custom-elements.json')) {
      console.error(`${file} is no longer generated: run \`npm run analyze\` and commit the result.`);
      process.exit(1);
    }
  }
  console.log('custom-elements.json, the generated docs, React wrappers and editor data are up to date.');
} finally {
  rmSync(join(root, out), { recursive: true, force: true });
  rmSync(dir, { recursive: true, force: true });
}
