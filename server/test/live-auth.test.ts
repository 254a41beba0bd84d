import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { SignJWT } from 'jose';
import { routePath, ROUTES } from '../../src/protocol/routes.js';
import { AGENT_AUDIENCE, issueSessionToken, SESSION_AUDIENCE, TOKEN_ISSUER } from '../auth.js';
import { forgeSignature } from '../test-server.js';
import { client, grantOf } from './helpers.js';
import { closeAll, LiveClient, requestHelp, startLiveServer } from './live-helpers.js';

type Server = Awaited<ReturnType<typeof startLiveServer>>;
let server: Server;
let mine: Awaited<ReturnType<typeof requestHelp>>;
let theirs: Awaited<ReturnType<typeof requestHelp>>;
let elsewhere: Awaited<ReturnType<typeof requestHelp>>;

before(async () => {
  server = await startLiveServer({ live: { offerTimeoutMs: 60_000 } });
  mine = await requestHelp(server, { skill: 'sales' });
  theirs = await requestHelp(server, { skill: 'sales' });
  elsewhere = await requestHelp(server, { skill: 'support' }, server.tokens.other);
});
after(() => server.close());

const api = (token: string) => client(server.url, token);
const sessionPath = (route: string, id: string) => routePath(route, { id });

/** A token signed with the server's key, with any claims. */
async function sign(claims: Record<string, unknown>) {
  const key = await server.store.currentSigningKey();
  return new SignJWT(claims).setProtectedHeader({ alg: 'HS256', kid: key.kid }).setIssuer(TOKEN_ISSUER).setIssuedAt().sign(key.secret);
}

describe('token kinds', () => {
  test('each route takes only its token kinds: the others get 403 forbidden', async () => {
    const id = mine.session.id;
    const cases: [string, string, string, unknown?][] = [
      [mine.sessionToken, 'GET', ROUTES.paths],
      [mine.sessionToken, 'GET', ROUTES.agentMe],
      [mine.sessionToken, 'POST', ROUTES.liveSessions, { consumer: 'consumer-1', kind: 'chat', clientId: 'request-0001' }],
      [mine.sessionToken, 'POST', ROUTES.context, { consumer: 'consumer-1', ops: [] }],
      [server.tokens.demo, 'GET', sessionPath(ROUTES.liveSession, id)],
      [server.tokens.demo, 'GET', sessionPath(ROUTES.liveEvents, id)],
      [server.tokens.demo, 'GET', ROUTES.agentSessions],
      [server.agents.alex, 'POST', ROUTES.liveSessions, { consumer: 'consumer-1', kind: 'chat', clientId: 'request-0001' }],
      [server.agents.alex, 'POST', sessionPath(ROUTES.liveRating, id), { score: 5 }],
      [server.agents.alex, 'POST', ROUTES.activity, { consumer: 'consumer-1', events: [] }],
    ];
    for (const [token, method, path, body] of cases) {
      const res = method === 'GET' ? await api(token).get(path) : await api(token).post(path, body);
      assert.equal(res.status, 403, `${method} ${path}`);
      assert.equal(res.body.error.code, 'forbidden');
      assert.match(res.body.error.message, /takes (an application|an agent|a session)/);
    }
  });

  test('agents read content of every audience; consumers do not', async () => {
    const agentSearch = await api(server.agents.alex).get(ROUTES.search, { q: 'diagnostics', audience: 'agent' });
    assert.equal(agentSearch.status, 200);
    assert.ok(agentSearch.body.items.some((hit: { id: string }) => hit.id === 'bulb-firmware-diagnostics'));
    const agentPath = await api(server.agents.alex).get(routePath(ROUTES.path, { id: 'bulb-firmware-diagnostics' }));
    assert.equal(agentPath.status, 200);
    assert.equal((await api(server.tokens.demo).get(routePath(ROUTES.path, { id: 'bulb-firmware-diagnostics' }))).status, 404);
    assert.equal((await api(server.tokens.demo).get(ROUTES.search, { q: 'diagnostics', audience: 'agent' })).status, 403);
  });

  test('agent tokens: registered and revocable; a signature for another agent or a missing agent claim fails', async () => {
    assert.equal((await api(server.agents.sam).get(ROUTES.agentMe)).body.id, 'sam');
    const claims = JSON.parse(Buffer.from(server.agents.sam.split('.')[1], 'base64url').toString());
    assert.deepEqual([claims.aud, claims.agt, claims.tid], [AGENT_AUDIENCE, 'sam', 'demo']);
    const asAlex = await sign({ ...claims, agt: 'alex' });
    assert.equal((await api(asAlex).get(ROUTES.agentMe)).body.error.code, 'token_revoked');
    const { agt: _agt, ...noAgent } = claims;
    assert.equal((await api(await sign(noAgent)).get(ROUTES.agentMe)).body.error.code, 'token_invalid');
    assert.equal((await api(forgeSignature(server.agents.sam)).get(ROUTES.agentMe)).body.error.code, 'token_invalid');

    const listed = await server.store.listAppTokens('demo');
    const samToken = listed.find((t) => t.id === claims.sub)!;
    assert.equal(samToken.agentId, 'sam');
    await server.store.revokeAppToken(samToken.id, Date.now());
    const revoked = await api(server.agents.sam).get(ROUTES.agentMe);
    assert.deepEqual([revoked.status, revoked.body.error.code], [401, 'token_revoked']);
    const live = await LiveClient.open(server);
    live.send({ type: 'hello', token: server.agents.sam });
    assert.equal((await live.next('error')).code, 'token_revoked');
    assert.equal(await live.closed, 4401);
  });

  test('session tokens: for one session, for 24 hours, and only while the session exists', async () => {
    const claims = JSON.parse(Buffer.from(mine.sessionToken.split('.')[1], 'base64url').toString());
    assert.deepEqual([claims.aud, claims.sub, claims.tid], [SESSION_AUDIENCE, mine.session.id, 'demo']);
    assert.equal(claims.exp - claims.iat, 24 * 3600);
    const expired = await issueSessionToken(server.store, { tenantId: 'demo', id: mine.session.id }, grantOf(server.tokens.demo), Date.now() - 25 * 3600_000);
    assert.equal((await api(expired).get(sessionPath(ROUTES.liveSession, mine.session.id))).body.error.code, 'token_expired');
    const ghost = await sign({ aud: SESSION_AUDIENCE, sub: 'ses_ghost', tid: 'demo' });
    const res = await api(ghost).get(sessionPath(ROUTES.liveSession, 'ses_ghost'));
    assert.deepEqual([res.status, res.body.error.code], [404, 'session_not_found']);
    const live = await LiveClient.open(server);
    live.send({ type: 'hello', token: ghost });
    assert.equal(await live.closed, 4404);
  });
});

