/**
 * The Store contract on every engine: live help (skills, agents, sessions and their events,
 * files, mail), including the writes several processes make at once. See store-contract.test.ts.
 */
import assert from 'node:assert/strict';
import { beforeEach, describe, test } from 'node:test';
import { openStore } from '../store/open.js';
import { ConflictError, InvalidInputError, SessionEndedError, type Store } from '../store/types.js';
import { engines, sessionRequest, targetOf } from './store-engines.js';

const request = sessionRequest;
const message = (text: string, clientId?: string) => ({ type: 'message' as const, author: { role: 'customer' as const }, text, at: 2000, ...(clientId && { clientId }) });

for (const engine of engines) {
  describe(engine.name, () => {
    let store: Store;
    beforeEach(async () => {
      store = await engine.open();
      await store.createTenant('t', 'T');
      await store.createTenant('other', 'Other');
    });

    test('skills and agents: created once, listed by tenant, statuses and loads', async () => {
      const sales = await store.createSkill('t', 'sales', 'Sales');
      assert.deepEqual([sales.tenantId, sales.id, sales.name], ['t', 'sales', 'Sales']);
      await store.createSkill('other', 'sales', 'Sales elsewhere');
      await assert.rejects(store.createSkill('t', 'sales', 'Again'), ConflictError);
      assert.deepEqual(await store.getSkill('t', 'sales'), sales);
      assert.equal(await store.getSkill('t', 'nope'), undefined);
      assert.deepEqual((await store.listSkills('t')).map((s) => s.id), ['sales']);
      assert.deepEqual((await store.listSkills()).map((s) => s.tenantId), ['other', 't']);

      const alex = await store.createAgent({ tenantId: 't', id: 'alex', name: 'Alex', skills: ['sales', 'sales'] });
      assert.deepEqual([alex.status, alex.maxSessions, alex.skills], ['away', 5, ['sales']]);
      await store.createAgent({ tenantId: 't', id: 'bea', name: 'Bea', skills: [], status: 'available', maxSessions: 2 });
      await assert.rejects(store.createAgent({ tenantId: 't', id: 'alex', name: 'Twin', skills: [] }), ConflictError);
      await assert.rejects(
        store.createAgent({ tenantId: 'other', name: 'Nope', skills: ['support'] }),
        (error: unknown) => error instanceof InvalidInputError && error.path === '/skills/0',
      );
      const generated = await store.createAgent({ tenantId: 'other', name: 'Olivia', skills: ['sales'] });
      assert.match(generated.id, /\S+/);
      assert.deepEqual(await store.getAgent('t', 'alex'), alex);
      assert.equal(await store.getAgent('other', 'alex'), undefined);
      assert.deepEqual((await store.listAgents('t')).map((a) => a.name), ['Alex', 'Bea']);
      assert.equal((await store.listAgents()).length, 3);
      assert.equal((await store.setAgentStatus('t', 'alex', 'available'))!.status, 'available');
      assert.equal(await store.setAgentStatus('other', 'alex', 'available'), undefined);

      const { session } = await store.createLiveSession(request('r1'));
      await store.transitionLiveSession('t', session.id, { from: ['queued'], set: { state: 'active', agentId: 'alex', acceptedAt: 1500 } });
      assert.deepEqual([...(await store.agentLoads('t'))], [['alex', 1]]);
      assert.equal((await store.agentLoads('other')).size, 0);
    });

    test('sessions: created once per request, codes unique among open sessions, found and filtered', async () => {
      await store.createSkill('t', 'sales', 'Sales');
      const a = await store.createLiveSession(request('r1'));
      assert.equal(a.created, true);
      assert.deepEqual(
        [a.session.state, a.session.lastSeq, a.session.seen, a.session.rating, a.session.agent, a.session.data],
        ['queued', 0, { customer: 0, agent: 0 }, null, null, { plan: 'gold', zone: 'eu' }],
      );
      assert.match(a.session.code, /^\d{6}$/);
      const again = await store.createLiveSession(request('r1', { at: 5000 }));
      assert.deepEqual([again.created, again.session.id], [false, a.session.id], 'the same request is the same session');
      const b = await store.createLiveSession(request('r2', { skill: 'sales', at: 2000, origin: { pathId: 'p', stepId: 's' } as never }));
      await store.createLiveSession(request('r3', { kind: 'call', at: 3000, data: { plan: 'free' } }));
      assert.deepEqual(await store.getLiveSession('t', b.session.id), b.session);
      assert.equal(await store.getLiveSession('other', b.session.id), undefined, 'never another tenant’s');
      assert.equal((await store.findOpenSessionByCode('t', a.session.code))!.id, a.session.id);
      assert.equal(await store.findOpenSessionByCode('other', a.session.code), undefined);
      const list = (filter: Parameters<Store['listLiveSessions']>[1]) => store.listLiveSessions('t', filter).then((s) => s.map((x) => x.clientId));
      assert.deepEqual(await list({ limit: 10 }), ['r3', 'r2', 'r1'], 'newest first');
      assert.deepEqual(await list({ limit: 2, order: 'oldest' }), ['r1', 'r2']);
      assert.deepEqual(await list({ limit: 10, kind: 'call' }), ['r3']);
      assert.deepEqual(await list({ limit: 10, skill: 'sales' }), ['r2']);
      assert.deepEqual(await list({ limit: 10, skill: null }), ['r3', 'r1']);
      assert.deepEqual(await list({ limit: 10, data: { plan: 'gold', zone: 'eu' } }), ['r2', 'r1']);
      assert.deepEqual(await list({ limit: 10, states: [] }), []);
      assert.deepEqual(await store.listLiveSessions('other', { limit: 10 }), []);
      // Ended sessions free their code; many sessions at once never share an open one.
      await store.transitionLiveSession('t', a.session.id, { from: ['queued'], set: { state: 'ended', endedAt: 4000, endedBy: 'customer' } });
      assert.equal(await store.findOpenSessionByCode('t', a.session.code), undefined);
      const many = await Promise.all(Array.from({ length: 30 }, (_, i) => store.createLiveSession(request(`m${i}`, { consumerKey: `c${i}` }))));
      assert.equal(new Set(many.map((m) => m.session.code)).size, 30);
    });

    test('transitions: only from the given states (and agent), with their events in seq order; offers requeued', async () => {
      await store.createAgent({ tenantId: 't', id: 'alex', name: 'Alex', skills: [] });
      const { session } = await store.createLiveSession(request('r1'));
      const offer = await store.transitionLiveSession('t', session.id, {
        from: ['queued'],
        agentId: null,
        set: { state: 'assigned', agentId: 'alex', offeredAt: 1100 },
        events: [{ type: 'state', author: { role: 'system' }, state: 'assigned', at: 1100 } as never],
      });
      assert.deepEqual([offer!.session.state, offer!.session.agent, offer!.session.offeredAt], ['assigned', { id: 'alex', name: 'Alex' }, 1100]);
      assert.deepEqual(offer!.events.map((e) => e.seq), [1]);
      assert.equal(await store.transitionLiveSession('t', session.id, { from: ['queued'], set: { state: 'assigned' } }), undefined, 'no longer queued');
      assert.equal(await store.transitionLiveSession('t', session.id, { from: ['assigned'], agentId: 'sam', set: { state: 'active' } }), undefined, 'another agent');
      assert.equal(await store.transitionLiveSession('other', session.id, { from: ['assigned'], set: { state: 'active' } }), undefined);
      assert.equal(await store.requeueOfferedSessions(), 1);
      const requeued = (await store.getLiveSession('t', session.id))!;
      assert.deepEqual([requeued.state, requeued.agent, requeued.offeredAt], ['queued', null, null]);
      // Two processes accepting the same offer: exactly one wins.
      const accept = () =>
        store.transitionLiveSession('t', session.id, { from: ['queued'], set: { state: 'active', agentId: 'alex', acceptedAt: 1300 }, events: [message('hi')] });
      const results = await Promise.all([accept(), accept(), accept()]);
      assert.equal(results.filter(Boolean).length, 1);
      assert.equal((await store.getLiveSession('t', session.id))!.lastSeq, 2);
      assert.deepEqual(await store.recentAcceptWaits('t', null, 5), [300]);
      assert.deepEqual(await store.recentAcceptWaits('t', 'sales', 5), []);
    });

    test('transitions: a transfer to a skill moves the session to that queue, with its transfer event', async () => {
      await store.createSkill('t', 'sales', 'Sales');
      await store.createAgent({ tenantId: 't', id: 'alex', name: 'Alex', skills: [] });
      const { session } = await store.createLiveSession(request('r1'));
      await store.transitionLiveSession('t', session.id, { from: ['queued'], set: { state: 'active', agentId: 'alex', acceptedAt: 1200 } });
      const moved = await store.transitionLiveSession('t', session.id, {
        from: ['active'],
        agentId: 'alex',
        set: { state: 'queued', agentId: null, skill: 'sales', offeredAt: null },
        events: [{ type: 'transfer', author: { role: 'agent', id: 'alex', name: 'Alex' }, at: 1300 }],
      });
      assert.deepEqual([moved!.session.state, moved!.session.skill, moved!.session.agent], ['queued', 'sales', null]);
      assert.deepEqual(moved!.events.map((e) => [e.type, e.author.name]), [['transfer', 'Alex']]);
      assert.equal((await store.getLiveSession('t', session.id))!.skill, 'sales');
      const back = await store.transitionLiveSession('t', session.id, { from: ['queued'], set: { state: 'queued', skill: null } });
      assert.equal(back!.session.skill, null, 'null is the general queue');
    });

    test('events: seq order without gaps or collisions, duplicates by client id, ended sessions refuse new ones', async () => {
      const { session } = await store.createLiveSession(request('r1'));
      const first = await store.appendChatEvent('t', session.id, message('one', 'c1'));
      assert.deepEqual([first.duplicate, first.event.seq, first.event.text, first.event.clientId], [false, 1, 'one', 'c1']);
      const dup = await store.appendChatEvent('t', session.id, message('one again', 'c1'));
      assert.deepEqual([dup.duplicate, dup.event.seq, dup.event.text], [true, 1, 'one']);
      const agentSide = await store.appendChatEvent('t', session.id, { ...message('agent', 'c1'), author: { role: 'agent', id: 'alex', name: 'Alex' } });
      assert.equal(agentSide.duplicate, false, 'client ids are per author role');
      // Many writers at once: on PostgreSQL through two more stores on the same database, as two
      // server processes would write (SQLite's connections of one process would wait on each
      // other synchronously; its writers in other processes wait for the write lock): every seq
      // once, in order.
      const writers = engine.name === 'postgres' ? await Promise.all([openStore(targetOf(store)), openStore(targetOf(store))]) : [store, store];
      await Promise.all(Array.from({ length: 40 }, (_, i) => writers[i % 2].appendChatEvent('t', session.id, message(`m${i}`, `k${i}`))));
      await Promise.all(Array.from({ length: 10 }, () => writers[1].appendChatEvent('t', session.id, message('same', 'same-id'))));
      const all = await store.listChatEvents('t', session.id, { after: 0, limit: 100 });
      assert.deepEqual(all.items.map((e) => e.seq), Array.from({ length: 43 }, (_, i) => i + 1), 'no gap, no collision');
      assert.equal(all.items.filter((e) => e.clientId === 'same-id').length, 1);
      assert.equal(all.more, false);
      const last = await store.listChatEvents('t', session.id, { limit: 2 });
      assert.deepEqual([last.items.map((e) => e.seq), last.more], [[42, 43], true], 'the last ones, in seq order');
      const before = await store.listChatEvents('t', session.id, { before: 3, limit: 5 });
      assert.deepEqual([before.items.map((e) => e.seq), before.more], [[1, 2], false]);
      const page = await store.listChatEvents('t', session.id, { after: 40, limit: 2 });
      assert.deepEqual([page.items.map((e) => e.seq), page.more], [[41, 42], true]);
      assert.deepEqual((await store.listChatEvents('other', session.id, { after: 0, limit: 10 })).items, [], 'never another tenant’s');

      assert.deepEqual(await store.markSeen('t', session.id, 'customer', 10), { customer: 10, agent: 0 });
      assert.deepEqual(await store.markSeen('t', session.id, 'customer', 5), { customer: 10, agent: 0 }, 'never lowered');
      assert.deepEqual(await store.markSeen('t', session.id, 'agent', 999), { customer: 10, agent: 43 }, 'never past the last seq');
      assert.deepEqual(await store.markSeen('other', session.id, 'agent', 1), { customer: 0, agent: 0 });

      await store.transitionLiveSession('t', session.id, { from: ['queued'], set: { state: 'ended', endedAt: 3000, endedBy: 'agent' } });
      await assert.rejects(store.appendChatEvent('t', session.id, message('late', 'late'), { open: true }), SessionEndedError);
      assert.equal((await store.appendChatEvent('t', session.id, message('x', 'c1'), { open: true })).duplicate, true, 'a duplicate is still answered');
      assert.equal((await store.appendChatEvent('t', session.id, message('after', 'after'))).event.seq, 44, 'without `open`, stored');
      await assert.rejects(store.appendChatEvent('other', session.id, message('x')), /no session/);
      if (writers[0] !== store) await Promise.all(writers.map((w) => w.close()));
    });

    test('rating, transcripts, files and mail', async () => {
      const { session } = await store.createLiveSession(request('r1'));
      const rating = { score: 4, comment: 'Good', survey: { speed: 'fast' }, at: 5000 };
      assert.equal(await store.rateLiveSession('t', session.id, rating), undefined, 'not ended yet');
      await store.transitionLiveSession('t', session.id, { from: ['queued'], set: { state: 'ended', endedAt: 4000, endedBy: 'customer' } });
      const results = await Promise.allSettled([store.rateLiveSession('t', session.id, rating), store.rateLiveSession('t', session.id, rating)]);
      assert.equal(results.filter((r) => r.status === 'fulfilled').length, 1, 'rated once, even at once');
      assert.ok(results.some((r) => r.status === 'rejected' && r.reason instanceof ConflictError));
      const rated = (await store.getLiveSession('t', session.id))!;
      assert.deepEqual(rated.rating, rating);
      assert.deepEqual((await store.listChatEvents('t', session.id, { limit: 5 })).items.map((e) => [e.type, e.score]), [['rating', 4]]);
      assert.equal(await store.rateLiveSession('other', session.id, rating), undefined);

      assert.equal(await store.countTranscript('t', session.id, 2), true);
      assert.equal(await store.countTranscript('t', session.id, 2), true);
      assert.equal(await store.countTranscript('t', session.id, 2), false, 'at most max');
      assert.equal((await store.getLiveSession('t', session.id))!.transcriptsSent, 2);
      assert.equal(await store.countTranscript('other', session.id, 9), false);

      const bytes = new Uint8Array([0, 1, 2, 255]);
      const file = { id: 'f1', tenantId: 't', sessionId: session.id, name: 'a.png', type: 'image/png', size: 4, uploadedBy: { role: 'customer' as const, id: null }, createdAt: 6000 };
      await store.saveLiveFile(file, bytes);
      const got = (await store.getLiveFile('f1'))!;
      assert.deepEqual({ ...got, bytes: [...got.bytes] }, { ...file, bytes: [0, 1, 2, 255] });
      assert.equal(await store.getLiveFile('nope'), undefined);
      assert.equal(await store.countLiveFiles('t', session.id), 1);
      assert.equal(await store.countLiveFiles('other', session.id), 0);

      const mail = await store.queueMail({ tenantId: 't', to: 'a@x', subject: 'Transcript', body: 'Hello', createdAt: 7000 });
      await store.queueMail({ tenantId: 'other', to: 'b@x', subject: 'S', body: 'B', createdAt: 6500 });
      assert.equal(mail.sentAt, null);
      assert.deepEqual(await store.listMail('t'), [mail]);
      assert.deepEqual((await store.listMail()).map((m) => m.tenantId), ['other', 't'], 'everyone’s, oldest first');
      await store.markMailSent(mail.id, 8000);
      await store.markMailSent(mail.id, 9000);
      assert.equal((await store.listMail('t'))[0].sentAt, 8000, 'a mail delivered twice keeps its first time');
      assert.equal((await store.listMail('other'))[0].sentAt, null, 'the other mail is still queued');
    });

    test('mail claims: one owner at a time, a lease that lapses, attempts counted and bounded, released after a failure', async () => {
      const m1 = await store.queueMail({ tenantId: 't', to: 'a@x', subject: 'S1', body: 'B', createdAt: 1000 });
      const m2 = await store.queueMail({ tenantId: 'other', to: 'b@x', subject: 'S2', body: 'B', createdAt: 2000 });
      const sent = await store.queueMail({ tenantId: 't', to: 'c@x', subject: 'S3', body: 'B', createdAt: 500 });
      await store.markMailSent(sent.id, 600);
      const policy = { leaseMs: 1000, maxAttempts: 4 };

      const first = await store.claimMail({ owner: 'a', now: 10_000, ...policy });
      assert.deepEqual(first.map((m) => [m.id, m.attempts]), [[m1.id, 1], [m2.id, 1]], 'the queued ones, oldest first, one attempt each');
      assert.deepEqual(await store.claimMail({ owner: 'b', now: 10_500, ...policy }), [], 'held by a');
      assert.deepEqual((await store.claimMail({ owner: 'a', now: 10_500, ids: [m1.id], ...policy })).map((m) => m.attempts), [2], 'the owner claims its mail again');

      await store.releaseMail(m1.id, 'b', 'NOT-THE-OWNER', null);
      await store.releaseMail(m1.id, 'a', 'ESOCKET', null);
      const released = (await store.listMail('t')).find((m) => m.id === m1.id)!;
      assert.deepEqual([released.lastError, released.attempts, released.sentAt], ['ESOCKET', 2, null]);
      assert.deepEqual((await store.claimMail({ owner: 'b', now: 10_600, ...policy })).map((m) => m.id), [m1.id], 'released: b takes it; m2 is still held');
      await store.releaseMail(m1.id, 'b', 'EAUTH', 50_000);
      assert.deepEqual(await store.claimMail({ owner: 'a', now: 20_000, ids: [m1.id], ...policy }), [], 'held until 50000');
      assert.deepEqual((await store.claimMail({ owner: 'b', now: 20_000, ...policy })).map((m) => [m.id, m.attempts]), [[m2.id, 2]], 'the lease of m2 lapsed; a sweep leaves the own claim of b alone');
      assert.deepEqual((await store.claimMail({ owner: 'b', now: 20_000, ids: [m1.id], ...policy })).map((m) => m.attempts), [4], 'b renews its own by id');
      await store.releaseMail(m1.id, 'b', 'ESOCKET', null);
      assert.deepEqual((await store.claimMail({ owner: 'a', now: 30_000, ...policy })).map((m) => m.id), [m2.id], 'm1 reached maxAttempts');
      assert.equal((await store.listMail('t')).find((m) => m.id === m1.id)!.sentAt, null, 'and stays queued');

      await store.markMailSent(m2.id, 31_000);
      assert.deepEqual((await store.claimMail({ owner: 'a', now: 90_000, ...policy, maxAttempts: 9 })).map((m) => m.id), [m1.id], 'a sent mail is never claimed');
      await store.setMailSettings('other', { smtpUrl: 'smtp://mail.other.test', from: null });
      const m4 = await store.queueMail({ tenantId: 'other', to: 'd@x', subject: 'S4', body: 'B', createdAt: 3000 });
      assert.deepEqual((await store.claimMail({ owner: 'c', now: 100_000, ...policy, maxAttempts: 9, configuredTenantsOnly: true })).map((m) => m.id), [m4.id], 'only tenants with their own SMTP server');
    });

    test('mail claims at once from two processes: every mail claimed once', async () => {
      const ids = [];
      for (let i = 0; i < 12; i++) ids.push((await store.queueMail({ tenantId: i % 2 ? 't' : 'other', to: 'a@x', subject: `S${i}`, body: 'B', createdAt: 1000 + i })).id);
      // On PostgreSQL two more stores on the same database, as two server processes would be.
      const claimers = engine.name === 'postgres' ? await Promise.all([openStore(targetOf(store)), openStore(targetOf(store))]) : [store, store];
      const claim = (i: number, limit: number, only?: string[]) =>
        claimers[i % 2].claimMail({ owner: `p${i}`, now: 5000, leaseMs: 60_000, maxAttempts: 5, limit, ...(only && { ids: only }) });
      const rounds = await Promise.all([claim(0, 5), claim(1, 5), claim(2, 20), claim(3, 20), claim(4, 0, ids), claim(5, 0, ids)]);
      const claimed = rounds.flat().map((m) => m.id);
      assert.deepEqual([...claimed].sort(), [...ids].sort(), 'each mail claimed exactly once');
      assert.ok((await store.listMail()).every((m) => m.attempts === 1));
      if (claimers[0] !== store) await Promise.all(claimers.map((c) => c.close()));
    });

    test("operations: ping answers, open sessions counted by state and kind across tenants, ended ones left out", async () => {
      await store.ping();
      assert.deepEqual(await store.countOpenLiveSessions(), []);
      await store.createLiveSession(request('r1', { at: 1000 }));
      await store.createLiveSession(request('r2', { at: 1200 }));
      await store.createLiveSession(request('r3', { tenantId: 'other', at: 900 }));
      await store.createLiveSession(request('r4', { kind: 'call', at: 1300 }));
      const { session: ended } = await store.createLiveSession(request('r5', { at: 500 }));
      await store.transitionLiveSession('t', ended.id, { from: ['queued'], set: { state: 'ended', endedAt: 1400 } });
      const counts = (await store.countOpenLiveSessions()).sort((a, b) => a.kind.localeCompare(b.kind));
      assert.deepEqual(counts, [
        { state: 'queued', kind: 'call', count: 1, oldestCreatedAt: 1300 },
        { state: 'queued', kind: 'chat', count: 3, oldestCreatedAt: 900 },
      ]);
      await store.close();
      await assert.rejects(store.ping(), 'a closed store does not answer');
      store = await engine.open();
    });
  });
}
