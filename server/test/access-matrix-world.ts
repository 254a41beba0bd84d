/**
 * The world of the access matrix test (access-matrix.test.ts): a test server whose every route
 * is recorded as it is registered, two tenants with content, agents and live sessions, a token
 * per kind of caller, and the requests the matrix makes.
 *
 * Tenant A is 'demo', tenant B is 'other' (test-server.ts). Besides the token callers, people
 * signed in with the session cookie (admin, supervisor, agent and author account of each tenant:
 * the STAFF callers) ask every route too. A has an active chat ('open', agent
 * Alex, a message, a file, a co-browse recording) and an ended one ('ended'); B has a queued
 * chat. Canaries (a message text, an e-mail address, a consumer key, a path title that only A
 * has; A's token name and JWT, skill, account e-mail, theme URL and co-browse selector, made by
 * A's admin through the admin services) let the test see whether an answer to anyone but A
 * carries A's data.
 */
import assert from 'node:assert/strict';
import type { RouteOptions } from 'fastify';
import { routePath, ROUTES } from '../../src/protocol/routes.js';
import { createSkill } from '../admin/skills.js';
import { updateBranding, updateCobrowseSettings } from '../admin/tenant.js';
import { createToken } from '../admin/tokens.js';
import { createUser } from '../admin/users.js';
import { FIXTURE_CONTENT, startTestServer, TEST_ACCOUNTS, TEST_PASSWORD, type TestServer } from '../test-server.js';
import type { GuidedPath } from '../../src/protocol/schemas.js';
import { client, contentFolder, makePath, uid, type Response } from './helpers.js';
import { closeAll, LiveClient, requestHelp } from './live-helpers.js';

/** Who calls with a token (or none), in the order of the matrix's columns. */
export const CALLERS = ['none', 'appA', 'sessionA', 'agentA', 'appB', 'agentB', 'sessionB', 'revoked', 'expired'] as const;
/** Who calls signed in (the session cookie, and X-CSRF-Token on POST), in the order of a row's `staff` column. */
export const STAFF_CALLERS = ['adminA', 'supervisorA', 'staffAgentA', 'authorA', 'adminB', 'supervisorB', 'staffAgentB', 'authorB'] as const;
export type StaffCaller = (typeof STAFF_CALLERS)[number];
export type Caller = (typeof CALLERS)[number] | StaffCaller;

/** Callers of tenant B, and the ones with no valid token: none of them may learn anything of A. */
export const FOREIGN: readonly Caller[] = ['appB', 'agentB', 'sessionB', 'adminB', 'supervisorB', 'staffAgentB', 'authorB'];
export const OUTSIDERS: readonly Caller[] = ['none', ...FOREIGN, 'revoked', 'expired'];

/** The 401 code each caller without a valid token gets (a signed-in caller, on the embed page, which takes a jwt parameter). */
export const UNAUTHORIZED_CODE: Partial<Record<Caller, string>> = {
  none: 'token_missing',
  revoked: 'token_revoked',
  expired: 'token_expired',
  ...Object.fromEntries(STAFF_CALLERS.map((c) => [c, 'token_missing'])),
};

/** The account each staff caller signs in as (test-server.ts: TEST_ACCOUNTS, all with TEST_PASSWORD). */
const STAFF_EMAILS: Record<StaffCaller, string> = {
  adminA: TEST_ACCOUNTS.demo.admin,
  supervisorA: TEST_ACCOUNTS.demo.supervisor,
  staffAgentA: TEST_ACCOUNTS.demo.agent,
  authorA: TEST_ACCOUNTS.demo.author,
  adminB: TEST_ACCOUNTS.other.admin,
  supervisorB: TEST_ACCOUNTS.other.supervisor,
  staffAgentB: TEST_ACCOUNTS.other.agent,
  authorB: TEST_ACCOUNTS.other.author,
};

/** A signed-in caller's credentials: its session cookie and CSRF token. */
export interface Cookie {
  cookie: string;
  csrf: string;
}

/** The ids a request names: A's real ones, or ghosts that exist nowhere. */
export interface Ids {
  /** The active chat of A (Alex has it). */
  open: string;
  /** Its 6-digit connection code. */
  code: string;
  /** The ended chat of A (Alex had it). */
  ended: string;
  /** A path (and a help-id of it) that only A has. */
  path: string;
  helpId: string;
  /** The co-browse under way in A's open chat, and a recording of an earlier one. */
  cobrowse: string;
  recording: string;
  /** A file of A's open chat. */
  file: string;
  /** A consumer of A (who asked for the open chat). */
  consumer: string;
  /** An application token, a skill and an agent account of A, made through the admin services. */
  token: string;
  skill: string;
  account: string;
}

