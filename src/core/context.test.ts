import { expect } from '@open-wc/testing';
import { env, freshKey, until } from '../../test/browser/env.js';
import { NexusClient } from './client.js';
import { NexusError } from './errors.js';
import { Outbox } from './outbox.js';
import { Transport } from './transport.js';
import { memoryStorage, type StateStorage } from './storage.js';
import type { ContextOp } from '../protocol/schemas.js';
import { LIMITS } from '../protocol/api.js';

interface Sent {
  url: string;
  body: { consumer: string; ops?: ContextOp[]; events?: unknown[] };
  keepalive: boolean;
}

/** A demo-tenant client that records what it posts; `fail` makes the next N requests fail offline. */
function recordingClient(options: { storage?: StateStorage; consumerKey?: string; token?: string } = {}) {
  const sent: Sent[] = [];
  const control = { fail: 0 };
  const client = new NexusClient({
    server: env.server,
    token: options.token ?? env.tokens.demo,
    storage: options.storage ?? memoryStorage(),
    consumerKey: options.consumerKey ?? freshKey(),
    flushDelayMs: 10,
    fetch: async (input, init) => {
      if (init?.method === 'POST') {
        sent.push({ url: String(input), body: JSON.parse(String(init.body)), keepalive: Boolean(init.keepalive) });
      }
      if (control.fail > 0) {
        control.fail--;
        throw new TypeError('Failed to fetch');
      }
      return fetch(input, init);
    },
  });
  const ops = () => sent.filter((s) => s.url.endsWith('/v1/context')).flatMap((s) => s.body.ops ?? []);
  return { client, sent, ops, control };
}

