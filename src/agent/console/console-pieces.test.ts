import { expect } from '@open-wc/testing';
import { render } from 'lit';
import type { LocalizeController } from '../../components/shared/localize.js';
import type { LiveState } from '../../protocol/api.js';
import type { Agent, AgentSessionDetail, ChatEvent, LiveSession } from '../../protocol/live.js';
import { ConsoleStore } from './console-store.js';
import type { ConsoleActions, ConsoleView } from './console-view.js';
import { renderChat } from './conversation.js';
import { renderDetails } from './customer-panel.js';
import { listKey, renderSidebar } from './session-list.js';

// The console's pieces rendered straight from a store, without an element or a server: the parts
// themes rely on, and what the agent's clicks call.

const agent = { id: 'ag_1', name: 'Alex', status: 'available', skills: ['support'] } as Agent;
const session = (id: string, state: LiveState, more: Partial<LiveSession> = {}): LiveSession =>
  ({ id, state, lastSeq: 0, createdAt: 1000, kind: 'chat', skill: 'support', code: '123456', data: {}, ...more }) as LiveSession;

/** A view over `store` whose strings are their keys, and whose actions are recorded. */
function view(store: ConsoleStore) {
  const calls: string[] = [];
  const on = new Proxy({} as ConsoleActions, {
    get: (_, name: string) => (...args: unknown[]) => calls.push(`${name}(${args.filter((a) => typeof a === 'string').join(',')})`),
  });
  const localize = { time: (at: number) => `t${at}`, size: (n: number) => `${n} B`, count: (_k: string, _o: string, n: number) => `${n}` };
  const ui: ConsoleView = {
    store,
    localize: localize as unknown as LocalizeController,
    on,
    agent: () => agent,
    client: () => undefined,
    now: () => 2000,
    t: (key, values) => (values ? `${key} ${JSON.stringify(values)}` : key),
    activeIndex: () => 0,
    codeStatus: () => undefined,
    cobrowseButton: () => null,
    cobrowseArea: () => null,
    transferButton: () => null,
    transferStatus: () => null,
    transferDialog: () => null,
  };
  return { ui, calls };
}

function mount(template: unknown): HTMLElement {
  const root = document.createElement('div');
  render(template, root);
  return root;
}
const parts = (root: HTMLElement, name: string) => [...root.querySelectorAll<HTMLElement>(`[part~="${name}"]`)];

describe('agent console pieces', () => {
  it('moves through the session list with the keys of a listbox', () => {
    expect(listKey('ArrowDown', 0, 3)).to.deep.equal({ index: 1, open: false });
    expect(listKey('ArrowDown', 2, 3)).to.deep.equal({ index: 2, open: false });
    expect(listKey('ArrowUp', 0, 3)).to.deep.equal({ index: 0, open: false });
    expect(listKey('End', 0, 3)).to.deep.equal({ index: 2, open: false });
    expect(listKey('Home', 2, 3)).to.deep.equal({ index: 0, open: false });
    expect(listKey('Enter', 7, 3), 'an index past the end opens the last').to.deep.equal({ index: 2, open: true });
    expect(listKey(' ', 1, 3)).to.deep.equal({ index: 1, open: true });
    expect(listKey('a', 0, 3)).to.equal(undefined);
    expect(listKey('ArrowDown', 0, 0)).to.equal(undefined);
  });

  it('renders the session list from the store: the open one, new-message counts, and a click opens', () => {
    const store = new ConsoleStore();
    store.listLoaded(store.beginListLoad(), [session('s1', 'queued', { createdAt: 1 }), session('s2', 'active', { createdAt: 2, agent: { id: 'ag_1', name: 'Alex' } })]);
    store.select('s2');
    store.addUnread('s1');
    const { ui, calls } = view(store);
    const root = mount(renderSidebar(ui));
    expect(parts(root, 'session-list')[0].getAttribute('role')).to.equal('listbox');
    const sessions = parts(root, 'session');
    expect(sessions.map((s) => s.dataset.session)).to.deep.equal(['s2', 's1']);
    expect(parts(root, 'session-selected').map((s) => s.dataset.session)).to.deep.equal(['s2']);
    expect(parts(root, 'unread')).to.have.length(1);
    expect(parts(root, 'filter')).to.have.length(3);
    sessions[1].click();
    expect(calls).to.include('select(s1)');
  });

  it('renders the conversation: whose messages, "seen", and the composer in the agent\'s own active session', () => {
    const store = new ConsoleStore();
    store.upsert(session('s1', 'active', { agent: { id: 'ag_1', name: 'Alex' } }));
    store.select('s1');
    const thread = store.loadingThread('s1');
    const event = (seq: number, role: 'customer' | 'agent', text: string): ChatEvent =>
      ({ seq, type: 'message', text, at: 1000 + seq, author: role === 'agent' ? { role, id: 'ag_1', name: 'Alex' } : { role } }) as ChatEvent;
    thread.transcript.add(event(1, 'customer', 'hi'));
    thread.transcript.add(event(2, 'agent', 'hello'));
    store.threadLoaded(thread);
    store.seenByCustomer('s1', 2);
    const { ui, calls } = view(store);
    const root = mount(renderChat(ui));
    expect(parts(root, 'transcript')[0].getAttribute('role')).to.equal('log');
    expect(parts(root, 'message-customer').map((m) => m.textContent)).to.have.length(1);
    expect(parts(root, 'message-own')).to.have.length(1);
    expect(parts(root, 'read-marker')).to.have.length(1);
    expect(parts(root, 'composer')).to.have.length(1);
    expect(parts(root, 'end-button')).to.have.length(1);
    expect(parts(root, 'accept-button')).to.have.length(0);
    parts(root, 'end-button')[0].click();
    expect(calls).to.include('askEnd()');
  });

  it('renders the customer panel from the details, and its refresh reloads them', () => {
    const store = new ConsoleStore();
    store.upsert(session('s1', 'active', { data: { plan: 'gold' } }));
    store.select('s1');
    const detail = {
      session: session('s1', 'active', { data: { plan: 'gold' } }),
      consumer: {
        key: 'k1',
        firstName: 'Dana',
        lastName: null,
        email: 'dana@example.com',
        phone: null,
        externalId: null,
        context: [{ kind: 'action', name: 'viewed pricing', detail: null, data: null, at: 1500 }],
        activity: [],
      },
    } as unknown as AgentSessionDetail;
    store.detailLoaded('s1', detail);
    const { ui, calls } = view(store);
    const root = mount(renderDetails(ui));
    expect(parts(root, 'identity')[0].textContent).to.contain('Dana').and.contain('dana@example.com');
    expect(parts(root, 'session-data')[0].textContent).to.contain('gold');
    expect(parts(root, 'context-entry')).to.have.length(1);
    expect(parts(root, 'activity-entry')).to.have.length(0);
    parts(root, 'refresh-button')[0].click();
    expect(calls).to.include('loadDetail(s1)');
  });
});
