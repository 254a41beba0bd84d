/**
 * Writes docs/elements.md (every element's attributes, properties, methods, events, slots, parts
 * and custom properties) from custom-elements.json, and docs/tokens.md from the token table,
 * so the reference docs come from the same JSDoc as the manifest, stories and editor data.
 * `npm run analyze` runs it after the analyzer; `npm test` fails when either file is stale.
 *
 *   node --import tsx scripts/docs.ts [outDir]
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { TOKENS } from '../src/styles/tokens.js';

interface Named {
  name: string;
  description?: string;
  type?: { text: string };
  default?: string;
}
interface Member extends Named {
  kind: 'field' | 'method';
  static?: boolean;
  readonly?: boolean;
  parameters?: Named[];
  attribute?: string;
}
interface Declaration {
  name: string;
  tagName?: string;
  summary?: string;
  description?: string;
  attributes?: (Named & { fieldName?: string })[];
  members?: Member[];
  events?: Named[];
  slots?: Named[];
  cssParts?: Named[];
  cssProperties?: Named[];
}

const root = join(import.meta.dirname, '..');
const outDir = process.argv[2] ? join(root, process.argv[2]) : join(root, 'docs');
const manifest = JSON.parse(readFileSync(join(root, 'custom-elements.json'), 'utf8')) as { modules: { path: string; declarations?: Declaration[] }[] };

const cell = (text = '') => text.replace(/\|/g, '\\|').replace(/\n+/g, ' ').trim();
const code = (text?: string) => (text ? `\`${text.replace(/\|/g, '\\|')}\`` : '');

function table(head: string[], rows: string[][]): string {
  if (!rows.length) return '';
  return [`| ${head.join(' | ')} |`, `|${head.map(() => '---').join('|')}|`, ...rows.map((r) => `| ${r.join(' | ')} |`)].join('\n') + '\n';
}

function section(title: string, body: string): string {
  return body ? `#### ${title}\n\n${body}\n` : '';
}

const elements = manifest.modules
  .flatMap((mod) => (mod.declarations ?? []).map((d) => ({ ...d, path: mod.path })))
  .filter((d) => d.tagName)
  .sort((a, b) => a.tagName!.localeCompare(b.tagName!));

let doc = `# Element reference

Generated from the elements' JSDoc (\`custom-elements.json\`) by \`npm run analyze\`; do not edit by
hand. Every element also takes \`server\`, \`token\` and \`theme-url\` (see \`<nexus-provider>\`), and a
\`strings\` property that overrides its user-facing strings. All events bubble and are composed.

${elements.map((e) => `- [\`<${e.tagName}>\`](#${e.tagName}) — ${cell(e.summary)}`).join('\n')}

`;

for (const e of elements) {
  const attributes = (e.attributes ?? []).map((a) => [code(a.name), code(a.fieldName), code(a.type?.text), code(a.default), cell(a.description)]);
  const fields = (e.members ?? []).filter((m) => m.kind === 'field' && !m.static && !m.attribute && m.description);
  const methods = (e.members ?? []).filter((m) => m.kind === 'method' && !m.static && m.description);
  doc += `## ${e.tagName}

${cell(e.summary)}

${(e.description ?? '').trim()}

Source: \`${e.path}\` (class \`${e.name}\`).

${section('Attributes', table(['attribute', 'property', 'type', 'default', 'description'], attributes))}${section(
    'Properties (no attribute)',
    table(['property', 'type', 'description'], fields.map((f) => [code(f.name) + (f.readonly ? ' (read-only)' : ''), code(f.type?.text), cell(f.description)])),
  )}${section(
    'Methods',
    table(['method', 'description'], methods.map((m) => [code(`${m.name}(${(m.parameters ?? []).map((p) => p.name).join(', ')})`), cell(m.description)])),
  )}${section('Events', table(['event', 'description'], (e.events ?? []).map((ev) => [code(ev.name), cell(ev.description)])))}${section(
    'Slots',
    table(['slot', 'description'], (e.slots ?? []).map((s) => [s.name ? code(s.name) : '(default)', cell(s.description)])),
  )}${section('CSS parts', table(['part', 'description'], (e.cssParts ?? []).map((p) => [code(p.name), cell(p.description)])))}${section(
    'CSS custom properties',
    table(['property', 'description'], (e.cssProperties ?? []).map((p) => [code(p.name), cell(p.description)])),
  )}`;
}

const tokens = `# Design tokens

Generated from \`src/styles/tokens.ts\` by \`npm run analyze\`; do not edit by hand.

Set any of these custom properties on the page (or on any ancestor of the elements) and every
element follows. Colours have a light and a dark value, picked by the standard \`color-scheme\`
property: the elements are light on a light page, dark under \`color-scheme: dark\`, and follow
the visitor's system setting under \`color-scheme: light dark\`.

${table(
  ['token', 'light', 'dark'],
  Object.entries(TOKENS).map(([name, values]) => [code(`--nexus-${name}`), code(values[0]), values.length === 2 ? code(values[1]) : '(same)']),
)}`;

mkdirSync(outDir, { recursive: true });
writeFileSync(join(outDir, 'elements.md'), doc.replace(/\n{3,}/g, '\n\n'));
writeFileSync(join(outDir, 'tokens.md'), tokens);
