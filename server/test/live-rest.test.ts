import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { LIVE_LIMITS } from '../../src/protocol/api.js';
import { routePath, ROUTES } from '../../src/protocol/routes.js';
import { MAX_FILES_PER_SESSION } from '../live/routes.js';
import { client, uid } from './helpers.js';
import { closeAll, LiveClient, requestHelp, startLiveServer } from './live-helpers.js';

type Server = Awaited<ReturnType<typeof startLiveServer>>;
let server: Server;
before(async () => {
  server = await startLiveServer({ live: { offerTimeoutMs: 60_000 } });
});
after(() => server.close());

const api = (token: string) => client(server.url, token);
const path = (route: string, id: string) => routePath(route, { id });
const PNG = Buffer.from('89504e470d0a1a0a0000000d49484452', 'hex');

/** A sales chat accepted by Alex over REST (no agent socket). */
async function acceptedChat(body: Record<string, unknown> = {}) {
  const grant = await requestHelp(server, { skill: 'sales', ...body });
  const accepted = await api(server.agents.alex).raw('POST', path(ROUTES.agentAccept, grant.session.id));
  assert.equal(accepted.status, 200, JSON.stringify(accepted.body));
  return grant;
}

const upload = (token: string, sessionId: string, name: string, type: string, body: Buffer) =>
  api(token).raw('POST', `${path(ROUTES.liveFiles, sessionId)}?name=${encodeURIComponent(name)}`, {
    body: body as unknown as string,
    headers: { 'content-type': type },
  });

describe('requesting help', () => {
  test('the same clientId answers the same session with a fresh token; data and origin are kept', async () => {
    const body = {
      consumer: uid('consumer'),
      kind: 'chat',
      skill: 'support',
      clientId: uid('request'),
      data: { plan: 'gold', 'order.id': 'A-1' },
      origin: { pathId: 'reset-smart-bulb', stepId: 'power-cycle', url: 'https://shop.example/help' },
    };
    const first = await api(server.tokens.demo).post(ROUTES.liveSessions, body);
    assert.equal(first.status, 201);
    assert.deepEqual([first.body.session.data, first.body.session.origin], [body.data, body.origin]);
    assert.deepEqual([first.body.session.consumer, first.body.session.kind, first.body.session.skill], [body.consumer, 'chat', 'support']);
    const again = await api(server.tokens.demo).post(ROUTES.liveSessions, body);
    assert.equal(again.status, 200);
    assert.equal(again.body.session.id, first.body.session.id);
    assert.equal((await api(again.body.sessionToken).get(path(ROUTES.liveSession, first.body.session.id))).status, 200);
    const otherConsumer = await api(server.tokens.demo).post(ROUTES.liveSessions, { ...body, consumer: uid('consumer') });
    assert.notEqual(otherConsumer.body.session.id, first.body.session.id);
    const otherTenant = await api(server.tokens.other).post(ROUTES.liveSessions, body);
    assert.equal(otherTenant.status, 201, 'another tenant is another namespace');
  });

  test('bad requests are 400 with details; an unknown skill is 404 skill_not_found', async () => {
    const base = { consumer: uid('consumer'), kind: 'chat', clientId: uid('request') };
    const bad: [Record<string, unknown>, string][] = [
      [{ ...base, kind: 'video' }, '/kind'],
      [{ ...base, skill: 'Sales Team' }, '/skill'],
      [{ ...base, data: { 'bad key': 'x' } }, '/data'],
      [{ ...base, origin: { pathId: 'x', extra: 1 } }, '/origin/extra'],
      [{ ...base, clientId: 'short' }, '/clientId'],
    ];
    for (const [body, where] of bad) {
      const res = await api(server.tokens.demo).post(ROUTES.liveSessions, body);
      assert.equal(res.status, 400, where);
      assert.ok(res.body.error.details.some((d: { path: string }) => d.path.startsWith(where)), JSON.stringify(res.body));
    }
    const tooMuch = Object.fromEntries(Array.from({ length: LIVE_LIMITS.maxDataEntries + 1 }, (_, i) => [`k${i}`, 'v']));
    assert.equal((await api(server.tokens.demo).post(ROUTES.liveSessions, { ...base, data: tooMuch })).status, 400);
    const unknown = await api(server.tokens.demo).post(ROUTES.liveSessions, { ...base, skill: 'billing' });
    assert.deepEqual([unknown.status, unknown.body.error.code], [404, 'skill_not_found']);
    const noBody = await api(server.tokens.demo).raw('POST', ROUTES.liveSessions);
    assert.deepEqual([noBody.status, noBody.body.error.code], [415, 'unsupported_media_type']);
  });
});

