import { expect } from '@open-wc/testing';
import { cli, env, freshKey } from '../../test/browser/env.js';
import { newAccount, newTenant, signedIn } from '../../test/browser/portal-world.js';
import { NexusClient } from './client.js';
import { NexusError } from './errors.js';
import { memoryStorage } from './storage.js';

/** A client of a tenant that keeps what it sent: each request's URL and body. */
function recordingClient(token: string) {
  const sent: { url: string; body: string }[] = [];
  const client = new NexusClient({
    server: env.server,
    token,
    storage: memoryStorage(),
    consumerKey: freshKey(),
    flushDelayMs: 0,
    fetch: (input, init) => {
      sent.push({ url: String(input), body: typeof init?.body === 'string' ? init.body : '' });
      return fetch(input, init);
    },
  });
  return { client, sent };
}

describe('core: analytics', function () {
  // The tenant, token and account come from the server's CLI, slow under load.
  this.timeout(60_000);
  const cleanup: (() => unknown)[] = [];
  afterEach(async () => {
    for (const undo of cleanup.splice(0).reverse()) await undo();
  });

  it('sends where a path was opened from with its started event, and the consumer with a search', async () => {
    const { client, sent } = recordingClient(env.tokens.demo);
    cleanup.push(() => client.destroy());
    client.selfHelp.track('reset-smart-bulb', 'started', undefined, 'recommended');
    client.selfHelp.track('reset-smart-bulb', 'step', 'unplug');
    await client.flush();
    const activity = sent.find((r) => r.url.endsWith('/v1/activity'))!;
    const events = JSON.parse(activity.body).events as { event: string; source?: string }[];
    expect(events.map((e) => [e.event, e.source ?? null])).to.deep.equal([['started', 'recommended'], ['step', null]]);

    await client.selfHelp.search('bulb');
    const search = new URL(sent.find((r) => r.url.includes('/v1/search'))!.url);
    expect(search.searchParams.get('consumer')).to.equal(client.consumerKey);
  });

  it('session.admin.analytics: a supervisor reads the searches of its tenant, as views and as CSV; a too-long range is refused', async () => {
    const tenant = await newTenant();
    const token = await cli('token', 'create', '--tenant', tenant, '--name', 'Shop');
    const { client } = recordingClient(token);
    cleanup.push(() => client.destroy());
    const from = Date.now() - 1000;
    // The tenant has no content: every search finds nothing.
    for (const q of ['Blue  light', 'blue light', '+44 fan']) await client.selfHelp.search(q, { channel: null });
    const to = Date.now() + 60_000;

    const session = await signedIn(cleanup, await newAccount({ tenant, role: 'supervisor' }));
    const view = await session.admin.analytics.selfHelp({ from, to, utcOffset: 60 });
    expect(view.searches).to.deep.equal({
      total: 3,
      noResult: 3,
      topNoResult: [
        { query: 'blue light', count: 2 },
        { query: '+44 fan', count: 1 },
      ],
    });
    expect(view.range.utcOffset).to.equal(60);
    expect(view.days.reduce((sum, d) => sum + d.searches, 0)).to.equal(3);
    const live = await session.admin.analytics.liveHelp({ from, to });
    expect([live.sessions, live.abandoned, live.ratings.count]).to.deep.equal([0, 0, 0]);

    const csv = await session.admin.analytics.csv('self-help', 'no-result-queries', { from, to });
    expect(csv).to.equal("query,searches\r\nblue light,2\r\n'+44 fan,1\r\n");

    const refused = await session.admin.analytics.selfHelp({ from: 0, to: 400 * 86_400_000 }).catch((error: unknown) => error);
    expect(refused).to.be.instanceOf(NexusError);
    expect((refused as NexusError).code).to.equal('range_too_long');
  });
});
