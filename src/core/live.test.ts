import { expect } from '@open-wc/testing';
import { cli, env, sleep, tokenId, until } from '../../test/browser/env.js';
import { AgentClient } from '../agent/agent-client.js';
import type { ChatEvent } from '../protocol/live.js';
import { ROUTES, routePath } from '../protocol/routes.js';
import { NexusClient } from './client.js';
import type { NexusError } from './errors.js';
import type { ChatMessage, PresenceEvent } from './live.js';
import { memoryStorage, type StateStorage } from './storage.js';

/** This file has a tenant of its own, so routing here never races with other test files. */
const tenant = env.live.core;

/**
 * A WebSocket the test can cut, as a network drop would: `cut()` closes every open socket and
 * refuses new ones until `restore()`; `dropAcks` swallows acknowledgements before the page sees
 * them (the server stored the message, the page never heard).
 */
function flakyNetwork() {
  const sockets = new Set<WebSocket>();
  const net = { down: false, dropAcks: false, opened: 0, closeCode: 0 };
  class FlakyWebSocket extends WebSocket {
    constructor(url: string | URL) {
      super(net.down ? 'ws://127.0.0.1:9/' : url);
      net.opened++;
      sockets.add(this);
      this.addEventListener('close', () => sockets.delete(this));
    }
    override set onmessage(handler: ((event: MessageEvent) => void) | null) {
      super.onmessage = handler
        ? (event: MessageEvent) => {
            if (net.dropAcks && String(event.data).includes('"type":"ack"')) return;
            handler.call(this, event);
          }
        : null;
    }
    override get onmessage() {
      return super.onmessage;
    }
    // A page cannot close with 1012 itself: while the "server" restarts, the close the page
    // hears carries the code a restarting Nexus Cloud sends (server/app.ts, live-routing.test.ts),
    // or another code a test names (`closeWith`).
    override set onclose(handler: ((event: CloseEvent) => void) | null) {
      super.onclose = handler
        ? (event: CloseEvent) =>
            handler.call(this, net.closeCode ? new CloseEvent('close', { code: net.closeCode, reason: 'closed by the test', wasClean: true }) : event)
        : null;
    }
    override get onclose() {
      return super.onclose;
    }
  }
  return {
    net,
    WebSocket: FlakyWebSocket as typeof WebSocket,
    cut() {
      net.down = true;
      for (const socket of sockets) socket.close();
    },
    restore() {
      net.down = false;
      window.dispatchEvent(new Event('online'));
    },
    /** Closes every open socket with the close code the page hears. */
    async closeWith(code: number) {
      net.closeCode = code;
      const closing = [...sockets].map((socket) => new Promise((resolve) => socket.addEventListener('close', resolve, { once: true })));
      for (const socket of sockets) socket.close();
      await Promise.all(closing);
      net.closeCode = 0;
    },
  };
}

function customer(
  options: { storage?: StateStorage; WebSocket?: typeof WebSocket; consumerKey?: string; token?: string; reconnectDelayMs?: number } = {},
) {
  return new NexusClient({
    server: env.server,
    token: options.token ?? tenant.app,
    storage: options.storage ?? memoryStorage(),
    consumerKey: options.consumerKey ?? `c${Math.random().toString(36).slice(2, 14)}`,
    WebSocket: options.WebSocket,
    reconnectDelayMs: options.reconnectDelayMs ?? 50,
    heartbeatMs: 60_000,
  });
}

function agent(token: string) {
  return new AgentClient({ server: env.server, token, reconnectDelayMs: 50 });
}

/** Records a client's chat events by name. */
function record(client: NexusClient) {
  const seen: { name: string; event: unknown }[] = [];
  for (const name of [
    'message.agent',
    'message.user',
    'message.status',
    'presence.agent.joined',
    'presence.agent.left',
    'queue',
    'session.close',
    'connection.user.lost',
    'connection.user.found',
    'typing.agent',
  ] as const) {
    client.chat.on(name, (event) => seen.push({ name, event }));
  }
  return {
    seen,
    names: () => seen.map((s) => s.name),
    of: <T>(name: string) => seen.filter((s) => s.name === name).map((s) => s.event as T),
  };
}