describe('history', () => {
  test('events page forwards after a seq, and backwards from the newest or before a seq', async () => {
    const grant = await acceptedChat();
    const id = grant.session.id;
    for (let i = 1; i <= 5; i++) {
      await api(server.agents.alex).post(path(ROUTES.agentMessages, id), { clientId: `history-${i}-x`, text: `m${i}` });
    }
    const events = (query: Record<string, number>) => api(grant.sessionToken).get(path(ROUTES.liveEvents, id), query);
    const seqs = (res: { body: { items: { seq: number }[]; more: boolean } }) => [res.body.items.map((e) => e.seq), res.body.more];
    assert.deepEqual(seqs(await events({})), [[1, 2, 3, 4, 5, 6, 7], false]);
    assert.deepEqual(seqs(await events({ after: 2, limit: 3 })), [[3, 4, 5], true]);
    assert.deepEqual(seqs(await events({ after: 5 })), [[6, 7], false]);
    assert.deepEqual(seqs(await events({ limit: 2 })), [[6, 7], true]);
    assert.deepEqual(seqs(await events({ before: 3 })), [[1, 2], false]);
    assert.deepEqual(seqs(await events({ after: 1, before: 4 })), [[2, 3], false]);
    assert.equal((await events({ limit: LIVE_LIMITS.maxHistoryPage + 1 })).status, 400);
    const agentView = await api(server.agents.sam).get(path(ROUTES.liveEvents, id), { after: 6 });
    assert.deepEqual(agentView.body.items.map((e: { text: string }) => e.text), ['m5'], 'agents of the tenant read any session');
  });
});

