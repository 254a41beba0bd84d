/**
 * The iframe embed (the Cloud SDK guide's "Embed API"): `GET /embed?searchtype=…&jwt=…` answers
 * an HTML page with `<nexus-self-help>` configured from the query string, for sites that cannot
 * run scripts of their own. The page loads the browser bundle served at `/sdk/self-help.js` and
 * one small inline module that tells the parent page its height (and the elements' events) by
 * `postMessage`, and lets contact us turn self help into live help in the frame with the SDK's
 * own step, which the bundle exports. Bad parameters and bad tokens get an HTML page with the
 * reason, inside the frame.
 * See docs/embed.md for the parameters, the messages and the origin rules.
 */
import { createHash } from 'node:crypto';
import { access } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import type { FastifyInstance, FastifyReply } from 'fastify';
import { Value } from '@sinclair/typebox/value';
import { LIMITS, splitList, type ErrorCode } from '../src/protocol/api.js';
import { Skill } from '../src/protocol/live.js';
import {
  SECTIONS,
  isRemoteConnectionType,
  isSearchType,
  readSections,
  type RemoteConnectionType,
  type SearchType,
  type Section,
} from '../src/protocol/page-config.js';
import type { PageEventName } from '../src/protocol/page-events.js';
import { HelpId, Tag } from '../src/protocol/schemas.js';
import { checkAudience, requireRole, verifyToken } from './auth.js';
import { ApiError } from './errors.js';
import type { Store } from './store/types.js';

/** Where the embed page is served (`/embed/` answers too). */
export const EMBED_PATH = '/embed';
/** The browser bundle the page loads (served from `--sdk-dir`). */
const BUNDLE_PATH = '/sdk/self-help.js';

// ---------------------------------------------------------------------------------------------
// The query string

/** What `searchvalue` holds for each search type (a record, so the compiler notices one missing). */
const SEARCH_VALUES: Record<SearchType, string> = { helpid: 'the help-id', tags: 'the tags', text: 'the text' };
/** The sections as the guide spells them (`contact_us`), for messages. */
const GUIDE_SECTIONS = SECTIONS.map((section) => section.replace('-', '_')).join(', ');

/** Longest accepted phone number, in characters. */
const MAX_PHONE_LENGTH = 40;

/** The parameters, as documented; names are matched without regard to case. */
const PARAMETERS = ['searchtype', 'searchvalue', 'displayorder', 'jwt', 'phone', 'skill', 'remoteConnectionType', 'parentOrigin'] as const;
type Parameter = (typeof PARAMETERS)[number];

/** What the embed page shows, read from a valid query string. */
export interface EmbedConfig {
  /** With `searchValue`: a help-id to open, tags to list or text to search. */
  searchType?: SearchType;
  /** A help-id, comma-separated tags (normalized to `a,b`), or search text. */
  searchValue?: string;
  /** The sections in order; absent means all of them. */
  displayOrder?: Section[];
  /** The application token, not yet verified. Absent when the query has none. */
  jwt?: string;
  /** The number contact us offers to call. */
  phone?: string;
  /** The skill queue contact us offers a chat with. */
  skill?: string;
  /** Passed on with live-help requests (default `cobrowse`). */
  remoteConnectionType: RemoteConnectionType;
  /** The origin that messages go to, when the parent named it. */
  parentOrigin?: string;
}

/** Query values as Fastify parses them: repeated names give arrays. */
export type RawQuery = Record<string, string | string[] | undefined>;

/** A value for an error message: quoted, and cut when it is long. */
const quote = (value: string) => `"${value.length > 60 ? `${value.slice(0, 60)}…` : value}"`;

/** Reads the parameters by name, case-insensitively; unknown and repeated names are problems. */
function readParameters(query: RawQuery, problems: string[]): Partial<Record<Parameter, string>> {
  const byLowerCase = new Map(PARAMETERS.map((name) => [name.toLowerCase(), name]));
  const values: Partial<Record<Parameter, string>> = {};
  const counts = new Map<Parameter, number>();
  for (const [key, raw] of Object.entries(query)) {
    if (raw === undefined) continue;
    const name = byLowerCase.get(key.toLowerCase());
    if (!name) {
      problems.push(`${quote(key)} is not a parameter of the embed (use ${PARAMETERS.join(', ')})`);
      continue;
    }
    const list = Array.isArray(raw) ? raw : [raw];
    counts.set(name, (counts.get(name) ?? 0) + list.length);
    values[name] = list[0];
  }
  for (const [name, count] of counts) {
    if (count > 1) {
      problems.push(`${name} is given ${count} times; give it once`);
      delete values[name];
    }
  }
  return values;
}

