/** Times, sizes and file links as the chat surfaces (customer and agent) show them. */
import type { FileInfo } from '../../protocol/live.js';
import { ROUTES } from '../../protocol/routes.js';

const timeFormat = new Intl.DateTimeFormat(undefined, { hour: '2-digit', minute: '2-digit' });
const dateTimeFormat = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' });

/** A time of day for today's events, with the date for older ones. */
export function formatTime(at: number, now = Date.now()): string {
  const date = new Date(at);
  const sameDay = new Date(now).toDateString() === date.toDateString();
  return sameDay ? timeFormat.format(date) : dateTimeFormat.format(date);
}

/** Value for a `<time datetime>` attribute. */
export function isoTime(at: number): string {
  return new Date(at).toISOString();
}

/** A file size in B, kB or MB. */
export function formatSize(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${Math.round(bytes / 102.4) / 10} kB`;
  return `${Math.round(bytes / 104_857.6) / 10} MB`;
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