describe('files', () => {
  test('upload, share over the WebSocket, and download with the signed URL', async () => {
    const grant = await acceptedChat();
    const uploaded = await upload(grant.sessionToken, grant.session.id, '../../secret/pho\u0000to.png', 'image/png', PNG);
    assert.equal(uploaded.status, 201, JSON.stringify(uploaded.body));
    const info = uploaded.body;
    assert.deepEqual([info.name, info.size, info.type], ['photo.png', PNG.length, 'image/png']);
    assert.match(info.url, /^\/v1\/live\/files\/f_[\w-]+\?sig=/);

    const customer = await LiveClient.connect(server, grant.sessionToken);
    customer.send({ type: 'file', clientId: 'share-photo-1', fileId: info.id });
    const ack = await customer.next('ack', (f) => f.clientId === 'share-photo-1');
    const event = (await customer.next('event', (f) => f.event.seq === ack.seq)).event;
    assert.deepEqual([event.type, event.file], ['file', info]);

    const download = await fetch(server.url + info.url);
    assert.equal(download.status, 200);
    assert.deepEqual(Buffer.from(await download.arrayBuffer()), PNG);
    assert.equal(download.headers.get('content-type'), 'image/png');
    assert.equal(download.headers.get('x-content-type-options'), 'nosniff');
    assert.match(download.headers.get('content-disposition')!, /^inline; filename="photo.png"/);
    assert.match(download.headers.get('content-security-policy')!, /default-src 'none'.*sandbox/);

    const pdf = await upload(grant.sessionToken, grant.session.id, 'invoice.pdf', 'application/pdf', Buffer.from('%PDF-1.4'));
    const pdfDownload = await fetch(server.url + pdf.body.url);
    assert.match(pdfDownload.headers.get('content-disposition')!, /^attachment; filename="invoice.pdf"/);

    const otherSig = new URL(pdf.body.url, server.url).searchParams.get('sig')!;
    for (const sig of ['nope', otherSig, `${otherSig.split('.')[0]}.${'A'.repeat(43)}`]) {
      const res = await fetch(`${server.url}${routePath(ROUTES.liveFile, { fileId: info.id })}?sig=${encodeURIComponent(sig)}`);
      assert.equal(res.status, 403, sig);
    }
    assert.equal((await fetch(`${server.url}/v1/live/files/${info.id}`)).status, 400, 'no sig at all');
    await closeAll(customer);
  });

  test('only allowed types, at most the size limit, never empty, only into an open session one takes part in', async () => {
    const grant = await acceptedChat();
    const id = grant.session.id;
    const html = await upload(grant.sessionToken, id, 'page.html', 'text/html', Buffer.from('<script>alert(1)</script>'));
    assert.deepEqual([html.status, html.body.error.code], [415, 'file_type_not_allowed']);
    const json = await upload(grant.sessionToken, id, 'data.json', 'application/json', Buffer.from('{}'));
    assert.equal(json.body.error.code, 'file_type_not_allowed');
    const big = await upload(grant.sessionToken, id, 'big.zip', 'application/zip', Buffer.alloc(LIVE_LIMITS.maxFileBytes + 1));
    assert.deepEqual([big.status, big.body.error.code], [413, 'file_too_large']);
    const exact = await upload(grant.sessionToken, id, 'exact.zip', 'application/zip', Buffer.alloc(LIVE_LIMITS.maxFileBytes));
    assert.equal(exact.status, 201);
    const empty = await upload(grant.sessionToken, id, 'empty.txt', 'text/plain', Buffer.alloc(0));
    assert.deepEqual([empty.status, empty.body.error.code], [400, 'invalid_request']);
    const noName = await api(grant.sessionToken).raw('POST', path(ROUTES.liveFiles, id), { body: 'x', headers: { 'content-type': 'text/plain' } });
    assert.equal(noName.status, 400);
    const bySam = await upload(server.agents.sam, id, 'a.txt', 'text/plain', Buffer.from('a'));
    assert.deepEqual([bySam.status, bySam.body.error.code], [403, 'forbidden'], 'not his session');
    const byAlex = await upload(server.agents.alex, id, 'a.txt', 'text/plain', Buffer.from('a'));
    assert.equal(byAlex.status, 201, 'the session’s agent shares files too');

    // A customer cannot share the agent's upload or another session's file.
    const other = await acceptedChat();
    const foreign = await upload(other.sessionToken, other.session.id, 'b.txt', 'text/plain', Buffer.from('b'));
    const customer = await LiveClient.connect(server, grant.sessionToken);
    for (const fileId of [byAlex.body.id, foreign.body.id]) {
      customer.send({ type: 'file', clientId: `share-${fileId.slice(2, 12)}`, fileId });
      assert.equal((await customer.next('error')).code, 'file_not_found');
    }
    await closeAll(customer);
    // A session holds at most MAX_FILES_PER_SESSION files.
    assert.equal(await server.store.countLiveFiles('demo', id), 2);
    for (let i = 2; i < MAX_FILES_PER_SESSION; i++) {
      assert.equal((await upload(grant.sessionToken, id, `n${i}.txt`, 'text/plain', Buffer.from('n'))).status, 201);
    }
    const full = await upload(grant.sessionToken, id, 'one-more.txt', 'text/plain', Buffer.from('n'));
    assert.deepEqual([full.status, full.body.error.code], [429, 'rate_limited']);
    await api(server.agents.alex).raw('POST', path(ROUTES.agentEnd, id));
    const late = await upload(grant.sessionToken, id, 'late.txt', 'text/plain', Buffer.from('late'));
    assert.deepEqual([late.status, late.body.error.code], [409, 'session_ended']);
  });
});

