/**
 * Writes what frameworks and editors need, from custom-elements.json (and, for the values an
 * attribute accepts, the element classes' TypeScript types):
 *
 * - `src/react/<name>.ts`: a React component per element (`@lit/react` `createComponent`), with
 *   every documented `nexus-*` event as an `on…` prop typed with its `NexusEvent`;
 *   `src/react/index.ts` re-exports them (the package entry `nexus-connect/react`);
 * - `src/react/jsx.ts`: the tags as JSX intrinsic elements (`<nexus-self-help search-type="tags">`
 *   type-checks in React 19 JSX), attributes, properties and `on<event-name>` listeners;
 * - `vscode.html-custom-data.json` and `vscode.css-custom-data.json` (VS Code's `html.customData`
 *   and `css.customData`) and `web-types.json` (JetBrains IDEs, named by package.json `web-types`).
 *
 * `npm run analyze` runs it after the analyzer; `npm test` (scripts/check-manifest.mjs) fails when
 * any of these files is stale. With `outRoot`, the files go under that folder instead of the
 * repository root (the staleness check compares them with the committed ones).
 *
 *   node --import tsx scripts/integrations.ts [outRoot]
 */
import { existsSync, mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import ts from 'typescript';
import { TOKENS } from '../src/styles/tokens.js';

interface Named {
  name: string;
  description?: string;
  summary?: string;
  type?: { text: string };
  default?: string;
}
interface Attribute extends Named {
  fieldName?: string;
}
interface Member extends Named {
  kind: 'field' | 'method';
  static?: boolean;
  readonly?: boolean;
  privacy?: string;
  attribute?: string;
}
interface Declaration {
  kind: string;
  name: string;
  tagName?: string;
  customElement?: boolean;
  summary?: string;
  description?: string;
  attributes?: Attribute[];
  members?: Member[];
  events?: Named[];
  slots?: Named[];
  cssParts?: Named[];
  cssProperties?: Named[];
}
interface Element extends Declaration {
  tagName: string;
  /** Source module, relative to the repository root. */
  path: string;
}

/** First line of every generated TypeScript file; the staleness check also finds stale files by it. */
const GENERATED = '// Generated from custom-elements.json by scripts/integrations.ts (`npm run analyze`): do not edit.';

const root = join(import.meta.dirname, '..');
const outRoot = process.argv[2] ? join(root, process.argv[2]) : root;
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { name: string; version: string; exports?: Record<string, unknown> };
const manifest = JSON.parse(readFileSync(join(root, 'custom-elements.json'), 'utf8')) as {
  modules: { path: string; declarations?: Declaration[] }[];
};

const elements: Element[] = manifest.modules
  .flatMap((mod) => (mod.declarations ?? []).map((d) => ({ ...d, path: mod.path })))
  .filter((d): d is Element => Boolean(d.tagName && d.customElement))
  .sort((a, b) => a.tagName.localeCompare(b.tagName));

// ---- Values each attribute accepts, from the classes' types ----

/** What an attribute's value is, for editors: `values` lists the accepted strings of a string union. */
interface ValueInfo {
  kind: 'string' | 'number' | 'boolean' | 'enum';
  values?: string[];
}

/**
 * Resolves each attribute's property type with the TypeScript checker, so that an alias such as
 * `SearchType` becomes the strings it stands for (the manifest only has the alias's name).
 */
function attributeValues(): Map<string, ValueInfo> {
  const config = ts.getParsedCommandLineOfConfigFile(join(root, 'tsconfig.json'), {}, {
    ...ts.sys,
    onUnRecoverableConfigFileDiagnostic: (d) => {
      throw new Error(ts.flattenDiagnosticMessageText(d.messageText, '\n'));
    },
  });
  if (!config) throw new Error('tsconfig.json could not be read');
  const program = ts.createProgram(
    elements.map((e) => join(root, e.path)),
    { ...config.options, noEmit: true },
  );
  const checker = program.getTypeChecker();
  const result = new Map<string, ValueInfo>();
  for (const element of elements) {
    const source = program.getSourceFile(join(root, element.path));
    const declaration = source?.statements.find((s): s is ts.ClassDeclaration => ts.isClassDeclaration(s) && s.name?.text === element.name);
    if (!declaration) throw new Error(`class ${element.name} not found in ${element.path}`);
    const instance = checker.getDeclaredTypeOfSymbol(checker.getSymbolAtLocation(declaration.name!)!);
    for (const attribute of element.attributes ?? []) {
      if (!attribute.fieldName) continue;
      const property = instance.getProperty(attribute.fieldName);
      if (!property) throw new Error(`${element.name} has no property ${attribute.fieldName}`);
      result.set(`${element.tagName} ${attribute.name}`, describeType(checker.getTypeOfSymbolAtLocation(property, declaration)));
    }
  }
  return result;
}

function describeType(type: ts.Type): ValueInfo {
  const members = (type.isUnion() ? type.types : [type]).filter((t) => !(t.flags & (ts.TypeFlags.Undefined | ts.TypeFlags.Null)));
  if (members.length && members.every((t) => t.flags & ts.TypeFlags.BooleanLike)) return { kind: 'boolean' };
  if (members.length && members.every((t) => t.flags & ts.TypeFlags.NumberLike)) return { kind: 'number' };
  if (members.length && members.every((t) => t.isStringLiteral())) {
    // Sorted: the checker's union order follows type creation, which unrelated code can change.
    const values = members
      .map((t) => (t as ts.StringLiteralType).value)
      .filter((v) => v !== '')
      .sort();
    if (values.length) return { kind: 'enum', values };
  }
  return { kind: 'string' };
}

const values = attributeValues();
const valueOf = (element: Element, attribute: Attribute): ValueInfo => values.get(`${element.tagName} ${attribute.name}`) ?? { kind: 'string' };

// ---- Helpers ----

/** `nexus-path-open` -> `NexusPathOpen`. */
const pascal = (name: string) => name.replace(/(^|-)([a-z0-9])/g, (_, __, c: string) => c.toUpperCase());
/** `nexus-self-help` -> `self-help` (the module name under src/react). */
const moduleName = (tag: string) => tag.replace(/^nexus-/, '');
/** Inputs: attributes backed by a property (an attribute without one is state the element shows). */
const inputAttributes = (e: Element) => (e.attributes ?? []).filter((a) => a.fieldName);
/** Properties a page may set: public, per instance, writable. */
const settableFields = (e: Element) =>
  (e.members ?? []).filter((m) => m.kind === 'field' && !m.static && !m.readonly && (m.privacy ?? 'public') === 'public');
const text = (s?: string) => (s ?? '').trim();

/** A JSDoc block at `indent`, or nothing when there is no text. */
function jsdoc(body: string, indent = ''): string {
  const lines = body.trim().replace(/\*\//g, '*\\/').split('\n');
  if (!lines.join('').trim()) return '';
  if (lines.length === 1) return `${indent}/** ${lines[0]} */\n`;
  return `${indent}/**\n${lines.map((l) => `${indent} *${l ? ` ${l}` : ''}`).join('\n')}\n${indent} */\n`;
}

/** Import path of an element's module from src/react. */
const importPath = (e: Element) => `./${relative(join(root, 'src/react'), join(root, e.path)).replace(/\\/g, '/')}`.replace(/^\.\/\.\./, '..').replace(/\.ts$/, '.js');

/** The package entry that exports an element's class (its own `elements/<name>` entry, or the agent entry). */
function entryOf(e: Element): string {
  const own = `./elements/${moduleName(e.tagName)}`;
  if (pkg.exports?.[own]) return `${pkg.name}${own.slice(1)}`;
  if (e.path.startsWith('src/agent/') && pkg.exports?.['./agent']) return `${pkg.name}/agent`;
  return pkg.name;
}

const eventType = (name: string) => (name.startsWith('nexus-') ? `NexusEvent<'${name}'>` : 'Event');

// ---- React wrappers ----

const files = new Map<string, string>();

for (const e of elements) {
  const element = `${e.name}Element`;
  const events = e.events ?? [];
  const props = [...new Set([...inputAttributes(e).map((a) => a.fieldName!), ...settableFields(e).map((f) => f.name)])];
  files.set(
    `src/react/${moduleName(e.tagName)}.ts`,
    `${GENERATED}
import * as React from 'react';
import { createComponent${events.length ? ', type EventName' : ''} } from '@lit/react';
${events.some((ev) => ev.name.startsWith('nexus-')) ? "import type { NexusEvent } from '../components/shared/events.js';\n" : ''}import { ${e.name} as ${element} } from '${importPath(e)}';

export type { ${element} };

${jsdoc(`\`<${e.tagName}>\` as a React component: ${text(e.summary)}

Props set the element's properties${props.length ? ` (${props.map((p) => `\`${p}\``).join(', ')})` : ''}${
      events.length ? `, and \`on…\` props listen to its events (${events.map((ev) => `\`on${pascal(ev.name)}\``).join(', ')})` : ''
    }. A \`ref\` is the element itself. Importing this module registers the element.`)}export const ${e.name} = /* @__PURE__ */ createComponent({
  react: React,
  tagName: '${e.tagName}',
  elementClass: ${element},
  displayName: '${e.name}',
  events: {
${events.map((ev) => `${jsdoc(`\`${ev.name}\`: ${text(ev.description)}`, '    ')}    on${pascal(ev.name)}: '${ev.name}' as EventName<${eventType(ev.name)}>,`).join('\n')}
  },
});

/** The props of {@link ${e.name}}. */
export type ${e.name}Props = React.ComponentProps<typeof ${e.name}>;
`.replace(/\n {2}events: \{\n\n {2}\},/, ''),
  );
}

files.set(
  'src/react/index.ts',
  `${GENERATED}
/**
 * React components for the Nexus Connect elements (\`nexus-connect/react\`), made with
 * \`@lit/react\`: props set the elements' properties, \`on…\` props (\`onNexusPathOpen\`) listen to
 * their \`nexus-*\` events with typed details, and a \`ref\` is the element. Each component
 * registers its element when imported; bundlers drop the ones a page does not use.
 *
 * Importing this module also types the tags as JSX intrinsic elements
 * (\`<nexus-self-help search-type="tags">\`), see {@link NexusIntrinsicElements}.
 */
${elements.map((e) => `export { ${e.name}, type ${e.name}Props, type ${e.name}Element } from './${moduleName(e.tagName)}.js';`).join('\n')}
export type {
  NexusIntrinsicElements,
${elements.map((e) => `  ${e.name}IntrinsicProps,`).join('\n')}
} from './jsx.js';
export type { NexusEvent, NexusEventDetails, NexusEventName } from '../components/shared/events.js';
`,
);

// ---- JSX intrinsic elements ----

function intrinsicProps(e: Element): string {
  const entries: string[] = [];
  for (const a of inputAttributes(e)) {
    if (a.name === a.fieldName) continue; // React sets it as the property of the same name (below).
    entries.push(`${jsdoc(`${text(a.description)}${a.description ? '\n\n' : ''}Attribute of the \`${a.fieldName}\` property.`, '  ')}  '${a.name}'?: AttributeValue<${e.name}['${a.fieldName}']>;`);
  }
  for (const f of settableFields(e)) {
    const attribute = inputAttributes(e).find((a) => a.fieldName === f.name);
    const note = attribute && attribute.name !== f.name ? `\n\nProperty of the \`${attribute.name}\` attribute.` : '';
    entries.push(`${jsdoc(`${text(f.description)}${note}`, '  ')}  ${f.name}?: ${e.name}['${f.name}'];`);
  }
  for (const ev of e.events ?? []) {
    entries.push(`${jsdoc(`Listens to \`${ev.name}\`: ${text(ev.description)}`, '  ')}  'on${ev.name}'?: (event: ${eventType(ev.name)}) => void;`);
  }
  return entries.join('\n');
}

files.set(
  'src/react/jsx.ts',
  `${GENERATED}
import type * as React from 'react';
import type { NexusEvent } from '../components/shared/events.js';
${elements.map((e) => `import type { ${e.name} } from '${importPath(e)}';`).join('\n')}

/** How an attribute is written in JSX: a boolean or number as such, a string as the property's type. */
type AttributeValue<T> = T extends boolean ? boolean : T extends number ? number | \`\${number}\` : T;

/** React's props for an HTML element (\`className\`, \`style\`, \`ref\`, \`key\`, \`children\`…), with the element's own. */
type ElementProps<E extends HTMLElement, Own> = Omit<React.DetailedHTMLProps<React.HTMLAttributes<E>, E>, keyof Own> & Own;

${elements
  .map(
    (e) => `${jsdoc(`The JSX props of \`<${e.tagName}>\`: its attributes, its properties (React 19 sets a prop the element has as a property) and its events (\`on<event-name>\`).`)}export interface ${e.name}IntrinsicProps {
${intrinsicProps(e)}
}`,
  )
  .join('\n\n')}

/**
 * Every Nexus Connect tag as a JSX intrinsic element. \`nexus-connect/react\` adds these to React's
 * \`JSX.IntrinsicElements\`; another JSX library can extend its own with them. The element must be
 * registered (\`import 'nexus-connect/elements/self-help'\`, or a browser bundle) before React
 * renders it, so that props go to its properties.
 */
export interface NexusIntrinsicElements {
${elements.map((e) => `  '${e.tagName}': ElementProps<HTMLElementTagNameMap['${e.tagName}'], ${e.name}IntrinsicProps>;`).join('\n')}
}

declare module 'react' {
  // eslint-disable-next-line @typescript-eslint/no-namespace
  namespace JSX {
    // eslint-disable-next-line @typescript-eslint/no-empty-object-type
    interface IntrinsicElements extends NexusIntrinsicElements {}
  }
}
`,
);