export interface World {
  server: TestServer;
  /** Every registered route as `METHOD url`, as the onRoute hook saw it. */
  registered: Set<string>;
  /** Tokens by caller; `sessionA` is the open chat's (see `sessionToken`). */
  tokens: Record<(typeof CALLERS)[number], string | undefined>;
  /** The staff callers' sessions; `signIn` makes them again (after a row that ends them). */
  staff: Record<StaffCaller, Cookie>;
  signIn(): Promise<void>;
  /** The customer token of A's open or ended chat. */
  sessionToken: { open: string; ended: string };
  real: Ids;
  ghost: Ids;
  /** The download signature of A's file. */
  fileSig: string;
  /** B's queued chat. */
  sessionB: string;
  /** Alex's and the customer's connections to A's open chat (for its co-browse); closed with `close`. */
  close(): Promise<void>;
  /** A new skill, and a new account, of A for each call that deletes one. */
  freshSkill(): Promise<string>;
  freshAccount(): Promise<string>;
  /** A new published path of A (with a draft too when asked), and its revision, for each call that changes or deletes one. */
  freshPath(withDraft?: boolean): Promise<{ id: string; revision: number }>;
  /** A new empty category of A, for each call that changes or deletes one. */
  freshCategory(): Promise<string>;
  /** Strings of A that no answer to an outsider may hold. */
  secrets: string[];
  /** ...and that no successful answer to an outsider may hold (ids may be echoed in errors). */
  ids: string[];
}

/** A's administrative things (admin rows), made by A's admin account through the services, with canaries in them. */
async function adminThings(server: TestServer) {
  const [adminA] = await server.store.findAccountsByEmail(TEST_ACCOUNTS.demo.admin, 'demo');
  const actor = { kind: 'account' as const, accountId: adminA.id, tenantId: 'demo' };
  const canary = {
    tokenName: `canary token ${uid('name')}`,
    skill: uid('canary-skill'),
    skillName: `canary skill ${uid('name')}`,
    email: `${uid('canary-person')}@a.example`,
    themeUrl: `https://a.example/${uid('canary-theme')}.css`,
    selector: `.${uid('canary-selector')}`,
  };
  const { token, jwt } = await createToken(server.store, actor, { tenantId: 'demo', token: { name: canary.tokenName } });
  await createSkill(server.store, actor, { tenantId: 'demo', skill: { id: canary.skill, name: canary.skillName } });
  const { user } = await createUser(server.store, actor, { tenantId: 'demo', user: { email: canary.email, name: 'Canary Person', role: 'agent' } });
  await updateBranding(server.store, actor, { tenantId: 'demo', change: { themeUrl: canary.themeUrl } });
  await updateCobrowseSettings(server.store, actor, { tenantId: 'demo', change: { blockSelectors: [canary.selector] } });
  let fresh = 0;
  return {
    ids: { token: token.id, skill: canary.skill, account: user.id },
    secrets: [canary.tokenName, jwt, canary.skillName, canary.email, canary.themeUrl, canary.selector],
    freshSkill: async () => (await createSkill(server.store, actor, { tenantId: 'demo', skill: { id: `${canary.skill}-${fresh++}`, name: 'To delete' } })).id,
    freshAccount: async () => {
      const email = `${uid('to-delete')}@a.example`;
      return (await server.store.createAccount({ tenantId: 'demo', email, name: 'To delete', role: 'supervisor', passwordHash: null, agentId: null })).id;
    },
    freshPath: async (withDraft = false) => {
      const path = makePath(uid('fresh-path'), { category: 'lighting' }) as GuidedPath;
      const edit = (revision: number) => ({ revision, by: adminA.id, at: Date.now() });
      await server.store.createPathDraft('demo', path, adminA.id, Date.now());
      assert.ok(await server.store.publishPathDraft('demo', path.id, { ...edit(1), moveHelpIds: false }));
      if (withDraft) assert.ok(await server.store.savePathDraft('demo', path.id, { ...path, title: 'Being edited' }, edit(2)));
      return { id: path.id, revision: withDraft ? 3 : 2 };
    },
    freshCategory: async () => {
      const id = uid('fresh-category');
      await server.store.createCategory('demo', { id, name: 'To change', description: '' });
      return id;
    },
  };
}

