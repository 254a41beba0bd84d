/**
 * Session transfer across the wire: a customer, Alex (sales, support) and Sam (support) on
 * WebSockets; Alex hands an active chat to Sam or to a skill's queue, with a note only the next
 * agent sees; the tenant's switches; the errors; the IVR's assignment of a waiting call by code.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { ChatEvent } from '../../src/protocol/live.js';
import { routePath, ROUTES } from '../../src/protocol/routes.js';
import { CLI } from '../admin/kit.js';
import { updateTenantConfig } from '../admin/config.js';
import { client, uid } from './helpers.js';
import { liveTestSetup, OFFER_MS, requestHelp, startLiveServer, type LiveClient } from './live-helpers.js';

const live = liveTestSetup();
const api = (token: string) => client(live.server.url, token);
const transfer = (token: string, sessionId: string, body: unknown) => api(token).post(routePath(ROUTES.agentTransfer, { id: sessionId }), body);

/** The events a connection got of a session, checked to be in seq order with no seq twice. */
function inOrder(client: LiveClient, sessionId: string): ChatEvent[] {
  const events = client.events(sessionId) as ChatEvent[];
  const seqs = events.map((e) => e.seq);
  assert.deepEqual(seqs, [...new Set(seqs)].sort((a, b) => a - b), `seqs in order, once: ${seqs}`);
  return events;
}

describe('transfer to an agent', () => {
  test('Sam gets the offer with the note; the customer is told, writes meanwhile, and loses nothing', async () => {
    const { alex, customer, sessionId } = await live.activeChat();
    const sam = await live.connect(live.server.agents.sam);
    await customer.say('before the transfer');

    alex.send({ type: 'transfer', sessionId, to: { agentId: 'sam' }, note: '  Wants a refund; order 1234  ' });
    const offer = await sam.next('offer', (f) => f.session.id === sessionId);
    assert.equal(offer.session.state, 'assigned');
    assert.deepEqual(offer.session.agent, { id: 'sam', name: 'Sam' });
    assert.deepEqual([offer.transfer.from, offer.transfer.note], [{ id: 'alex', name: 'Alex' }, 'Wants a refund; order 1234']);
    const told = await customer.next('event', (f) => f.event.type === 'transfer');
    assert.deepEqual(told.event.author, { role: 'agent', id: 'alex', name: 'Alex' });
    assert.ok(!JSON.stringify(customer.frames).includes('refund'), 'the note is never sent to the customer');
    await customer.next('event', (f) => f.event.type === 'presence' && f.event.presence === 'left');

    // The customer writes while nobody has the chat: stored and acknowledged.
    const during = [await customer.say('are you there?'), await customer.say('hello?')];
    assert.ok(during[0].seq < during[1].seq);
    const detail = await api(live.server.agents.alex).get(routePath(ROUTES.agentSession, { id: sessionId }));
    assert.equal(detail.body.session.agent.id, 'sam');
    const refused = await api(live.server.agents.alex).post(routePath(ROUTES.agentMessages, { id: sessionId }), { clientId: uid('m'), text: 'still me' });
    assert.equal(refused.status, 403, 'Alex no longer writes to it');

    sam.send({ type: 'accept', sessionId });
    await sam.next('event', (f) => f.event.type === 'state' && f.event.state === 'active' && f.event.author.id === 'sam');
    const joined = await customer.next('event', (f) => f.event.type === 'presence' && f.event.presence === 'joined' && f.event.author.id === 'sam');
    assert.equal(joined.event.author.name, 'Sam');
    await customer.say('thanks Sam');
    await sam.next('event', (f) => f.event.text === 'thanks Sam');

    // Sam has the whole session, once and in order; so has the customer.
    const texts = (events: ChatEvent[]) => events.filter((e) => e.type === 'message').map((e) => e.text);
    const expected = ['before the transfer', 'are you there?', 'hello?', 'thanks Sam'];
    assert.deepEqual(texts(inOrder(sam, sessionId)), expected);
    assert.deepEqual(texts(inOrder(customer, sessionId)), expected);
    assert.equal(inOrder(sam, sessionId)[0].seq, 1, 'from the first event');
    const session = (await api(live.server.agents.sam).get(routePath(ROUTES.agentSession, { id: sessionId }))).body;
    assert.deepEqual([session.session.state, session.session.agent.id], ['active', 'sam']);
    assert.ok(session.consumer, 'the context and path activity, as for any agent');
    await alex.next('session', (f) => f.session.id === sessionId && f.session.agent?.id === 'sam' && f.session.state === 'active');
  });

  test('a transfer by REST answers the session; the offer that passes sends it to the skill queue, Alex last', async () => {
    await live.server.close();
    live.server = await startLiveServer({ live: { offerTimeoutMs: OFFER_MS } });
    const { alex, sessionId } = await live.activeChat();
    const sam = await live.connect(live.server.agents.sam);
    const res = await transfer(live.server.agents.alex, sessionId, { to: { agentId: 'sam' }, note: 'VIP' });
    assert.equal(res.status, 200, JSON.stringify(res.body));
    assert.deepEqual([res.body.state, res.body.agent], ['assigned', { id: 'sam', name: 'Sam' }]);
    await sam.next('offer', (f) => f.session.id === sessionId);
    // Sam lets it pass: back in the sales queue, where only Alex serves, so to Alex, with the note.
    await sam.next('offer-withdrawn', (f) => f.sessionId === sessionId, 3000);
    // (Under load Alex's first offer may have expired and come back before he accepted: an offer
    // without a transfer, from before it. The one that counts is the offer after the transfer.)
    const back = await alex.next('offer', (f) => f.session.id === sessionId && f.transfer !== undefined, 3000);
    assert.equal(back.transfer.note, 'VIP');
    assert.equal(back.session.skill, 'sales');
  });
});

