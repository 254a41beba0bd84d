/**
 * The administrative services of server/admin/ (what the CLI calls today and the admin REST API
 * will): input checked with the protocol's schemas, tenants kept apart for accounts, the errors
 * the routes will answer, and an audit record for every change. On SQLite: the store methods
 * they use run on both engines in store-contract-admin.test.ts.
 */
import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { createAgent, createAgentToken, deleteAgent, listAgents, updateAgent } from '../admin/agents.js';
import { listAuditLog } from '../admin/audit-log.js';
import { AUDIT_VALUE_MAX_CHARS, bounded, CLI, type AdminActor } from '../admin/kit.js';
import { assignAgents, createSkill, deleteSkill, listSkills, renameSkill, unassignAgents } from '../admin/skills.js';
import { createTenant, setMailSettings, updateBranding } from '../admin/tenant.js';
import { createToken, listTokens, revokeToken, viewTokenJwt } from '../admin/tokens.js';
import { checkAudience, verifyToken } from '../auth.js';
import { runCli } from '../commands.js';
import { ApiError } from '../errors.js';
import { SqliteStore } from '../store/sqlite/store.js';
import { InvalidInputError, type Store } from '../store/types.js';
import { sessionRequest } from './store-engines.js';

let dir: string;
let store: Store;
const acmeAdmin: AdminActor = { kind: 'account', accountId: 'acc_1', tenantId: 'acme' };

before(async () => {
  dir = await mkdtemp(join(tmpdir(), 'nexus-admin-'));
  store = new SqliteStore(join(dir, 'nexus.db'));
  await store.migrate();
  await createTenant(store, CLI, { id: 'acme', name: 'Acme' });
  await createTenant(store, CLI, { id: 'globex', name: 'Globex' });
});
after(async () => {
  await store.close();
  await rm(dir, { recursive: true, force: true });
});

/** Asserts that `work` fails with an ApiError of this status and code. */
async function refused(work: Promise<unknown>, status: number, code: string, message?: RegExp) {
  await assert.rejects(work, (error: unknown) => {
    assert.ok(error instanceof ApiError, String(error));
    assert.deepEqual([error.statusCode, error.code], [status, code], error.message);
    if (message) assert.match(error.message, message);
    return true;
  });
}

const lastAudit = async (action: string) => (await listAuditLog(store, CLI, { action, limit: 1 })).items[0];

describe('application tokens', () => {
  test('added with a generated id, listed, shown again as the same JWT, revoked; each audited', async () => {
    const { token, jwt } = await createToken(store, acmeAdmin, { tenantId: 'acme', token: { name: 'Web shop', version: '2.1' } });
    assert.match(token.id, /^tok_/);
    assert.deepEqual([token.audience, token.status, token.expiresAt], ['client-apps-and-rest-apis', 'active', null]);
    assert.equal((await verifyToken(store, jwt)).role, 'consumer');

    const again = await viewTokenJwt(store, acmeAdmin, { tenantId: 'acme', tokenId: token.id });
    assert.equal(again.jwt, jwt, 'View JWT shows the text it was given');
    assert.ok((await listTokens(store, acmeAdmin, { tenantId: 'acme' })).items.some((t) => t.id === token.id));

    const created = await lastAudit('token.create');
    assert.deepEqual([created.tenantId, created.actor, created.target, created.before], ['acme', { kind: 'account', id: 'acc_1' }, token.id, null]);
    assert.ok(!JSON.stringify(created).includes(jwt), 'the JWT is never kept');
    assert.equal((await lastAudit('token.view')).target, token.id, 'showing the credential is recorded');

    const revoked = await revokeToken(store, acmeAdmin, { tenantId: 'acme', tokenId: token.id });
    assert.equal(revoked.status, 'revoked');
    await refused(verifyToken(store, jwt), 401, 'token_revoked');
    const record = await lastAudit('token.revoke');
    assert.deepEqual([(record.before as { revokedAt: unknown }).revokedAt, (record.after as { revokedAt: unknown }).revokedAt], [null, revoked.revokedAt]);
  });

  test('the audience is kept: listed, audited, and checked by the API (a REST APIs token refuses a browser)', async () => {
    const { token, jwt } = await createToken(store, acmeAdmin, { tenantId: 'acme', token: { name: 'CRM', audience: 'rest-apis' } });
    assert.equal(token.audience, 'rest-apis');
    assert.equal((await listTokens(store, acmeAdmin, { tenantId: 'acme' })).items.find((t) => t.id === token.id)?.audience, 'rest-apis');
    assert.equal(((await lastAudit('token.create')).after as { audience: unknown }).audience, 'rest-apis');
    const principal = await verifyToken(store, jwt);
    assert.deepEqual([principal.role, principal.role === 'consumer' && principal.audience], ['consumer', 'rest-apis']);
    assert.throws(() => checkAudience(principal, true), { statusCode: 403, code: 'token_audience' });
    assert.doesNotThrow(() => checkAudience(principal, false));
    await refused(createToken(store, acmeAdmin, { tenantId: 'acme', token: { name: 'X', audience: 'everyone' } }), 400, 'invalid_request');
  });

  test('input checked with the schema; another tenant is forbidden and its tokens are not found', async () => {
    await refused(createToken(store, acmeAdmin, { tenantId: 'acme', token: { name: ' ', extra: 1 } }), 400, 'invalid_request');
    await refused(createToken(store, acmeAdmin, { tenantId: 'globex', token: { name: 'X' } }), 403, 'forbidden');
    await refused(createToken(store, CLI, { tenantId: 'ghost', token: { name: 'X' } }), 404, 'tenant_not_found', /no tenant 'ghost'/);
    const { token } = await createToken(store, CLI, { tenantId: 'globex', token: { name: 'Theirs', expiresAt: Date.now() - 1 } });
    assert.equal(token.status, 'expired');
    await refused(viewTokenJwt(store, acmeAdmin, { tenantId: 'acme', tokenId: token.id }), 404, 'token_not_found');
    await refused(revokeToken(store, acmeAdmin, { tenantId: 'acme', tokenId: token.id }), 404, 'token_not_found');
    await refused(revokeToken(store, acmeAdmin, { tokenId: token.id }), 403, 'forbidden', /own tenant/);
  });
});

