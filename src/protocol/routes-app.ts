/**
 * The routes a customer page calls with its application token (`Authorization: Bearer <application
 * token>`; `health` needs none), part of `ROUTES` (./routes.ts). The core imports them from here,
 * so that a page's first bundle does not carry the live-session and agent routes.
 */
import { API_PREFIX } from './api.js';

export const APP_ROUTES = {
  /** GET: liveness; no token. */
  health: `${API_PREFIX}/health`,
  /** GET `?tags=a,b&category=&limit=&offset=`: path summaries (tags match any of). */
  paths: `${API_PREFIX}/paths`,
  /** GET: one full path by id. */
  path: `${API_PREFIX}/paths/:id`,
  /** GET: the one full path a help-id names. */
  helpId: `${API_PREFIX}/help-ids/:helpId`,
  /** GET `?q=&tags=&audience=&limit=`: ranked full-text search with highlights. */
  search: `${API_PREFIX}/search`,
  /** GET: categories with their path counts. */
  categories: `${API_PREFIX}/categories`,
  /** GET `?consumer=&limit=`: recommended paths from the consumer's context and activity. */
  recommended: `${API_PREFIX}/recommended`,
  /** POST: ordered context operations (identity, log entries, clears) for one consumer. */
  context: `${API_PREFIX}/context`,
  /** POST: guided-path activity events for one consumer. */
  activity: `${API_PREFIX}/activity`,
  /** GET: the tenant's portal branding: theme URLs, the mobile switch and string overrides. */
  branding: `${API_PREFIX}/branding`,
  /** GET: the tenant's co-browse settings: extra block and mask selectors, the remote client URL. */
  cobrowseSettings: `${API_PREFIX}/cobrowse/settings`,
  /** POST: request live help (chat or call); answers the session and its session token. */
  liveSessions: `${API_PREFIX}/live/sessions`,
} as const;

/** Fills `:name` placeholders of a route with URI-encoded values. */
export function routePath(route: string, params: Record<string, string> = {}): string {
  return route.replace(/:([A-Za-z]+)/g, (_, name: string) => {
    const value = params[name];
    if (value === undefined) throw new Error(`missing route parameter ${name}`);
    return encodeURIComponent(value);
  });
}