/** One request of the matrix. `tokenIn: 'jwt'` sends the token as the `jwt` query parameter (the embed page). */
export interface Call {
  path: string;
  query?: Record<string, string>;
  body?: unknown;
  /** A raw body with its content type (file uploads); default JSON of `body`. */
  raw?: { body: string | Uint8Array<ArrayBuffer>; type: string };
  headers?: Record<string, string>;
  tokenIn?: 'header' | 'jwt';
}

export interface Answer {
  status: number;
  /** The error code: JSON `error.code`, or an embed problem page's `data-code`. */
  code?: string;
  text: string;
  body: unknown;
}

/** Makes one request as `token` or a signed-in caller's cookie (none when undefined). */
export async function send(world: World, method: string, call: Call, token: string | Cookie | undefined): Promise<Answer> {
  const cookie = typeof token === 'object' ? token : undefined;
  const jwt = typeof token === 'string' ? token : undefined;
  const inQuery = call.tokenIn === 'jwt';
  const query = new URLSearchParams({ ...call.query, ...(inQuery && jwt ? { jwt } : {}) }).toString();
  const path = query ? `${call.path}?${query}` : call.path;
  const raw = call.raw ?? (call.body === undefined ? undefined : { body: JSON.stringify(call.body), type: 'application/json' });
  const headers = {
    ...(jwt && !inQuery && { authorization: `Bearer ${jwt}` }),
    ...(cookie && { cookie: cookie.cookie, 'x-csrf-token': cookie.csrf }),
    ...(raw && { 'content-type': raw.type }),
    ...call.headers,
  };
  const res = await fetch(world.server.url + path, { method, headers, body: raw?.body, redirect: 'manual' });
  const text = await res.text();
  const json = res.headers.get('content-type')?.includes('application/json') && text !== '';
  const body: any = json ? JSON.parse(text) : text;
  const code = json ? body.error?.code : /data-code="([a-z_]+)"/.exec(text)?.[1];
  return { status: res.status, code, text, body };
}

/** Fastify's route options as `METHOD url` keys, one per method. */
export const routeKeys = (route: RouteOptions) => [route.method].flat().map((method) => `${method} ${route.url}`);

async function ok<T = any>(res: Promise<Response<T>>, what: string): Promise<T> {
  const { status, body } = await res;
  assert.ok(status >= 200 && status < 300, `${what}: ${status} ${JSON.stringify(body)}`);
  return body;
}

