import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { SignJWT } from 'jose';
import { ROUTES, routePath } from '../../src/protocol/routes.js';
import { issueToken, TOKEN_AUDIENCE, TOKEN_ISSUER } from '../auth.js';
import { FIXTURE_CONTENT, startTestServer, type TestServer } from '../test-server.js';
import { client } from './helpers.js';

let server: TestServer;
before(async () => {
  server = await startTestServer({ demoContent: FIXTURE_CONTENT.demo });
});
after(() => server.close());

/** A JWT signed with the server's real key, with the given claims and header changes. */
async function sign(claims: Record<string, unknown>, header: Record<string, unknown> = {}) {
  const key = await server.store.currentSigningKey();
  return new SignJWT({ tid: 'demo', name: 'x', ver: '1', ...claims })
    .setProtectedHeader({ alg: 'HS256', kid: key.kid, ...header })
    .setIssuedAt()
    .sign(key.secret);
}

const protectedGets = [
  ROUTES.paths,
  routePath(ROUTES.path, { id: 'reset-smart-bulb' }),
  routePath(ROUTES.helpId, { helpId: 'bulb-reset' }),
  `${ROUTES.search}?q=reset`,
  ROUTES.categories,
  ROUTES.recommended,
];

async function expect401(token: string, code: string) {
  const res = await client(server.url, token).get(ROUTES.paths);
  assert.equal(res.status, 401);
  assert.equal(res.body.error.code, code);
  assert.equal(typeof res.body.error.message, 'string');
}

describe('authentication', () => {
  test('health needs no token', async () => {
    const res = await client(server.url).get(ROUTES.health);
    assert.equal(res.status, 200);
    assert.deepEqual(res.body, { status: 'ok' });
  });

  test('every other route answers 401 token_missing without a token', async () => {
    const anonymous = client(server.url);
    for (const path of protectedGets) {
      const res = await anonymous.get(path);
      assert.equal(res.status, 401, path);
      assert.equal(res.body.error.code, 'token_missing', path);
      assert.equal(res.headers.get('www-authenticate'), 'Bearer');
    }
    for (const path of [ROUTES.context, ROUTES.activity]) {
      const res = await anonymous.post(path, {});
      assert.equal(res.body.error.code, 'token_missing', path);
    }
  });

  test('a header that is not a bearer token counts as missing', async () => {
    const res = await client(server.url).raw('GET', ROUTES.paths, { headers: { authorization: 'Basic dXNlcjpwYXNz' } });
    assert.equal(res.status, 401);
    assert.equal(res.body.error.code, 'token_missing');
  });

  test('the fixture tokens: valid, forged, expired, revoked', async () => {
    assert.equal((await client(server.url, server.tokens.demo).get(ROUTES.paths)).status, 200);
    await expect401(server.tokens.forged, 'token_invalid');
    await expect401(server.tokens.expired, 'token_expired');
    await expect401(server.tokens.revoked, 'token_revoked');
  });

  test('malformed tokens are token_invalid', async () => {
    for (const token of ['not-a-jwt', 'a.b.c', 'eyJhbGciOiJub25lIn0.eyJ0aWQiOiJkZW1vIn0.', '...']) {
      await expect401(token, 'token_invalid');
    }
  });

  test('wrong audience, wrong issuer, unknown key and other algorithms are token_invalid', async () => {
    const { token } = await issueToken(server.store, { tenantId: 'demo', name: 'ok', version: '1' });
    const base = { sub: token.id };
    await expect401(await sign({ ...base, iss: TOKEN_ISSUER, aud: 'nexus-agent' }), 'token_invalid');
    await expect401(await sign({ ...base, iss: 'someone-else', aud: TOKEN_AUDIENCE }), 'token_invalid');
    await expect401(await sign({ ...base, iss: TOKEN_ISSUER, aud: TOKEN_AUDIENCE }, { kid: 'key_unknown' }), 'token_invalid');
    await expect401(await sign({ ...base, iss: TOKEN_ISSUER, aud: TOKEN_AUDIENCE }, { alg: 'HS512' }), 'token_invalid');
    // The same claims signed properly do pass: the checks above failed for their one reason.
    assert.equal(
      (await client(server.url, await sign({ ...base, iss: TOKEN_ISSUER, aud: TOKEN_AUDIENCE })).get(ROUTES.paths)).status,
      200,
    );
  });

  test('a well-signed token for an unknown tenant is token_invalid', async () => {
    const { token } = await issueToken(server.store, { tenantId: 'demo', name: 'ok', version: '1' });
    await expect401(await sign({ sub: token.id, tid: 'ghost', iss: TOKEN_ISSUER, aud: TOKEN_AUDIENCE }), 'token_invalid');
  });

  test('a well-signed token whose id is not registered, or registered to another tenant, is token_revoked', async () => {
    await expect401(await sign({ sub: 'tok_unregistered', iss: TOKEN_ISSUER, aud: TOKEN_AUDIENCE }), 'token_revoked');
    const { token } = await issueToken(server.store, { tenantId: 'other', name: 'o', version: '1' });
    await expect401(await sign({ sub: token.id, tid: 'demo', iss: TOKEN_ISSUER, aud: TOKEN_AUDIENCE }), 'token_revoked');
  });

  test('revocation takes effect on the next request', async () => {
    const { token, jwt } = await issueToken(server.store, { tenantId: 'demo', name: 'soon revoked', version: '2.0' });
    assert.equal((await client(server.url, jwt).get(ROUTES.categories)).status, 200);
    assert.equal(await server.store.revokeAppToken(token.id, Date.now()), true);
    await expect401(jwt, 'token_revoked');
  });

  test('tokens carry the documented claims and a kid header', async () => {
    const { token, jwt } = await issueToken(server.store, {
      tenantId: 'demo',
      name: 'web app',
      version: '3.1',
      expiresAt: Date.now() + 60_000,
    });
    const [header, payload] = jwt.split('.').slice(0, 2).map((part) => JSON.parse(Buffer.from(part, 'base64url').toString()));
    assert.equal(header.alg, 'HS256');
    assert.equal(header.kid, (await server.store.currentSigningKey()).kid);
    assert.equal(payload.iss, 'nexus-cloud');
    assert.equal(payload.aud, 'nexus-client');
    assert.equal(payload.sub, token.id);
    assert.equal(payload.tid, 'demo');
    assert.equal(payload.name, 'web app');
    assert.equal(payload.ver, '3.1');
    assert.equal(typeof payload.iat, 'number');
    assert.equal(payload.exp, Math.floor(token.expiresAt! / 1000));
    const listed = await server.store.listAppTokens('demo');
    assert.ok(listed.some((t) => t.id === token.id && t.name === 'web app' && t.revokedAt === null));
  });

  test('a token cannot be issued for a tenant that does not exist', async () => {
    await assert.rejects(issueToken(server.store, { tenantId: 'ghost', name: 'x', version: '1' }), /no tenant/);
  });
});

