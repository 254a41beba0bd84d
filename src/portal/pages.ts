import { html, type TemplateResult } from 'lit';
import { html as staticHtml, unsafeStatic } from 'lit/static-html.js';
import type { AccountSession } from '../core/account-session.js';
import type { StaffRole } from '../protocol/accounts.js';
import type { StringKey } from '../i18n/strings.js';
import type { Translate } from './error-text.js';
import './skills-page.js';
import './users-page.js';
import './audit-page.js';
import './cobrowse-page.js';
import './branding-page.js';
import './config-page.js';
import './tokens-page.js';
import './analytics-page.js';
import './path-editor.js';
import './paths-page.js';
import './categories-page.js';

/**
 * The portal's pages, by route (`#/<route>`), in the order and groups of the guide's Admin menu
 * (Integration > Application Tokens; Operations > Skills, Users; Content > Guided paths,
 * Categories; Settings > Configurations, Self-Support Branding; Co-browse; Reports > Analytics;
 * Audit log). Only pages that exist are listed: the navigation
 * shows these and nothing else, so an admin page joins the menu with the change that adds it.
 */
export interface PortalPage {
  route: string;
  /** The page's name, in the navigation and as its heading. */
  label: StringKey;
  /** The Admin menu group it sits in; none for the account's own page. */
  group?: NavGroup;
  /** Who may open it. */
  roles: readonly StaffRole[];
  /**
   * The page's element (a `PortalAdminPage`, src/portal/admin-page.ts, whose module this file
   * imports): the portal gives it the session. None for the Account page, which the portal draws.
   */
  tag?: string;
  /**
   * A page that takes a parameter after its route (`#/<route>/<param>`, for example the path
   * editor's `#/path/<id>`): the element gets it as its `param` property (decoded).
   */
  param?: boolean;
  /**
   * A page the navigation does not list (one reached from another page, like a path's editor):
   * the route of the page whose link is marked current while it is shown.
   */
  within?: string;
}

/** The groups of the guide's Admin menu, in order. */
export type NavGroup = 'integration' | 'operations' | 'content' | 'settings' | 'reports' | 'admin';

const GROUP_LABELS: Record<NavGroup, StringKey> = {
  integration: 'portalNavIntegration',
  operations: 'portalNavOperations',
  content: 'portalNavContent',
  settings: 'portalNavSettings',
  reports: 'portalNavReports',
  admin: 'portalNavAdmin',
};

export const PORTAL_PAGES: readonly PortalPage[] = [
  { route: 'account', label: 'portalPageAccount', roles: ['admin', 'supervisor', 'agent', 'author'] },
  { route: 'tokens', label: 'portalPageTokens', group: 'integration', roles: ['admin', 'supervisor'], tag: 'nexus-portal-tokens' },
  { route: 'skills', label: 'portalPageSkills', group: 'operations', roles: ['admin', 'supervisor'], tag: 'nexus-portal-skills' },
  { route: 'users', label: 'portalPageUsers', group: 'operations', roles: ['admin', 'supervisor'], tag: 'nexus-portal-users' },
  { route: 'paths', label: 'portalPagePaths', group: 'content', roles: ['admin', 'author'], tag: 'nexus-portal-paths' },
  { route: 'categories', label: 'portalPageCategories', group: 'content', roles: ['admin', 'author'], tag: 'nexus-portal-categories' },
  { route: 'configurations', label: 'portalPageConfigurations', group: 'settings', roles: ['admin', 'supervisor'], tag: 'nexus-portal-config' },
  { route: 'branding', label: 'portalPageBranding', group: 'settings', roles: ['admin', 'supervisor'], tag: 'nexus-portal-branding' },
  { route: 'cobrowse', label: 'portalPageCobrowse', group: 'settings', roles: ['admin', 'supervisor'], tag: 'nexus-portal-cobrowse' },
  // The range shown is kept in the address: `#/analytics/2026-12-01..2026-12-07`.
  { route: 'analytics', label: 'portalPageAnalytics', group: 'reports', roles: ['admin', 'supervisor'], tag: 'nexus-portal-analytics', param: true },
  { route: 'audit', label: 'portalPageAudit', group: 'admin', roles: ['admin', 'supervisor'], tag: 'nexus-portal-audit' },
  { route: 'path', label: 'portalPagePath', roles: ['admin', 'author'], tag: 'nexus-portal-path-editor', param: true, within: 'paths' },
];

/**
 * The page as a template: its element, given the session (the tag is one of this file's own, never
 * data); undefined for the Account page.
 */
export function renderPageElement(page: PortalPage, session: AccountSession, param?: string): TemplateResult | undefined {
  if (!page.tag) return undefined;
  const tag = unsafeStatic(page.tag);
  return page.param
    ? staticHtml`<${tag} class="admin-page" .session=${session} .param=${param ?? ''}></${tag}>`
    : staticHtml`<${tag} class="admin-page" .session=${session}></${tag}>`;
}

/**
 * A route cut into the page's route and its parameter: `path/garden-light` -> `path` and
 * `garden-light` (decoded; a malformed escape is kept as written).
 */
export function splitRoute(route: string): { route: string; param?: string } {
  const slash = route.indexOf('/');
  if (slash < 0) return { route };
  const raw = route.slice(slash + 1);
  let param = raw;
  try {
    param = decodeURIComponent(raw);
  } catch {
    // kept as written
  }
  return { route: route.slice(0, slash), param };
}

/**
 * The page a route names, when it exists and the role may open it; else the account page. A
 * parameter (`#/path/<id>`) is taken only by a page that has one.
 */
export function pageFor(route: string, role: StaffRole): PortalPage {
  const { route: base, param } = splitRoute(route);
  return (
    PORTAL_PAGES.find((page) => page.route === base && page.roles.includes(role) && (param === undefined || page.param)) ??
    PORTAL_PAGES[0]
  );
}

/** The route of a location hash (`#/tokens` -> `tokens`); a reset link (`#reset=`) is none. */
export function routeOf(hash: string): string {
  return hash.startsWith('#/') ? hash.slice(2) : '';
}

/** The navigation: plain links (`#/<route>`), the current one marked `aria-current="page"`, grouped as the Admin menu. */
export function renderNav(t: Translate, role: StaffRole, current: PortalPage): TemplateResult {
  const pages = PORTAL_PAGES.filter((page) => page.roles.includes(role) && !page.within);
  const marked = current.within ?? current.route;
  const groups = [...new Set(pages.map((page) => page.group))];
  const link = (page: PortalPage) =>
    html`<li>
      <a part="nav-link" href="#/${page.route}" aria-current=${page.route === marked ? 'page' : 'false'}>${t(page.label)}</a>
    </li>`;
  return html`<nav part="nav" class="nav" aria-label=${t('portalNavLabel')}>
    ${groups.map((group) =>
      group
        ? html`<p class="nav-group" id="nav-${group}">${t(GROUP_LABELS[group])}</p>
            <ul aria-labelledby="nav-${group}">
              ${pages.filter((page) => page.group === group).map(link)}
            </ul>`
        : html`<ul>
            ${pages.filter((page) => !page.group).map(link)}
          </ul>`,
    )}
  </nav>`;
}
