import assert from 'node:assert/strict';
import { Writable } from 'node:stream';
import { beforeEach, describe, test } from 'node:test';
import { LIVE_LIMITS } from '../../src/protocol/api.js';
import { routePath, ROUTES } from '../../src/protocol/routes.js';
import { issueSessionToken } from '../auth.js';
import { forgeSignature } from '../test-server.js';
import { client, grantOf, uid } from './helpers.js';
import { eventually, LiveClient, liveTestSetup, requestHelp, sleep, startLiveServer } from './live-helpers.js';
import { engines, serverDatabase } from './store-engines.js';

// The chat over the WebSocket and REST on each store engine.
for (const engine of engines) {
  describe(engine.name, () => {
    type Server = Awaited<ReturnType<typeof startLiveServer>>;
    const setup = liveTestSetup(undefined, () => serverDatabase(engine));
    const { connect, activeChat } = setup;
    let server: Server;
    beforeEach(() => {
      server = setup.server;
    });

    const stored = (sessionId: string) => server.store.listChatEvents('demo', sessionId, { after: 0, limit: 100 }).then((p) => p.items);

    describe('delivery contract', () => {
      test('each message is acked with its seq once stored; both sides get every event in seq order', async () => {
        const { alex, customer, sessionId } = await activeChat();
        const ids = Array.from({ length: 8 }, () => uid('msg'));
        ids.forEach((clientId, i) => customer.send({ type: 'message', clientId, text: `line ${i}` }));
        alex.send({ type: 'message', sessionId, clientId: 'agent-msg-1', text: 'Hello from Alex' });
        const acks = await Promise.all(ids.map((clientId) => customer.next('ack', (f) => f.clientId === clientId)));
        assert.deepEqual(
          acks.map((a) => a.seq),
          [...acks.map((a) => a.seq)].sort((a, b) => a - b),
          'acked in the order sent',
        );
        const agentAck = await alex.next('ack', (f) => f.clientId === 'agent-msg-1');
        assert.equal(agentAck.sessionId, sessionId);
        await alex.next('event', (f) => f.event.seq === 11);
        await customer.next('event', (f) => f.event.seq === 11);
        for (const side of [alex, customer]) {
          assert.deepEqual(side.events(sessionId).map((e) => e.seq), [...Array(11).keys()].map((i) => i + 1), 'no gaps, no repeats');
        }
        const rows = await stored(sessionId);
        assert.equal(rows.length, 11);
        for (const ack of acks) assert.equal(rows[ack.seq - 1].clientId, ack.clientId);
        assert.deepEqual(rows.find((e) => e.clientId === 'agent-msg-1')?.author, { role: 'agent', id: 'alex', name: 'Alex' });
      });

      test('events stored but never published (their process died first) reach a follower before the next one, in order', async () => {
        const { alex, customer, sessionId } = await activeChat();
        const before = customer.events(sessionId).at(-1)!.seq;
        // Written as another process would, which then dies before publishing on the bus.
        const lost = await server.store.appendChatEvent('demo', sessionId, { type: 'message', author: { role: 'customer' }, text: 'stored, never published', at: Date.now() });
        assert.equal(lost.event.seq, before + 1);
        alex.send({ type: 'message', sessionId, clientId: 'after-the-gap', text: 'next one' });
        for (const side of [alex, customer]) {
          await side.next('event', (f) => f.event.text === 'next one');
          const seqs = side.events(sessionId).map((e) => e.seq);
          assert.deepEqual(seqs, [...Array(seqs.length).keys()].map((i) => i + 1), 'no gap, no repeat');
          assert.equal(side.events(sessionId).find((e) => e.seq === before + 1)?.text, 'stored, never published');
        }
      });

      test('a message sent again with the same clientId is acked with its first seq and stored once, even after a reconnect or the end', async () => {
        const { customer, sessionId, grant } = await activeChat();
        const first = await customer.say('only once', undefined, 'same-client-id');
        const again = await customer.say('only once', undefined, 'same-client-id');
        assert.equal(again.seq, first.seq);
        await customer.close();
        const back = await connect(grant.sessionToken, first.seq);
        assert.equal((await back.say('only once', undefined, 'same-client-id')).seq, first.seq);
        back.send({ type: 'end' });
        await back.next('session', (f) => f.session.state === 'ended');
        assert.equal((await back.say('only once', undefined, 'same-client-id')).seq, first.seq, 'the outbox may flush after the end');
        back.send({ type: 'message', clientId: 'after-the-end', text: 'too late' });
        const error = await back.next('error');
        assert.deepEqual([error.code, error.ref], ['session_ended', 'after-the-end']);
        const rows = await stored(sessionId);
        assert.equal(rows.filter((e) => e.clientId === 'same-client-id').length, 1);
        assert.equal(rows.filter((e) => e.clientId === 'after-the-end').length, 0);
        // The same clientId from the other side is another message.
        const agentSide = await client(server.url, server.agents.alex).post(routePath(ROUTES.agentMessages, { id: sessionId }), {
          clientId: 'same-client-id',
          text: 'mine',
        });
        assert.deepEqual([agentSide.status, agentSide.body.error.code], [409, 'session_ended']);
      });

      test('a client that reconnects gets the events after `since`, then live ones; agents catch up with subscribe', async () => {
        const { alex, customer, sessionId, grant } = await activeChat();
        for (let i = 1; i <= 3; i++) await customer.say(`before ${i}`);
        await customer.close();
        const back = await connect(grant.sessionToken, 3);
        await back.next('event', (f) => f.event.seq === 5);
        assert.deepEqual(back.events(sessionId).map((e) => [e.seq, e.text]), [
          [4, 'before 2'],
          [5, 'before 3'],
        ]);
        assert.equal(back.frames[0].type, 'welcome', 'welcome comes before the replay');
        assert.equal(back.welcome!.session.lastSeq, 5);
        alex.send({ type: 'message', sessionId, clientId: 'live-after-replay', text: 'live' });
        assert.equal((await back.next('event', (f) => f.event.seq === 6)).event.text, 'live');

        const watcher = await connect(server.agents.sam);
        await watcher.none('event');
        watcher.send({ type: 'subscribe', sessionId, since: 4 });
        await watcher.next('event', (f) => f.event.seq === 6);
        assert.deepEqual(watcher.events(sessionId).map((e) => e.seq), [5, 6]);
        await back.say('seen by the watcher');
        await watcher.next('event', (f) => f.event.seq === 7);
        watcher.send({ type: 'unsubscribe', sessionId });
        await watcher.settled();
        await back.say('not seen by the watcher');
        await watcher.none('event', (f) => f.event.seq === 8);
      });

      test('typing and seen go to the other side only and are not stored; seen markers come back in the welcome', async () => {
        const { alex, customer, sessionId, grant } = await activeChat();
        customer.send({ type: 'typing', active: true });
        const typing = await alex.next('typing');
        assert.deepEqual(typing, { type: 'typing', sessionId, role: 'customer', active: true });
        await customer.none('typing');
        const ack = await customer.say('hi');
        alex.send({ type: 'seen', sessionId, seq: ack.seq });
        assert.deepEqual(await customer.next('seen'), { type: 'seen', sessionId, role: 'agent', seq: ack.seq });
        alex.send({ type: 'seen', sessionId, seq: 1 });
        assert.equal((await customer.next('seen')).seq, ack.seq, 'a marker never goes back');
        customer.send({ type: 'seen', seq: 9999 });
        assert.equal((await alex.next('seen')).seq, ack.seq, 'nor past the last event');
        assert.equal((await stored(sessionId)).length, ack.seq);
        const again = await connect(grant.sessionToken);
        assert.deepEqual(again.welcome!.seen, { customer: ack.seq, agent: ack.seq });
        const sam = await connect(server.agents.sam);
        sam.send({ type: 'typing', sessionId, active: true });
        assert.equal((await sam.next('error')).code, 'forbidden', 'only the session’s own agent');
      });
    });

    describe('bad frames and limits', () => {
      test('every bad frame gets an error frame, and the connection keeps working', async () => {
        const { customer, sessionId } = await activeChat();
        const cases: [unknown, string, string?][] = [
          ['not json', 'frame_invalid'],
          ['{"type":"message","clientId":"missing-text"}', 'frame_invalid', 'missing-text'],
          [{ type: 'teleport' }, 'frame_unknown'],
          [{ type: 'accept', sessionId }, 'forbidden', sessionId],
          [{ type: 'subscribe', sessionId }, 'forbidden', sessionId],
          [{ type: 'message', clientId: 'too-long-01', text: 'x'.repeat(LIVE_LIMITS.maxMessageChars + 1) }, 'message_too_long', 'too-long-01'],
          [{ type: 'message', clientId: 'blank-text-1', text: '   ' }, 'frame_invalid', 'blank-text-1'],
          [{ type: 'message', sessionId: 'ses_someone_else', clientId: 'elsewhere-1', text: 'hi' }, 'forbidden', 'elsewhere-1'],
          [{ type: 'file', clientId: 'no-such-file', fileId: 'f_nope' }, 'file_not_found', 'no-such-file'],
          [{ type: 'hello', token: 'again' }, 'frame_invalid'],
        ];
        for (const [frame, code, ref] of cases) {
          customer.send(frame);
          const error = await customer.next('error');
          assert.equal(error.code, code, JSON.stringify(frame).slice(0, 80));
          assert.equal(error.ref, ref, JSON.stringify(frame).slice(0, 80));
          assert.equal(typeof error.message, 'string');
          customer.send({ type: 'ping', id: code });
          assert.equal((await customer.next('pong')).id, code);
        }
        customer.ws.send(Buffer.from([1, 2, 3]), { binary: true });
        assert.equal((await customer.next('error')).code, 'frame_invalid');
        // Exactly the limit is fine (in characters, not UTF-16 units).
        assert.ok((await customer.say('😀'.repeat(LIVE_LIMITS.maxMessageChars))).seq > 0);
        assert.equal((await stored(sessionId)).filter((e) => e.type === 'message').length, 1);
      });

      test('frames before hello get not_authenticated; a frame over the size limit closes the connection with 1009', async () => {
        const live = setup.track(await LiveClient.open(server));
        live.send({ type: 'ping' });
        live.send({ type: 'message', clientId: 'before-hello', text: 'hi' });
        assert.equal((await live.next('error')).code, 'not_authenticated');
        assert.deepEqual([(await live.next('error')).ref], ['before-hello']);
        const grant = await requestHelp(server);
        live.send({ type: 'hello', token: grant.sessionToken });
        await live.next('welcome');
        live.send({ type: 'message', clientId: 'huge-frame', text: 'x'.repeat(LIVE_LIMITS.maxFrameBytes) });
        assert.equal(await live.closed, 1009);
      });

      test('over the frame rate, frames are dropped with rate_limited (naming the message); later ones go through', async () => {
        const { customer, sessionId } = await activeChat();
        const ids = Array.from({ length: LIVE_LIMITS.frameBurst + 20 }, (_, i) => `burst-${String(i).padStart(4, '0')}`);
        for (const clientId of ids) customer.send({ type: 'message', clientId, text: clientId });
        const answered = (frames: { type: string; code?: string }[]) =>
          frames.filter((f) => f.type === 'ack' || (f.type === 'error' && f.code === 'rate_limited')).length;
        await customer.until((frames) => answered(frames) >= ids.length);
        const limited = customer.frames.filter((f) => f.type === 'error' && f.code === 'rate_limited').map((f) => f.ref);
        const acked = customer.frames.filter((f) => f.type === 'ack').map((f) => f.clientId);
        assert.ok(limited.length >= 10, `${limited.length} limited`);
        assert.equal(acked.length + limited.length, ids.length);
        assert.deepEqual([...acked, ...limited].sort(), [...ids].sort(), 'every frame is either acked or named as dropped');
        const rows = await stored(sessionId);
        assert.equal(rows.filter((e) => limited.includes(e.clientId)).length, 0);
        await sleep(1000);
        assert.ok((await customer.say('after the pause')).seq > 0);
      });
    });

    describe('shutdown', () => {
      test('closing lets the work under way finish before the store closes: every acked message is stored, and nothing fails', async () => {
        const lines: string[] = [];
        const logStream = new Writable({ write: (chunk, _encoding, done) => (lines.push(String(chunk)), done()) });
        await server.close();
        server = setup.server = await startLiveServer({ logger: true, logStream, database: await serverDatabase(engine), live: { offerTimeoutMs: 60_000 } });
        const { alex, customer, sessionId } = await activeChat();
        const ids = Array.from({ length: 30 }, () => uid('msg'));
        ids.forEach((clientId, i) => customer.send({ type: 'message', clientId, text: `line ${i}` }));
        alex.send({ type: 'message', sessionId, clientId: uid('agent'), text: 'one moment' });
        // The customer leaving and the agent going offline start more work as the sockets close.
        await server.restart();
        const errors = lines.map((line) => JSON.parse(line) as { level: number; msg: string }).filter((line) => line.level >= 50);
        assert.deepEqual(errors, []);
        const acked = customer.frames.filter((f) => f.type === 'ack').map((f) => f.clientId as string);
        const kept = new Set((await stored(sessionId)).map((e) => e.clientId));
        assert.deepEqual(acked.filter((clientId) => !kept.has(clientId)), [], 'an acknowledged message was lost');
      });
    });

    describe('hello', () => {
      test('tokens that cannot connect are refused with an error and a close code', async () => {
        const grant = await requestHelp(server);
        const expired = await issueSessionToken(server.store, { tenantId: 'demo', id: grant.session.id }, grantOf(server.tokens.demo), Date.now() - 25 * 3600_000);
        const cases: [string, string, number][] = [
          ['nonsense', 'token_invalid', 4401],
          [forgeSignature(grant.sessionToken), 'token_invalid', 4401],
          [expired, 'token_expired', 4401],
          [server.tokens.revoked, 'token_revoked', 4401],
          [server.tokens.demo, 'forbidden', 4403],
        ];
        for (const [token, code, closeCode] of cases) {
          const live = await LiveClient.open(server);
          live.send({ type: 'hello', token });
          assert.equal((await live.next('error')).code, code, code);
          assert.equal(await live.closed, closeCode, code);
        }
      });

      test('a connection that says nothing is closed with 4408; a live one survives the keepalive and a dead one does not', async () => {
        await server.close();
        server = setup.server = await startLiveServer({ live: { helloTimeoutMs: 150, keepaliveMs: 250 } });
        const silent = await LiveClient.open(server);
        assert.equal(await silent.closed, 4408);

        const grant = await requestHelp(server);
        const healthy = await connect(grant.sessionToken);
        const dead = await connect(grant.sessionToken);
        // A peer that stops reading answers no pings.
        (dead.ws as unknown as { _socket: { pause(): void } })._socket.pause();
        // Terminated at the second ping after it stopped answering, 500-750 ms from now.
        await eventually(async () => server.app.websocketServer.clients.size, (n) => n === 1, 3000);
        await sleep(600);
        assert.equal(healthy.closeCode, undefined, 'a socket that answers pings stays');
        assert.ok((await healthy.say('still here')).seq > 0);
        dead.ws.terminate();
      });
    });
  });
}
