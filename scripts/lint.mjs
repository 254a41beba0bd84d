// `npm run lint` and the `lint` suite of `npm test`: ESLint over the repository (eslint.config.js),
// then lit-analyzer over the elements' sources, which type-checks their Lit templates (bindings
// against the elements' properties and attributes, unknown tags, attributes and events; its
// settings are the `ts-lit-plugin` entry of tsconfig.json). Both fail on any warning, and the
// script exits non-zero when either finds a problem.
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const bin = (name) => join(root, 'node_modules', '.bin', name);
const run = (name, args) => spawnSync(bin(name), args, { cwd: root, stdio: 'inherit' }).status ?? 1;

const eslint = run('eslint', ['.', '--max-warnings', '0']);
if (eslint === 0) console.log('eslint: no problems');

// The element sources, and the stories (every element in a template, as a page writes it). Tests
// are left out: they build templates that feed elements odd input on purpose (a JSON attribute
// where the property is an array, for one). lit-analyzer expands each glob on its own and has
// no exclusion, so the list is made here.
const templateSources = ['src/components', 'src/agent', 'src/portal', 'src/sdk', 'stories'].flatMap((dir) =>
  readdirSync(join(root, dir), { recursive: true })
    .map((file) => join(dir, String(file)))
    .filter((file) => file.endsWith('.ts') && !file.endsWith('.test.ts'))
    .sort(),
);
const litAnalyzer = run('lit-analyzer', [...templateSources, '--maxWarnings', '0', '--format', 'list']);

process.exit(eslint || litAnalyzer);
