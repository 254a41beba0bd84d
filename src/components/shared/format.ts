/** Times, sizes and file links as the chat surfaces (customer and agent) show them. */
import type { FileInfo } from '../../protocol/live.js';
import { ROUTES } from '../../protocol/routes.js';

const formats = new Map<string, Intl.DateTimeFormat>();
/** A date-time format for a locale, made once. */
function dateFormat(lang: string | undefined, withDate: boolean): Intl.DateTimeFormat {
  const key = `${lang}|${withDate}`;
  let format = formats.get(key);
  if (!format) {
    const options: Intl.DateTimeFormatOptions = withDate ? { dateStyle: 'medium', timeStyle: 'short' } : { hour: '2-digit', minute: '2-digit' };
    formats.set(key, (format = new Intl.DateTimeFormat(lang, options)));
  }
  return format;
}

/** A time of day for today's events, with the date for older ones, in `lang` (default: the browser's). */
export function formatTime(at: number, now = Date.now(), lang?: string): string {
  const date = new Date(at);
  const sameDay = new Date(now).toDateString() === date.toDateString();
  return dateFormat(lang, !sameDay).format(date);
}

/** Value for a `<time datetime>` attribute. */
export function isoTime(at: number): string {
  return new Date(at).toISOString();
}

/** A file size in B, kB or MB, the number written for `lang` (default: the browser's locale). */
export function formatSize(bytes: number, lang?: string): string {
  const n = (value: number) => value.toLocaleString(lang, { maximumFractionDigits: 1 });
  if (bytes < 1024) return `${n(bytes)} B`;
  if (bytes < 1024 * 1024) return `${n(bytes / 1024)} kB`;
  return `${n(bytes / 1_048_576)} MB`;
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
