import { expect } from '@open-wc/testing';
import type { LiveState } from '../../protocol/api.js';
import type { AgentSessionDetail, ChatEvent, LiveSession } from '../../protocol/live.js';
import { ConsoleStore, newer } from './console-store.js';

// The console's state without an element: what the socket, REST answers and the agent's actions
// tell it, in the orders they can arrive in.

const session = (id: string, state: LiveState, lastSeq: number, createdAt = 1000, more: Partial<LiveSession> = {}): LiveSession =>
  ({ id, state, lastSeq, createdAt, kind: 'chat', skill: 'support', code: '123456', data: {}, ...more }) as LiveSession;

const message = (seq: number, text: string, role: 'customer' | 'agent' = 'customer', clientId?: string): ChatEvent => ({
  seq,
  type: 'message',
  author: role === 'agent' ? { role, id: 'ag_1', name: 'Alex' } : { role },
  text,
  clientId,
  at: 1000 + seq,
});

/** The store, with a count of its change notifications. */
function store() {
  const s = new ConsoleStore();
  const changes = { count: 0 };
  s.onChange(() => changes.count++);
  return { s, changes };
}

describe('agent console store', () => {
  describe('newer', () => {
    it('never takes a view with a lower lastSeq, or an earlier state at the same lastSeq; nothing comes back from ended', () => {
      const active = session('s1', 'active', 5);
      expect(newer(active, session('s1', 'queued', 5))).to.equal(active);
      expect(newer(active, session('s1', 'active', 4))).to.equal(active);
      // A transfer stores events: queued again, with a higher lastSeq.
      const transferred = session('s1', 'queued', 9);
      expect(newer(active, transferred)).to.equal(transferred);
      expect(newer(session('s1', 'ended', 6), session('s1', 'queued', 9)).state).to.equal('ended');
      const ended = session('s1', 'ended', 6);
      expect(newer(active, ended)).to.equal(ended);
      expect(newer(undefined, active)).to.equal(active);
      // queued and assigned may swap
      const assigned = session('s1', 'assigned', 0);
      expect(newer(session('s1', 'queued', 0), assigned)).to.equal(assigned);
    });
  });

  describe('the session list', () => {
    it('keeps sessions heard while the list loads, newest first, and drops the ones that no longer match', () => {
      const { s } = store();
      const load = s.beginListLoad();
      expect(s.listPhase).to.equal('loading');
      // Heard on the socket while the REST answer is on its way: newer than the answer.
      s.upsert(session('s2', 'active', 7, 2000));
      s.upsert(session('s3', 'queued', 0, 3000));
      s.upsert(session('s4', 'ended', 3, 4000));
      expect(s.listLoaded(load, [session('s1', 'queued', 0, 1000), session('s2', 'queued', 0, 2000), session('s4', 'active', 2, 4000)])).to.equal(true);
      expect(s.sessions.get('s2')?.state).to.equal('active');
      expect(s.sessions.get('s4')?.state).to.equal('ended');
      // The open filter: s4 ended while the list loaded, so it is not listed.
      expect(s.listIds).to.deep.equal(['s3', 's2', 's1']);
      expect(s.listPhase).to.equal('ready');
    });

    it('never rolls a session back with a stale REST answer', () => {
      const { s } = store();
      s.upsert(session('s1', 'active', 8));
      // Heard before this load started, so the answer is merged, but it is older than what is held.
      const load = s.beginListLoad();
      s.listLoaded(load, [session('s1', 'assigned', 0)]);
      expect(s.sessions.get('s1')).to.include({ state: 'active', lastSeq: 8 });
    });

    it('ignores the answer of a load that a later load or a reset replaced', () => {
      const { s } = store();
      const first = s.beginListLoad();
      const second = s.beginListLoad();
      expect(s.listLoaded(first, [session('old', 'queued', 0)])).to.equal(false);
      expect(s.listFailed(first, new Error('late'))).to.equal(false);
      expect(s.listIds).to.deep.equal([]);
      s.reset();
      expect(s.listLoaded(second, [session('s1', 'queued', 0)])).to.equal(false);
      expect(s.sessions.size).to.equal(0);
    });

    it('lists and unlists sessions by the filters, but keeps the open one listed', () => {
      const { s } = store();
      s.listLoaded(s.beginListLoad(), [session('s1', 'active', 1, 1000), session('s2', 'active', 1, 2000)]);
      s.select('s1');
      s.upsert(session('s1', 'ended', 2, 1000));
      s.upsert(session('s2', 'ended', 2, 2000));
      expect(s.listIds).to.deep.equal(['s1']);
      s.setFilter('skill', 'sales');
      expect(s.filter).to.include({ skill: 'sales' });
      expect(s.inFilter(session('s5', 'queued', 0, 1, { skill: 'sales' }))).to.equal(true);
      expect(s.inFilter(session('s6', 'queued', 0, 1, { skill: 'support' }))).to.equal(false);
      s.setFilter('state', 'all');
      expect(s.filter.state).to.equal(undefined);
      s.limit = 1000;
      expect(s.filter.limit).to.equal(200);
    });

    it('keeps an error until the next load, and shows loading again only when there is nothing to show', () => {
      const { s } = store();
      const load = s.beginListLoad();
      s.listFailed(load, new Error('offline'));
      expect(s.listPhase).to.equal('error');
      s.listLoaded(s.beginListLoad(), [session('s1', 'queued', 0)]);
      s.beginListLoad();
      expect(s.listPhase).to.equal('ready');
    });
  });

  describe('offers', () => {
    it('replaces an offer of the same session, withdraws taken ones and expires old ones', () => {
      const { s, changes } = store();
      s.addOffer(session('s1', 'queued', 0), 5000);
      s.addOffer(session('s2', 'queued', 0), 9000);
      s.addOffer(session('s1', 'queued', 0), 6000);
      expect(s.offers.map((o) => [o.session.id, o.expiresAt])).to.deep.equal([
        ['s2', 9000],
        ['s1', 6000],
      ]);
      // Withdrawn by the server (another agent took it).
      s.removeOffer('s2');
      expect(s.offers.map((o) => o.session.id)).to.deep.equal(['s1']);
      const before = changes.count;
      s.removeOffer('s2');
      expect(changes.count, 'nothing to withdraw, no change').to.equal(before);
      // Taken: an update to active withdraws the offer.
      s.addOffer(session('s3', 'queued', 0), 9000);
      s.upsert(session('s3', 'active', 2));
      expect(s.offers.map((o) => o.session.id)).to.deep.equal(['s1']);
      expect(s.expireOffers(5999)).to.equal(1);
      expect(s.expireOffers(6000)).to.equal(0);
      expect(s.offers).to.deep.equal([]);
    });
  });

  describe('the open session', () => {
    it('keeps a draft per session', () => {
      const { s } = store();
      s.setDraft('s1', 'hello s1');
      s.setDraft('s2', 'hello s2');
      s.select('s2');
      expect(s.draft('s1')).to.equal('hello s1');
      expect(s.draft('s2')).to.equal('hello s2');
      expect(s.draft('s3')).to.equal('');
      s.loadingThread('s2');
      s.sending('s2', 'c1', 'hello s2');
      expect(s.draft('s2')).to.equal('');
      expect(s.draft('s1')).to.equal('hello s1');
    });

    it("tells the customer's news in the open conversation from news elsewhere (counted) and from history", () => {
      const { s } = store();
      s.upsert(session('s1', 'active', 0, 1000, { acceptedAt: 1005 }));
      s.upsert(session('s2', 'active', 0, 1000, { acceptedAt: 1000 }));
      s.select('s1');
      const thread = s.loadingThread('s1');
      expect(s.addEvent('s1', message(9, 'while it loads')), 'not news until the conversation is loaded').to.equal('history');
      s.threadLoaded(thread);
      expect(s.addEvent('s1', message(2, 'said before the accept')), 'replayed at the accept').to.equal('history');
      expect(s.addEvent('s1', message(10, 'hello'))).to.equal('open');
      expect(s.addEvent('s1', message(11, 'from the agent', 'agent', 'c1'))).to.equal('history');
      expect(s.addEvent('s2', message(3, 'other session'))).to.equal('unread');
      expect(s.addEvent('s2', message(4, 'again'))).to.equal('unread');
      expect(s.unread.get('s2')).to.equal(2);
      expect(s.unread.has('s1')).to.equal(false);
    });

    it('clears the new-message count and the last action error of a session when it opens', () => {
      const { s } = store();
      s.addUnread('s1');
      s.addUnread('s1');
      expect(s.unread.get('s1')).to.equal(2);
      expect(s.beginAction('accepting', 's1')).to.equal(true);
      expect(s.beginAction('accepting', 's1'), 'one accept at a time').to.equal(false);
      s.actionFailed('s1', new Error('taken'));
      s.endAction('accepting', 's1');
      expect(s.accepting.has('s1')).to.equal(false);
      expect(s.actionErrors.has('s1')).to.equal(true);
      expect(s.select('s1')).to.equal(undefined);
      expect(s.unread.has('s1')).to.equal(false);
      expect(s.actionErrors.has('s1')).to.equal(false);
      expect(s.select('s2')).to.equal('s1');
    });

    it('shows each event once, and the agent\'s message through sending, stored and failed', () => {
      const { s } = store();
      const thread = s.loadingThread('s1');
      expect(thread.phase).to.equal('loading');
      thread.transcript.add(message(1, 'hi'));
      s.threadLoaded(thread);
      expect(s.addEvent('s1', message(1, 'hi')), 'a replay').to.equal(undefined);
      s.setCustomerTyping('s1', true);
      expect(thread.customerTyping).to.equal(true);
      expect(s.addEvent('s1', message(2, 'are you there?'))).to.equal('unread');
      expect(thread.customerTyping, 'a message ends the typing indicator').to.equal(false);
      s.sending('s1', 'c1', 'yes');
      s.sent('s1', 'c1', 3);
      expect(s.addEvent('s1', message(3, 'yes', 'agent', 'c1'))).to.equal('history');
      s.sending('s1', 'c2', 'lost');
      s.sendFailed('s1', 'c2', new Error('offline'));
      expect(thread.transcript.entries.at(-1)?.outgoing?.status).to.equal('failed');
      expect(s.resending('s1', 'c2')).to.equal('lost');
      expect(thread.transcript.entries.map((item) => item.event?.text ?? item.outgoing?.text)).to.deep.equal(['hi', 'are you there?', 'yes', 'lost']);
      s.seenByCustomer('s1', 3);
      s.seenByCustomer('s1', 2);
      expect(thread.seenByCustomer).to.equal(3);
      // Events of a session without a thread are news all the same.
      expect(s.addEvent('s9', message(1, 'elsewhere'))).to.equal('unread');
    });

    it('keeps the details it had when reloading them fails, and follows the newer session', () => {
      const { s } = store();
      const detail = { session: session('s1', 'active', 4), consumer: {} } as unknown as AgentSessionDetail;
      s.upsert(session('s1', 'active', 4));
      s.detailLoading('s1');
      s.detailLoaded('s1', detail);
      s.detailLoading('s1');
      expect(s.details.get('s1')).to.include({ phase: 'loading', detail });
      s.detailFailed('s1', new Error('offline'));
      expect(s.details.get('s1')).to.include({ phase: 'error', detail });
      s.upsert(session('s1', 'ended', 6));
      expect(detail.session.state).to.equal('ended');
    });
  });

  it('tells its listeners about every change, and forgets everything on reset', () => {
    const { s, changes } = store();
    s.upsert(session('s1', 'queued', 0));
    s.addOffer(session('s1', 'queued', 0), 9000);
    s.setDraft('s1', 'draft');
    const thread = s.loadingThread('s1');
    s.setCustomerTyping('s1', true);
    expect(changes.count).to.be.greaterThan(3);
    s.reset();
    expect(s.sessions.size + s.threads.size + s.drafts.size + s.offers.length + s.listIds.length).to.equal(0);
    expect(s.selectedId).to.equal(undefined);
    expect(thread.customerTyping).to.equal(true); // its timer was cleared with it: nothing fires later
  });
});
