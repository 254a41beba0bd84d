/**
 * A complete Nexus Cloud on a temporary SQLite file (or a PostgreSQL database given), for tests: tenants 'demo' and 'other' with
 * content, tokens for every authentication case, and live-help skills and agents. Used by the
 * server tests directly and, via test-fixture.ts, by the browser and end-to-end tests.
 */
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { FastifyInstance } from 'fastify';
import { hashPassword } from './accounts/passwords.js';
import { buildApp, type AppOptions, type LiveOptions } from './app.js';
import { issueAgentToken, issueToken } from './auth.js';
import { changeBranding } from './branding.js';
import { changeCobrowseSettings } from './cobrowse-settings.js';
import { formatContentErrors, importFolder } from './content/import.js';
import { isPostgresUrl } from './store/open.js';
import { PostgresStore } from './store/postgres/store.js';
import { SqliteStore } from './store/sqlite/store.js';
import type { StaffRole, Store } from './store/types.js';

const ROOT = fileURLToPath(new URL('..', import.meta.url));

/** Content of the fixture tenants, relative to the repository root. */
export const FIXTURE_CONTENT = {
  demo: 'test/fixtures/content/demo',
  other: 'test/fixtures/content/other',
} as const;

/** The demo pages' content when it exists, else the small fixture. */
export const DEFAULT_DEMO_CONTENT = existsSync(join(ROOT, 'content/demo/categories.json'))
  ? 'content/demo'
  : FIXTURE_CONTENT.demo;

export interface TestTokens {
  /** Tenant 'demo'. */
  demo: string;
  /** Tenant 'other'. */
  other: string;
  /** Tenant 'demo', expired an hour ago. */
  expired: string;
  /** Tenant 'demo', revoked. */
  revoked: string;
  /** The demo token with its signature altered. */
  forged: string;
}

/** Agent tokens: alex (demo: sales, support), sam (demo: support), other (olivia, tenant other: support). */
export interface TestAgents {
  alex: string;
  sam: string;
  other: string;
}

/**
 * Accounts of people in tenants 'demo' and 'other', all with TEST_PASSWORD: an admin, a
 * supervisor and an agent account each (the agents linked to alex and olivia), and
 * `shared@example.com`, an agent account in both tenants (linked to sam and olivia).
 */
export const TEST_ACCOUNTS = {
  demo: { admin: 'admin@demo.example', supervisor: 'supervisor@demo.example', agent: 'alex@demo.example', author: 'author@demo.example' },
  other: { admin: 'admin@other.example', supervisor: 'supervisor@other.example', agent: 'olivia@other.example', author: 'author@other.example' },
  shared: 'shared@example.com',
} as const;
export const TEST_PASSWORD = 'correct horse battery';

/** The agents' ids (the same as their keys in TestAgents, but `olivia` for other). */
export const TEST_AGENT_IDS = { alex: 'alex', sam: 'sam', other: 'olivia' } as const;

/**
 * Tenants of their own for the browser and end-to-end test files that route live sessions, so
 * that files running in parallel never take each other's offers or change each other's agents.
 */
export const LIVE_TENANTS = ['core', 'chat', 'liveHelp', 'console', 'consoleSessions', 'e2e', 'sdk', 'cobrowse', 'cobrowseUi', 'cobrowseView', 'cobrowseTenant', 'cobrowseControl', 'transfer', 'portalCobrowse', 'portalAudit'] as const;
export type LiveTenantName = (typeof LIVE_TENANTS)[number];

/** One live tenant: its application token and agents alex (sales, support) and sam (support). */
/**
 * The co-browse settings of live tenant 'cobrowseTenant' (the other tenants have none): the
 * browser tests check that these selectors apply on a page that did not mark anything, and the
 * remote mode's download of this URL.
 */
export const COBROWSE_TENANT_SETTINGS = {
  blockSelectors: ['.tenant-secret'],
  maskTextSelectors: ['.tenant-masked'],
  remoteClientUrl: 'https://downloads.example.com/nexus-remote-support.exe',
};

export interface LiveTenant {
  tenantId: string;
  app: string;
  agents: { alex: string; sam: string };
}

/**
 * Tenant 'branded': no content, and portal branding on (theme URLs on this server's /themes/,
 * not applied on mobile devices, string overrides for every locale and for French), for the
 * branding tests. The other tenants keep the default branding.
 */
export interface BrandedTenant {
  tenantId: string;
  /** Its application token. */
  app: string;
  themeUrl: string;
  stepContentThemeUrl: string;
  /** Its string overrides, by locale tag (`*` for every locale). */
  strings: Record<string, Record<string, string>>;
}

export const BRANDED_STRINGS = {
  '*': {
    searchPlaceholder: 'What went wrong with your device?',
    categoriesEmpty: 'Our guides are on their way.',
    contactHeading: 'Talk to the Branded team',
  },
  fr: { searchPlaceholder: 'Que se passe-t-il avec votre appareil\u202f?' },
};