/** Messages of a session as the agent's client received them. */
function agentInbox(client: AgentClient, sessionId: string) {
  const events: ChatEvent[] = [];
  client.on('session.event', ({ sessionId: id, event }) => {
    if (id === sessionId) events.push(event);
  });
  return events;
}

/** The error a promise rejects with (fails when it resolves). */
async function rejection(promise: Promise<unknown>): Promise<Error & { code?: string; status?: number }> {
  try {
    await promise;
  } catch (error) {
    return error as Error & { code?: string };
  }
  throw new Error('expected the promise to reject');
}

const cleanup: (() => unknown)[] = [];
afterEach(async () => {
  for (const fn of cleanup.splice(0).reverse()) await fn();
});

/** Starts a chat and has `alex` accept it; returns both sides. */
async function connected(options: Parameters<typeof customer>[0] = {}) {
  const alex = agent(tenant.agents.alex);
  cleanup.push(() => alex.destroy());
  await until(() => alex.connected, 'the agent connection');
  await alex.setStatus('available');
  const offers: string[] = [];
  alex.on('offer', ({ session }) => offers.push(session.id));
  const client = customer(options);
  cleanup.push(() => client.destroy());
  const log = record(client);
  const session = await client.chat.start('sales');
  cleanup.push(() => (client.liveHelp.isActive() ? client.chat.end().catch(() => undefined) : undefined));
  await until(() => offers.includes(session.id), 'the offer to alex');
  const inbox = agentInbox(alex, session.id);
  await alex.accept(session.id);
  await until(() => log.names().includes('presence.agent.joined'), 'the agent joining');
  return { alex, client, log, session, inbox };
}