describe('core: context', () => {
  it('sends identity and log entries in order, batched, under the consumer key', async () => {
    const { client, sent, ops } = recordingClient({ consumerKey: 'consumer-order-1' });
    client.context.setIdentity('ada@example.com', 'Ada', 'Lovelace');
    client.context.setPhone('+44 20 7946 0000');
    client.context.logAction('Manage Device', { type: 'lightbulb', lastKnownState: 'on' });
    client.context.logDevice('lightbulb', { state: 'on' });
    client.context.logContent('Article', 'AirDrop Setup');
    await client.context.flush();
    expect(sent.length).to.equal(1);
    expect(sent[0].body.consumer).to.equal('consumer-order-1');
    expect(ops().map((op) => op.op)).to.deep.equal(['identity', 'identity', 'log', 'log', 'log']);
    expect(ops()[0]).to.include({ op: 'identity' });
    expect((ops()[0] as { set: object }).set).to.deep.equal({ email: 'ada@example.com', firstName: 'Ada', lastName: 'Lovelace' });
    expect(ops()[4]).to.include({ kind: 'content', name: 'Article', detail: 'AirDrop Setup' });
    expect(client.context.identity).to.deep.equal({
      email: 'ada@example.com',
      firstName: 'Ada',
      lastName: 'Lovelace',
      phone: '+44 20 7946 0000',
    });
  });

  it('recommends paths that match the logged devices', async () => {
    const { client } = recordingClient();
    client.context.logDevice('lightbulb', { state: 'unreachable' });
    client.context.logAction('Manage Device', { type: 'lightbulb' });
    const items = await client.selfHelp.recommended({ limit: 5 });
    const fromContext = items.filter((item) => item.reason === 'context');
    expect(fromContext.length).to.be.greaterThan(0);
    expect(items[0].reason).to.equal('context');
    expect(`${items[0].title} ${items[0].tags.join(' ')}`).to.match(/bulb/i);
  });

  it('recommends popular paths to someone with no context', async () => {
    const { client } = recordingClient();
    const items = await client.selfHelp.recommended({ limit: 3 });
    expect(items.length).to.equal(3);
    expect(items.every((item) => item.reason === 'popular')).to.equal(true);
  });

  it('clears the previous session’s context when a new session begins (the guide’s default)', async () => {
    const { client, ops } = recordingClient();
    client.context.setFirstName('Grace');
    await client.context.beginSession();
    const firstBegin = Date.now();
    client.context.logAction('Between sessions');
    await client.context.beginSession();
    await client.context.flush();
    const clears = ops().filter((op) => op.op === 'clear-context' || op.op === 'clear-identity');
    expect(clears.map((op) => op.op)).to.deep.equal(['clear-context', 'clear-identity']);
    const before = (clears[0] as { before: number }).before;
    expect(before).to.be.at.most(firstBegin);
    // The entry logged between the two sessions is newer than the cut-off, so it stays.
    const between = ops().find((op) => op.op === 'log') as { at: number };
    expect(between.at).to.be.at.least(before);
    expect(client.context.identity).to.deep.equal({});
  });

  it('keeps context across sessions after preserveContext(true)', async () => {
    const { client, ops } = recordingClient();
    client.context.preserveContext(true);
    client.context.setFirstName('Grace');
    await client.context.beginSession();
    await client.context.beginSession();
    await client.context.flush();
    expect(ops().some((op) => op.op.startsWith('clear'))).to.equal(false);
    expect(client.context.identity).to.deep.equal({ firstName: 'Grace' });
  });

  it('refuses bad input with a clear error and sends nothing', async () => {
    const { client, sent } = recordingClient();
    expect(() => client.context.setEmail('not an email')).to.throw(NexusError, /email/);
    expect(() => client.context.logAction('')).to.throw(NexusError, /name/);
    const circular: Record<string, unknown> = {};
    circular.self = circular;
    expect(() => client.context.logDevice('hub', circular)).to.throw(NexusError, /JSON/);
    expect(() => client.context.logDevice('hub', { blob: 'x'.repeat(9000) })).to.throw(NexusError, /larger/);
    // Nested deeper than the server takes (LIMITS.maxEntryDataDepth), at the call, not later.
    let deep: unknown = 1;
    for (let i = 0; i < LIMITS.maxEntryDataDepth + 1; i++) deep = [deep];
    expect(() => client.context.logDevice('hub', deep)).to.throw(NexusError, /levels deep/);
    expect(() => client.context.setFirstName(42 as unknown as string)).to.throw(NexusError, /string/);
    await client.context.flush();
    expect(sent).to.deep.equal([]);
  });

  it('retries after a network failure, so nothing logged is lost', async () => {
    const { client, ops, control } = recordingClient();
    const errors: NexusError[] = [];
    client.on('error', (e) => errors.push(e));
    control.fail = 1;
    client.context.logDevice('thermostat', { battery: 'low' });
    await until(() => errors.length > 0, 'the delivery error');
    expect(errors[0].code).to.equal('network_error');
    await until(() => ops().length >= 2, 'the retry', 4000);
    // The same op (same id) was sent twice: the server keeps one.
    expect(ops()[0].id).to.equal(ops()[1].id);
    await client.flush();
    const items = await client.selfHelp.recommended({ limit: 3 });
    expect(items[0].reason).to.equal('context');
    expect(`${items[0].title} ${items[0].tags.join(' ')}`).to.match(/thermostat/i);
  });

  it('keeps unsent entries in storage and delivers them after a reload', async () => {
    const storage = memoryStorage();
    const consumerKey = freshKey();
    const before = recordingClient({ storage, consumerKey });
    before.control.fail = 1000;
    before.client.context.logDevice('camera', { status: 'offline' });
    await until(() => before.sent.length > 0, 'a first attempt');
    await before.client.destroy().catch(() => undefined);
    // The "reloaded page": a new client on the same storage sends what the old one could not.
    const after = recordingClient({ storage, consumerKey });
    await after.client.flush();
    expect(after.ops().map((op) => op.op)).to.deep.equal(['log']);
    const items = await after.client.selfHelp.recommended({ limit: 3 });
    expect(`${items[0].title} ${items[0].tags.join(' ')}`).to.match(/camera/i);
  });

  it('flushes with keepalive when the page is hidden', async () => {
    const { client, sent } = recordingClient();
    client.context.logAction('Checkout');
    window.dispatchEvent(new PageTransitionEvent('pagehide'));
    expect(sent.length).to.equal(1);
    expect(sent[0].keepalive).to.equal(true);
    await until(async () => {
      await client.flush();
      return sent.length === 1;
    }, 'the keepalive delivery to be acknowledged');
  });

  it('stops retrying and reports when the token is refused', async () => {
    const { client, sent } = recordingClient({ token: env.tokens.revoked });
    const errors: NexusError[] = [];
    client.on('error', (e) => errors.push(e));
    client.context.logAction('Anything');
    await client.flush();
    expect(errors.map((e) => e.code)).to.deep.equal(['token_revoked']);
    const attempts = sent.length;
    await new Promise((r) => setTimeout(r, 300));
    expect(sent.length).to.equal(attempts);
  });

  it('keeps the anonymous consumer key across clients (visits) by default', () => {
    const a = new NexusClient({ server: env.server, token: env.tokens.demo, storage: memoryStorage() });
    const b = new NexusClient({ server: env.server, token: env.tokens.demo, storage: memoryStorage() });
    expect(a.consumerKey).to.match(/^[A-Za-z0-9_-]{8,64}$/);
    expect(b.consumerKey).to.equal(a.consumerKey);
    const other = new NexusClient({ server: env.server, token: env.tokens.other, storage: memoryStorage() });
    expect(other.consumerKey).not.to.equal(a.consumerKey);
  });
});

