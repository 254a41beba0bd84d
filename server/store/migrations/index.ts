import type { Migration, MigrationProvider } from 'kysely';
import * as initial from './0001_initial.js';
import * as searchAliases from './0002_search_aliases.js';

/** Migrations in the order they apply; names sort the same way. Never edit a released one. */
const MIGRATIONS: Record<string, Migration> = {
  '0001_initial': initial,
  '0002_search_aliases': searchAliases,
};

/** In-code provider: migrations ship inside the server, with no folder to find at run time. */
export const migrationProvider: MigrationProvider = {
  getMigrations: async () => MIGRATIONS,
};