describe('after the chat', () => {
  test('a rating is taken once, after the end, and recorded as an event', async () => {
    const grant = await acceptedChat();
    const rate = (body: unknown) => api(grant.sessionToken).post(path(ROUTES.liveRating, grant.session.id), body);
    const early = await rate({ score: 5 });
    assert.equal(early.status, 409);
    assert.match(early.body.error.message, /once it has ended/);
    assert.equal((await rate({ score: 6 })).status, 400);
    await api(server.agents.alex).raw('POST', path(ROUTES.agentEnd, grant.session.id));
    const ok = await rate({ score: 4, comment: 'Quick and kind', survey: { resolved: 'yes' } });
    assert.deepEqual([ok.status, ok.body], [200, { ok: true }]);
    const twice = await rate({ score: 1 });
    assert.equal(twice.status, 409);
    assert.match(twice.body.error.message, /rated already/);
    const record = await server.store.getLiveSession('demo', grant.session.id);
    assert.deepEqual(
      [record?.rating?.score, record?.rating?.comment, record?.rating?.survey],
      [4, 'Quick and kind', { resolved: 'yes' }],
    );
    const events = await server.store.listChatEvents('demo', grant.session.id, { limit: 1 });
    assert.deepEqual([events.items[0].type, events.items[0].score], ['rating', 4]);
  });

  test('a transcript goes to the outbox of the development mail sink, at most three times a session', async () => {
    const grant = await acceptedChat();
    const customer = await LiveClient.connect(server, grant.sessionToken);
    await customer.say('My bulb blinks red');
    await api(server.agents.alex).post(path(ROUTES.agentMessages, grant.session.id), { clientId: 'transcript-reply', text: 'Hold the button.' });
    await closeAll(customer);
    const send = () => api(grant.sessionToken).post(path(ROUTES.liveTranscript, grant.session.id), { email: 'pat@example.com' });
    const sent = await send();
    assert.deepEqual([sent.status, sent.body], [202, { ok: true }]);
    const outbox = await server.store.listMail('demo');
    const mail = outbox.at(-1)!;
    assert.deepEqual([mail.to, mail.subject, mail.sentAt], ['pat@example.com', 'Your Demo support transcript', null]);
    assert.match(mail.body, /You: My bulb blinks red\n.*Alex: Hold the button\./);
    assert.match(server.mail.at(-1)!, /^\[DEV MAIL SINK\] queued mail_\S+ to pat@example\.com/);
    assert.equal((await api(grant.sessionToken).post(path(ROUTES.liveTranscript, grant.session.id), { email: 'not-an-address' })).status, 400);
    await send();
    await send();
    const fourth = await send();
    assert.deepEqual([fourth.status, fourth.body.error.code], [429, 'rate_limited']);
    assert.equal((await server.store.listMail('demo')).length, outbox.length + 2);
  });
});