/** The search value for a search type, normalized; problems are added to the list. */
function readSearchValue(type: SearchType, value: string, problems: string[]): string | undefined {
  switch (type) {
    case 'helpid':
      if (!Value.Check(HelpId, value)) problems.push(`searchvalue ${quote(value)} is not a valid help-id (${HelpId.description})`);
      return value;
    case 'tags': {
      const tags = splitList(value);
      if (tags.length > LIMITS.maxTags) problems.push(`searchvalue has ${tags.length} tags; at most ${LIMITS.maxTags} are allowed`);
      for (const tag of tags) {
        if (!Value.Check(Tag, tag)) problems.push(`searchvalue: ${quote(tag)} is not a valid tag (${Tag.description})`);
      }
      if (!tags.length) problems.push('searchvalue has no tags: give one or more, separated by commas');
      return tags.join(',');
    }
    case 'text':
      if (value.length > LIMITS.maxQueryLength) problems.push(`searchvalue is longer than ${LIMITS.maxQueryLength} characters`);
      return value;
  }
}

/** The origin in `value` if it is an http(s) origin and nothing more (a trailing slash is allowed). */
function readOrigin(value: string): string | undefined {
  if (!/^https?:\/\/[^/?#@\\]+\/?$/i.test(value)) return undefined;
  try {
    return new URL(value).origin;
  } catch {
    return undefined;
  }
}

/**
 * Checks the embed's query string. Empty values count as absent (so a template that leaves a
 * placeholder empty still works); anything else that is wrong is listed, every problem at once,
 * in words meant for the person who wrote the iframe tag. The configuration holds what was
 * valid; it is usable only when there are no problems. The token is only read here, not verified
 * (see `verifyToken`).
 */
export function parseEmbedQuery(query: RawQuery): { config: EmbedConfig; problems: string[] } {
  const problems: string[] = [];
  const raw = readParameters(query, problems);
  const value = (name: Parameter) => raw[name]?.trim() || undefined;
  const config: EmbedConfig = { remoteConnectionType: 'cobrowse' };

  const searchType = value('searchtype')?.toLowerCase();
  const searchValue = value('searchvalue');
  if (searchType !== undefined) {
    if (!isSearchType(searchType)) {
      problems.push(`searchtype must be helpid, tags or text (got ${quote(raw.searchtype!)})`);
    } else if (searchValue === undefined) {
      problems.push(`searchvalue is missing: searchtype=${searchType} needs ${SEARCH_VALUES[searchType]} to look for`);
    } else {
      config.searchType = searchType;
      config.searchValue = readSearchValue(config.searchType, searchValue, problems);
    }
  } else if (searchValue !== undefined) {
    problems.push('searchvalue needs a searchtype (helpid, tags or text) that says what it is');
  }

  const order = splitList(value('displayorder'));
  if (order.length) {
    const { sections, unknown } = readSections(order);
    for (const entry of unknown) problems.push(`displayorder: ${quote(String(entry))} is not a section (use ${GUIDE_SECTIONS})`);
    config.displayOrder = sections;
  }

  const phone = value('phone');
  if (phone !== undefined) {
    if (phone.length > MAX_PHONE_LENGTH) problems.push(`phone is longer than ${MAX_PHONE_LENGTH} characters`);
    else if (/[\p{Cc}\p{Cf}]/u.test(phone)) problems.push('phone contains control characters');
    else config.phone = phone;
  }

  const skill = value('skill');
  if (skill !== undefined) {
    if (Value.Check(Skill, skill)) config.skill = skill;
    else problems.push(`skill ${quote(skill)} is not a skill id (${Skill.description})`);
  }

  const remote = value('remoteConnectionType')?.toLowerCase();
  if (remote !== undefined) {
    if (isRemoteConnectionType(remote)) config.remoteConnectionType = remote;
    else problems.push(`remoteConnectionType must be cobrowse or remote (got ${quote(raw.remoteConnectionType!)})`);
  }

  const parentOrigin = value('parentOrigin');
  if (parentOrigin !== undefined) {
    config.parentOrigin = readOrigin(parentOrigin);
    if (!config.parentOrigin) problems.push(`parentOrigin must be an origin such as https://www.example.com, with no path (got ${quote(parentOrigin)})`);
  }

  config.jwt = value('jwt');
  return { config, problems };
}

// ---------------------------------------------------------------------------------------------
// HTML

/** Markup that is safe as it is: made by `html` below, or a constant of this module. */
class SafeHtml {
  constructor(readonly value: string) {}
}

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Escapes text for an HTML text node or a quoted attribute value. */
function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (ch) => ESCAPES[ch]);
}

