/**
 * The Nexus Cloud portal: `<nexus-portal>` (account sign-in, password reset, the admin pages)
 * and the building blocks its pages use, `<nexus-data-table>`, `<nexus-confirm-dialog>`,
 * `<nexus-day-chart>` and `<nexus-path-preview>`, usable on their own in another admin app. Importing this module registers them. The
 * account client, `AccountSession`, is the core's (shared with the agent console); its `admin`
 * (`AdminClient`) is the admin REST API the pages use. Each admin page is an element on
 * `PortalAdminPage`, given the session.
 */
export { NexusPortal, type PortalState } from './portal.js';
export { NexusDataTable, type DataTableState, type RowLoader, type TableColumn } from './data-table.js';
export { NexusConfirmDialog } from './confirm-dialog.js';
export { NexusDayChart, type DaySeries } from './day-chart.js';
export { NexusPathPreview, type PreviewWidth } from './path-preview.js';
export { PORTAL_PAGES, type PortalPage } from './pages.js';
export { PortalAdminPage, type ConfirmText } from './admin-page.js';
export { NexusPortalTokens } from './tokens-page.js';
export { NexusPortalSkills } from './skills-page.js';
export { NexusPortalUsers } from './users-page.js';
export { NexusPortalCobrowse } from './cobrowse-page.js';
export { NexusPortalAudit } from './audit-page.js';
export { NexusPortalAnalytics, type AnalyticsState } from './analytics-page.js';
export { NexusPortalPaths } from './paths-page.js';
export { NexusPortalCategories } from './categories-page.js';
export { NexusCobrowsePlayer, type CobrowsePlayerState } from '../components/cobrowse-player/cobrowse-player.js';
export { NexusPortalConfig } from './config-page.js';
export { NexusPortalBranding } from './branding-page.js';
export { NexusPortalPathEditor } from './path-editor.js';
export { AdminClient } from '../core/admin-client.js';
export { AccountSession, signIn, type AccountSessionOptions, type SignInOptions } from '../core/account-session.js';
export type { StaffAccount, StaffRole } from '../protocol/accounts.js';
