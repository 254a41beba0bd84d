/**
 * Hosted step images (the portal's step editor: an image in a step body): what an upload must
 * be, its content-addressed URL, and the public route that serves it.
 *
 * Customers' pages load a step image with `<img>` from any origin, so it is served from its own
 * path under the API in a way that cannot run script, like the hosted theme files
 * (theme-files.ts): only PNG, JPEG, GIF and WebP, whose first bytes must say the type the upload
 * declared (SVG is refused: it is XML that can carry script), served with that type and `nosniff`
 * (never read as anything else), a CSP of `default-src 'none'; sandbox` (opened as a document,
 * nothing loads or runs), `Content-Disposition: inline`. The URL names the SHA-256 of the bytes,
 * so what is behind it never changes (cached for a year). See docs/security.md#hosted-step-images.
 */
import { createHash } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import type { ContentImageType } from '../src/protocol/authoring.js';
import { CONTENT_IMAGE_LIMITS, ContentImageParams } from '../src/protocol/authoring.js';
import { routePath, ROUTES } from '../src/protocol/routes.js';
import { ApiError } from './errors.js';
import { hostedFileHeaders, IMMUTABLE } from './theme-files.js';
import type { ContentImage, Store } from './store/types.js';

/** The accepted image types. */
export const CONTENT_IMAGE_TYPES = Object.keys(CONTENT_IMAGE_LIMITS.types) as ContentImageType[];


const invalid = (message: string) => new ApiError(400, 'image_invalid', message);

/** What the first bytes of each accepted type are. */
const SIGNATURES: Record<ContentImageType, (b: Buffer) => boolean> = {
  'image/png': (b) => b.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])),
  'image/jpeg': (b) => b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff,
  'image/gif': (b) => ['GIF87a', 'GIF89a'].includes(b.toString('latin1', 0, 6)),
  'image/webp': (b) => b.toString('latin1', 0, 4) === 'RIFF' && b.toString('latin1', 8, 12) === 'WEBP',
};

/** What the bytes look like when they are not what was declared, for the message. */
function looksLike(bytes: Buffer): string {
  const found = CONTENT_IMAGE_TYPES.find((type) => SIGNATURES[type](bytes));
  if (found) return `they are ${CONTENT_IMAGE_LIMITS.types[found].toUpperCase()}: send them as ${found}`;
  const head = bytes.toString('utf8', 0, 512).trimStart().toLowerCase();
  if (head.startsWith('<svg') || (head.startsWith('<?xml') && head.includes('<svg'))) return 'they are SVG, which is not accepted: an SVG can carry script';
  if (head.startsWith('<')) return 'they are markup (HTML or XML)';
  return 'they are not an image of an accepted type';
}

const typeNames = () => CONTENT_IMAGE_TYPES.map((type) => CONTENT_IMAGE_LIMITS.types[type].toUpperCase()).join(', ');

/**
 * The image type of an upload, or 400 `image_invalid`: not empty, declared (`declared`, the
 * media type of its Content-Type) as one of CONTENT_IMAGE_LIMITS.types, and its first bytes
 * those of that type. The size is checked before (413).
 */
export function checkContentImage(bytes: Buffer, declared: string): ContentImageType {
  if (declared === 'image/svg+xml') throw invalid(`SVG images are not accepted (an SVG can carry script): send ${typeNames()}`);
  if (!(CONTENT_IMAGE_TYPES as string[]).includes(declared)) {
    throw invalid(`a step image is ${typeNames()} (Content-Type ${CONTENT_IMAGE_TYPES.join(', ')}), not '${declared.slice(0, 80) || 'none'}'`);
  }
  const type = declared as ContentImageType;
  if (bytes.length === 0) throw invalid('the image is empty');
  if (!SIGNATURES[type](bytes)) throw invalid(`the bytes are not a ${CONTENT_IMAGE_LIMITS.types[type].toUpperCase()} image (${looksLike(bytes)})`);
  return type;
}

/** The SHA-256 of an image's bytes, hex: its name. */
export const contentImageHash = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

/** The file name an image is served under: `<sha256>.<ext>`. */
export const contentImageFileName = (image: Pick<ContentImage, 'hash' | 'type'>) => `${image.hash}.${CONTENT_IMAGE_LIMITS.types[image.type]}`;

/** The absolute URL an image is served at, on `origin` (the server's public URL). */
export function contentImageUrl(origin: string, image: Pick<ContentImage, 'tenantId' | 'hash' | 'type'>): string {
  return `${origin.replace(/\/+$/, '')}${routePath(ROUTES.contentImage, { tenant: image.tenantId, file: contentImageFileName(image) })}`;
}

/** The headers of a hosted image: its type, never sniffed, nothing run if opened as a document, cached for good. */
export function contentImageHeaders(image: Pick<ContentImage, 'hash' | 'type'>): Record<string, string> {
  return { ...hostedFileHeaders(image.type, 'inline', contentImageFileName(image)), 'cache-control': IMMUTABLE, etag: `"${image.hash}"` };
}

/**
 * GET ROUTES.contentImage, public: the tenant's image of that hash, when its extension is the
 * one of its type (404 `image_not_found` otherwise); 304 to a request whose If-None-Match names
 * it. CORS (app.ts) lets any origin read it.
 */
export function registerContentImageRoute(api: FastifyInstance, store: Store) {
  api.get<{ Params: { tenant: string; file: string } }>(
    ROUTES.contentImage,
    { config: { public: true }, schema: { params: ContentImageParams } },
    async (request, reply) => {
      const [hash, ext] = request.params.file.split('.');
      const image = await store.getContentImage(request.params.tenant, hash);
      if (!image || CONTENT_IMAGE_LIMITS.types[image.type] !== ext) throw new ApiError(404, 'image_not_found', 'there is no such image');
      reply.headers(contentImageHeaders(image));
      const match = request.headers['if-none-match'];
      if (match && match.split(',').some((tag) => tag.trim().replace(/^W\//, '') === `"${image.hash}"`)) return reply.status(304).send();
      return reply.send(image.bytes);
    },
  );
}