function renderValue(value: unknown): string {
  if (value instanceof SafeHtml) return value.value;
  if (Array.isArray(value)) return value.map(renderValue).join('');
  if (value === undefined || value === null || value === false) return '';
  return escapeHtml(String(value));
}

/**
 * A template tag that escapes every interpolated value unless it is itself `html` output, so no
 * markup is ever made by joining strings. Attribute values must be in double quotes.
 */
function html(strings: TemplateStringsArray, ...values: unknown[]): SafeHtml {
  return new SafeHtml(strings.reduce((out, part, i) => out + renderValue(values[i - 1]) + part));
}

/** An attribute when the value is set, nothing otherwise. */
const attribute = (name: string, value: string | undefined) => (value === undefined ? '' : html` ${name}="${value}"`);

/** The events of the elements that the page passes on to the parent (`type: 'event'`). */
export const FORWARDED_EVENTS = [
  'nexus-search',
  'nexus-path-select',
  'nexus-category-select',
  'nexus-path-open',
  'nexus-step-change',
  'nexus-resolved',
  'nexus-escalate',
  'nexus-live-help-request',
  'nexus-error',
] as const satisfies readonly PageEventName[];

/**
 * The page's only script of its own, the same on every page (its hash is in the CSP). It works
 * out the parent's origin, posts `{ source: 'nexus-connect', type, … }` messages to it and to no
 * one else, and answers `request-height` only from that origin. The height is what the element
 * on show reports (`nexus-height-change`: self help, or live help once contact us put it in self
 * help's place), or the problem page's own. On the self-help page it imports the bundle (by then
 * loading anyway) for the step that puts live help in self help's place; the problem pages never
 * load it.
 */
const FRAME_SCRIPT = `
const SOURCE = 'nexus-connect';
const BUNDLE = ${JSON.stringify(BUNDLE_PATH)};
const root = document.documentElement;
const parentOrigin = (() => {
  if (window.parent === window) return null;
  const ancestor = location.ancestorOrigins?.[0];
  const given = root.dataset.parentOrigin;
  if (given && ancestor && ancestor !== given) {
    console.warn('Nexus embed: parentOrigin is ' + given + ' but the parent page is ' + ancestor + ', so it gets no messages.');
    return null;
  }
  if (given) return given;
  // An opaque parent (sandboxed, or a file) cannot be addressed.
  if (ancestor === 'null') return null;
  for (const candidate of [ancestor, document.referrer]) {
    try {
      const origin = new URL(candidate).origin;
      if (origin !== 'null') return origin;
    } catch {}
  }
  return null;
})();
let height = null;
const post = (message) => {
  if (parentOrigin) window.parent.postMessage({ source: SOURCE, ...message }, parentOrigin);
};
const sendHeight = (value) => {
  if (value === height) return;
  height = value;
  post({ type: 'height', height });
};
window.addEventListener('message', (event) => {
  if (!parentOrigin || event.source !== window.parent || event.origin !== parentOrigin) return;
  const data = event.data;
  if (data && data.source === SOURCE && data.type === 'request-height' && height !== null) post({ type: 'height', height });
});
const problem = document.querySelector('[data-nexus-problem]');
if (problem) {
  const { code, status, message } = problem.dataset;
  post({ type: 'error', code, status: Number(status), message });
  new ResizeObserver(() => sendHeight(Math.ceil(document.body.getBoundingClientRect().height))).observe(document.body);
} else {
  document.addEventListener('nexus-height-change', (event) => sendHeight(event.detail.height));
  for (const name of ${JSON.stringify(FORWARDED_EVENTS)}) {
    document.addEventListener(name, (event) => post({ type: 'event', name, detail: JSON.parse(JSON.stringify(event.detail ?? null)) }));
  }
  // Contact us: live help takes the place of self help in this frame (with the guided path
  // attached), unless something else took the request; the same step as the SDK's, from the
  // bundle. Live help reports its height as self help does, so the parent keeps hearing it.
  import(BUNDLE)
    .then(({ loadLiveHelpInPlace }) => loadLiveHelpInPlace())
    .then(({ replaceSelfHelpWithLiveHelp }) => {
      document.addEventListener('nexus-live-help-request', (event) => replaceSelfHelpWithLiveHelp(event));
    });
}
`;