export interface TestServerOptions {
  /**
   * The database: a postgres:// URL of an empty database (the caller creates and drops it), or
   * by default a new SQLite file in a temporary folder.
   */
  database?: string;
  /** Content folder of tenant 'demo' (default DEFAULT_DEMO_CONTENT). */
  demoContent?: string;
  /** Content folder of tenant 'other' (default the fixture). */
  otherContent?: string;
  sdkDir?: string;
  /** Demo pages, served with the demo token. */
  demoDir?: string;
  logger?: boolean;
  /** Where the server's log lines go (default stderr). */
  logStream?: NodeJS.WritableStream;
  /** See AppOptions.requestTimeoutMs. */
  requestTimeoutMs?: number;
  /** Live-help settings (a short offer timeout, a mail log to read...). */
  live?: LiveOptions;
  /** Default TEST_RATE_LIMITS: test files send hundreds of requests from 127.0.0.1 at once. */
  rateLimits?: AppOptions['rateLimits'];
  trustProxy?: AppOptions['trustProxy'];
  /** See AppOptions.onRoute (called again for each route when the server restarts). */
  onRoute?: AppOptions['onRoute'];
  /** Sign-in lockout and reset settings (a short lock for the lockout tests). */
  accounts?: AppOptions['accounts'];
}

/**
 * The rate limits of test servers: far above what any suite sends, but still on, so every request
 * goes through the limiter. The production defaults have tests of their own (rate-limit.test.ts).
 */
export const TEST_RATE_LIMITS = {
  address: { perSecond: 100_000, burst: 100_000 },
  application: { perSecond: 100_000, burst: 100_000 },
  agent: { perSecond: 100_000, burst: 100_000 },
  session: { perSecond: 100_000, burst: 100_000 },
};

export interface TestServer {
  /** Origin, e.g. http://127.0.0.1:40123 */
  url: string;
  tokens: TestTokens;
  /** Agent tokens; every agent starts 'available'. */
  agents: TestAgents;
  /** A tenant per live test file (see LIVE_TENANTS). */
  live: Record<LiveTenantName, LiveTenant>;
  /** The tenant with portal branding. */
  branding: BrandedTenant;
  store: Store;
  app: FastifyInstance;
  /** The database, for the CLI's --db / --database: the SQLite file or the PostgreSQL URL. */
  dbFile: string;
  /**
   * Stops the server and starts it again on the same database, on a new port (`url` changes) or,
   * with `samePort`, on the same one (as a real restart: clients reconnect to the same URL).
   */
  restart(options?: { samePort?: boolean }): Promise<void>;
  /** Stops the server and deletes the database. */
  close(): Promise<void>;
}

async function importOrThrow(store: Store, tenantId: string, dir: string) {
  const result = await importFolder(store, tenantId, join(ROOT, dir), { replace: true });
  if (!result.ok) throw new Error(`content of tenant ${tenantId} is not valid:\n${formatContentErrors(result.errors)}`);
}

/** Changes the first signature character, which always changes the signature's bytes. */
export function forgeSignature(jwt: string): string {
  const [header, payload, signature] = jwt.split('.');
  return `${header}.${payload}.${signature[0] === 'A' ? 'B' : 'A'}${signature.slice(1)}`;
}

/** Skills and agents of both tenants; every agent is available. */
async function seedLive(store: Store): Promise<TestAgents> {
  await store.createSkill('demo', 'sales', 'Sales');
  await store.createSkill('demo', 'support', 'Support');
  await store.createSkill('other', 'support', 'Support');
  const agent = async (tenantId: string, id: string, name: string, skills: string[]) => {
    await store.createAgent({ tenantId, id, name, skills, status: 'available' });
    return (await issueAgentToken(store, { tenantId, agentId: id })).jwt;
  };
  return {
    alex: await agent('demo', TEST_AGENT_IDS.alex, 'Alex', ['sales', 'support']),
    sam: await agent('demo', TEST_AGENT_IDS.sam, 'Sam', ['support']),
    other: await agent('other', TEST_AGENT_IDS.other, 'Olivia', ['support']),
  };
}

/** The accounts of TEST_ACCOUNTS (one password hash for all: hashing takes a while). */
async function seedAccounts(store: Store) {
  const passwordHash = await hashPassword(TEST_PASSWORD);
  const add = (tenantId: string, email: string, role: StaffRole, agentId: string | null) =>
    store.createAccount({ tenantId, email, name: email.split('@')[0], role, passwordHash, agentId });
  for (const [tenantId, agentId] of [['demo', TEST_AGENT_IDS.alex], ['other', TEST_AGENT_IDS.other]] as const) {
    const emails = TEST_ACCOUNTS[tenantId];
    await add(tenantId, emails.admin, 'admin', null);
    await add(tenantId, emails.supervisor, 'supervisor', null);
    await add(tenantId, emails.agent, 'agent', agentId);
    await add(tenantId, emails.author, 'author', null);
  }
  await add('demo', TEST_ACCOUNTS.shared, 'agent', TEST_AGENT_IDS.sam);
  await add('other', TEST_ACCOUNTS.shared, 'agent', TEST_AGENT_IDS.other);
}

