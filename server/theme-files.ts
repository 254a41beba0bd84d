/**
 * Hosted theme files (Settings > Self-Support Branding > Upload Theme file): what an uploaded
 * stylesheet must be, its content-addressed URL, and the public route that serves it.
 *
 * A theme is loaded by customers' pages with `<link rel="stylesheet">` inside the elements' shadow
 * roots, so it is served to any origin, from its own path under the API, in a way that cannot run
 * script: `text/css; charset=utf-8` with `nosniff` (a browser never takes it for HTML or script),
 * a CSP of `default-src 'none'; sandbox` (should it be opened as a document, nothing loads or
 * runs), `Content-Disposition: inline` with a fixed name. The upload itself is refused unless it
 * is plain CSS text (checkThemeCss). See docs/security.md#hosted-theme-files.
 */
import { createHash } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import type { ThemeKind } from '../src/protocol/admin.js';
import { ThemeFileParams } from '../src/protocol/admin.js';
import { routePath, ROUTES } from '../src/protocol/routes.js';
import { ApiError } from './errors.js';
import type { Store, ThemeFile } from './store/types.js';

/** Limits of a hosted theme file. */
export const THEME_FILE_LIMITS = {
  /** Largest theme file, in bytes (413 `payload_too_large` above it). */
  maxBytes: 256 * 1024,
} as const;

/** The branding field each kind of theme file sets. */
export const THEME_FIELD = { theme: 'themeUrl', 'step-content': 'stepContentThemeUrl' } as const satisfies Record<ThemeKind, string>;

/** Every kind of hosted theme file. */
export const THEME_KINDS: readonly ThemeKind[] = ['theme', 'step-content'];

/** The fixed file name a theme file is served and downloaded under. */
export const themeFileName = (kind: ThemeKind) => (kind === 'theme' ? 'theme.css' : 'step-content-theme.css');

/** A year: a hosted file's URL names its hash, so what is behind a URL never changes. */
export const IMMUTABLE = 'public, max-age=31536000, immutable';

const invalid = (message: string) => new ApiError(400, 'theme_file_invalid', message);

/**
 * What a stylesheet may not hold, whatever its context: markup (`<script`, `</style`, `<!--`,
 * `<?`: a file meant to be read as HTML), and the legacy ways CSS could run script (IE's
 * `expression()` and `behavior:`, Firefox's `-moz-binding`, `javascript:` URLs).
 */
const FORBIDDEN: [RegExp, string][] = [
  [/<\s*\/?\s*[A-Za-z!?]/, 'HTML markup'],
  [/expression\s*\(/i, 'expression()'],
  [/-moz-binding/i, '-moz-binding'],
  [/(^|[\s;{])behavior\s*:/i, 'behavior:'],
  [/javascript\s*:/i, 'javascript: URLs'],
];

/**
 * The CSS text of an upload, or 400 `theme_file_invalid`: not empty, valid UTF-8 (a byte order
 * mark is dropped), no NUL or other control characters but tab, line feed, form feed and carriage
 * return (which leaves out binary files), nothing of FORBIDDEN. The size is checked before
 * (413); a file that passes is still only a stylesheet: it can restyle the elements (and load
 * images and fonts), never run script.
 */
export function checkThemeCss(bytes: Buffer): string {
  if (bytes.length === 0) throw invalid('the theme file is empty');
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(bytes);
  } catch {
    throw invalid('the theme file is not UTF-8 text (a binary file?)');
  }
  // eslint-disable-next-line no-control-regex
  const control = /[\u0000-\u0008\u000b\u000e-\u001f\u007f]/.exec(text);
  if (control) throw invalid(`the theme file holds a control character (U+${control[0].charCodeAt(0).toString(16).padStart(4, '0').toUpperCase()}): not plain CSS text`);
  for (const [pattern, what] of FORBIDDEN) {
    if (pattern.test(text)) throw invalid(`a theme file may not contain ${what}`);
  }
  return text;
}

/** A stored theme file for its CSS: its hash and size. */
export function newThemeFile(tenantId: string, kind: ThemeKind, css: string, now = Date.now()): ThemeFile {
  const bytes = Buffer.from(css, 'utf8');
  return { tenantId, kind, css, hash: createHash('sha256').update(bytes).digest('hex'), size: bytes.length, uploadedAt: now };
}

/** The absolute URL a hosted file is served at, on `origin` (the server's public URL). */
export function themeFileUrl(origin: string, file: Pick<ThemeFile, 'tenantId' | 'kind' | 'hash'>): string {
  return `${origin.replace(/\/+$/, '')}${routePath(ROUTES.themeFile, { tenant: file.tenantId, file: `${file.kind}-${file.hash}.css` })}`;
}

/**
 * The headers of a file the server hosts for customers' pages (theme files, step images): its
 * type, never sniffed into anything else, nothing run or loaded if it is opened as a document,
 * readable from any origin.
 */
export function hostedFileHeaders(type: string, disposition: 'inline' | 'attachment', fileName: string): Record<string, string> {
  return {
    'content-type': type,
    'content-disposition': `${disposition}; filename="${fileName}"`,
    'x-content-type-options': 'nosniff',
    'content-security-policy': "default-src 'none'; sandbox",
    'cross-origin-resource-policy': 'cross-origin',
  };
}

/** The headers of a hosted theme file: CSS that cannot be sniffed into anything else nor run anything. */
export const themeFileHeaders = (kind: ThemeKind, disposition: 'inline' | 'attachment') =>
  hostedFileHeaders('text/css; charset=utf-8', disposition, themeFileName(kind));

/**
 * GET ROUTES.themeFile, public: the tenant's hosted file of that kind while its hash is the one
 * in the name (a replaced or removed file is 404 `theme_file_not_found`). CORS (app.ts) lets any
 * origin read it.
 */
export function registerThemeFileRoute(api: FastifyInstance, store: Store) {
  api.get<{ Params: { tenant: string; file: string } }>(
    ROUTES.themeFile,
    { config: { public: true }, schema: { params: ThemeFileParams } },
    async (request, reply) => {
      const [, kind, hash] = /^(theme|step-content)-([0-9a-f]{64})\.css$/.exec(request.params.file) ?? [];
      const file = await store.getThemeFile(request.params.tenant, kind as ThemeKind);
      if (!file || file.hash !== hash) throw new ApiError(404, 'theme_file_not_found', 'there is no such theme file');
      return reply.headers(themeFileHeaders(file.kind, 'inline')).header('cache-control', IMMUTABLE).send(file.css);
    },
  );
}
