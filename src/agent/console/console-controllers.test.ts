import { expect } from '@open-wc/testing';
import { NexusError } from '../../core/errors.js';
import type { LiveState } from '../../protocol/api.js';
import type { ChatEvent, LiveSession } from '../../protocol/live.js';
import type { AgentClient } from '../agent-client.js';
import { Composer } from './composer.js';
import { ConsoleStore } from './console-store.js';
import { SessionLoader } from './session-loader.js';

// The reply box and the loader against a fake client: what they send, and what the store shows.

const session = (id: string, state: LiveState): LiveSession =>
  ({ id, state, lastSeq: 0, createdAt: 1, kind: 'chat', skill: null, code: '1', data: {}, agent: { id: 'ag_1', name: 'Alex' } }) as unknown as LiveSession;
const event = (seq: number, text: string): ChatEvent => ({ seq, type: 'message', text, at: seq, author: { role: 'customer' } }) as ChatEvent;

/** A client that records its calls; `sendMessage` fails while `failing` is set. */
function fakeClient() {
  const calls: string[] = [];
  const state = { failing: false, seq: 10 };
  const client = {
    typing: (id: string, on: boolean) => calls.push(`typing ${id} ${on}`),
    sendMessage: async (id: string, text: string) => {
      calls.push(`send ${id} ${text}`);
      if (state.failing) throw new NexusError('network_error', 'offline', 0);
      return { seq: ++state.seq };
    },
    eventsAfter: async (_id: string, after: number) =>
      after === 0 ? { items: [event(1, 'a'), event(2, 'b')], more: true } : { items: [event(3, 'c')], more: false },
    subscribe: (id: string, seq: number) => calls.push(`subscribe ${id} ${seq}`),
    markSeen: (id: string, seq: number) => calls.push(`seen ${id} ${seq}`),
  };
  return { client: client as unknown as AgentClient, calls, state };
}

describe('agent console controllers', () => {
  it('Composer: typing on with the first keystroke and off with an empty box; sends the draft and resends a failed one', async () => {
    const store = new ConsoleStore();
    const { client, calls, state } = fakeClient();
    const sent: unknown[] = [];
    const composer = new Composer({
      store,
      client: () => client,
      canReply: (s) => s?.state === 'active',
      sent: (detail) => sent.push(detail),
      reportError: () => {},
      scrollTranscript: () => {},
    });
    store.upsert(session('s1', 'active'));
    store.select('s1');
    store.loadingThread('s1');
    const box = document.createElement('textarea');
    const type = (text: string) => {
      box.value = text;
      composer.input({ target: box } as unknown as InputEvent);
    };
    type('h');
    type('hi');
    expect(calls).to.deep.equal(['typing s1 true']);
    type('');
    expect(calls.at(-1)).to.equal('typing s1 false');
    type('hello');
    await composer.send();
    expect(store.draft('s1')).to.equal('');
    expect(calls.slice(-2)).to.deep.equal(['typing s1 false', 'send s1 hello']);
    expect(sent).to.have.length(1);
    state.failing = true;
    type('again');
    await composer.send();
    const failed = store.threads.get('s1')!.transcript.entries.at(-1)!;
    expect(failed.outgoing?.status).to.equal('failed');
    state.failing = false;
    composer.resend('s1', failed.outgoing!.clientId);
    await new Promise((resolve) => setTimeout(resolve));
    expect(store.threads.get('s1')!.transcript.entries.at(-1)!.outgoing?.status).to.equal('sent');
  });

  it('SessionLoader: loads every page of events, follows the session, and marks what the agent read', async () => {
    const store = new ConsoleStore();
    const { client, calls } = fakeClient();
    const loader = new SessionLoader({
      store,
      client: () => client,
      isMine: () => true,
      upsert: (s) => store.upsert(s),
      reportError: () => {},
      scrollTranscript: () => {},
    });
    store.upsert(session('s1', 'active'));
    store.select('s1');
    await loader.loadThread('s1');
    const thread = store.threads.get('s1')!;
    expect(thread.phase).to.equal('ready');
    expect(thread.transcript.entries.map((item) => item.event?.text)).to.deep.equal(['a', 'b', 'c']);
    expect(calls).to.deep.equal(['subscribe s1 3', 'seen s1 3']);
    loader.markSeen('s1');
    expect(calls, 'read up to 3 already').to.have.length(2);
  });
});
