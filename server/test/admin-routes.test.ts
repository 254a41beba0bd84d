/**
 * The admin REST API over HTTP (ROUTES.admin*), on both engines: every area's happy path as the
 * portal calls it (a signed-in account with its CSRF token), the refusals by role and the ones
 * the services make (409s, 404s, bad bodies), the audit record a route writes with the account
 * as its actor, the JWT viewed again equal to the one created, and a revoked token refused.
 * Who may call what, for every caller, is the access matrix's (access-matrix.test.ts).
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { routePath, ROUTES } from '../../src/protocol/routes.js';
import { startTestServer, TEST_ACCOUNTS, type TestServer } from '../test-server.js';
import { Browser, code } from './browser-session.js';
import { client, uid } from './helpers.js';
import { requestHelp } from './live-helpers.js';
import { engines, serverDatabase } from './store-engines.js';

for (const engine of engines) {
  describe(`admin routes (${engine.name})`, () => {
    let server: TestServer;
    let admin: Browser;
    let supervisor: Browser;
    let agent: Browser;
    let adminId: string;
    before(async () => {
      server = await startTestServer({ database: await serverDatabase(engine) });
      [admin, supervisor, agent] = [new Browser(server), new Browser(server), new Browser(server)];
      adminId = (await admin.signIn(TEST_ACCOUNTS.demo.admin)).body.account.id;
      await supervisor.signIn(TEST_ACCOUNTS.demo.supervisor);
      await agent.signIn(TEST_ACCOUNTS.demo.agent);
    });
    after(() => server.close());

    /** The newest audit record of an action, through the route. */
    const lastAudit = async (action: string) => (await admin.send('GET', `${ROUTES.adminAudit}?action=${action}&limit=1`)).body.items[0];

    test('tokens: add one (generated id), view the same JWT again (audited), use it, revoke it and it stops working', async () => {
      const created = await admin.send('POST', ROUTES.adminTokens, { name: 'Shop', version: '2.0', audience: 'client-apps-and-rest-apis' });
      assert.equal(created.status, 201, JSON.stringify(created.body));
      const { token, jwt } = created.body;
      assert.match(token.id, /^tok_/);
      assert.deepEqual([token.name, token.version, token.status, token.agentId], ['Shop', '2.0', 'active', null]);
      const audited = await lastAudit('token.create');
      assert.deepEqual([audited.actor, audited.target, audited.tenantId], [{ kind: 'account', id: adminId }, token.id, 'demo']);
      assert.ok(!JSON.stringify(audited).includes(jwt), 'no JWT in the audit log');

      const viewed = await admin.send('GET', routePath(ROUTES.adminTokenJwt, { id: token.id }));
      assert.equal(viewed.status, 200);
      assert.equal(viewed.body.jwt, jwt, 'the JWT viewed is the one created');
      assert.deepEqual([(await lastAudit('token.view')).target, (await lastAudit('token.view')).actor.id], [token.id, adminId]);
      assert.equal((await client(server.url, jwt).get(ROUTES.paths)).status, 200, 'the token works');

      const listed = await supervisor.send('GET', ROUTES.adminTokens);
      assert.ok(listed.body.items.some((t: { id: string }) => t.id === token.id), 'a supervisor reads the list');
      assert.ok(!JSON.stringify(listed.body).includes(jwt), 'the list holds no JWT');
      assert.deepEqual([(await supervisor.send('GET', routePath(ROUTES.adminTokenJwt, { id: token.id }))).status], [403], 'a supervisor sees no JWT');

      const revoked = await admin.send('POST', routePath(ROUTES.adminTokenRevoke, { id: token.id }));
      assert.deepEqual([revoked.status, revoked.body.status], [200, 'revoked']);
      const refused = await client(server.url, jwt).get(ROUTES.paths);
      assert.deepEqual([refused.status, (refused.body as any).error.code], [401, 'token_revoked']);
      assert.equal(code(await admin.send('GET', routePath(ROUTES.adminTokenJwt, { id: 'tok_nothing' }))), 'token_not_found');
    });

    test('tokens: bad bodies are 400 with the field; another tenant’s token is 404; a POST without the CSRF token is 403', async () => {
      const bad = await admin.send('POST', ROUTES.adminTokens, { name: '', audience: 'mobile' });
      assert.deepEqual([bad.status, code(bad)], [400, 'invalid_request']);
      assert.ok(bad.body.error.details.length >= 1);
      const other = [...(await server.store.listAppTokens('other'))][0];
      const foreign = await admin.send('POST', routePath(ROUTES.adminTokenRevoke, { id: other.id }));
      assert.deepEqual([foreign.status, code(foreign)], [404, 'token_not_found']);
      assert.equal((await server.store.getAppToken(other.id))!.revokedAt, null, "B's token stays");
      const noCsrf = await admin.send('POST', ROUTES.adminTokens, { name: 'Sneaky' }, { 'x-csrf-token': 'wrong' });
      assert.deepEqual([noCsrf.status, code(noCsrf)], [403, 'csrf_failed']);
      const deleteNoCsrf = await admin.send('DELETE', ROUTES.adminBranding, undefined, { 'x-csrf-token': '' });
      assert.deepEqual([deleteNoCsrf.status, code(deleteNoCsrf)], [403, 'csrf_failed'], 'DELETE needs it too');
    });

    test('skills: a supervisor adds, renames, assigns and unassigns; the list shows agents and waiting sessions; deleting a skill in use is 409 and says what to do', async () => {
      const id = uid('skill').toLowerCase().replace(/_/g, '-');
      const created = await supervisor.send('POST', ROUTES.adminSkills, { id, name: 'Returns' });
      assert.deepEqual([created.status, created.body], [201, { id, name: 'Returns', createdAt: created.body.createdAt, agents: [], waiting: 0 }]);
      assert.equal(code(await supervisor.send('POST', ROUTES.adminSkills, { id, name: 'Again' })), 'skill_exists');
      const renamed = await supervisor.send('PATCH', routePath(ROUTES.adminSkill, { id }), { name: 'Returns and refunds' });
      assert.equal(renamed.body.name, 'Returns and refunds');
      const assigned = await supervisor.send('POST', routePath(ROUTES.adminSkillAssign, { id }), { agentIds: ['alex', 'sam'] });
      assert.deepEqual(assigned.body.agents.sort(), ['alex', 'sam']);
      assert.equal(code(await supervisor.send('POST', routePath(ROUTES.adminSkillAssign, { id }), { agentIds: ['olivia'] })), 'agent_not_found', "B's agent is not A's");
      const unassigned = await supervisor.send('POST', routePath(ROUTES.adminSkillUnassign, { id }), { agentIds: ['sam'] });
      assert.deepEqual(unassigned.body.agents, ['alex']);
      assert.deepEqual((await lastAudit('skill.unassign')).after, { agents: ['alex'] });

      // A customer waits in it (nobody takes it: Alex is away).
      await server.store.setAgentStatus('demo', 'alex', 'away');
      const waiting = await requestHelp(server, { skill: id });
      const listed = await supervisor.send('GET', ROUTES.adminSkills);
      const skill = listed.body.items.find((s: { id: string }) => s.id === id);
      assert.deepEqual([skill.waiting, skill.agents], [1, ['alex']]);
      const inUse = await supervisor.send('DELETE', routePath(ROUTES.adminSkill, { id }));
      assert.deepEqual([inUse.status, code(inUse)], [409, 'skill_in_use']);
      assert.match(inUse.body.error.message, /1 session is waiting .* delete it when they have ended/);
      await server.store.transitionLiveSession('demo', waiting.session.id, { from: ['queued'], set: { state: 'ended', endedAt: Date.now(), endedBy: 'customer' } });
      const deleted = await supervisor.send('DELETE', routePath(ROUTES.adminSkill, { id }));
      assert.deepEqual([deleted.status, deleted.body.unassignedAgents], [200, ['alex']]);
      assert.equal(code(await supervisor.send('DELETE', routePath(ROUTES.adminSkill, { id }))), 'skill_not_found');
      assert.equal((await agent.send('GET', ROUTES.adminSkills)).status, 403, 'an agent account gets 403');
    });

    test('users: an admin adds an agent account (password once), edits it, a supervisor changes only skills and max sessions; disable, enable, reset mail; all audited', async () => {
      const email = `${uid('new')}@demo.example`.toLowerCase();
      const added = await admin.send('POST', ROUTES.adminUsers, { email, name: 'Nia', role: 'agent', skills: ['sales'], maxSessions: 3 });
      assert.equal(added.status, 201, JSON.stringify(added.body));
      const { user, password } = added.body;
      assert.ok(password.length >= 10);
      assert.deepEqual([user.email, user.role, user.disabled, user.hasPassword, user.agent.skills, user.agent.maxSessions, user.agent.load], [email, 'agent', false, true, ['sales'], 3, 0]);
      const audited = await lastAudit('account.create');
      assert.deepEqual([audited.actor.id, audited.target], [adminId, user.id]);
      assert.ok(!JSON.stringify(audited).includes('argon2') && !JSON.stringify(audited).includes(password), 'no password in the audit log');
      const nia = new Browser(server);
      assert.equal((await nia.signIn(email, password)).status, 200, 'the generated password signs in');
      assert.equal(code(await admin.send('POST', ROUTES.adminUsers, { email: email.toUpperCase(), name: 'Nia 2', role: 'agent' })), 'account_exists');
      const supervisorAsAdmin = await admin.send('POST', ROUTES.adminUsers, { email: `x${email}`, name: 'X', role: 'supervisor', skills: ['sales'] });
      assert.deepEqual([supervisorAsAdmin.status, code(supervisorAsAdmin)], [400, 'invalid_request'], 'a supervisor account has no agent to give skills');

      const listed = await supervisor.send('GET', ROUTES.adminUsers);
      const row = listed.body.items.find((u: { id: string }) => u.id === user.id);
      assert.equal(row.agent.id, user.agent.id);
      assert.ok(!JSON.stringify(listed.body).includes('argon2'), 'no password hash leaves the server');
      assert.ok(listed.body.items.every((u: { email: string }) => !u.email.endsWith('@other.example')), "none of B's accounts");

      const edited = await supervisor.send('PATCH', routePath(ROUTES.adminUser, { id: user.id }), { skills: ['support'], maxSessions: 4 });
      assert.deepEqual([edited.status, edited.body.agent.skills, edited.body.agent.maxSessions], [200, ['support'], 4]);
      const renameBySupervisor = await supervisor.send('PATCH', routePath(ROUTES.adminUser, { id: user.id }), { name: 'Nope' });
      assert.deepEqual([renameBySupervisor.status, code(renameBySupervisor)], [403, 'forbidden']);
      const renamed = await admin.send('PATCH', routePath(ROUTES.adminUser, { id: user.id }), { name: 'Nia K', role: 'supervisor' });
      assert.deepEqual([renamed.body.name, renamed.body.role, renamed.body.agent.name], ['Nia K', 'supervisor', 'Nia K']);
      assert.deepEqual([(await lastAudit('account.update')).before.role, (await lastAudit('account.update')).after.role], ['agent', 'supervisor']);

      const disabled = await admin.send('POST', routePath(ROUTES.adminUserDisable, { id: user.id }));
      assert.equal(disabled.body.disabled, true);
      assert.equal(code(await nia.send('GET', ROUTES.authSession)), 'not_signed_in', 'signed out everywhere');
      assert.equal(code(await admin.send('POST', routePath(ROUTES.adminUserPasswordReset, { id: user.id }))), 'account_disabled');
      assert.equal((await admin.send('POST', routePath(ROUTES.adminUserEnable, { id: user.id }))).body.disabled, false);
      assert.deepEqual([(await lastAudit('account.disable')).target, (await lastAudit('account.enable')).target], [user.id, user.id]);
      assert.equal((await admin.send('POST', routePath(ROUTES.adminUserDisable, { id: adminId }))).status, 400, 'not one’s own account');
      assert.equal((await admin.send('PATCH', routePath(ROUTES.adminUser, { id: adminId }), { role: 'agent' })).status, 400, 'nor one’s own role');

      const mailsBefore = (await server.store.listMail('demo')).length;
      const reset = await admin.send('POST', routePath(ROUTES.adminUserPasswordReset, { id: user.id }));
      assert.equal(reset.status, 200);
      const mails = (await server.store.listMail('demo')).slice(mailsBefore);
      assert.deepEqual(mails.map((m) => m.to), [email]);
      const token = /\/portal\/#reset=([\w-]+)/.exec(mails[0].body)![1];
      const confirmed = await new Browser(server).send('POST', ROUTES.authPasswordResetConfirm, { token, password: 'a brand new password' });
      assert.equal(confirmed.status, 200);
      assert.equal((await new Browser(server).signIn(email, 'a brand new password')).status, 200);
      assert.equal((await lastAudit('account.reset')).after.mailedTo, email);

      for (const [method, path, body] of [
        ['POST', ROUTES.adminUsers, { email: 'z@demo.example', name: 'Z', role: 'admin' }],
        ['POST', routePath(ROUTES.adminUserDisable, { id: user.id }), undefined],
        ['POST', routePath(ROUTES.adminUserPasswordReset, { id: user.id }), undefined],
      ] as const) {
        assert.equal((await supervisor.send(method, path, body)).status, 403, `${method} ${path} by a supervisor`);
      }
      const otherAdmin = (await server.store.findAccountsByEmail(TEST_ACCOUNTS.other.admin))[0];
      assert.equal(code(await admin.send('PATCH', routePath(ROUTES.adminUser, { id: otherAdmin.id }), { name: 'Mine now' })), 'account_not_found', "B's account is not found");
    });

    test('users: deleting an agent account whose agent holds a chat is 409 agent_busy (nothing deleted); after it ends, the account, its sessions and its agent go (audited)', async () => {
      const email = `${uid('leaving')}@demo.example`.toLowerCase();
      const { user, password } = (await admin.send('POST', ROUTES.adminUsers, { email, name: 'Leaving', role: 'agent', skills: ['sales'] })).body;
      const leaving = new Browser(server);
      await leaving.signIn(email, password);
      const agentToken = (await leaving.send('POST', ROUTES.authAgentToken)).body.token;
      await client(server.url, agentToken).post(ROUTES.agentStatus, { status: 'available' });
      const chat = await requestHelp(server, { skill: 'sales' });
      await server.store.transitionLiveSession('demo', chat.session.id, { from: ['queued', 'assigned'], set: { state: 'active', agentId: user.agent.id, acceptedAt: Date.now() } });
      const busy = await admin.send('DELETE', routePath(ROUTES.adminUser, { id: user.id }));
      assert.deepEqual([busy.status, code(busy)], [409, 'agent_busy']);
      assert.match(busy.body.error.message, /holds 1 session: delete it when they have ended/);
      assert.ok(await server.store.getAccount('demo', user.id), 'the account stays');
      assert.equal((await leaving.send('GET', ROUTES.authSession)).status, 200, 'still signed in');

      await server.store.transitionLiveSession('demo', chat.session.id, { from: ['active'], set: { state: 'ended', endedAt: Date.now(), endedBy: 'agent' } });
      const deleted = await admin.send('DELETE', routePath(ROUTES.adminUser, { id: user.id }));
      assert.deepEqual([deleted.status, deleted.body.id], [200, user.id]);
      assert.equal(await server.store.getAccount('demo', user.id), undefined);
      assert.equal(await server.store.getAgent('demo', user.agent.id), undefined, 'its agent is gone');
      assert.equal(code(await leaving.send('GET', ROUTES.authSession)), 'not_signed_in');
      assert.equal((await client(server.url, agentToken).get(ROUTES.agentMe)).status, 401, 'its agent token is revoked');
      const audited = await lastAudit('account.delete');
      assert.deepEqual([audited.target, audited.actor.id, audited.before.email, audited.after], [user.id, adminId, email, null]);
      assert.equal(code(await admin.send('DELETE', routePath(ROUTES.adminUser, { id: user.id }))), 'account_not_found');
      assert.equal((await admin.send('DELETE', routePath(ROUTES.adminUser, { id: adminId }))).status, 400, 'not one’s own account');
    });

    test('branding and co-browse settings: read by a supervisor, changed and reset by an admin (audited), refused values are 400 invalid_settings', async () => {
      const defaults = (await admin.send('GET', ROUTES.adminBranding)).body;
      const put = await admin.send('PUT', ROUTES.adminBranding, { themeUrl: 'https://cdn.example.com/theme.css', applyOnMobile: !defaults.applyOnMobile });
      assert.deepEqual([put.status, put.body.branding.themeUrl, put.body.branding.applyOnMobile], [200, 'https://cdn.example.com/theme.css', !defaults.applyOnMobile]);
      assert.equal((await supervisor.send('GET', ROUTES.adminBranding)).body.themeUrl, 'https://cdn.example.com/theme.css');
      assert.equal((await client(server.url, server.tokens.demo).get<any>(ROUTES.branding)).body.themeUrl, 'https://cdn.example.com/theme.css', 'pages see it');
      assert.equal((await supervisor.send('PUT', ROUTES.adminBranding, { applyOnMobile: false })).status, 403);
      const bad = await admin.send('PUT', ROUTES.adminBranding, { themeUrl: 'javascript:alert(1)' });
      assert.deepEqual([bad.status, code(bad)], [400, 'invalid_settings']);
      const reset = await admin.send('DELETE', ROUTES.adminBranding);
      assert.deepEqual([reset.status, reset.body.themeUrl, reset.body.applyOnMobile], [200, null, defaults.applyOnMobile]);
      assert.equal((await lastAudit('branding.reset')).actor.id, adminId);

      const cobrowse = await admin.send('PUT', ROUTES.adminCobrowseSettings, { blockSelectors: ['.card-number'], recording: true });
      assert.deepEqual([cobrowse.status, cobrowse.body.blockSelectors, cobrowse.body.recording], [200, ['.card-number'], true]);
      assert.deepEqual((await supervisor.send('GET', ROUTES.adminCobrowseSettings)).body.blockSelectors, ['.card-number']);
      assert.equal((await lastAudit('cobrowse.update')).actor.id, adminId);
      assert.deepEqual((await admin.send('DELETE', ROUTES.adminCobrowseSettings)).body.blockSelectors, []);
      assert.equal((await agent.send('GET', ROUTES.adminCobrowseSettings)).status, 403);
    });

    test('co-browse recordings: admin and supervisor list and read their tenant\'s, the same as agents do; never another tenant\'s (404 like an unknown id)', async () => {
      /** A recording stored as the relay stores one (one batch of one part). */
      const store = async (tenantId: 'demo' | 'other', text: string) => {
        const id = uid('cb');
        const { session } = await requestHelp(server, { skill: 'support' }, server.tokens[tenantId]);
        await server.store.startCobrowseRecording({ id, tenantId, sessionId: session.id, agent: { id: 'alex', name: 'Alex' }, startedAt: Date.now() });
        const data = JSON.stringify([{ type: 3, timestamp: 1, data: { text } }]);
        assert.ok(await server.store.appendCobrowseRecordingPart(tenantId, id, { seq: 1, part: 0, parts: 1, data, at: Date.now() }, 1_000_000));
        await server.store.endCobrowseRecording(tenantId, id, 'ended', Date.now());
        return id;
      };
      const mine = await store('demo', 'frame of demo');
      const theirs = await store('other', 'frame of other');

      const listed = await supervisor.send('GET', ROUTES.adminCobrowseRecordings);
      assert.equal(listed.status, 200);
      assert.equal(listed.body.items[0].id, mine, 'newest first');
      assert.ok(!listed.body.items.some((r: { id: string }) => r.id === theirs), "no other tenant's recording");
      assert.deepEqual([listed.body.items[0].agent.name, listed.body.items[0].endReason], ['Alex', 'ended']);

      const one = await admin.send('GET', routePath(ROUTES.adminCobrowseRecording, { id: mine }));
      assert.equal(one.status, 200);
      assert.deepEqual(one.body.batches.map((b: { events: { data: { text: string } }[] }) => b.events[0].data.text), ['frame of demo']);
      const asAgent = await client(server.url, server.agents.alex).get<any>(routePath(ROUTES.agentCobrowseRecording, { id: mine }));
      assert.deepEqual(one.body, asAgent.body, 'the same answer as the agents\' route');

      for (const id of [theirs, 'cb_nothing']) {
        const refused = await supervisor.send('GET', routePath(ROUTES.adminCobrowseRecording, { id }));
        assert.deepEqual([refused.status, code(refused)], [404, 'cobrowse_not_found']);
      }
      assert.equal((await agent.send('GET', ROUTES.adminCobrowseRecordings)).status, 403, 'an agent account uses its agent token');
      assert.equal((await agent.send('GET', routePath(ROUTES.adminCobrowseRecording, { id: mine }))).status, 403);
    });

    test('configurations: a supervisor reads them, an admin changes them (audited with before and after), agents see the change at once; the other tenant keeps its own', async () => {
      const agentConfig = async () => (await client(server.url, server.agents.alex).get<any>(ROUTES.agentConfig)).body;
      const otherBefore = await server.store.getTenantConfig('other');
      const read = await supervisor.send('GET', ROUTES.adminConfig);
      assert.equal(read.status, 200);
      assert.deepEqual({ ...read.body, updatedAt: undefined }, { ...(await agentConfig()), updatedAt: undefined });
      const turned = !read.body.allowSessionTransfer;

      const put = await admin.send('PUT', ROUTES.adminConfig, { allowSessionTransfer: turned });
      assert.equal(put.status, 200, JSON.stringify(put.body));
      assert.deepEqual([put.body.allowSessionTransfer, put.body.agentToSkillTransfer], [turned, read.body.agentToSkillTransfer], 'the other switch stays');
      assert.ok(put.body.updatedAt >= Date.now() - 60_000);
      assert.deepEqual(await agentConfig(), { allowSessionTransfer: turned, agentToSkillTransfer: read.body.agentToSkillTransfer }, 'agents see the change');
      const record = await lastAudit('config.update');
      assert.deepEqual([record.actor, record.target, record.tenantId], [{ kind: 'account', id: adminId }, 'demo', 'demo']);
      assert.deepEqual(record.before, { allowSessionTransfer: read.body.allowSessionTransfer, agentToSkillTransfer: read.body.agentToSkillTransfer });
      assert.deepEqual(record.after, { allowSessionTransfer: turned, agentToSkillTransfer: read.body.agentToSkillTransfer });

      const bySupervisor = await supervisor.send('PUT', ROUTES.adminConfig, { allowSessionTransfer: !turned });
      assert.deepEqual([bySupervisor.status, code(bySupervisor)], [403, 'forbidden']);
      assert.equal((await agent.send('GET', ROUTES.adminConfig)).status, 403);
      const bad = await admin.send('PUT', ROUTES.adminConfig, { allowSessionTransfer: 'yes', recording: true });
      assert.deepEqual([bad.status, code(bad)], [400, 'invalid_request']);
      assert.equal((await admin.send('GET', ROUTES.adminConfig)).body.allowSessionTransfer, turned, 'refusals change nothing');
      assert.deepEqual(await server.store.getTenantConfig('other'), otherBefore, "tenant other's configuration stays");

      assert.equal((await admin.send('PUT', ROUTES.adminConfig, { allowSessionTransfer: read.body.allowSessionTransfer })).status, 200);
    });

    test('audit log: filters by actor, action, target and time, pages with `before`, and never shows another tenant', async () => {
      const since = Date.now();
      for (const name of ['One', 'Two', 'Three']) await admin.send('POST', ROUTES.adminTokens, { name });
      const mine = await supervisor.send('GET', `${ROUTES.adminAudit}?actor=${adminId}&action=token.create&since=${since}&limit=2`);
      assert.equal(mine.status, 200);
      assert.equal(mine.body.items.length, 2);
      assert.ok(mine.body.next);
      const rest = await supervisor.send('GET', `${ROUTES.adminAudit}?actor=${adminId}&action=token.create&since=${since}&limit=2&before=${mine.body.next}`);
      assert.deepEqual(rest.body.items.map((r: { after: { name: string } }) => r.after.name), ['One']);
      const target = mine.body.items[0].target;
      assert.deepEqual((await supervisor.send('GET', `${ROUTES.adminAudit}?target=${target}`)).body.items.map((r: { action: string }) => r.action), ['token.create']);
      assert.deepEqual((await supervisor.send('GET', `${ROUTES.adminAudit}?until=${since}&action=token.create&since=${since - 1}`)).body.items, []);
      const foreign = await supervisor.send('GET', `${ROUTES.adminAudit}?tenant=other`);
      assert.deepEqual([foreign.status, code(foreign)], [403, 'forbidden']);
      const all = await admin.send('GET', `${ROUTES.adminAudit}?limit=200`);
      assert.ok(all.body.items.every((r: { tenantId: string }) => r.tenantId === 'demo'));
      assert.equal(code(await admin.send('GET', `${ROUTES.adminAudit}?limit=1000`)), 'invalid_request');
      assert.equal((await agent.send('GET', ROUTES.adminAudit)).status, 403);
    });
  });
}