const SCRIPT_HASH = `sha256-${createHash('sha256').update(FRAME_SCRIPT).digest('base64')}`;

/**
 * What a page of this server that shows our elements may load besides its scripts (the embed
 * page here, the demo pages in headers.ts): styles, images and fonts from anywhere (theme
 * stylesheets and step images live on other origins) and inline styles (Lit's style bindings);
 * requests to this server only; no plugins, no `<base>`, forms to this server.
 */
export const PAGE_SOURCES = [
  "style-src 'self' 'unsafe-inline' https: http:",
  "img-src 'self' https: http: data: blob:",
  "font-src 'self' https: http: data:",
  "media-src 'self' https: http: data: blob:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'self'",
];

/**
 * The Content-Security-Policy of both pages. Scripts: this server's files (the bundle and its
 * lazy chunks) and the one inline module, by hash; no plugins, no `<base>`. Styles, images and
 * fonts may come from anywhere (theme stylesheets and step images live on other origins), and
 * inline styles are allowed (Lit's style bindings). No `frame-ancestors`: any site may frame it.
 */
const EMBED_CSP = ["default-src 'self'", `script-src 'self' '${SCRIPT_HASH}'`, ...PAGE_SOURCES].join('; ');

const PAGE_STYLE = new SafeHtml(`<style>
  html { color-scheme: light; }
  body { margin: 0; display: flow-root; font: 16px/1.5 system-ui, sans-serif; }
  .problem { margin: 16px; padding: 16px 20px; border: 1px solid #c62828; border-radius: 8px; background: #fff5f5; color: #1f1f1f; }
  .problem h1 { margin: 0 0 8px; font-size: 1.125rem; }
  .problem ul { margin: 8px 0; padding-inline-start: 1.25rem; }
  .problem .code { margin: 8px 0 0; font-size: 0.875rem; color: #4a4a4a; }
</style>`);

function page(options: { title: string; parentOrigin?: string; head?: SafeHtml; body: SafeHtml }): string {
  return html`<!doctype html>
<html lang="en"${attribute('data-parent-origin', options.parentOrigin)}>
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${options.title}</title>
${PAGE_STYLE}
<script type="module">${new SafeHtml(FRAME_SCRIPT)}</script>
${options.head}
</head>
<body>
${options.body}
</body>
</html>
`.value;
}

/** The self-help page for a valid configuration and a verified token. */
function renderEmbedPage(config: EmbedConfig & { jwt: string }): string {
  const attributes = [
    attribute('search-type', config.searchType),
    attribute('search-value', config.searchValue),
    // The list itself, as JSON: the element does not parse a display order again.
    attribute('sections', config.displayOrder && JSON.stringify(config.displayOrder)),
    attribute('phone', config.phone),
    attribute('skill', config.skill),
    attribute('remote-connection-type', config.remoteConnectionType),
  ];
  const selfHelp = html`<nexus-self-help${attributes}></nexus-self-help>`;
  return page({
    title: 'Self help',
    parentOrigin: config.parentOrigin,
    head: html`<script type="module" src="${BUNDLE_PATH}"></script>`,
    // The server is this page's own origin: "/" resolves against the page's address.
    body: html`<nexus-provider server="/" token="${config.jwt}">${selfHelp}</nexus-provider>
<noscript><p>Self help needs JavaScript, which is turned off in this browser.</p></noscript>`,
  });
}

/** What went wrong, for the error page. */
interface EmbedProblem {
  status: number;
  code: ErrorCode;
  /** One sentence saying what is wrong. */
  summary: string;
  /** The details, one per line (the bad parameters). */
  details?: string[];
}

