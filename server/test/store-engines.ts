/**
 * The store engines the contract suite and the parameterised server tests run on: SQLite (a
 * temporary file per store) and PostgreSQL (a database per store, copied from a migrated
 * template). PostgreSQL is NEXUS_TEST_POSTGRES_URL (`npm test` starts one), else a throwaway
 * server this process starts through scripts/services.mjs and stops at the end.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after } from 'node:test';
import pg from 'pg';
import { PostgresStore } from '../store/postgres/store.js';
import { SqliteStore } from '../store/sqlite/store.js';
import type { NewLiveSession, Store } from '../store/types.js';

export type EngineName = 'sqlite' | 'postgres';

export interface TestDatabase {
  /** What `openStore` and the CLI's --database take: a file path or a postgres:// URL. */
  target: string;
  /** Removes the database (close its stores first). */
  drop(): Promise<void>;
}

export interface Engine {
  name: EngineName;
  /** A new empty database, not migrated. */
  database(): Promise<TestDatabase>;
  /** A store on a new database, migrated. */
  open(): Promise<Store>;
}

const cleanups: (() => Promise<void>)[] = [];
after(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

// ---------------------------------------------------------------------------------------------
// PostgreSQL

let server: Promise<string> | undefined;

/** The URL of the test PostgreSQL server (its `postgres` database). */
export function postgresUrl(): Promise<string> {
  server ??= (async () => {
    if (process.env.NEXUS_TEST_POSTGRES_URL) return process.env.NEXUS_TEST_POSTGRES_URL;
    // Tooling, not server code: loaded by URL, outside the layers.
    const services = await import(new URL('../../scripts/services.mjs', import.meta.url).href);
    const started = await services.startPostgres();
    cleanups.unshift(async () => started.stop());
    return started.url as string;
  })();
  return server;
}

/** The URL of another database on the same server. */
const withDatabase = (url: string, name: string) => Object.assign(new URL(url), { pathname: `/${name}` }).href;

async function admin<T>(work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: await postgresUrl() });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

let counter = 0;
const unique = (kind: string) => `nexus_${kind}_${process.pid}_${Date.now().toString(36)}_${counter++}`;

let template: Promise<string> | undefined;