async function seedLiveTenants(store: Store): Promise<Record<LiveTenantName, LiveTenant>> {
  const result = {} as Record<LiveTenantName, LiveTenant>;
  for (const name of LIVE_TENANTS) {
    const tenantId = `live-${name.toLowerCase()}`;
    await store.createTenant(tenantId, `Live tests: ${name}`);
    // A little content for activity and origins. Search statistics are shared by every tenant of
    // a database, so this is the small 'other' fixture: the demo tenant's ranking stays as it was.
    await importOrThrow(store, tenantId, FIXTURE_CONTENT.other);
    await store.createSkill(tenantId, 'sales', 'Sales');
    await store.createSkill(tenantId, 'support', 'Support');
    const agent = async (id: string, name: string, skills: string[]) => {
      await store.createAgent({ tenantId, id, name, skills, status: 'available' });
      return (await issueAgentToken(store, { tenantId, agentId: id })).jwt;
    };
    result[name] = {
      tenantId,
      app: (await issueToken(store, { tenantId, name: 'live tests', version: '1.0' })).jwt,
      agents: { alex: await agent('alex', 'Alex', ['sales', 'support']), sam: await agent('sam', 'Sam', ['support']) },
    };
  }
  return result;
}

/** Tenant 'branded' (see BrandedTenant), its theme URLs on `url`. */
async function seedBranding(store: Store, url: string): Promise<BrandedTenant> {
  const tenantId = 'branded';
  await store.createTenant(tenantId, 'Branded');
  const themeUrl = `${url}/themes/default.css`;
  const stepContentThemeUrl = `${url}/themes/step-content.css`;
  await changeBranding(store, tenantId, { themeUrl, stepContentThemeUrl, applyOnMobile: false, setStrings: BRANDED_STRINGS });
  const app = (await issueToken(store, { tenantId, name: 'branding tests', version: '1.0' })).jwt;
  return { tenantId, app, themeUrl, stepContentThemeUrl, strings: BRANDED_STRINGS };
}

export async function startTestServer(options: TestServerOptions = {}): Promise<TestServer> {
  const dir = await mkdtemp(join(tmpdir(), 'nexus-test-'));
  const dbFile = options.database ?? join(dir, 'nexus.db');
  const open = (): Store => (isPostgresUrl(dbFile) ? new PostgresStore(dbFile) : new SqliteStore(dbFile));
  let store = open();
  try {
    await store.migrate();
    await store.createTenant('demo', 'Demo');
    await store.createTenant('other', 'Other');
    await importOrThrow(store, 'demo', options.demoContent ?? DEFAULT_DEMO_CONTENT);
    await importOrThrow(store, 'other', options.otherContent ?? FIXTURE_CONTENT.other);

    const issue = async (tenantId: string, name: string, expiresAt?: number) =>
      (await issueToken(store, { tenantId, name, version: '1.0', expiresAt })).jwt;
    const revoked = await issueToken(store, { tenantId: 'demo', name: 'revoked', version: '1.0' });
    await store.revokeAppToken(revoked.token.id, Date.now());
    const demo = await issue('demo', 'demo');
    const tokens: TestTokens = {
      demo,
      other: await issue('other', 'other'),
      expired: await issue('demo', 'expired', Date.now() - 3600_000),
      revoked: revoked.jwt,
      forged: forgeSignature(demo),
    };
    const agents = await seedLive(store);
    await seedAccounts(store);
    const live = await seedLiveTenants(store);
    await changeCobrowseSettings(store, live.cobrowseTenant.tenantId, COBROWSE_TENANT_SETTINGS);
    // The remote-control tests also check what a customer is told when co-browse is recorded.
    await changeCobrowseSettings(store, live.cobrowseControl.tenantId, { recording: true });

    const listen = async (port = 0) => {
      const app = buildApp({
        store,
        logger: options.logger ?? false,
        logStream: options.logStream,
        requestTimeoutMs: options.requestTimeoutMs,
        sdkDir: options.sdkDir,
        demo: options.demoDir ? { dir: options.demoDir, token: demo } : undefined,
        live: options.live,
        rateLimits: options.rateLimits ?? TEST_RATE_LIMITS,
        trustProxy: options.trustProxy,
        onRoute: options.onRoute,
        accounts: options.accounts,
      });
      await app.listen({ host: '127.0.0.1', port });
      const { port: bound } = app.server.address() as AddressInfo;
      return { app, url: `http://127.0.0.1:${bound}` };
    };
    const listening = await listen();
    const branding = await seedBranding(store, listening.url);
    const server: TestServer = {
      ...listening,
      branding,
      tokens,
      agents,
      live,
      store,
      dbFile,
      restart: async ({ samePort = false } = {}) => {
        await server.app.close();
        await store.close();
        server.store = store = open();
        Object.assign(server, await listen(samePort ? Number(new URL(server.url).port) : 0));
      },
      close: async () => {
        await server.app.close();
        await store.close();
        await rm(dir, { recursive: true, force: true });
      },
    };
    return server;
  } catch (error) {
    await store.close();
    await rm(dir, { recursive: true, force: true });
    throw error;
  }
}