describe('skills and agents', () => {
  test('skills: added, renamed, given to and taken from agents, deleted only when no session waits in them', async () => {
    await createSkill(store, CLI, { tenantId: 'acme', skill: { id: 'sales', name: 'Sales' } });
    await refused(createSkill(store, CLI, { tenantId: 'acme', skill: { id: 'sales', name: 'Again' } }), 409, 'skill_exists');
    await refused(createSkill(store, CLI, { tenantId: 'acme', skill: { id: 'Big Sales', name: 'X' } }), 400, 'invalid_request');
    assert.equal((await renameSkill(store, CLI, { tenantId: 'acme', skillId: 'sales', change: { name: 'Sales team' } })).name, 'Sales team');
    await refused(renameSkill(store, CLI, { tenantId: 'acme', skillId: 'nope', change: { name: 'X' } }), 404, 'skill_not_found');
    assert.deepEqual([(await lastAudit('skill.rename')).before, (await lastAudit('skill.rename')).after], [{ name: 'Sales' }, { name: 'Sales team' }]);

    const robin = await createAgent(store, CLI, { tenantId: 'acme', agent: { name: 'Robin' } });
    const kim = await createAgent(store, CLI, { tenantId: 'acme', agent: { name: 'Kim', skills: ['sales'] } });
    assert.deepEqual((await assignAgents(store, CLI, { tenantId: 'acme', skillId: 'sales', agents: { agentIds: [robin.id, kim.id] } })).agents.sort(), [kim.id, robin.id].sort());
    await refused(assignAgents(store, CLI, { tenantId: 'acme', skillId: 'sales', agents: { agentIds: ['agt_nobody'] } }), 404, 'agent_not_found');
    assert.deepEqual((await unassignAgents(store, CLI, { tenantId: 'acme', skillId: 'sales', agents: { agentIds: [robin.id] } })).agents, [kim.id]);
    assert.deepEqual((await lastAudit('skill.unassign')).after, { agents: [kim.id] });

    const { session } = await store.createLiveSession(sessionRequest('c1', { tenantId: 'acme', skill: 'sales' }));
    await refused(deleteSkill(store, CLI, { tenantId: 'acme', skillId: 'sales' }), 409, 'skill_in_use', /1 session is waiting or being served/);
    await store.transitionLiveSession('acme', session.id, { from: ['queued'], set: { state: 'ended', endedAt: Date.now(), endedBy: 'customer' } });
    const deleted = await deleteSkill(store, CLI, { tenantId: 'acme', skillId: 'sales' });
    assert.deepEqual(deleted.unassignedAgents, [kim.id]);
    assert.deepEqual((await listSkills(store, CLI, { tenantId: 'acme' })).items, []);
    assert.deepEqual((await lastAudit('skill.delete')).after, null);
  });

  test('agents: edited, listed with load, deleted only when they hold no session, their tokens revoked', async () => {
    await createSkill(store, CLI, { tenantId: 'acme', skill: { id: 'billing', name: 'Billing' } });
    const pat = await createAgent(store, CLI, { tenantId: 'acme', agent: { name: 'Pat', maxSessions: 2 } });
    const edited = await updateAgent(store, acmeAdmin, { tenantId: 'acme', agentId: pat.id, change: { name: 'Pat B', skills: ['billing'], maxSessions: 4 } });
    assert.deepEqual([edited.name, edited.skills, edited.maxSessions, edited.load], ['Pat B', ['billing'], 4, 0]);
    await refused(updateAgent(store, acmeAdmin, { tenantId: 'acme', agentId: pat.id, change: {} }), 400, 'invalid_request');
    // The store's InvalidInputError: the REST error handler answers it as 400 invalid_request.
    await assert.rejects(updateAgent(store, acmeAdmin, { tenantId: 'acme', agentId: pat.id, change: { skills: ['nope'] } }), InvalidInputError);
    await refused(updateAgent(store, acmeAdmin, { tenantId: 'acme', agentId: 'agt_nobody', change: { name: 'X' } }), 404, 'agent_not_found');
    const record = await lastAudit('agent.update');
    assert.deepEqual([(record.before as { name: string }).name, (record.after as { name: string }).name], ['Pat', 'Pat B']);

    const { jwt } = await createAgentToken(store, CLI, { tenantId: 'acme', agentId: pat.id, token: {} });
    assert.equal((await verifyToken(store, jwt)).role, 'agent');
    const { session } = await store.createLiveSession(sessionRequest('c2', { tenantId: 'acme', skill: 'billing' }));
    await store.transitionLiveSession('acme', session.id, { from: ['queued'], set: { state: 'active', agentId: pat.id } });
    assert.equal((await listAgents(store, CLI, { tenantId: 'acme' })).items.find((a) => a.id === pat.id)!.load, 1);
    await refused(deleteAgent(store, CLI, { tenantId: 'acme', agentId: pat.id }), 409, 'agent_busy', /holds 1 session/);

    await store.transitionLiveSession('acme', session.id, { from: ['active'], set: { state: 'ended', endedAt: Date.now(), endedBy: 'agent' } });
    const deleted = await deleteAgent(store, CLI, { tenantId: 'acme', agentId: pat.id });
    assert.equal(deleted.revokedTokens.length, 1);
    await refused(verifyToken(store, jwt), 401, 'token_revoked');
    assert.ok(!(await listAgents(store, CLI, { tenantId: 'acme' })).items.some((a) => a.id === pat.id));
    assert.deepEqual((await lastAudit('agent.delete')).after, { revokedTokens: deleted.revokedTokens });
  });
});