/** Starts the server and builds the world. */
export async function buildWorld(): Promise<World> {
  const registered = new Set<string>();
  // The SDK bundles the embed and portal pages need, and demo pages, so that their routes exist too.
  const sdkDir = await contentFolder({ 'self-help.js': 'export {};\n', 'portal.js': 'export {};\n' });
  const demoDir = await contentFolder({ 'index.html': '<p>%NEXUS_SERVER%</p>' });
  const server = await startTestServer({
    demoContent: FIXTURE_CONTENT.demo,
    sdkDir,
    demoDir,
    // A socket that never says hello is cut soon (the matrix watches it happen).
    live: { offerTimeoutMs: 60_000, helloTimeoutMs: 500 },
    onRoute: (route) => routeKeys(route).forEach((key) => registered.add(key)),
  });
  const appA = server.tokens.demo;
  const alex = server.agents.alex;
  const asAlex = client(server.url, alex);

  // A's consumer, known by an e-mail address nobody else has.
  const consumer = uid('canary-consumer');
  const email = `${uid('canary')}@a.example`;
  await ok(
    client(server.url, appA).post(ROUTES.context, { consumer, ops: [{ id: uid('op'), at: Date.now(), op: 'identity', set: { email } }] }),
    'context of A',
  );

  // The open chat: Alex accepts it, writes, and the customer sends a file.
  const open = await requestHelp(server, { skill: 'sales', consumer }, appA);
  await ok(asAlex.raw('POST', routePath(ROUTES.agentAccept, { id: open.session.id })), 'accept');
  const message = `canary message ${uid('text')}`;
  await ok(asAlex.post(routePath(ROUTES.agentMessages, { id: open.session.id }), { clientId: uid('msg'), text: message }), 'message');
  const upload = client(server.url, open.sessionToken).raw('POST', `${routePath(ROUTES.liveFiles, { id: open.session.id })}?name=a.txt`, {
    body: 'a file of A',
    headers: { 'content-type': 'text/plain' },
  });
  const file = await ok<{ id: string; url: string }>(upload, 'upload');
  const fileSig = new URL(file.url, server.url).searchParams.get('sig')!;

  // The ended chat.
  const ended = await requestHelp(server, { skill: 'sales', consumer: uid('consumer') }, appA);
  await ok(asAlex.raw('POST', routePath(ROUTES.agentAccept, { id: ended.session.id })), 'accept');
  await ok(asAlex.raw('POST', routePath(ROUTES.agentEnd, { id: ended.session.id })), 'end');

  // A co-browse recording of the open chat (stored as the hub stores one).
  const recording = uid('cb');
  const frameText = `canary frame ${uid('frame')}`;
  await server.store.startCobrowseRecording({
    id: recording,
    tenantId: 'demo',
    sessionId: open.session.id,
    agent: { id: 'alex', name: 'Alex' },
    startedAt: Date.now(),
  });
  const part = { seq: 1, part: 0, parts: 1, data: JSON.stringify([{ type: 3, data: { text: frameText } }]), at: Date.now() };
  assert.ok(await server.store.appendCobrowseRecordingPart('demo', recording, part, 1_000_000));
  await server.store.endCobrowseRecording('demo', recording, 'ended', Date.now());

  // A co-browse under way in the open chat: Alex asked, the customer agreed (live-helpers' `sharing`).
  const agent = await LiveClient.connect(server, alex);
  const customer = await LiveClient.connect(server, open.sessionToken);
  agent.send({ type: 'cobrowse.request', sessionId: open.session.id });
  const pending = await customer.next('cobrowse', (f) => f.cobrowse.state === 'pending');
  customer.send({ type: 'cobrowse.consent', id: pending.cobrowse.id, accept: true });
  await agent.next('cobrowse', (f) => f.cobrowse.state === 'active');

  const b = await requestHelp(server, { skill: 'support' }, server.tokens.other);
  const admin = await adminThings(server);

  const staff = {} as Record<StaffCaller, Cookie>;
  const signIn = async () => {
    for (const caller of STAFF_CALLERS) {
      const res = await fetch(server.url + ROUTES.authSignIn, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ email: STAFF_EMAILS[caller], password: TEST_PASSWORD }),
      });
      assert.equal(res.status, 200, `${caller} signs in`);
      staff[caller] = { cookie: res.headers.get('set-cookie')!.split(';')[0], csrf: ((await res.json()) as { csrfToken: string }).csrfToken };
    }
  };
  await signIn();

  const path = 'reset-smart-bulb';
  const pathOfA = await ok<{ title: string; helpIds: string[] }>(client(server.url, appA).get(routePath(ROUTES.path, { id: path })), 'path');
  const pathOfB = await client(server.url, server.tokens.other).get(routePath(ROUTES.path, { id: path }));
  assert.equal(pathOfB.status, 404, 'tenant B has no path of that id');

  const real: Ids = {
    open: open.session.id,
    code: open.session.code,
    ended: ended.session.id,
    path,
    helpId: pathOfA.helpIds[0],
    cobrowse: pending.cobrowse.id,
    recording,
    file: file.id,
    consumer,
    ...admin.ids,
  };
  const ghost: Ids = {
    open: 'ses_ghost',
    code: open.session.code === '000000' ? '000001' : '000000',
    ended: 'ses_ghost_ended',
    path: 'no-such-path',
    helpId: 'no-such-help-id',
    cobrowse: 'cb_ghost_live',
    recording: 'cb_ghost',
    file: 'f_ghost',
    consumer: 'ghost-consumer',
    token: 'tok_ghost',
    skill: 'ghost-skill',
    account: 'acc_ghost',
  };
  return {
    server,
    registered,
    tokens: {
      none: undefined,
      appA,
      sessionA: open.sessionToken,
      agentA: alex,
      appB: server.tokens.other,
      agentB: server.agents.other,
      sessionB: b.sessionToken,
      revoked: server.tokens.revoked,
      expired: server.tokens.expired,
    },
    staff,
    signIn,
    sessionToken: { open: open.sessionToken, ended: ended.sessionToken },
    real,
    ghost,
    fileSig,
    sessionB: b.session.id,
    freshSkill: admin.freshSkill,
    freshAccount: admin.freshAccount,
    freshPath: admin.freshPath,
    freshCategory: admin.freshCategory,
    secrets: [message, email, consumer, pathOfA.title, frameText, 'a file of A', ...admin.secrets],
    ids: [real.open, real.ended, real.path, real.helpId, real.cobrowse, real.recording, real.file, real.token, real.skill, real.account],
    close: async () => {
      await closeAll(agent, customer);
      await server.close();
    },
  };
}