describe('transfer to a skill', () => {
  test('queued in the skill, offered to one of its agents (not Alex while another can) with the note', async () => {
    const { alex, customer, sessionId } = await live.activeChat();
    const sam = await live.connect(live.server.agents.sam);
    // Sam holds another chat: Alex, with none once his is transferred, would come first but for the transfer.
    const other = await requestHelp(live.server, { skill: 'support' });
    await sam.next('offer', (f) => f.session.id === other.session.id);
    const res = await transfer(live.server.agents.alex, sessionId, { to: { skill: 'support' }, note: 'billing question' });
    assert.equal(res.status, 200, JSON.stringify(res.body));
    assert.equal(res.body.skill, 'support');
    const offer = await sam.next('offer', (f) => f.session.id === sessionId);
    assert.deepEqual([offer.transfer.note, offer.transfer.from.id, offer.session.skill], ['billing question', 'alex', 'support']);
    await alex.none('offer', (f) => f.session.id === sessionId);
    await customer.next('event', (f) => f.event.type === 'transfer');
    const accepted = await api(live.server.agents.sam).post(routePath(ROUTES.agentAccept, { id: sessionId }), {});
    assert.deepEqual([accepted.status, accepted.body.state, accepted.body.agent.id], [200, 'active', 'sam']);
    // A second accept, by Alex, is refused: accepted once.
    assert.equal((await api(live.server.agents.alex).post(routePath(ROUTES.agentAccept, { id: sessionId }), {})).body.error.code, 'session_taken');
  });

  test('where a session can go: available agents with their load, and the skills', async () => {
    await live.activeChat();
    await live.connect(live.server.agents.sam);
    const targets = (await api(live.server.agents.alex).get(ROUTES.agentTransferTargets)).body;
    assert.deepEqual(
      targets.agents.map((a: { id: string; load: number }) => [a.id, a.load]),
      [
        ['alex', 1],
        ['sam', 0],
      ],
    );
    assert.deepEqual(targets.skills.map((s: { id: string }) => s.id).sort(), ['sales', 'support']);
  });
});