describe('isolation', () => {
  test('a customer sees only their own session', async () => {
    const own = await api(mine.sessionToken).get(sessionPath(ROUTES.liveSession, mine.session.id));
    assert.deepEqual([own.status, own.body.id, own.body.code], [200, mine.session.id, mine.session.code]);
    for (const route of [ROUTES.liveSession, ROUTES.liveEvents]) {
      const other = await api(mine.sessionToken).get(sessionPath(route, theirs.session.id));
      assert.deepEqual([other.status, other.body.error.code], [403, 'forbidden'], route);
    }
    const transcript = await api(mine.sessionToken).post(sessionPath(ROUTES.liveTranscript, theirs.session.id), { email: 'a@b.co' });
    assert.equal(transcript.status, 403);
    const live = await LiveClient.connect(server, mine.sessionToken);
    live.send({ type: 'end', sessionId: theirs.session.id });
    assert.equal((await live.next('error')).code, 'forbidden');
    await live.close();
    const untouched = await api(theirs.sessionToken).get(sessionPath(ROUTES.liveSession, theirs.session.id));
    assert.equal(untouched.body.state, 'queued');
  });

  test("an agent of one tenant never sees another tenant's sessions", async () => {
    const olivia = api(server.agents.other);
    const listed = await olivia.get(ROUTES.agentSessions);
    assert.deepEqual(listed.body.items.map((s: { id: string }) => s.id), [elsewhere.session.id]);
    const alexList = await api(server.agents.alex).get(ROUTES.agentSessions);
    assert.ok(!alexList.body.items.some((s: { id: string }) => s.id === elsewhere.session.id));
    for (const path of [
      sessionPath(ROUTES.agentSession, mine.session.id),
      sessionPath(ROUTES.liveSession, mine.session.id),
      sessionPath(ROUTES.liveEvents, mine.session.id),
    ]) {
      const res = await olivia.get(path);
      assert.deepEqual([res.status, res.body.error.code], [404, 'session_not_found'], path);
    }
    for (const route of [ROUTES.agentAccept, ROUTES.agentEnd]) {
      const res = await olivia.raw('POST', sessionPath(route, mine.session.id));
      assert.deepEqual([res.status, res.body.error.code], [404, 'session_not_found'], route);
    }
    const live = await LiveClient.connect(server, server.agents.other);
    assert.deepEqual(live.welcome!.sessions.map((s: { id: string }) => s.id), [elsewhere.session.id]);
    live.send({ type: 'subscribe', sessionId: mine.session.id, since: 0 });
    const error = await live.next('error');
    assert.deepEqual([error.code, error.ref], ['session_not_found', mine.session.id]);
    const demo = await requestHelp(server, { skill: 'sales' });
    await live.none('session', (f) => f.session.id !== elsewhere.session.id);
    await live.none('offer', (f) => f.session.id === demo.session.id);
    await closeAll(live);
  });
});
