/**
 * Times and file links as the chat surfaces (customer and agent) show them. Times and sizes for a
 * locale are in src/i18n/strings.ts (`formatTime`, `formatSize`), with numbers, as every
 * element's localize controller uses them; this module is loaded only with the chat surfaces.
 */
import type { FileInfo } from '../../protocol/live.js';
import { ROUTES } from '../../protocol/routes.js';

/** Value for a `<time datetime>` attribute. */
export function isoTime(at: number): string {
  return new Date(at).toISOString();
}

/** The path prefix of signed file downloads (`/v1/live/files/`). */
const FILE_PREFIX = ROUTES.liveFile.slice(0, ROUTES.liveFile.indexOf(':fileId'));

/**
 * The download URL of a shared file, or null when the server's URL is not a signed file
 * download on that same server. File events come from customers' sessions, so the link is only
 * ever the server's own `/v1/live/files/<id>?sig=…`: never another origin, never `javascript:`.
 */
export function fileHref(file: FileInfo, server: string): string | null {
  let base: URL;
  let url: URL;
  try {
    base = new URL(server);
    url = new URL(file.url, base);
  } catch {
    return null;
  }
  const basePath = base.pathname.replace(/\/+$/, '');
  if (url.origin !== base.origin) return null;
  if (!url.pathname.startsWith(`${basePath}${FILE_PREFIX}`)) return null;
  if (!url.searchParams.get('sig')) return null;
  return url.href;
}