// ---- Editor data ----

const markdown = (value: string) => ({ kind: 'markdown', value: value.trim() });
const list = (title: string, items: Named[] | undefined, format: (n: Named) => string) =>
  items?.length ? `\n\n**${title}:** ${items.map(format).join(', ')}` : '';

function elementDoc(e: Element): string {
  return `${text(e.summary)}\n\n${text(e.description)}${list('Events', e.events, (n) => `\`${n.name}\``)}${list('Slots', e.slots, (n) =>
    n.name ? `\`${n.name}\`` : 'default',
  )}${list('CSS parts', e.cssParts, (n) => `\`${n.name}\``)}${list('CSS custom properties', e.cssProperties, (n) => `\`${n.name}\``)}`;
}

const tokenDoc = (v: readonly string[]) =>
  `Nexus Connect design token. Default: \`${v[0]}\`${v.length === 2 ? ` (light), \`${v[1]}\` (dark)` : ''}.`;

const json = (value: unknown) => `${JSON.stringify(value, null, 2)}\n`;

files.set(
  'vscode.html-custom-data.json',
  json({
    version: 1.1,
    tags: elements.map((e) => ({
      name: e.tagName,
      description: markdown(elementDoc(e)),
      attributes: inputAttributes(e).map((a) => {
        const value = valueOf(e, a);
        return {
          name: a.name,
          description: markdown(`${text(a.description)}${a.default !== undefined && a.default !== 'undefined' ? `\n\nDefault: \`${a.default}\`` : ''}`),
          ...(value.kind === 'boolean' ? { valueSet: 'v' } : {}),
          ...(value.values ? { values: value.values.map((name) => ({ name })) } : {}),
        };
      }),
    })),
  }),
);

files.set(
  'vscode.css-custom-data.json',
  json({
    version: 1.1,
    properties: [
      ...Object.entries(TOKENS).map(([name, v]) => ({ name: `--nexus-${name}`, description: tokenDoc(v) })),
      ...elements.flatMap((e) => (e.cssProperties ?? []).map((p) => ({ name: p.name, description: `\`<${e.tagName}>\`: ${text(p.description)}` }))),
    ],
  }),
);

