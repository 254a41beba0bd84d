/**
 * Shared setup of the co-browse browser tests: a customer whose socket frames are all captured,
 * in an active chat that agent alex of `tenant` accepted, and what alex hears of co-browse.
 */
import { AgentClient } from '../../src/agent/agent-client.js';
import type { NexusClientOptions } from '../../src/core/client.js';
import type { LiveRequestOptions } from '../../src/core/live.js';
import type { CobrowseInfo } from '../../src/protocol/cobrowse.js';
import { env, testClient, until } from './env.js';

type Tenant = (typeof env.live)[keyof typeof env.live];

/** A WebSocket class for the client that records every frame its sockets send, as text. */
export function capturingSocket() {
  const sent: string[] = [];
  const sockets: WebSocket[] = [];
  class CapturingWebSocket extends WebSocket {
    constructor(url: string | URL) {
      super(url);
      sockets.push(this);
    }
    override send(data: string | ArrayBufferLike | Blob | ArrayBufferView) {
      sent.push(String(data));
      super.send(data);
    }
  }
  return { sent, sockets, WebSocket: CapturingWebSocket as typeof WebSocket };
}

/**
 * The customer (its frames captured) in an active sales chat with alex; `cleanup` gets what
 * undoes it. `client` options and the chat's `start` options may be added.
 */
export async function cobrowseChat(
  tenant: Tenant,
  cleanup: (() => unknown)[],
  options: { client?: Partial<NexusClientOptions>; chat?: Omit<LiveRequestOptions, 'mode' | 'skill'> } = {},
) {
  const capture = capturingSocket();
  const alex = new AgentClient({ server: env.server, token: tenant.agents.alex, reconnectDelayMs: 50 });
  cleanup.push(() => alex.destroy());
  await until(() => alex.connected, 'the agent connection');
  await alex.setStatus('available');
  const offers: string[] = [];
  alex.on('offer', ({ session }) => offers.push(session.id));
  const client = testClient({
    token: tenant.app,
    WebSocket: capture.WebSocket,
    reconnectDelayMs: 50,
    heartbeatMs: 60_000,
    ...options.client,
  }).client;
  cleanup.push(() => client.destroy());
  const session = await client.chat.start('sales', options.chat ?? {});
  cleanup.push(() => (client.liveHelp.isActive() ? client.chat.end().catch(() => undefined) : undefined));
  await until(() => offers.includes(session.id), 'the offer to alex');
  await alex.accept(session.id);
  await until(() => client.chat.session?.state === 'active', 'the chat to be active');
  const states: CobrowseInfo[] = [];
  const batches: unknown[][] = [];
  alex.on('cobrowse.state', ({ sessionId, cobrowse }) => sessionId === session.id && states.push(cobrowse));
  alex.on('cobrowse.events', ({ sessionId, events }) => sessionId === session.id && batches.push(events));
  const requests: CobrowseInfo[] = [];
  client.cobrowse.on('request', (info) => requests.push(info));
  return { alex, client, session, capture, states, batches, requests };
}