/** A database migrated once per process, that new test databases are copied from. */
function migratedTemplate(): Promise<string> {
  template ??= (async () => {
    const name = unique('template');
    await admin((c) => c.query(`CREATE DATABASE ${name}`));
    cleanups.push(() => admin((c) => c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`)).then(() => undefined));
    const store = new PostgresStore(withDatabase(await postgresUrl(), name));
    await store.migrate();
    await store.close();
    return name;
  })();
  return template;
}

/** A new PostgreSQL database; `migrated` copies the migrated template (fast), else it is empty. */
export async function postgresDatabase(migrated = false): Promise<TestDatabase> {
  const name = unique('test');
  const from = migrated ? ` TEMPLATE ${await migratedTemplate()}` : '';
  await admin((c) => c.query(`CREATE DATABASE ${name}${from}`));
  let dropped = false;
  const drop = async () => {
    if (dropped) return;
    dropped = true;
    await admin((c) => c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`));
  };
  cleanups.push(drop);
  return { target: withDatabase(await postgresUrl(), name), drop };
}

// ---------------------------------------------------------------------------------------------
// SQLite

/** A new SQLite file in a temporary folder. */
export async function sqliteDatabase(): Promise<TestDatabase> {
  const dir = await mkdtemp(join(tmpdir(), 'nexus-store-'));
  const drop = () => rm(dir, { recursive: true, force: true });
  cleanups.push(drop);
  return { target: join(dir, 'nexus.db'), drop };
}

// ---------------------------------------------------------------------------------------------

const targets = new WeakMap<Store, string>();

/** The database a store from `open` is on: another store opened on it acts as another server process. */
export const targetOf = (store: Store) => targets.get(store)!;

/** Stores opened by `open`, closed after the file. */
function tracked(store: Store, database: TestDatabase): Store {
  targets.set(store, database.target);
  let closed = false;
  const close = store.close.bind(store);
  store.close = async () => {
    if (closed) return;
    closed = true;
    await close();
  };
  cleanups.push(async () => {
    await store.close();
    await database.drop();
  });
  return store;
}

export const ENGINES: Record<EngineName, Engine> = {
  sqlite: {
    name: 'sqlite',
    database: sqliteDatabase,
    async open() {
      const database = await sqliteDatabase();
      const store = new SqliteStore(database.target);
      await store.migrate();
      return tracked(store, database);
    },
  },
  postgres: {
    name: 'postgres',
    database: () => postgresDatabase(false),
    async open() {
      const database = await postgresDatabase(true);
      const store = new PostgresStore(database.target);
      await store.migrate();
      return tracked(store, database);
    },
  },
};

/** Both engines; `NEXUS_TEST_ENGINES=sqlite` (or `postgres`) runs one. */
export const engines: Engine[] = (process.env.NEXUS_TEST_ENGINES ?? 'sqlite,postgres')
  .split(',')
  .map((name) => ENGINES[name.trim() as EngineName])
  .filter(Boolean);

/**
 * Every method of the Store interface (the compiler checks the list is complete and exact); the
 * contract suite checks each is called in some contract test.
 */
export const STORE_METHODS = {
  migrate: true, close: true, ping: true,
  createTenant: true, getTenant: true, listTenants: true,
  getBranding: true, updateBranding: true, resetBranding: true,
  putThemeFile: true, getThemeFile: true, deleteThemeFile: true,
  putContentImage: true, getContentImage: true, contentImageBytes: true,
  getCobrowseSettings: true, setCobrowseSettings: true, resetCobrowseSettings: true,
  getMailSettings: true, setMailSettings: true, clearMailSettings: true,
  getTenantConfig: true, updateTenantConfig: true,
  startCobrowseRecording: true, appendCobrowseRecordingPart: true, endCobrowseRecording: true, listCobrowseRecordings: true, getCobrowseRecording: true,
  currentSigningKey: true, getSigningKey: true,
  createAppToken: true, getAppToken: true, listAppTokens: true, revokeAppToken: true, listRevokedTokens: true,
  categoryIds: true, importContent: true, listPaths: true, getPath: true, getPathByHelpId: true, search: true, listCategories: true, recommend: true,
  applyContext: true, recordActivity: true, getConsumer: true,
  createSkill: true, listSkills: true, getSkill: true,
  createAgent: true, getAgent: true, listAgents: true, setAgentStatus: true, agentLoads: true,
  renameSkill: true, deleteSkill: true, updateAgent: true, deleteAgent: true, appendAudit: true, listAudit: true,
  recordSearches: true, selfHelpAnalytics: true, liveHelpAnalytics: true,
  createLiveSession: true, getLiveSession: true, findOpenSessionByCode: true, listLiveSessions: true, transitionLiveSession: true,
  requeueOfferedSessions: true, appendChatEvent: true, listChatEvents: true, markSeen: true, recentAcceptWaits: true, rateLiveSession: true,
  countTranscript: true, saveLiveFile: true, getLiveFile: true, countLiveFiles: true, queueMail: true, listMail: true, markMailSent: true, claimMail: true, releaseMail: true, countOpenLiveSessions: true,
  createAccount: true, getAccount: true, listAccounts: true, findAccountsByEmail: true, updateAccount: true, deleteAccount: true,
  createAuthSession: true, getAuthSession: true, touchAuthSession: true, deleteAuthSessions: true,
  recordSignInFailure: true, getSignInLock: true, clearSignInFailures: true, createPasswordReset: true, usePasswordReset: true, revokeAppTokensNamed: true,
  getAuthoredPath: true, listAuthoredPaths: true, createPathDraft: true, savePathDraft: true, discardPathDraft: true, publishPathDraft: true,
  listPathVersions: true, getPathVersion: true, deleteAuthoredPath: true, moveHelpId: true, helpIdHolders: true,
  listAllCategories: true, createCategory: true, updateCategory: true, deleteCategory: true,
} as const satisfies Record<keyof Store, true>;

/** The public methods of a store class and its base classes. */
export function methodsOf(prototype: object): string[] {
  const names = new Set<string>();
  for (let p = prototype; p && p !== Object.prototype; p = Object.getPrototypeOf(p)) {
    for (const name of Object.getOwnPropertyNames(p)) if (name !== 'constructor' && typeof (p as Record<string, unknown>)[name] === 'function') names.add(name);
  }
  return [...names].sort();
}

/**
 * The `database` option of a test server (test-server.ts) on an engine: a new PostgreSQL
 * database, or undefined for the temporary SQLite file the server makes itself.
 */
export async function serverDatabase(engine: Engine): Promise<string | undefined> {
  return engine.name === 'postgres' ? (await engine.database()).target : undefined;
}

/** A chat request of tenant 't' for the live contract tests (`extra` changes any field). */
export const sessionRequest = (clientId: string, extra: Partial<NewLiveSession> = {}): NewLiveSession => ({
  tenantId: 't',
  kind: 'chat',
  skill: null,
  consumerKey: 'consumer-1',
  clientId,
  data: { plan: 'gold', zone: 'eu' },
  origin: null,
  at: 1000,
  ...extra,
});
