/** Shared pieces of the server tests: an HTTP client, temporary content folders, DB snapshots. */
import assert from 'node:assert/strict';
import Database from 'better-sqlite3';
import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { after } from 'node:test';
import { crc32, deflateSync } from 'node:zlib';
import { migrationProvider } from '../store/migrations/index.js';

export interface Response<T = any> {
  status: number;
  headers: Headers;
  body: T;
}

/** A fetch wrapper for one server and token; bodies are parsed as JSON when they are JSON. */
export function client(url: string, token?: string) {
  async function request<T = any>(method: string, path: string, init: { body?: string; headers?: Record<string, string> } = {}) {
    const headers: Record<string, string> = { ...(token ? { authorization: `Bearer ${token}` } : {}), ...init.headers };
    const res = await fetch(url + path, { method, headers, body: init.body, redirect: 'manual' });
    const text = await res.text();
    const isJson = res.headers.get('content-type')?.includes('application/json');
    return { status: res.status, headers: res.headers, body: (isJson ? JSON.parse(text) : text) as T };
  }
  return {
    get: <T = any>(path: string, query: Record<string, string | number> = {}) => {
      const qs = new URLSearchParams(Object.entries(query).map(([k, v]) => [k, String(v)])).toString();
      return request<T>('GET', qs ? `${path}?${qs}` : path);
    },
    post: <T = any>(path: string, body: unknown, headers: Record<string, string> = {}) =>
      request<T>('POST', path, {
        body: typeof body === 'string' ? body : JSON.stringify(body),
        headers: { 'content-type': 'application/json', ...headers },
      }),
    raw: request,
  };
}

/** Temporary folders, removed when the test file ends (an `after` inside a hook would run at once). */
const folders: string[] = [];
after(() => Promise.all(folders.map((dir) => rm(dir, { recursive: true, force: true }))));

/** Writes files (objects become JSON) into a new temporary folder, removed after the test file. */
export async function contentFolder(files: Record<string, unknown>): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'nexus-content-'));
  folders.push(dir);
  for (const [name, value] of Object.entries(files)) {
    await mkdir(dirname(join(dir, name)), { recursive: true });
    await writeFile(join(dir, name), typeof value === 'string' ? value : JSON.stringify(value, null, 2));
  }
  return dir;
}

/** Every row of every table (search index included), through a separate connection. */
export function snapshot(dbFile: string): Record<string, unknown[]> {
  const db = new Database(dbFile, { readonly: true });
  try {
    const tables = db
      .prepare(`SELECT name FROM sqlite_master WHERE type IN ('table') AND name NOT LIKE 'sqlite_%' AND name NOT LIKE 'paths_fts_%' ORDER BY name`)
      .all() as { name: string }[];
    return Object.fromEntries(
      tables.map(({ name }) => [name, db.prepare(`SELECT ${name === 'paths_fts' ? 'rowid, *' : '*'} FROM "${name}" ORDER BY 1, 2`).all()]),
    );
  } finally {
    db.close();
  }
}

/** The claims of a JWT (not checked). */
export const claimsOf = (jwt: string): Record<string, any> => JSON.parse(Buffer.from(jwt.split('.')[1], 'base64url').toString());

/** The registration a session token needs: the application token `jwt` (id from its `sub`), not expiring. */
export const grantOf = (jwt: string) => ({ id: claimsOf(jwt).sub as string, expiresAt: null });

/** A unique, valid operation or consumer id. */
let counter = 0;
export const uid = (prefix = 'id') => `${prefix}-${Date.now().toString(36)}-${(counter++).toString(36).padStart(4, '0')}`;

/** A minimal valid guided path, with overrides. */
export function makePath(id: string, overrides: Record<string, unknown> = {}) {
  return {
    id,
    title: `Path ${id}`,
    summary: `Summary of ${id}`,
    category: 'general',
    tags: [],
    helpIds: [],
    audience: 'consumer',
    steps: [{ id: 'only', title: 'Only step', body: '<p>Do it.</p>' }],
    ...overrides,
  };
}

export const GENERAL_CATEGORY = [{ id: 'general', name: 'General', description: 'Everything else.' }];

/** The names of the migrations from `first` on, in the order they apply (what migrating up from just before it applies). */
export async function migrationsFrom(first: string): Promise<string[]> {
  const names = Object.keys(await migrationProvider.getMigrations()).sort();
  assert.ok(names.includes(first), `there is a migration ${first}`);
  return names.slice(names.indexOf(first));
}

/** A TCP port on 127.0.0.1 that nothing listens on (for a server a test starts, or one that is down). */
export const freePort = () =>
  new Promise<number>((resolve, reject) => {
    const server = createServer().once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });

/**
 * A real PNG of one pixel of the colour `rgb` (0xRRGGBB): distinct colours are distinct bytes, a
 * step image browsers decode.
 */
export function pngPixel(rgb: number): Buffer {
  const chunk = (type: string, data: Buffer) => {
    const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
    const length = Buffer.alloc(4);
    length.writeUInt32BE(data.length);
    const crc = Buffer.alloc(4);
    crc.writeUInt32BE(crc32(body));
    return Buffer.concat([length, body, crc]);
  };
  const header = Buffer.alloc(13);
  header.writeUInt32BE(1, 0);
  header.writeUInt32BE(1, 4);
  header.set([8, 2, 0, 0, 0], 8); // 8 bits, RGB, deflate, no filter, no interlace
  const row = Buffer.from([0, (rgb >> 16) & 0xff, (rgb >> 8) & 0xff, rgb & 0xff]);
  const signature = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  return Buffer.concat([signature, chunk('IHDR', header), chunk('IDAT', deflateSync(row)), chunk('IEND', Buffer.alloc(0))]);
}
