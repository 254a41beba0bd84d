/**
 * A complete Nexus Cloud on a temporary SQLite file, for tests: tenants 'demo' and 'other' with
 * content, and tokens for every authentication case. Used by the server tests directly and, via
 * test-fixture.ts, by the browser and end-to-end tests.
 */
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { FastifyInstance } from 'fastify';
import { buildApp } from './app.js';
import { issueToken } from './auth.js';
import { formatContentErrors, importFolder } from './content/import.js';
import { SqliteStore } from './store/sqlite/store.js';

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

export interface TestServerOptions {
  /** Content folder of tenant 'demo' (default DEFAULT_DEMO_CONTENT). */
  demoContent?: string;
  /** Content folder of tenant 'other' (default the fixture). */
  otherContent?: string;
  sdkDir?: string;
  /** Demo pages, served with the demo token. */
  demoDir?: string;
  logger?: boolean;
}

export interface TestServer {
  /** Origin, e.g. http://127.0.0.1:40123 */
  url: string;
  tokens: TestTokens;
  store: SqliteStore;
  app: FastifyInstance;
  dbFile: string;
  /** Stops the server and deletes the database. */
  close(): Promise<void>;
}

async function importOrThrow(store: SqliteStore, tenantId: string, dir: string) {
  const result = await importFolder(store, tenantId, join(ROOT, dir), { replace: true });
  if (!result.ok) throw new Error(`content of tenant ${tenantId} is not valid:\n${formatContentErrors(result.errors)}`);
}

/** Changes the first signature character, which always changes the signature's bytes. */
export function forgeSignature(jwt: string): string {
  const [header, payload, signature] = jwt.split('.');
  return `${header}.${payload}.${signature[0] === 'A' ? 'B' : 'A'}${signature.slice(1)}`;
}

export async function startTestServer(options: TestServerOptions = {}): Promise<TestServer> {
  const dir = await mkdtemp(join(tmpdir(), 'nexus-test-'));
  const dbFile = join(dir, 'nexus.db');
  const store = new SqliteStore(dbFile);
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

    const app = buildApp({
      store,
      logger: options.logger ?? false,
      sdkDir: options.sdkDir,
      demo: options.demoDir ? { dir: options.demoDir, token: demo } : undefined,
    });
    await app.listen({ host: '127.0.0.1', port: 0 });
    const { port } = app.server.address() as AddressInfo;
    return {
      url: `http://127.0.0.1:${port}`,
      tokens,
      store,
      app,
      dbFile,
      close: async () => {
        await app.close();
        await store.close();
        await rm(dir, { recursive: true, force: true });
      },
    };
  } catch (error) {
    await store.close();
    await rm(dir, { recursive: true, force: true });
    throw error;
  }
}
