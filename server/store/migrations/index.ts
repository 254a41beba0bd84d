import type { Migration, MigrationProvider } from 'kysely';
import * as initial from './0001_initial.js';

/** Migrations in the order they apply; names sort the same way. Never edit a released one. */
const MIGRATIONS: Record<string, Migration> = {
  '0001_initial': initial,
};

/** In-code provider: migrations ship inside the server, with no folder to find at run time. */
export const migrationProvider: MigrationProvider = {
  getMigrations: async () => MIGRATIONS,
};