describe('token audiences: where an application token may be used', () => {
  /** What a browser adds: Origin on cross-origin requests and POSTs, Sec-Fetch-Site on every request. */
  const browsers = {
    'a cross-origin fetch': { origin: 'https://shop.example', 'sec-fetch-site': 'cross-site', 'sec-fetch-mode': 'cors' },
    'a same-origin GET (no Origin)': { 'sec-fetch-site': 'same-origin', 'sec-fetch-mode': 'cors' },
    'an older browser (Origin only)': { origin: 'https://shop.example' },
  };
  const status = async (jwt: string, headers: Record<string, string> = {}) => {
    const res = await client(server.url, jwt).raw('GET', ROUTES.categories, { headers });
    return [res.status, res.body.error?.code ?? null];
  };

  test('Node\'s fetch sends Sec-Fetch-Mode, as browsers do: a program is still a program', async () => {
    const { jwt } = await issueToken(server.store, { tenantId: 'demo', name: 'node', version: '1', audience: 'rest-apis' });
    assert.deepEqual(await status(jwt, { 'sec-fetch-mode': 'cors' }), [200, null]);
  });

  test('a REST APIs token works from a program and is refused on every request a browser sends', async () => {
    const { jwt } = await issueToken(server.store, { tenantId: 'demo', name: 'crm', version: '1', audience: 'rest-apis' });
    assert.deepEqual(await status(jwt), [200, null]);
    for (const [what, headers] of Object.entries(browsers)) assert.deepEqual(await status(jwt, headers), [403, 'token_audience'], what);
    const res = await client(server.url, jwt).raw('GET', ROUTES.categories, { headers: browsers['a cross-origin fetch'] });
    assert.match(res.body.error.message, /for REST APIs.*use a token for client apps/);
    const post = await client(server.url, jwt).post(ROUTES.activity, { events: [] }, { origin: 'https://shop.example' });
    assert.deepEqual([post.status, post.body.error.code], [403, 'token_audience'], 'a POST from a page too');
  });

  test('a Client Apps token works from a browser and is refused when a program sends it', async () => {
    const { jwt } = await issueToken(server.store, { tenantId: 'demo', name: 'site', version: '1', audience: 'client-apps' });
    for (const [what, headers] of Object.entries(browsers)) assert.deepEqual(await status(jwt, headers), [200, null], what);
    const res = await client(server.url, jwt).get(ROUTES.categories);
    assert.deepEqual([res.status, res.body.error.code], [403, 'token_audience']);
    assert.match(res.body.error.message, /for client apps.*use a token for REST APIs/);
  });

  test('a token for both, the default, works from either', async () => {
    const { token, jwt } = await issueToken(server.store, { tenantId: 'demo', name: 'both', version: '1' });
    assert.equal(token.audience, 'client-apps-and-rest-apis');
    assert.deepEqual(await status(jwt), [200, null]);
    for (const [what, headers] of Object.entries(browsers)) assert.deepEqual(await status(jwt, headers), [200, null], what);
  });

  test('the audience is checked after the token itself: a revoked REST APIs token is token_revoked, from anywhere', async () => {
    const { token, jwt } = await issueToken(server.store, { tenantId: 'demo', name: 'gone', version: '1', audience: 'rest-apis' });
    await server.store.revokeAppToken(token.id, Date.now());
    assert.deepEqual(await status(jwt, browsers['a cross-origin fetch']), [401, 'token_revoked']);
  });
});