describe('the tenant’s switches', () => {
  test('transfer off: transfer_disabled; to skills off: skill_transfer_disabled, to an agent still works', async () => {
    const { sessionId } = await live.activeChat();
    await live.connect(live.server.agents.sam);
    const alexApi = api(live.server.agents.alex);
    assert.deepEqual((await alexApi.get(ROUTES.agentConfig)).body, { allowSessionTransfer: true, agentToSkillTransfer: true });

    await updateTenantConfig(live.server.store, CLI, { tenantId: 'demo', change: { allowSessionTransfer: false } });
    assert.equal((await alexApi.get(ROUTES.agentConfig)).body.allowSessionTransfer, false);
    for (const to of [{ agentId: 'sam' }, { skill: 'support' }]) {
      const res = await transfer(live.server.agents.alex, sessionId, { to });
      assert.deepEqual([res.status, res.body.error.code], [403, 'transfer_disabled']);
    }

    await updateTenantConfig(live.server.store, CLI, { tenantId: 'demo', change: { allowSessionTransfer: true, agentToSkillTransfer: false } });
    const toSkill = await transfer(live.server.agents.alex, sessionId, { to: { skill: 'support' } });
    assert.deepEqual([toSkill.status, toSkill.body.error.code], [403, 'skill_transfer_disabled']);
    assert.deepEqual((await alexApi.get(ROUTES.agentTransferTargets)).body.skills, [], 'no skills to offer');
    assert.equal((await transfer(live.server.agents.alex, sessionId, { to: { agentId: 'sam' } })).status, 200);
    // Another tenant keeps its own.
    assert.deepEqual((await api(live.server.agents.other).get(ROUTES.agentConfig)).body, { allowSessionTransfer: true, agentToSkillTransfer: true });
  });
});

describe('errors', () => {
  test('not yours, unknown or unavailable target, unknown skill, not active, to yourself; the frame says so too', async () => {
    const { alex, sessionId } = await live.activeChat();
    const code = async (token: string, id: string, body: unknown) => {
      const res = await transfer(token, id, body);
      return [res.status, res.body.error?.code];
    };
    const { alex: alexToken, sam: samToken } = live.server.agents;
    assert.deepEqual(await code(alexToken, sessionId, { to: { agentId: 'sam' } }), [409, 'agent_unavailable'], 'Sam is not connected');
    const sam = await live.connect(samToken);
    assert.deepEqual(await code(samToken, sessionId, { to: { skill: 'support' } }), [403, 'forbidden'], 'not Sam’s session');
    assert.deepEqual(await code(alexToken, sessionId, { to: { agentId: 'nobody' } }), [404, 'agent_not_found']);
    assert.deepEqual(await code(alexToken, sessionId, { to: { agentId: 'olivia' } }), [404, 'agent_not_found'], 'an agent of another tenant');
    assert.deepEqual(await code(alexToken, sessionId, { to: { skill: 'nope' } }), [404, 'skill_not_found']);
    assert.deepEqual(await code(alexToken, sessionId, { to: { agentId: 'alex' } }), [400, 'invalid_request']);
    assert.deepEqual(await code(alexToken, 'ghost', { to: { skill: 'support' } }), [404, 'session_not_found']);
    assert.deepEqual(await code(live.server.agents.other, sessionId, { to: { skill: 'support' } }), [404, 'session_not_found'], 'another tenant');
    assert.deepEqual(await code(alexToken, sessionId, { to: { agentId: 'sam' }, note: 'x'.repeat(501) }), [400, 'invalid_request'], 'a note is bounded');
    assert.deepEqual(await code(alexToken, sessionId, { to: {} }), [400, 'invalid_request']);

    sam.send({ type: 'status', status: 'away' });
    await sam.next('status');
    assert.deepEqual(await code(alexToken, sessionId, { to: { agentId: 'sam' } }), [409, 'agent_unavailable'], 'Sam is away');
    sam.send({ type: 'status', status: 'available' });
    await sam.next('status');

    const queued = await requestHelp(live.server, { skill: 'support', kind: 'call' });
    assert.deepEqual(await code(alexToken, queued.session.id, { to: { skill: 'sales' } }), [409, 'session_not_active'], 'a waiting call');
    alex.send({ type: 'end', sessionId });
    await alex.next('event', (f) => f.event.state === 'ended');
    assert.deepEqual(await code(alexToken, sessionId, { to: { skill: 'support' } }), [409, 'session_not_active'], 'ended');

    alex.send({ type: 'transfer', sessionId, to: { skill: 'support' } });
    const error = await alex.next('error');
    assert.deepEqual([error.code, error.ref], ['session_not_active', sessionId]);
    sam.send({ type: 'transfer', sessionId, to: { skill: 'support' }, note: 'x'.repeat(501) });
    assert.equal((await sam.next('error')).code, 'frame_invalid');
    const customer = await live.connect(queued.sessionToken);
    customer.send({ type: 'transfer', sessionId: queued.session.id, to: { skill: 'sales' } });
    assert.equal((await customer.next('error')).code, 'forbidden', 'customers do not transfer');
  });

  test('Sam at his maximum is unavailable', async () => {
    const { sessionId } = await live.activeChat();
    const sam = await live.connect(live.server.agents.sam);
    // Alex away (he may still transfer his chat): Sam gets five support chats, his maximum.
    assert.equal((await api(live.server.agents.alex).post(ROUTES.agentStatus, { status: 'away' })).status, 200);
    for (let i = 0; i < 5; i++) {
      const grant = await requestHelp(live.server, { skill: 'support' });
      await sam.next('offer', (f) => f.session.id === grant.session.id);
    }
    const res = await transfer(live.server.agents.alex, sessionId, { to: { agentId: 'sam' } });
    assert.deepEqual([res.status, res.body.error.code], [409, 'agent_unavailable']);
    assert.match(res.body.error.message, /as many sessions/);
  });
});