describe('live help in the core client', function () {
  this.timeout(20_000);

  it('queues a chat, tells the place in line, and reports the agent joining', async () => {
    const alex = agent(tenant.agents.alex);
    cleanup.push(() => alex.destroy());
    await until(() => alex.connected, 'the agent connection');
    await alex.setStatus('away');

    const client = customer();
    cleanup.push(() => client.destroy());
    const log = record(client);
    const session = await client.chat.start('sales');
    cleanup.push(() => client.chat.end().catch(() => undefined));
    expect(session.state).to.equal('queued');
    expect(session.code).to.match(/^\d{6}$/);
    expect(client.liveHelp.isActive()).to.equal(true);
    await until(() => log.of('queue').length, 'a queue event');
    expect(client.chat.queue?.position).to.equal(1);

    const offers: string[] = [];
    alex.on('offer', ({ session: offered }) => offers.push(offered.id));
    await alex.setStatus('available');
    await until(() => offers.includes(session.id), 'the offer');
    // Whoever hears the agent join finds the session active already, out of the line.
    const stateAtJoin: unknown[] = [];
    client.chat.on('presence.agent.joined', () => stateAtJoin.push(client.chat.session?.state, client.chat.queue));
    await alex.accept(session.id);
    const joined = await until(() => log.of<PresenceEvent>('presence.agent.joined')[0], 'presence.agent.joined');
    expect(joined.agent.name).to.be.a('string').and.not.equal('');
    expect(joined.replayed).to.equal(false);
    expect(stateAtJoin).to.deep.equal(['active', null]);
    expect(client.chat.session?.agent?.id).to.equal(alex.agent?.id);
  });

  it('delivers messages both ways with the guide’s event names, acknowledging each once', async () => {
    const { alex, client, log, session, inbox } = await connected();
    const sent = await client.chat.sendMessage('My bulb flickers');
    expect(sent.status).to.equal('sent');
    expect(sent.seq).to.be.a('number');
    const [user] = log.of<ChatMessage>('message.user');
    expect(user.text).to.equal('My bulb flickers');
    expect(user.status).to.equal('pending');
    expect(log.of<ChatMessage>('message.status').map((m) => m.status)).to.deep.equal(['sent']);

    await until(() => inbox.some((e) => e.text === 'My bulb flickers'), 'the message at the agent');
    await alex.sendMessage(session.id, 'Let us reset it');
    const reply = await until(() => log.of<ChatMessage>('message.agent')[0], 'message.agent');
    expect(reply.text).to.equal('Let us reset it');
    expect(reply.author.role).to.equal('agent');
    expect(reply.seq).to.be.greaterThan(sent.seq!);
    // Listening to a prefix gets the family.
    expect(log.of('message.user')).to.have.length(1);
  });

  it('stores the agent’s messages in the order sent when the first needs a retry', async () => {
    const { session, inbox } = await connected();
    // The agent's first POST of a message fails as a dead server would (no response): it is
    // retried after a backoff, while the second message is ready to go at once.
    let failures = 1;
    const flakyFetch: typeof fetch = (input, init) => {
      if (init?.method === 'POST' && String(input).endsWith('/messages') && failures-- > 0) return Promise.reject(new TypeError('Failed to fetch'));
      return fetch(input, init);
    };
    const alex = new AgentClient({ server: env.server, token: tenant.agents.alex, fetch: flakyFetch, reconnectDelayMs: 50 });
    cleanup.push(() => alex.destroy());
    const [first, second] = await Promise.all([alex.sendMessage(session.id, 'first'), alex.sendMessage(session.id, 'second')]);
    expect(second.seq).to.be.greaterThan(first.seq);
    await until(() => inbox.filter((e) => e.type === 'message').length === 2, 'both messages at the agent');
    expect(inbox.filter((e) => e.type === 'message').map((e) => e.text)).to.deep.equal(['first', 'second']);
  });

  it('re-fires earlier messages after a reload, in order, each once', async () => {
    const storage = memoryStorage();
    const consumerKey = `c${Math.random().toString(36).slice(2, 14)}`;
    const { alex, client, session } = await connected({ storage, consumerKey });
    await client.chat.sendMessage('first');
    await alex.sendMessage(session.id, 'second');
    await until(() => client.chat.transcript.length >= 3, 'the transcript');
    await client.destroy();

    // The page reloads: a new client on the same state storage.
    const again = customer({ storage, consumerKey });
    cleanup.push(() => again.destroy());
    const log = record(again);
    const restored = await again.liveHelp.restored;
    expect(restored?.id).to.equal(session.id);
    await until(() => log.of('message.agent').length === 1, 'the replayed agent message');
    const messages = again.chat.transcript.filter((e) => e.kind === 'message').map((e) => (e.kind === 'message' ? e.message : null)!);
    expect(messages.map((m) => m.text)).to.deep.equal(['first', 'second']);
    expect(messages.every((m) => m.replayed)).to.equal(true);
    expect(log.of<ChatMessage>('message.user').map((m) => m.text)).to.deep.equal(['first']);
    await sleep(200);
    expect(log.of('message.user')).to.have.length(1);
  });

  it('keeps what was typed offline, reports lost and found, and delivers it exactly once', async () => {
    const network = flakyNetwork();
    const { client, log, inbox } = await connected({ WebSocket: network.WebSocket });
    network.cut();
    await until(() => log.names().includes('connection.user.lost'), 'connection.user.lost');
    const pending = client.chat.sendMessage('typed while offline');
    await sleep(150);
    expect(log.of<ChatMessage>('message.user').at(-1)?.status).to.equal('pending');
    network.restore();
    const stored = await pending;
    await until(() => log.names().includes('connection.user.found'), 'connection.user.found');
    await until(() => inbox.some((e) => e.text === 'typed while offline'), 'the message at the agent');
    await sleep(200);
    expect(inbox.filter((e) => e.text === 'typed while offline').map((e) => e.seq)).to.deep.equal([stored.seq]);
  });

  it('reconnects at once when the server restarts (close 1012), without backoff and without reporting the connection lost', async () => {
    const network = flakyNetwork();
    // A backoff this long would keep a reconnect waiting for up to a minute.
    const { client, log, inbox } = await connected({ WebSocket: network.WebSocket, reconnectDelayMs: 60_000 });
    const opened = network.net.opened;
    const started = performance.now();
    await network.closeWith(1012);
    await until(() => network.net.opened > opened && client.chat.connected, 'the new connection', 2000);
    expect(performance.now() - started).to.be.below(2000);
    expect(log.names()).not.to.include('connection.user.lost');
    const stored = await client.chat.sendMessage('after the restart');
    await until(() => inbox.some((e) => e.text === 'after the restart' && e.seq === stored.seq), 'the message at the agent');
  });

  it('does not take 1001 (what a page going away hears) for a restart: reported lost, and the socket waits its backoff', async () => {
    const network = flakyNetwork();
    const { client, log } = await connected({ WebSocket: network.WebSocket, reconnectDelayMs: 60_000 });
    const opened = network.net.opened;
    // The backoff's jitter drawn at its top (about 15 s), so "not at once" cannot be luck.
    const random = Math.random;
    Math.random = () => 0.99;
    try {
      await network.closeWith(1001);
      await until(() => log.names().includes('connection.user.lost'), 'the connection reported lost');
    } finally {
      Math.random = random;
    }
    await sleep(500);
    expect(network.net.opened, 'no connection opened at once').to.equal(opened);
    expect(client.chat.connected).to.equal(false);
    // Back online (the socket reconnects at once then), so the chat ends cleanly after the test.
    network.restore();
    await until(() => client.chat.connected, 'the connection back');
  });

  it('sends again what was never acknowledged, and the server stores it once', async () => {
    const network = flakyNetwork();
    const { client, inbox } = await connected({ WebSocket: network.WebSocket });
    network.net.dropAcks = true;
    const sending = client.chat.sendMessage('ack lost');
    await until(() => inbox.some((e) => e.text === 'ack lost'), 'the message at the agent');
    // The page never heard the ack; the connection drops and comes back, and it sends again.
    network.net.dropAcks = false;
    network.cut();
    network.restore();
    const stored = await sending;
    await sleep(200);
    expect(inbox.filter((e) => e.text === 'ack lost').map((e) => e.seq)).to.deep.equal([stored.seq]);
  });

  it('survives a reload before the server acknowledged: the outbox is sent by the next page', async () => {
    const storage = memoryStorage();
    const consumerKey = `c${Math.random().toString(36).slice(2, 14)}`;
    const network = flakyNetwork();
    const { client, inbox, session } = await connected({ storage, consumerKey, WebSocket: network.WebSocket });
    network.cut();
    void client.chat.sendMessage('sent as the page unloads').catch(() => undefined);
    await client.destroy();

    const again = customer({ storage, consumerKey });
    cleanup.push(() => again.destroy());
    expect((await again.liveHelp.restored)?.id).to.equal(session.id);
    await until(() => inbox.some((e) => e.text === 'sent as the page unloads'), 'the message at the agent');
    await until(
      () => again.chat.transcript.some((e) => e.kind === 'message' && e.message.text === 'sent as the page unloads' && e.message.status === 'sent'),
      'the message marked sent',
    );
    await sleep(200);
    expect(inbox.filter((e) => e.text === 'sent as the page unloads')).to.have.length(1);
    const shown = again.chat.transcript.filter((e) => e.kind === 'message' && e.message.text === 'sent as the page unloads');
    expect(shown).to.have.length(1);
  });

  it('relays typing and read markers', async () => {
    const { alex, client, log, session } = await connected();
    const typing: boolean[] = [];
    alex.on('session.typing', ({ sessionId, active }) => sessionId === session.id && typing.push(active));
    client.chat.typing(true);
    await until(() => typing.includes(true), 'the customer typing at the agent');
    alex.typing(session.id, true);
    await until(() => log.of<{ active: boolean }>('typing.agent').some((t) => t.active), 'typing.agent');
    expect(client.chat.agentTyping).to.equal(true);
    const sent = await client.chat.sendMessage('read me');
    alex.markSeen(session.id, sent.seq!);
    await until(() => client.chat.seenByAgent >= sent.seq!, 'the agent’s read marker');
  });

  it('ends: session.close says who ended it, and the session can be rated once', async () => {
    const { alex, client, log, session } = await connected();
    await alex.end(session.id);
    const closed = await until(() => log.of<{ endedBy: string }>('session.close')[0], 'session.close');
    expect(closed.endedBy).to.equal('agent');
    expect(log.of<PresenceEvent>('presence.agent.left')).to.have.length(1);
    expect(client.liveHelp.isActive()).to.equal(false);
    expect((await rejection(client.chat.sendMessage('too late'))).code).to.equal('session_ended');

    await client.chat.rate(5, { comment: 'Quick and kind', survey: { resolved: 'yes' } });
    expect((await rejection(client.chat.rate(4))).status).to.equal(409);
    await client.chat.emailTranscript('pat@example.com');
  });

  it('ends from the customer side', async () => {
    const { client, log } = await connected();
    await client.chat.end();
    const [closed] = log.of<{ endedBy: string }>('session.close');
    expect(closed.endedBy).to.equal('customer');
  });

  it('pages back through history, newest first', async () => {
    const { client } = await connected();
    for (let i = 1; i <= 5; i++) await client.chat.sendMessage(`m${i}`);
    const texts: string[] = [];
    for await (const event of client.chat.history(2)) if (event.text) texts.push(event.text);
    expect(texts).to.deep.equal(['m5', 'm4', 'm3', 'm2', 'm1']);
  });

  it('shares a file with upload progress, and refuses what the server would refuse', async () => {
    const { client, inbox } = await connected();
    const progress: number[] = [];
    const file = new File(['hello from a file'], 'notes <b>.txt', { type: 'text/plain' });
    const message = await client.chat.sendFile(file, { onProgress: (f) => progress.push(f) });
    expect(message.file?.name).to.contain('notes');
    expect(progress.at(-1)).to.equal(1);
    await until(() => inbox.some((e) => e.type === 'file'), 'the file at the agent');
    const body = await (await fetch(`${env.server}${message.file!.url}`)).text();
    expect(body).to.equal('hello from a file');

    const refused = await rejection(client.chat.sendFile(new File(['x'], 'run.exe', { type: 'application/x-msdownload' })));
    expect(refused.code).to.equal('file_type_not_allowed');

    const controller = new AbortController();
    const big = new File([new Uint8Array(4 * 1024 * 1024)], 'big.zip', { type: 'application/zip' });
    const upload = client.chat.sendFile(big, { signal: controller.signal, onProgress: () => controller.abort() });
    expect((await rejection(upload)).name).to.equal('AbortError');
  });

  it('asks for a call: the code is what the agent finds, and accepting turns it into a chat', async () => {
    const sam = agent(tenant.agents.sam);
    cleanup.push(() => sam.destroy());
    await until(() => sam.connected, 'the agent connection');
    const client = customer();
    cleanup.push(() => client.destroy());
    const log = record(client);
    const session = await client.liveHelp.request({ mode: 'call', skill: 'support' });
    cleanup.push(() => client.liveHelp.end().catch(() => undefined));
    expect(session.kind).to.equal('call');
    const found = await sam.findByCode(session.code);
    expect(found.id).to.equal(session.id);
    await sam.accept(found.id);
    await until(() => client.liveHelp.session?.state === 'active', 'the active call session');
    await until(() => log.names().includes('presence.agent.joined'), 'the agent joining');
    await client.liveHelp.end();
    expect(client.liveHelp.isActive()).to.equal(false);
  });

  it('ends the session with token_revoked when its application token is revoked, and does not reconnect', async () => {
    const app = await cli('token', 'create', '--tenant', tenant.tenantId, '--name', 'revoked while chatting');
    const network = flakyNetwork();
    const client = customer({ token: app, WebSocket: network.WebSocket });
    cleanup.push(() => client.destroy());
    const log = record(client);
    const errors: NexusError[] = [];
    client.chat.on('error', (error) => errors.push(error));
    // A call: never offered, so no agent of this file sees it.
    const session = await client.liveHelp.request({ mode: 'call', skill: 'support' });
    cleanup.push(() =>
      fetch(`${env.server}${routePath(ROUTES.agentEnd, { id: session.id })}`, {
        method: 'POST',
        headers: { authorization: `Bearer ${tenant.agents.sam}` },
      }),
    );
    await until(() => client.chat.connected, 'the customer socket');

    await cli('token', 'revoke', tokenId(app));
    await until(() => log.of('session.close').length, 'session.close', 5000);
    expect(log.of<{ endedBy: string }>('session.close')[0].endedBy).to.equal('system');
    expect(errors.map((e) => [e.code, e.status])).to.deep.equal([['token_revoked', 401]]);
    expect(client.liveHelp.isActive()).to.equal(false);
    await sleep(1000);
    expect(network.net.opened, 'no reconnect').to.equal(1);
  });

  it('rejects bad arguments before any request', async () => {
    const client = customer();
    cleanup.push(() => client.destroy());
    expect((await rejection(client.chat.sendMessage('hi'))).code).to.equal('no_live_session');
    expect((await rejection(client.liveHelp.request({ mode: 'fax' as never }))).message).to.match(/mode/);
    expect((await rejection(client.chat.start('Not A Skill!'))).message).to.match(/skill/);
    expect((await rejection(client.chat.rate(3))).code).to.equal('no_live_session');
  });
});
