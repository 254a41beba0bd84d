/**
 * Hosted theme files of Settings > Self-Support Branding: upload (host the CSS and point the
 * branding's theme URL at it), download, and Reset to default (remove both). The checks are
 * theme-files.ts's; these functions apply them, change the store and record the change.
 */
import type { ThemeKind } from '../../src/protocol/admin.js';
import { changeBranding, checkThemeUrl } from '../branding.js';
import { ApiError } from '../errors.js';
import type { Store, TenantBranding, ThemeFile } from '../store/types.js';
import { checkThemeCss, newThemeFile, THEME_FIELD, THEME_FILE_LIMITS, themeFileUrl } from '../theme-files.js';
import { audit, tenantFor, type AdminActor } from './kit.js';
import { refused } from './tenant.js';

/** The 413 of a theme file over THEME_FILE_LIMITS.maxBytes. */
export const themeFileTooLarge = () => new ApiError(413, 'payload_too_large', `a theme file is at most ${THEME_FILE_LIMITS.maxBytes} bytes`);

/** What the audit log keeps of a theme file: never the CSS itself. */
const fileAudit = (file: ThemeFile | undefined, url?: string | null) => file && { kind: file.kind, hash: file.hash, size: file.size, url };

/**
 * Hosts `bytes` as the tenant's theme file of `kind` and sets the branding's theme URL (or step
 * content theme URL) to it, on `origin` (the server's public URL). Refused: 413 over the size
 * limit, 400 `theme_file_invalid` when it is not plain CSS text (nothing is written then).
 */
export async function uploadThemeFile(
  store: Store,
  actor: AdminActor,
  input: { tenantId: string; kind: ThemeKind; bytes: Buffer; origin: string },
): Promise<{ file: ThemeFile; url: string; branding: TenantBranding }> {
  if (input.bytes.length > THEME_FILE_LIMITS.maxBytes) throw themeFileTooLarge();
  const css = checkThemeCss(input.bytes);
  const tenantId = await tenantFor(store, actor, input.tenantId);
  const file = newThemeFile(tenantId, input.kind, css);
  const url = themeFileUrl(input.origin, file);
  const field = THEME_FIELD[input.kind];
  // The URL is checked (https, or http on localhost: --public-url) before anything is written.
  try {
    checkThemeUrl(url, field);
  } catch (error) {
    refused(error);
  }
  const before = await store.getThemeFile(tenantId, input.kind);
  await store.putThemeFile(file);
  const { branding } = await changeBranding(store, tenantId, { [field]: url });
  await audit(store, actor, { tenantId, action: 'branding.theme.upload', target: `${tenantId}/${input.kind}`, before: fileAudit(before), after: fileAudit(file, url) });
  return { file, url, branding };
}

/** The tenant's hosted theme file of `kind`; 404 `theme_file_not_found` when it has none. */
export async function downloadThemeFile(store: Store, actor: AdminActor, input: { tenantId: string; kind: ThemeKind }): Promise<ThemeFile> {
  const tenantId = await tenantFor(store, actor, input.tenantId);
  const file = await store.getThemeFile(tenantId, input.kind);
  if (!file) throw new ApiError(404, 'theme_file_not_found', `the tenant has no hosted ${input.kind} file`);
  return file;
}

/**
 * Reset to default: removes the hosted file of `kind` and clears the branding's URL of that kind
 * (whether it pointed at the hosted file or elsewhere). False when there was neither (nothing
 * recorded then).
 */
export async function resetThemeFile(store: Store, actor: AdminActor, input: { tenantId: string; kind: ThemeKind }): Promise<{ had: boolean; branding: TenantBranding }> {
  const tenantId = await tenantFor(store, actor, input.tenantId);
  const field = THEME_FIELD[input.kind];
  const [file, current] = await Promise.all([store.getThemeFile(tenantId, input.kind), store.getBranding(tenantId)]);
  const url = current?.[field] ?? null;
  if (!file && url === null) return { had: false, branding: current! };
  const { branding } = await changeBranding(store, tenantId, { [field]: null });
  await store.deleteThemeFile(tenantId, input.kind);
  await audit(store, actor, { tenantId, action: 'branding.theme.reset', target: `${tenantId}/${input.kind}`, before: fileAudit(file, url) ?? { url } });
  return { had: true, branding };
}