describe('settings and the audit log', () => {
  test('settings changes are audited; the SMTP password never is', async () => {
    await updateBranding(store, CLI, { tenantId: 'acme', change: { applyOnMobile: false } });
    const { before: was, after: now } = (await lastAudit('branding.update')) as { before: { applyOnMobile: boolean }; after: { applyOnMobile: boolean } };
    assert.deepEqual([was.applyOnMobile, now.applyOnMobile], [true, false]);
    await refused(updateBranding(store, CLI, { tenantId: 'acme', change: { themeUrl: 'http://cdn.example.com/t.css' } }), 400, 'invalid_settings', /^invalid_theme_url: /);
    await setMailSettings(store, CLI, { tenantId: 'acme', settings: { smtpUrl: 'smtp://mailer:pa55word@mail.acme.example:587', from: null } });
    const record = JSON.stringify(await lastAudit('mail.update'));
    assert.ok(record.includes('mail.acme.example') && !record.includes('pa55word') && !record.includes('mailer'), record);
  });

  test('filtered by tenant, action, actor and time; paged; an account reads its own tenant only', async () => {
    const all = await listAuditLog(store, CLI, { limit: 200 });
    assert.ok(all.items.length > 10);
    assert.deepEqual(all.items.map((r) => r.seq), [...all.items.map((r) => r.seq)].sort((a, b) => b - a), 'newest first');
    const globex = await listAuditLog(store, CLI, { tenant: 'globex' });
    assert.ok(globex.items.length && globex.items.every((r) => r.tenantId === 'globex'));
    assert.ok((await listAuditLog(store, CLI, { actor: 'acc_1' })).items.every((r) => r.actor.id === 'acc_1'));
    assert.ok((await listAuditLog(store, CLI, { actor: 'cli' })).items.every((r) => r.actor.kind === 'cli'));
    assert.deepEqual((await listAuditLog(store, CLI, { since: Date.now() + 60_000 })).items, []);

    const first = await listAuditLog(store, CLI, { limit: 3 });
    const second = await listAuditLog(store, CLI, { limit: 3, before: first.next! });
    assert.deepEqual(second.items.map((r) => r.seq), all.items.slice(3, 6).map((r) => r.seq));

    assert.ok((await listAuditLog(store, acmeAdmin, {})).items.every((r) => r.tenantId === 'acme'));
    await refused(listAuditLog(store, acmeAdmin, { tenant: 'globex' }), 403, 'forbidden');
    await refused(listAuditLog(store, CLI, { action: 'token.steal' }), 400, 'invalid_request');
  });

  test('before and after are bounded', () => {
    assert.deepEqual(bounded({ a: 1 }), { a: 1 });
    assert.equal(bounded(undefined), null);
    assert.deepEqual(bounded({ big: 'x'.repeat(AUDIT_VALUE_MAX_CHARS) }), { truncated: true, chars: AUDIT_VALUE_MAX_CHARS + 10 });
  });

  test('the CLI goes through the services (actor cli) and lists the log', async () => {
    const db = join(dir, 'cli.db');
    const cli = async (...args: string[]) => {
      const out: string[] = [];
      const err: string[] = [];
      const code = await runCli(['--db', db, ...args], { out: (l) => out.push(l), err: (l) => err.push(l) });
      return { code, stdout: out.join('\n'), stderr: err.join('\n') };
    };
    assert.equal((await cli('tenant', 'create', 'acme')).code, 0);
    const created = await cli('token', 'create', '--tenant', 'acme', '--name', 'Shop');
    const tokenId = /token (tok_\S+)/.exec(created.stderr)![1];
    const shown = await cli('token', 'show', tokenId);
    assert.deepEqual([shown.code, shown.stdout], [0, created.stdout], 'the same JWT');
    assert.equal((await cli('skill', 'create', 'acme', 'sales')).code, 0);
    const agentId = (await cli('agent', 'create', 'acme', '--name', 'Robin')).stdout;
    assert.equal((await cli('skill', 'assign', 'acme', 'sales', agentId)).stdout, `skill sales of tenant acme: ${agentId}`);
    assert.match((await cli('agent', 'update', agentId, '--max', '3', '--name', 'Robin B')).stdout, /\tRobin B\taway\t3\tsales$/);
    assert.equal((await cli('skill', 'rename', 'acme', 'sales', '--name', 'Sales team')).code, 0);
    assert.equal((await cli('skill', 'delete', 'acme', 'sales')).stdout, `deleted skill sales of tenant acme; taken from ${agentId}`);
    assert.match((await cli('agent', 'delete', agentId)).stdout, new RegExp(`^deleted agent ${agentId} of tenant acme$`));

    const log = await cli('audit', 'list', '--tenant', 'acme', '--since', '1h');
    assert.equal(log.code, 0, log.stderr);
    const actions = log.stdout.split('\n').map((line) => line.split('\t')[4]);
    assert.deepEqual(actions, ['agent.delete', 'skill.delete', 'skill.rename', 'agent.update', 'skill.assign', 'agent.create', 'skill.create', 'token.view', 'token.create', 'tenant.create']);
    assert.ok(log.stdout.split('\n').every((line) => line.split('\t')[3] === 'cli'));
    assert.equal((await cli('audit', 'list', '--action', 'skill.rename')).stdout.split('\n').length, 1);
    const bad = await cli('audit', 'list', '--since', 'yesterday');
    assert.deepEqual([bad.code, /--since must be/.test(bad.stderr)], [2, true]);
  });
});
