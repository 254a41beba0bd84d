import { expect } from '@open-wc/testing';
import { env, freshKey } from '../../test/browser/env.js';
import { NexusClient } from './client.js';
import { NexusError, isAbort } from './errors.js';
import { memoryStorage } from './storage.js';
import { splitHighlights } from '../protocol/api.js';

/** A client on the demo tenant whose requests are counted. */
function countingClient(token = env.tokens.demo) {
  const urls: string[] = [];
  const client = new NexusClient({
    server: env.server,
    token,
    storage: memoryStorage(),
    consumerKey: freshKey(),
    fetch: (input, init) => {
      urls.push(String(input));
      return fetch(input, init);
    },
  });
  return { client, urls };
}

async function rejection(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error('expected the promise to reject');
}

describe('core: self help', () => {
  it('finds the one path a help-id names, with its steps', async () => {
    const { client } = countingClient();
    const path = await client.selfHelp.byHelpId('bulb-reset');
    expect(path.id).to.equal('reset-smart-bulb');
    expect(path.helpIds).to.include('bulb-reset');
    expect(path.steps.length).to.be.greaterThan(2);
  });

  it('rejects an unknown help-id with help_id_not_found (404)', async () => {
    const { client } = countingClient();
    const error = (await rejection(client.selfHelp.byHelpId('no-such-help-id'))) as NexusError;
    expect(error).to.be.instanceOf(NexusError);
    expect(error.code).to.equal('help_id_not_found');
    expect(error.status).to.equal(404);
    expect(error.retryable).to.equal(false);
  });

  it('loads a path by id and lists paths by any of several tags', async () => {
    const { client } = countingClient();
    const path = await client.selfHelp.byPathId('replace-thermostat-battery');
    expect(path.title).to.match(/thermostat/i);
    const bulbs = await client.selfHelp.byTags('LightBulb');
    expect(bulbs.items.length).to.be.greaterThan(1);
    for (const item of bulbs.items) expect(item.tags.map((t) => t.toLowerCase())).to.include('lightbulb');
    const both = await client.selfHelp.byTags(['LightBulb', 'Thermostat']);
    expect(both.total).to.be.greaterThan(bulbs.total);
  });

  it('ranks "reset bulb" with the reset path first and marks the matches', async () => {
    const { client } = countingClient();
    const result = await client.selfHelp.search('reset bulb');
    expect(result.items[0].id).to.equal('reset-smart-bulb');
    const marked = splitHighlights(result.items[0].titleHighlight).filter((s) => s.match).map((s) => s.text.toLowerCase());
    expect(marked.join(' ')).to.match(/reset/);
  });

  it('caches results for the life of the client', async () => {
    const { client, urls } = countingClient();
    await client.selfHelp.byHelpId('bulb-reset');
    await client.selfHelp.byHelpId('bulb-reset');
    await client.selfHelp.categories();
    await client.selfHelp.categories();
    expect(urls.length).to.equal(2);
  });

  it('a search aborted while its answer arrives rejects as aborted, and is not remembered as an empty answer', async () => {
    let stall = true;
    let headersIn!: () => void;
    const answered = new Promise<void>((resolve) => (headersIn = resolve));
    const client = new NexusClient({
      server: env.server,
      token: env.tokens.demo,
      storage: memoryStorage(),
      consumerKey: freshKey(),
      fetch: async (input, init) => {
        const real = await fetch(input, init);
        if (!stall) return real;
        // Stand-in for a slow network, which the loopback server cannot be: the headers are in,
        // the body has not come yet when the search is aborted (fetch then fails the body read).
        const body = new ReadableStream<Uint8Array>({
          start(controller) {
            init!.signal!.addEventListener('abort', () => controller.error(new DOMException('The operation was aborted.', 'AbortError')));
          },
        });
        headersIn();
        return new Response(body, { status: real.status, headers: real.headers });
      },
    });
    const controller = new AbortController();
    const pending = client.selfHelp.search('thermostat', { signal: controller.signal, channel: null });
    await answered;
    controller.abort();
    expect(isAbort(await rejection(pending))).to.equal(true);

    stall = false;
    const again = await client.selfHelp.search('thermostat', { channel: null });
    expect(again.items.length).to.be.greaterThan(0);
    await client.destroy();
  });

  it('cancels a superseded search on the same channel', async () => {
    const { client } = countingClient();
    const first = client.selfHelp.search('thermo');
    const second = client.selfHelp.search('thermostat battery');
    const error = await rejection(first);
    expect(isAbort(error)).to.equal(true);
    expect((await second).items.length).to.be.greaterThan(0);
  });

  it('lets searches on different channels run side by side', async () => {
    const { client } = countingClient();
    const [a, b] = await Promise.all([
      client.selfHelp.search('camera', { channel: 'a' }),
      client.selfHelp.search('plug', { channel: 'b' }),
    ]);
    expect(a.items.length).to.be.greaterThan(0);
    expect(b.items.length).to.be.greaterThan(0);
  });

  it('lists categories with the number of paths in each', async () => {
    const { client } = countingClient();
    const categories = await client.selfHelp.categories();
    expect(categories.length).to.be.at.least(6);
    const lighting = categories.find((c) => c.id === 'lighting');
    expect(lighting?.pathCount).to.be.at.least(4);
    const paths = await client.selfHelp.byCategory('lighting', { limit: 50 });
    expect(paths.total).to.equal(lighting?.pathCount);
  });

  it('keeps tenants apart: another tenant’s token does not see demo paths', async () => {
    const { client } = countingClient(env.tokens.other);
    const error = (await rejection(client.selfHelp.byHelpId('bulb-reset'))) as NexusError;
    expect(error.status).to.equal(404);
    const result = await client.selfHelp.search('bulb');
    expect(result.items.map((i) => i.id)).not.to.include('reset-smart-bulb');
  });

  it('reports refused tokens as unauthorized with the server’s code', async () => {
    for (const [name, code] of [
      ['expired', 'token_expired'],
      ['revoked', 'token_revoked'],
      ['forged', 'token_invalid'],
    ] as const) {
      const { client } = countingClient(env.tokens[name]);
      const error = (await rejection(client.selfHelp.categories())) as NexusError;
      expect(error.code, name).to.equal(code);
      expect(error.unauthorized, name).to.equal(true);
    }
  });

  it('reports an unreachable server as a retryable network error', async () => {
    const client = new NexusClient({ server: 'http://127.0.0.1:9', token: env.tokens.demo, storage: memoryStorage(), consumerKey: freshKey() });
    const error = (await rejection(client.selfHelp.categories())) as NexusError;
    expect(error.code).to.equal('network_error');
    expect(error.status).to.equal(0);
    expect(error.retryable).to.equal(true);
  });

  it('refuses bad arguments before any request', async () => {
    const { client, urls } = countingClient();
    expect(() => client.selfHelp.byHelpId('  ')).to.throw(NexusError, /non-empty/);
    expect(() => client.selfHelp.byTags([])).to.throw(NexusError, /at least one tag/);
    await rejection(client.selfHelp.search('x'.repeat(500)));
    expect(urls).to.deep.equal([]);
    expect(() => new NexusClient({ server: 'ftp://example.com', token: 't' })).to.throw(NexusError, /http/);
    expect(() => new NexusClient({ server: env.server, token: '' })).to.throw(NexusError, /token/);
  });
});
