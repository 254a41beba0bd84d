/**
 * Chat files: what may be uploaded, how names are cleaned, and the signed download URLs.
 *
 * A download URL carries `sig` = `<kid>.<HMAC-SHA256 of the file id>`, made with a server
 * signing key (the one tokens use, named by its kid so that keys can rotate). Whoever has the URL
 * may download the file, without a token: that is what lets an `<img>` on the customer's page or
 * in the agent console show it. The URL is as secret as the chat it was shared in.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';
import { LIVE_LIMITS } from '../../src/protocol/api.js';
import type { FileInfo } from '../../src/protocol/live.js';
import { routePath, ROUTES } from '../../src/protocol/routes.js';
import type { LiveFileRecord, Store } from '../store/types.js';

const IMAGE_TYPES = new Set(['image/png', 'image/jpeg', 'image/gif', 'image/webp']);
const ALLOWED = new Set<string>(LIVE_LIMITS.fileTypes);

/** The media type of a Content-Type header, lower-cased and without parameters. */
export function mediaType(contentType: string | undefined): string {
  return (contentType ?? '').split(';')[0].trim().toLowerCase();
}

export const isAllowedType = (type: string) => ALLOWED.has(type);
export const isImage = (type: string) => IMAGE_TYPES.has(type);

/**
 * A file name safe to store and show: the last part of any path, without control or
 * bidirectional-override characters and leading dots, whitespace collapsed, at most 255
 * characters; `file` when nothing is left.
 */
export function sanitizeFileName(name: string): string {
  const base = name.split(/[\\/]/).pop() ?? '';
  const clean = base
    .replace(/[\p{Cc}\p{Cf}\p{Zl}\p{Zp}]/gu, '')
    .replace(/\s+/g, ' ')
    .trim()
    .replace(/^\.+/, '')
    .trim();
  return [...clean].slice(0, 255).join('') || 'file';
}

const mac = (secret: Uint8Array, fileId: string) =>
  createHmac('sha256', secret).update(`live-file:${fileId}`).digest('base64url');

/** Signs download URLs with the store's current signing key, and checks them. */
export class FileSigner {
  constructor(private readonly store: Store) {}

  async sign(fileId: string): Promise<string> {
    const key = await this.store.currentSigningKey();
    return `${key.kid}.${mac(key.secret, fileId)}`;
  }

  async verify(fileId: string, sig: string): Promise<boolean> {
    const dot = sig.lastIndexOf('.');
    if (dot <= 0) return false;
    const key = await this.store.getSigningKey(sig.slice(0, dot));
    if (!key) return false;
    const given = Buffer.from(sig.slice(dot + 1));
    const expected = Buffer.from(mac(key.secret, fileId));
    return given.length === expected.length && timingSafeEqual(given, expected);
  }

  /** The wire description of a stored file, with its signed URL. */
  async info(file: Pick<LiveFileRecord, 'id' | 'name' | 'size' | 'type'>): Promise<FileInfo> {
    const url = `${routePath(ROUTES.liveFile, { fileId: file.id })}?sig=${encodeURIComponent(await this.sign(file.id))}`;
    return { id: file.id, name: file.name, size: file.size, type: file.type, url };
  }
}

/** `Content-Disposition` for a download: inline for images, else attachment; the name in both forms (RFC 6266). */
export function contentDisposition(name: string, type: string): string {
  const ascii = name.replace(/[^\x20-\x7e]/g, '_').replace(/["\\]/g, '_');
  const encoded = encodeURIComponent(name).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  return `${isImage(type) ? 'inline' : 'attachment'}; filename="${ascii}"; filename*=UTF-8''${encoded}`;
}