/** The error page: the problem in words, and its code, inside the frame. */
function renderProblemPage(problem: EmbedProblem, parentOrigin?: string): string {
  const message = problem.details?.length ? `${problem.summary} ${problem.details.join('; ')}` : problem.summary;
  return page({
    title: 'Self help is not available',
    parentOrigin,
    body: html`<main class="problem" data-nexus-problem data-code="${problem.code}" data-status="${problem.status}" data-message="${message}">
<h1>Self help could not be shown</h1>
<p>${problem.summary}</p>
${problem.details?.length ? html`<ul>${problem.details.map((detail) => html`<li>${detail}</li>`)}</ul>` : ''}
<p class="code">Error code: <code>${problem.code}</code> (HTTP ${problem.status})</p>
</main>`,
  });
}

// ---------------------------------------------------------------------------------------------
// The route

/** What the site owner can do about a token problem, by error code. */
const TOKEN_ADVICE: Partial<Record<ErrorCode, string>> = {
  token_missing: 'Add the application token as the jwt parameter.',
  token_invalid: 'Check that the jwt parameter holds the whole application token, exactly as it was issued.',
  token_expired: 'Issue a new application token and put it in the jwt parameter.',
  token_revoked: 'Issue a new application token and put it in the jwt parameter.',
  forbidden: 'Use an application token here, not an agent or session token.',
  token_audience: 'Use an application token whose audience includes client apps.',
};

/** Verifies the application token; a problem for the page when it is missing or not usable. */
async function checkToken(store: Store, jwt: string | undefined): Promise<EmbedProblem | undefined> {
  try {
    if (!jwt) throw new ApiError(401, 'token_missing', 'the jwt parameter is missing');
    // The embed is a page whatever fetched it: a token for REST APIs alone has no place in it.
    checkAudience(requireRole(await verifyToken(store, jwt), ['consumer']), true);
    return undefined;
  } catch (error) {
    if (!(error instanceof ApiError)) throw error;
    const advice = TOKEN_ADVICE[error.code];
    return {
      status: error.statusCode,
      code: error.code,
      summary: `The application token cannot be used: ${error.message}.`,
      details: advice ? [advice] : undefined,
    };
  }
}

/** Whether this server serves the browser bundle `file` (`self-help.js`, `portal.js`) from `--sdk-dir`. */
export async function hasBundle(sdkDir: string | undefined, file: string): Promise<boolean> {
  if (!sdkDir) return false;
  return access(join(resolve(sdkDir), file)).then(
    () => true,
    () => false,
  );
}

function sendPage(reply: FastifyReply, status: number, body: string) {
  return reply
    .status(status)
    .type('text/html; charset=utf-8')
    .header('content-security-policy', EMBED_CSP)
    // The address holds the token: never send it on as a referrer, never keep the page.
    .header('referrer-policy', 'no-referrer')
    .header('cache-control', 'no-store')
    .header('x-content-type-options', 'nosniff')
    .send(body);
}

/**
 * Adds `GET /embed` (and `/embed/`). The page needs the browser bundle at `/sdk/self-help.js`:
 * without `sdkDir` (or without the bundle in it) the route answers a 404 page that says so.
 */
export function registerEmbed(app: FastifyInstance, store: Store, sdkDir: string | undefined): void {
  const handler = async (query: RawQuery, reply: FastifyReply) => {
    const { config, problems } = parseEmbedQuery(query);
    if (problems.length) {
      const summary = problems.length === 1 ? 'A parameter of this embed is not right:' : 'Some parameters of this embed are not right:';
      const problem: EmbedProblem = { status: 400, code: 'invalid_request', summary, details: problems };
      return sendPage(reply, 400, renderProblemPage(problem, config.parentOrigin));
    }
    const tokenProblem = await checkToken(store, config.jwt);
    if (tokenProblem) return sendPage(reply, tokenProblem.status, renderProblemPage(tokenProblem, config.parentOrigin));
    if (!(await hasBundle(sdkDir, 'self-help.js'))) {
      const problem: EmbedProblem = {
        status: 404,
        code: 'not_found',
        summary: 'This server does not serve the self-help bundle (/sdk/self-help.js).',
        details: ['Start it with --sdk-dir pointing at the built browser bundles (dist/cdn).'],
      };
      return sendPage(reply, 404, renderProblemPage(problem, config.parentOrigin));
    }
    return sendPage(reply, 200, renderEmbedPage({ ...config, jwt: config.jwt! }));
  };
  for (const path of [EMBED_PATH, `${EMBED_PATH}/`]) {
    app.get<{ Querystring: RawQuery }>(path, (request, reply) => handler(request.query, reply));
  }
}
