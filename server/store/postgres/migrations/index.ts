import type { Migration, MigrationProvider } from 'kysely';
import * as initial from './0001_initial.js';
import * as live from './0002_live.js';
import * as tenantSettings from './0003_tenant_settings.js';
import * as mailDelivery from './0004_mail_delivery.js';
import * as searchTopics from './0005_search_topics.js';
import * as accounts from './0006_accounts.js';
import * as tenantConfig from './0007_tenant_config.js';
import * as admin from './0008_admin.js';
import * as themeFiles from './0009_theme_files.js';
import * as tokenAudience from './0010_token_audience.js';
import * as analytics from './0011_analytics.js';
import * as authoring from './0012_authoring.js';
import * as contentImages from './0013_content_images.js';
import * as analyticsRollups from './0014_analytics_rollups.js';

/**
 * Migrations of the PostgreSQL store, in the order they apply; names sort the same way. Never
 * edit a released one. A schema change of the stores is a migration here and one in
 * ../../migrations/ (SQLite), in the same change.
 */
const MIGRATIONS: Record<string, Migration> = {
  '0001_initial': initial,
  '0002_live': live,
  '0003_tenant_settings': tenantSettings,
  '0004_mail_delivery': mailDelivery,
  '0005_search_topics': searchTopics,
  '0006_accounts': accounts,
  '0007_tenant_config': tenantConfig,
  '0008_admin': admin,
  '0009_theme_files': themeFiles,
  '0010_token_audience': tokenAudience,
  '0011_analytics': analytics,
  '0012_authoring': authoring,
  '0013_content_images': contentImages,
  '0014_analytics_rollups': analyticsRollups,
};

/** In-code provider: migrations ship inside the server, with no folder to find at run time. */
export const migrationProvider: MigrationProvider = {
  getMigrations: async () => MIGRATIONS,
};
