/**
 * GET /v1/openapi.json: every route the server registers under /v1 is in the document with its
 * method, path and query parameters, request body and responses, as its schemas declare them; the
 * document is a valid OpenAPI 3.1 document (a structural check of the parts used here, and every
 * schema in it compiled by Ajv as JSON Schema 2020-12, the dialect OpenAPI 3.1 uses).
 */
import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import type { FastifyInstance, RouteOptions } from 'fastify';
import { API_PREFIX } from '../../src/protocol/api.js';
import { ROUTES } from '../../src/protocol/routes.js';
import type { TSchema } from '../../src/protocol/schemas.js';
import { buildApp } from '../app.js';
import { openApiPath } from '../openapi.js';
import { SqliteStore } from '../store/sqlite/store.js';
import { client } from './helpers.js';

type Json = Record<string, any>;

let dir: string;
let store: SqliteStore;
let app: FastifyInstance;
let url: string;
const registered: RouteOptions[] = [];

before(async () => {
  dir = await mkdtemp(join(tmpdir(), 'nexus-openapi-'));
  store = new SqliteStore(join(dir, 'nexus.db'));
  await store.migrate();
  app = buildApp({ store, live: { mailLog: () => undefined }, onRoute: (route) => registered.push(route) });
  await app.listen({ host: '127.0.0.1', port: 0 });
  url = `http://127.0.0.1:${(app.server.address() as { port: number }).port}`;
});
after(async () => {
  await app.close();
  await store.close();
  await rm(dir, { recursive: true, force: true });
});

const document = async (): Promise<Json> => {
  const response = await client(url).get(ROUTES.openapi);
  assert.equal(response.status, 200);
  return response.body;
};

const propertyNames = (schema: TSchema | undefined) => Object.keys((schema?.properties as object | undefined) ?? {}).sort();

test('public, without a token, and holds no secrets', async () => {
  const text = JSON.stringify(await document());
  assert.doesNotMatch(text, /tok_|secret|BEGIN|password@/i);
});

test('every registered route is in it with its method, parameters, body and responses', async () => {
  const doc = await document();
  const api = registered.filter((route) => route.url.startsWith(`${API_PREFIX}/`));
  assert.ok(api.length >= Object.keys(ROUTES).length, 'every route of ROUTES is registered');
  for (const url of Object.values(ROUTES)) assert.ok(doc.paths[openApiPath(url)], `${url} is in the document`);
  let operations = 0;
  for (const route of api) {
    for (const method of [route.method].flat().filter((m) => m !== 'HEAD')) {
      const where = `${method} ${route.url}`;
      const op = doc.paths[openApiPath(route.url)]?.[method.toLowerCase()];
      assert.ok(op, `${where} is in the document`);
      operations++;
      const schema = (route.schema ?? {}) as { params?: TSchema; querystring?: TSchema; body?: TSchema; response?: Record<string, TSchema> };
      const named = (where: string) => (op.parameters ?? []).filter((p: Json) => p.in === where).map((p: Json) => p.name).sort();
      assert.deepEqual(named('path'), propertyNames(schema.params), `${where}: path parameters`);
      assert.deepEqual(named('query'), propertyNames(schema.querystring), `${where}: query parameters`);
      for (const p of op.parameters ?? []) {
        const required = ((p.in === 'path' ? schema.params : schema.querystring)?.required as string[] | undefined) ?? [];
        assert.equal(p.required, p.in === 'path' || required.includes(p.name), `${where}: ${p.name} required`);
      }
      if (schema.body) assert.deepEqual(op.requestBody.content['application/json'].schema, JSON.parse(JSON.stringify(schema.body)), `${where}: body`);
      else if (![ROUTES.liveFiles, ROUTES.adminContentImages].includes(route.url as never) && where !== `PUT ${ROUTES.adminBrandingTheme}`) assert.equal(op.requestBody, undefined, `${where}: no body`);
      for (const status of Object.keys(schema.response ?? {})) assert.ok(op.responses[status], `${where}: response ${status}`);
      assert.ok(op.responses.default, `${where}: the error response`);
      assert.ok(op.summary, `${where}: a summary`);
      const open = [ROUTES.openapi, ROUTES.health, ROUTES.ready, ROUTES.liveFile, ROUTES.themeFile, ROUTES.contentImage, ROUTES.liveSocket, ROUTES.authSignIn, ROUTES.authPasswordReset, ROUTES.authPasswordResetConfirm];
      const staffOnly = (route.config as { roles?: string[] } | undefined)?.roles?.join() === 'staff';
      assert.deepEqual(op.security, open.includes(route.url as never) ? [] : staffOnly ? [{ session: [] }] : [{ bearer: [] }], `${where}: security`);
    }
  }
  const documented = Object.values(doc.paths as Record<string, Json>).reduce((n, item) => n + Object.keys(item).length, 0);
  assert.equal(documented, operations, 'nothing in the document that the server does not register');
  assert.equal(doc.paths[openApiPath(ROUTES.liveFiles)].post.requestBody.content['*/*'].schema.type, 'string', 'a raw file body');
  assert.equal(doc.paths[openApiPath(ROUTES.adminBrandingTheme)].put.requestBody.content['text/css'].schema.type, 'string', 'a raw CSS body');
  assert.deepEqual(Object.keys(doc.paths[openApiPath(ROUTES.adminContentImages)].post.requestBody.content), ['image/png', 'image/jpeg', 'image/gif', 'image/webp'], 'a raw image body, not SVG');
});