describe('the IVR assigns a waiting call by its code', () => {
  const assign = (code: string, body: unknown) => api(live.server.agents.alex).post(routePath(ROUTES.agentSessionByCode, { code }), body);

  test('to an agent: offered to them; to a skill: it waits there; checked like a transfer', async () => {
    const sam = await live.connect(live.server.agents.sam);
    const call = await requestHelp(live.server, { kind: 'call' });
    assert.equal(call.session.state, 'queued');
    const toSkill = await assign(call.session.code, { to: { skill: 'support' } });
    assert.deepEqual([toSkill.status, toSkill.body.skill, toSkill.body.state], [200, 'support', 'queued']);
    assert.deepEqual((await assign(call.session.code, { to: { skill: 'nope' } })).body.error.code, 'skill_not_found');
    assert.deepEqual((await assign(call.session.code, { to: { agentId: 'nobody' } })).body.error.code, 'agent_not_found');
    assert.deepEqual((await assign(call.session.code, { to: { agentId: 'alex' } })).body.error.code, 'agent_unavailable', 'Alex is not connected');

    const toSam = await assign(call.session.code, { to: { agentId: 'sam' } });
    assert.deepEqual([toSam.status, toSam.body.state, toSam.body.agent.id], [200, 'assigned', 'sam']);
    const offer = await sam.next('offer', (f) => f.session.id === call.session.id);
    assert.deepEqual([offer.transfer.from, offer.transfer.note], [null, null]);
    const again = await assign(call.session.code, { to: { agentId: 'sam' } });
    assert.deepEqual([again.status, again.body.error.code], [409, 'session_not_active'], 'no longer waiting');
    assert.equal((await assign(call.session.code === '000000' ? '000001' : '000000', { to: { skill: 'support' } })).status, 404);
    assert.equal((await api(live.server.agents.other).post(routePath(ROUTES.agentSessionByCode, { code: call.session.code }), { to: { skill: 'support' } })).status, 404);
  });
});
