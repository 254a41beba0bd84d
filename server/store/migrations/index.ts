import type { Migration, MigrationProvider } from 'kysely';
import * as initial from './0001_initial.js';
import * as searchAliases from './0002_search_aliases.js';
import * as searchPrefixIndex from './0003_search_prefix_index.js';
import * as live from './0004_live.js';
import * as searchTiers from './0005_search_tiers.js';
import * as branding from './0006_branding.js';
import * as cobrowseSettings from './0007_cobrowse_settings.js';
import * as cobrowseRecording from './0008_cobrowse_recording.js';
import * as tokenRevocations from './0009_token_revocations.js';
import * as mailDelivery from './0010_mail_delivery.js';
import * as accounts from './0011_accounts.js';
import * as tenantConfig from './0012_tenant_config.js';
import * as admin from './0013_admin.js';
import * as themeFiles from './0014_theme_files.js';
import * as tokenAudience from './0015_token_audience.js';
import * as analytics from './0016_analytics.js';
import * as authoring from './0017_authoring.js';
import * as contentImages from './0018_content_images.js';
import * as analyticsRollups from './0019_analytics_rollups.js';

/** Migrations in the order they apply; names sort the same way. Never edit a released one. */
const MIGRATIONS: Record<string, Migration> = {
  '0001_initial': initial,
  '0002_search_aliases': searchAliases,
  '0003_search_prefix_index': searchPrefixIndex,
  '0004_live': live,
  '0005_search_tiers': searchTiers,
  '0006_branding': branding,
  '0007_cobrowse_settings': cobrowseSettings,
  '0008_cobrowse_recording': cobrowseRecording,
  '0009_token_revocations': tokenRevocations,
  '0010_mail_delivery': mailDelivery,
  '0011_accounts': accounts,
  '0012_tenant_config': tenantConfig,
  '0013_admin': admin,
  '0014_theme_files': themeFiles,
  '0015_token_audience': tokenAudience,
  '0016_analytics': analytics,
  '0017_authoring': authoring,
  '0018_content_images': contentImages,
  '0019_analytics_rollups': analyticsRollups,
};

/** In-code provider: migrations ship inside the server, with no folder to find at run time. */
export const migrationProvider: MigrationProvider = {
  getMigrations: async () => MIGRATIONS,
};