test('the analytics views answer JSON, or one table as CSV (format=csv&table=…)', async () => {
  const doc = await document();
  for (const [route, tables] of [
    [ROUTES.adminAnalyticsSelfHelp, ['paths', 'drop-off', 'days', 'no-result-queries']],
    [ROUTES.adminAnalyticsLiveHelp, ['skills', 'channels', 'days', 'ratings', 'survey']],
  ] as const) {
    const ok = doc.paths[openApiPath(route)].get.responses[200];
    assert.equal(ok.content['application/json'].schema.type, 'object', `${route}: the view as JSON`);
    assert.equal(ok.content['text/csv'].schema.type, 'string', `${route}: a table as CSV`);
    assert.match(ok.content['text/csv'].schema.description, new RegExp(`table=${tables.join('\\|')}`), `${route}: the tables named`);
    const params = doc.paths[openApiPath(route)].get.parameters.map((p: Json) => p.name);
    for (const name of ['format', 'table']) assert.ok(params.includes(name), `${route}: the ${name} parameter`);
  }
});

/** Every JSON Schema in the document (with the JSON pointer it is at). */
function schemasIn(doc: Json): [string, Json][] {
  const found: [string, Json][] = [];
  for (const [name, schema] of Object.entries(doc.components.schemas as Json)) found.push([`/components/schemas/${name}`, schema]);
  for (const [path, item] of Object.entries(doc.paths as Json)) {
    for (const [method, op] of Object.entries(item as Json)) {
      const at = `/paths/${path}/${method}`;
      (op.parameters ?? []).forEach((p: Json, i: number) => found.push([`${at}/parameters/${i}`, p.schema]));
      for (const [type, media] of Object.entries((op.requestBody?.content ?? {}) as Json)) found.push([`${at}/requestBody/${type}`, media.schema]);
      for (const [status, response] of Object.entries(op.responses as Json)) {
        for (const [type, media] of Object.entries((response.content ?? {}) as Json)) found.push([`${at}/responses/${status}/${type}`, media.schema]);
      }
    }
  }
  return found;
}

/** Follows a local `$ref` (`#/components/...`). */
const resolve = (doc: Json, ref: string) => ref.slice(2).split('/').reduce<any>((node, key) => node?.[key], doc);

test('a valid OpenAPI 3.1 document', async () => {
  const doc = await document();
  assert.equal(doc.openapi, '3.1.0');
  assert.equal(typeof doc.info.title, 'string');
  assert.match(doc.info.version, /^\d+\.\d+\.\d+/);
  const tags = new Set((doc.tags as Json[]).map((t) => t.name));
  const operationIds = new Set<string>();
  for (const [path, item] of Object.entries(doc.paths as Json)) {
    assert.match(path, /^\//);
    const templated = [...path.matchAll(/\{([^}]+)\}/g)].map((m) => m[1]).sort();
    for (const [method, op] of Object.entries(item as Json)) {
      const at = `${method} ${path}`;
      assert.ok(['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'].includes(method), at);
      assert.ok(!operationIds.has(op.operationId), `${at}: operationId unique`);
      operationIds.add(op.operationId);
      for (const tag of op.tags) assert.ok(tags.has(tag), `${at}: tag ${tag} declared`);
      const params: Json[] = op.parameters ?? [];
      assert.deepEqual(params.filter((p) => p.in === 'path').map((p) => p.name).sort(), templated, `${at}: path parameters match the template`);
      assert.equal(new Set(params.map((p) => `${p.in}:${p.name}`)).size, params.length, `${at}: parameters unique`);
      for (const p of params) {
        assert.ok(['path', 'query', 'header', 'cookie'].includes(p.in) && typeof p.name === 'string' && p.schema, `${at}: parameter ${p.name}`);
        if (p.in === 'path') assert.equal(p.required, true, `${at}: path parameter ${p.name} required`);
      }
      if (op.requestBody) assert.ok(Object.keys(op.requestBody.content).length, `${at}: body content`);
      assert.ok(Object.keys(op.responses).length, `${at}: responses`);
      for (const [status, response] of Object.entries(op.responses as Json)) {
        assert.match(status, /^([1-5](\d\d|XX)|default)$/, `${at}: status ${status}`);
        const target = response.$ref ? resolve(doc, response.$ref) : response;
        assert.equal(typeof target?.description, 'string', `${at}: response ${status} has a description`);
      }
      for (const requirement of op.security) for (const name of Object.keys(requirement)) assert.ok(doc.components.securitySchemes[name], `${at}: ${name}`);
    }
  }
  const text = JSON.stringify(doc);
  for (const [, ref] of text.matchAll(/"\$ref":"([^"]+)"/g)) assert.ok(resolve(doc, ref), `${ref} resolves`);

  const ajv = new Ajv2020({ strict: true, allErrors: true });
  addFormats.default(ajv);
  // The component schemas as the $defs of one schema, for the references to them.
  ajv.addSchema({ $id: 'components', $defs: doc.components.schemas });
  for (const [at, schema] of schemasIn(doc)) {
    assert.doesNotThrow(() => ajv.compile(JSON.parse(JSON.stringify(schema).replaceAll('"#/components/schemas/', '"components#/$defs/'))), at);
  }
});