describe('agent routes', () => {
  test('me, the session list with its filters, and bad filters', async () => {
    const me = await api(server.agents.alex).get(ROUTES.agentMe);
    assert.deepEqual(me.body, { id: 'alex', name: 'Alex', skills: ['sales', 'support'], status: 'available' });
    const plan = uid('plan');
    const gold = await requestHelp(server, { kind: 'call', skill: 'support', data: { plan, region: 'eu:west' } });
    const silver = await requestHelp(server, { kind: 'call', skill: 'support', data: { plan: 'silver' } });
    const list = (query: Record<string, string | number>) =>
      api(server.agents.sam).get(ROUTES.agentSessions, query).then((r) => r.body.items.map((s: { id: string }) => s.id));
    assert.deepEqual(await list({ data: `plan:${plan}` }), [gold.session.id]);
    assert.deepEqual(await list({ data: `plan: ${plan}, region:eu:west` }), [gold.session.id]);
    assert.deepEqual(await list({ data: `plan:${plan},region:us` }), []);
    assert.deepEqual((await list({ kind: 'call', skill: 'support', limit: 2 })), [silver.session.id, gold.session.id], 'newest first');
    const states = await api(server.agents.sam).get(ROUTES.agentSessions, { state: 'active,ended' });
    assert.ok(states.body.items.length > 0);
    assert.ok(states.body.items.every((s: { state: string }) => s.state === 'active' || s.state === 'ended'));
    const badQueries: Record<string, string | number>[] = [{ state: 'active,lost' }, { data: 'no-colon' }, { data: 'bad key:x' }, { skill: 'Not A Slug' }, { limit: 0 }];
    for (const query of badQueries) {
      const res = await api(server.agents.sam).get(ROUTES.agentSessions, query);
      assert.equal(res.status, 400, JSON.stringify(query));
    }
  });

  test('a session in detail shows the consumer: identity, live context newest first, activity with path titles', async () => {
    const consumer = uid('consumer');
    const ctx = await api(server.tokens.demo).post(ROUTES.context, {
      consumer,
      ops: [
        { op: 'identity', id: uid('op'), at: 1000, set: { firstName: 'Pat', email: 'pat@example.com' } },
        { op: 'log', id: uid('op'), kind: 'action', name: 'Opened app', at: 1000 },
        { op: 'clear-context', id: uid('op'), at: 1500 },
        { op: 'log', id: uid('op'), kind: 'device', name: 'Smart Bulb', data: { model: 'A19' }, at: 2000 },
        { op: 'log', id: uid('op'), kind: 'content', name: 'Pricing page', detail: '/pricing', at: 3000 },
      ],
    });
    assert.equal(ctx.status, 200, JSON.stringify(ctx.body));
    await api(server.tokens.demo).post(ROUTES.activity, {
      consumer,
      events: [{ id: uid('act'), pathId: 'reset-smart-bulb', stepId: 'power-cycle', event: 'started', at: 2500 }],
    });
    const grant = await requestHelp(server, { consumer, skill: 'support' });
    const detail = await api(server.agents.sam).get(path(ROUTES.agentSession, grant.session.id));
    assert.equal(detail.status, 200, JSON.stringify(detail.body));
    const view = detail.body.consumer;
    assert.deepEqual([view.key, view.firstName, view.email, view.lastName], [consumer, 'Pat', 'pat@example.com', null]);
    assert.deepEqual(view.context.map((e: { name: string }) => e.name), ['Pricing page', 'Smart Bulb'], 'newest first, cleared left out');
    assert.deepEqual(view.context[1].data, { model: 'A19' });
    assert.deepEqual(view.activity, [{ pathId: 'reset-smart-bulb', pathTitle: 'How to reset a Smart Bulb', stepId: 'power-cycle', event: 'started', at: 2500 }]);
    const stranger = await requestHelp(server);
    const empty = (await api(server.agents.sam).get(path(ROUTES.agentSession, stranger.session.id))).body.consumer;
    assert.deepEqual([empty.firstName, empty.context, empty.activity], [null, [], []]);
  });

  test('agent messages: only to an accepted session of theirs, idempotent by clientId', async () => {
    const grant = await requestHelp(server, { skill: 'sales' });
    const send = (token: string, clientId: string, text = 'Hello') =>
      api(token).post(path(ROUTES.agentMessages, grant.session.id), { clientId, text });
    const early = await send(server.agents.alex, 'agent-early-1');
    assert.deepEqual([early.status, early.body.error.code], [403, 'forbidden']);
    await api(server.agents.alex).raw('POST', path(ROUTES.agentAccept, grant.session.id));
    const first = await send(server.agents.alex, 'agent-reply-1');
    assert.deepEqual(first.body, { clientId: 'agent-reply-1', seq: 3 });
    assert.deepEqual((await send(server.agents.alex, 'agent-reply-1', 'changed')).body, { clientId: 'agent-reply-1', seq: 3 });
    assert.equal((await send(server.agents.sam, 'agent-reply-2')).status, 403);
    assert.equal((await send(server.agents.alex, 'agent-blank-1', ' \n ')).status, 400);
    assert.equal((await send(server.agents.alex, 'agent-long-1', 'x'.repeat(LIVE_LIMITS.maxMessageChars + 1))).status, 400);
    const events = await server.store.listChatEvents('demo', grant.session.id, { after: 0, limit: 10 });
    assert.deepEqual(events.items.filter((e) => e.type === 'message').map((e) => e.text), ['Hello']);
  });
});