files.set(
  'web-types.json',
  json({
    name: pkg.name,
    version: pkg.version,
    'description-markup': 'markdown',
    'js-types-syntax': 'typescript',
    contributions: {
      html: {
        elements: elements.map((e) => ({
          name: e.tagName,
          description: elementDoc(e),
          source: { module: entryOf(e), symbol: e.name },
          attributes: inputAttributes(e).map((a) => {
            const value = valueOf(e, a);
            return {
              name: a.name,
              description: text(a.description),
              ...(a.default !== undefined && a.default !== 'undefined' ? { default: a.default } : {}),
              value:
                value.kind === 'boolean'
                  ? { type: 'boolean', kind: 'no-value' }
                  : { type: value.values ? value.values.map((v) => `'${v}'`).join(' | ') : value.kind, kind: 'plain' },
            };
          }),
          ...(e.slots?.length ? { slots: e.slots.map((s) => ({ name: s.name, description: text(s.description) })) } : {}),
          js: {
            properties: settableFields(e).map((f) => ({ name: f.name, description: text(f.description), ...(f.type ? { type: f.type.text } : {}) })),
            events: (e.events ?? []).map((ev) => ({ name: ev.name, description: text(ev.description) })),
          },
          css: {
            properties: (e.cssProperties ?? []).map((p) => ({ name: p.name, description: text(p.description) })),
            parts: (e.cssParts ?? []).map((p) => ({ name: p.name, description: text(p.description) })),
          },
        })),
      },
      css: {
        properties: Object.entries(TOKENS).map(([name, v]) => ({ name: `--nexus-${name}`, description: tokenDoc(v) })),
      },
    },
  }),
);

// ---- Write ----

// A generated module whose element is gone is stale: remove it (only when writing in place).
if (outRoot === root && existsSync(join(root, 'src/react'))) {
  for (const name of readdirSync(join(root, 'src/react'))) {
    const file = `src/react/${name}`;
    if (!files.has(file) && readFileSync(join(root, file), 'utf8').startsWith(GENERATED)) rmSync(join(root, file));
  }
}
for (const [file, content] of files) {
  mkdirSync(dirname(join(outRoot, file)), { recursive: true });
  writeFileSync(join(outRoot, file), content);
}