/** An outbox of one item with short backoffs; `answer` sees each attempt's number (from 1) and may throw. */
function retryingOutbox(answer: (attempt: number) => void) {
  const attempts: number[] = [];
  const outbox = new Outbox<{ id: string }>({
    storage: memoryStorage(),
    key: 'k',
    maxBatch: 10,
    delayMs: 0,
    maxBackoffMs: 40,
    send: async () => {
      attempts.push(performance.now());
      answer(attempts.length);
    },
  });
  outbox.push({ id: 'only-item' });
  return { outbox, attempts };
}

describe('core: outbox', () => {
  it('drops only the items the server refuses as invalid, by bisection', async () => {
    const delivered: string[] = [];
    const dropped: string[] = [];
    const outbox = new Outbox<{ id: string; bad?: boolean }>({
      storage: memoryStorage(),
      key: 'k',
      maxBatch: 10,
      delayMs: 1000,
      send: async (items) => {
        if (items.some((i) => i.bad)) throw new NexusError('invalid_request', 'bad item', 400);
        delivered.push(...items.map((i) => i.id));
      },
      onDrop: (items) => dropped.push(...items.map((i) => i.id)),
    });
    for (let i = 0; i < 8; i++) outbox.push({ id: `item-${i}`, bad: i === 2 || i === 5 });
    await outbox.flush();
    expect(dropped).to.deep.equal(['item-2', 'item-5']);
    expect(delivered.sort()).to.deep.equal(['item-0', 'item-1', 'item-3', 'item-4', 'item-6', 'item-7']);
    expect(outbox.pending).to.deep.equal([]);
  });

  it("waits at least the server's Retry-After before trying again", async () => {
    const { outbox, attempts } = retryingOutbox((attempt) => {
      if (attempt === 1) throw Object.assign(new NexusError('rate_limited', 'slow down', 429), { retryAfterMs: 1000 });
    });
    await until(() => outbox.pending.length === 0, 'delivery after the wait', 4000);
    expect(attempts.length).to.equal(2);
    expect(attempts[1] - attempts[0]).to.be.at.least(990);
  });

  it('reads Retry-After of an error answer (429, 503) into retryAfterMs', async () => {
    const answer = (status: number, headers: Record<string, string>) =>
      new Transport({
        server: env.server,
        token: env.tokens.demo,
        fetch: async () =>
          new Response(JSON.stringify({ error: { code: 'rate_limited', message: 'slow down' } }), {
            status,
            headers: { 'content-type': 'application/json', ...headers },
          }),
      })
        .request('GET', '/v1/categories')
        .then(() => expect.fail('an error answer'), (e: NexusError) => e);
    const limited = await answer(429, { 'retry-after': '7' });
    expect([limited.code, limited.status, limited.retryAfterMs, limited.retryable]).to.deep.equal(['rate_limited', 429, 7000, true]);
    const without = await answer(503, {});
    expect(without.retryAfterMs).to.equal(undefined);
  });

  it('backs off between retries and delivers once the server is back', async () => {
    const { outbox, attempts } = retryingOutbox((attempt) => {
      if (attempt <= 3) throw new NexusError('internal_error', 'down', 503);
    });
    await until(() => outbox.pending.length === 0, 'delivery after retries');
    expect(attempts.length).to.equal(4);
  });

  it('restores items a previous page left in storage', async () => {
    const storage = memoryStorage();
    storage.write('k', JSON.stringify([{ id: 'left-behind' }]));
    const delivered: string[] = [];
    const outbox = new Outbox<{ id: string }>({
      storage,
      key: 'k',
      maxBatch: 10,
      send: async (items) => void delivered.push(...items.map((i) => i.id)),
    });
    outbox.push({ id: 'new-one' });
    await outbox.flush();
    expect(delivered).to.deep.equal(['left-behind', 'new-one']);
    expect(storage.read('k')).to.equal(null);
  });
});
