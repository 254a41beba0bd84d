import type { LiveState } from '../../protocol/api.js';
import type { AgentSessionDetail, ChatEvent, LiveKind, LiveSession, TransferInfo } from '../../protocol/live.js';
import type { SessionFilter } from '../agent-client.js';
import { Transcript } from './transcript.js';

/** Which sessions the list shows by state: the open ones, every one, or one state. */
export type StateFilter = 'open' | 'all' | LiveState;

export type Load = 'loading' | 'ready' | 'error';

export interface Thread {
  transcript: Transcript;
  phase: Load;
  error?: unknown;
  customerTyping: boolean;
  typingTimer?: ReturnType<typeof setTimeout>;
  /** The customer has seen everything up to this seq. */
  seenByCustomer: number;
  /** The last seq this agent reported as seen. */
  markedSeen: number;
}

export interface DetailState {
  phase: Load;
  detail?: AgentSessionDetail;
  error?: unknown;
}

export interface Offer {
  session: LiveSession;
  expiresAt: number;
  /** Who transferred the session and their note (a transferred or assigned session). */
  transfer?: TransferInfo;
}

/** One load of the session list, as `beginListLoad` started it. */
export interface ListLoad {
  readonly run: number;
  /** Sessions reported (by the socket or an action) since this load started. */
  readonly heard: Set<string>;
}

const OPEN_STATES: LiveState[] = ['queued', 'assigned', 'active'];

/** How long the customer's typing indicator stays on without news (a lost "stopped typing"). */
export const CUSTOMER_TYPING_MS = 10_000;

/**
 * Which of two views of one session is newer. Every step to active or ended, and a transfer (from
 * active back to queued or assigned), stores events, so a view with a lower `lastSeq` is older;
 * with the same `lastSeq`, one with an earlier state is (queued and assigned may swap), and nothing
 * comes back from ended: a REST answer that left the server before a socket update (or the other
 * way round) must not roll the session back.
 */
const STATE_ORDER: Record<LiveState, number> = { queued: 0, assigned: 0, active: 1, ended: 2 };
export function newer(held: LiveSession | undefined, heard: LiveSession): LiveSession {
  if (!held) return heard;
  const older =
    (held.state === 'ended' && heard.state !== 'ended') ||
    heard.lastSeq < held.lastSeq ||
    (heard.lastSeq === held.lastSeq && STATE_ORDER[heard.state] < STATE_ORDER[held.state]);
  return older ? held : heard;
}

/**
 * What the agent console knows, without rendering: every session heard of, the list and its
 * filters, the open session, incoming offers, each session's conversation and customer details,
 * new-message counts, drafts, and the accept and end actions under way. Every change goes through
 * a method, and each method that changes something tells the listeners once (`onChange`), so the
 * element renders from one notification. Talking to the server stays with the element: the store
 * only merges what it is told.
 */
export class ConsoleStore {
  /** Every session seen, by id (the list shows those that match the filters). */
  readonly sessions = new Map<string, LiveSession>();
  readonly threads = new Map<string, Thread>();
  readonly details = new Map<string, DetailState>();
  readonly unread = new Map<string, number>();
  readonly drafts = new Map<string, string>();
  readonly accepting = new Set<string>();
  readonly ending = new Set<string>();
  readonly actionErrors = new Map<string, unknown>();

  offers: readonly Offer[] = [];
  listIds: readonly string[] = [];
  listPhase: Load = 'loading';
  listError?: unknown;
  selectedId?: string;
  stateChoice: StateFilter = 'open';
  skillFilter = '';
  kindFilter: '' | LiveKind = '';
  /** Most sessions the list loads. */
  limit = 100;

  private listRun = 0;
  private heardDuringLoad = new Set<string>();
  private readonly listeners = new Set<() => void>();

  /** Calls `listener` after every change; returns the unsubscribe function. */
  onChange(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Tells the listeners something changed (also for changes made to a thread's transcript in place). */
  changed(): void {
    for (const listener of this.listeners) listener();
  }

  /** Forgets everything (signing out, or a new client). */
  reset(): void {
    for (const thread of this.threads.values()) clearTimeout(thread.typingTimer);
    for (const map of [this.sessions, this.threads, this.details, this.unread, this.drafts, this.actionErrors]) map.clear();
    this.accepting.clear();
    this.ending.clear();
    this.offers = [];
    this.listIds = [];
    this.listPhase = 'loading';
    this.listError = undefined;
    this.selectedId = undefined;
    this.listRun++;
    this.heardDuringLoad = new Set();
    this.changed();
  }

  // -------------------------------------------------------------------------------------------
  // The list and its filters

  /** The filter choices in one string, which changes whenever one of them does. */
  get filterKey(): string {
    return `${this.stateChoice}|${this.skillFilter}|${this.kindFilter}`;
  }

  /** What the list asks the server for. */
  get filter(): SessionFilter {
    const state =
      this.stateChoice === 'open' ? OPEN_STATES : this.stateChoice === 'all' ? undefined : (this.stateChoice as LiveState);
    return {
      state,
      skill: this.skillFilter || undefined,
      kind: this.kindFilter || undefined,
      limit: Math.max(1, Math.min(200, Math.round(this.limit) || 100)),
    };
  }

  inFilter(session: LiveSession): boolean {
    const { state, skill, kind } = this.filter;
    if (state !== undefined && !([] as LiveState[]).concat(state).includes(session.state)) return false;
    if (skill !== undefined && session.skill !== skill) return false;
    if (kind !== undefined && session.kind !== kind) return false;
    return true;
  }

  setFilter(which: 'state' | 'skill' | 'kind', value: string): void {
    if (which === 'state') this.stateChoice = value as StateFilter;
    else if (which === 'skill') this.skillFilter = value;
    else this.kindFilter = value as '' | LiveKind;
    this.changed();
  }

  /** A list load starts: sessions heard from now on are newer than its answer. */
  beginListLoad(): ListLoad {
    const load: ListLoad = { run: ++this.listRun, heard: new Set() };
    this.heardDuringLoad = load.heard;
    if (this.listPhase === 'error' || !this.listIds.length) this.listPhase = 'loading';
    this.changed();
    return load;
  }

  /** Whether a load is still the latest one (a later load or a reset makes it stale). */
  isCurrent(load: ListLoad): boolean {
    return load.run === this.listRun;
  }

  /**
   * The server's answer to `load`. Sessions heard while it was on its way are kept as heard (and
   * listed if they match); the others are merged by `newer`. Returns false for a stale load.
   */
  listLoaded(load: ListLoad, items: readonly LiveSession[]): boolean {
    if (!this.isCurrent(load)) return false;
    const { heard } = load;
    for (const session of items) if (!heard.has(session.id)) this.sessions.set(session.id, newer(this.sessions.get(session.id), session));
    const ids = items.map((session) => session.id).filter((id) => !heard.has(id) || this.inFilter(this.sessions.get(id)!));
    for (const id of heard) if (!ids.includes(id) && this.inFilter(this.sessions.get(id)!)) ids.push(id);
    this.listIds = this.sorted(ids);
    this.listPhase = 'ready';
    this.listError = undefined;
    this.changed();
    return true;
  }

  /** The load failed; returns false for a stale load. */
  listFailed(load: ListLoad, error: unknown): boolean {
    if (!this.isCurrent(load)) return false;
    this.listPhase = 'error';
    this.listError = error;
    this.changed();
    return true;
  }

  /**
   * A view of a session heard from the socket or an action's answer. Keeps the newer view, lists
   * or unlists it by the filters (the open session stays listed), withdraws its offer once it is
   * taken, and returns the view held before and the one kept.
   */
  upsert(heard: LiveSession): { before?: LiveSession; session: LiveSession } {
    const before = this.sessions.get(heard.id);
    const session = newer(before, heard);
    this.sessions.set(session.id, session);
    this.heardDuringLoad.add(session.id);
    const listed = this.listIds.includes(session.id);
    if (this.inFilter(session)) {
      if (!listed) this.listIds = this.sorted([...this.listIds, session.id]);
    } else if (listed && session.id !== this.selectedId) {
      this.listIds = this.listIds.filter((id) => id !== session.id);
    }
    if (session.state !== 'queued' && session.state !== 'assigned') this.dropOffer(session.id);
    const detail = this.details.get(session.id)?.detail;
    if (detail) detail.session = session;
    this.changed();
    return { before, session };
  }

  /** Newest first. */
  private sorted(ids: string[]): string[] {
    return ids.sort((a, b) => (this.sessions.get(b)?.createdAt ?? 0) - (this.sessions.get(a)?.createdAt ?? 0));
  }

  // -------------------------------------------------------------------------------------------
  // Offers

  addOffer(session: LiveSession, expiresAt: number, transfer?: TransferInfo): void {
    this.offers = [...this.offers.filter((o) => o.session.id !== session.id), { session, expiresAt, ...(transfer && { transfer }) }];
    this.changed();
  }

  /** Withdrawn, taken, dismissed: the offer goes. */
  removeOffer(sessionId: string): void {
    if (this.dropOffer(sessionId)) this.changed();
  }

  /** Drops the offers that expired by `now`; returns how many are left. */
  expireOffers(now: number): number {
    const live = this.offers.filter((offer) => offer.expiresAt > now);
    if (live.length !== this.offers.length) {
      this.offers = live;
      this.changed();
    }
    return live.length;
  }

  private dropOffer(sessionId: string): boolean {
    if (!this.offers.some((offer) => offer.session.id === sessionId)) return false;
    this.offers = this.offers.filter((offer) => offer.session.id !== sessionId);
    return true;
  }

  // -------------------------------------------------------------------------------------------
  // The open session

  /** Opens a session: its new-message count and last action error go. Returns the one open before. */
  select(sessionId: string): string | undefined {
    const previous = this.selectedId;
    this.selectedId = sessionId;
    this.unread.delete(sessionId);
    this.actionErrors.delete(sessionId);
    this.changed();
    return previous;
  }

  // -------------------------------------------------------------------------------------------
  // Conversations

  /** The session's thread, made (loading) if there is none; an errored one loads again. */
  loadingThread(sessionId: string): Thread {
    let thread = this.threads.get(sessionId);
    if (!thread) {
      thread = { transcript: new Transcript(), phase: 'loading', customerTyping: false, seenByCustomer: 0, markedSeen: 0 };
      this.threads.set(sessionId, thread);
    } else if (thread.phase === 'error') {
      thread.phase = 'loading';
    }
    this.changed();
    return thread;
  }

  threadLoaded(thread: Thread): void {
    thread.phase = 'ready';
    thread.error = undefined;
    this.changed();
  }

  threadFailed(thread: Thread, error: unknown): void {
    thread.phase = 'error';
    thread.error = error;
    this.changed();
  }

  /**
   * An event of a session, live. Returns undefined when the session's thread already holds it (a
   * replay); else what it is for the agent: `open` news in the open, loaded conversation, `unread`
   * news of another session (counted), or `history` (not from the customer, or said before the
   * session was accepted, replayed to the agent's connections when it is). A message or file from
   * the customer turns their typing indicator off.
   */
  addEvent(sessionId: string, event: ChatEvent): 'open' | 'unread' | 'history' | undefined {
    const thread = this.threads.get(sessionId);
    if (thread && !thread.transcript.add(event)) return undefined;
    const fromCustomer = event.author.role === 'customer' && (event.type === 'message' || event.type === 'file');
    if (thread && fromCustomer) {
      thread.customerTyping = false;
      clearTimeout(thread.typingTimer);
    }
    let kind: 'open' | 'unread' | 'history' = 'history';
    if (fromCustomer && event.at >= (this.sessions.get(sessionId)?.acceptedAt ?? 0)) {
      if (sessionId !== this.selectedId) {
        kind = 'unread';
        this.unread.set(sessionId, (this.unread.get(sessionId) ?? 0) + 1);
      } else if (thread?.phase === 'ready') kind = 'open';
    }
    this.changed();
    return kind;
  }

  /** The customer is typing, or stopped; an indicator nobody turns off goes after CUSTOMER_TYPING_MS. */
  setCustomerTyping(sessionId: string, active: boolean): void {
    const thread = this.threads.get(sessionId);
    if (!thread) return;
    clearTimeout(thread.typingTimer);
    thread.customerTyping = active;
    if (active) {
      thread.typingTimer = setTimeout(() => {
        thread.customerTyping = false;
        this.changed();
      }, CUSTOMER_TYPING_MS);
    }
    this.changed();
  }

  /** The customer has seen the conversation up to `seq`. */
  seenByCustomer(sessionId: string, seq: number): void {
    const thread = this.threads.get(sessionId);
    if (thread && seq > thread.seenByCustomer) {
      thread.seenByCustomer = seq;
      this.changed();
    }
  }

  addUnread(sessionId: string): void {
    this.unread.set(sessionId, (this.unread.get(sessionId) ?? 0) + 1);
    this.changed();
  }

  /** The reply box's text of a session (kept while the agent looks at other sessions). */
  draft(sessionId: string): string {
    return this.drafts.get(sessionId) ?? '';
  }

  /** Keeps a draft; the element's textarea already shows it, so no render is asked for. */
  setDraft(sessionId: string, text: string): void {
    this.drafts.set(sessionId, text);
  }

  /** The agent sends the session's draft as `clientId`: it shows as sending, and the draft empties. */
  sending(sessionId: string, clientId: string, text: string): void {
    this.threads.get(sessionId)?.transcript.addOutgoing(clientId, text);
    this.drafts.set(sessionId, '');
    this.changed();
  }

  /** The server stored the agent's message as `seq`. */
  sent(sessionId: string, clientId: string, seq: number): void {
    this.threads.get(sessionId)?.transcript.acknowledge(clientId, seq);
    this.changed();
  }

  sendFailed(sessionId: string, clientId: string, error: unknown): void {
    this.threads.get(sessionId)?.transcript.fail(clientId, error);
    this.changed();
  }

  /** A failed message is sent again: returns its text (undefined if it is not a failed one). */
  resending(sessionId: string, clientId: string): string | undefined {
    const text = this.threads.get(sessionId)?.transcript.retry(clientId);
    this.changed();
    return text;
  }

  // -------------------------------------------------------------------------------------------
  // Customer details

  detailLoading(sessionId: string): void {
    this.details.set(sessionId, { phase: 'loading', detail: this.details.get(sessionId)?.detail });
    this.changed();
  }

  /** The caller then passes `detail.session` to `upsert`, so an older view never replaces a newer one. */
  detailLoaded(sessionId: string, detail: AgentSessionDetail): void {
    this.details.set(sessionId, { phase: 'ready', detail });
    this.changed();
  }

  detailFailed(sessionId: string, error: unknown): void {
    this.details.set(sessionId, { phase: 'error', error, detail: this.details.get(sessionId)?.detail });
    this.changed();
  }

  // -------------------------------------------------------------------------------------------
  // Accept and end

  /** Starts an accept or an end of a session; false if one is already under way. */
  beginAction(which: 'accepting' | 'ending', sessionId: string): boolean {
    const busy = this[which];
    if (busy.has(sessionId)) return false;
    busy.add(sessionId);
    this.actionErrors.delete(sessionId);
    this.changed();
    return true;
  }

  /** Why an accept or end failed (shown until the session is opened again or the next try). */
  actionFailed(sessionId: string, error: unknown): void {
    this.actionErrors.set(sessionId, error);
    this.changed();
  }

  /** The action is over. */
  endAction(which: 'accepting' | 'ending', sessionId: string): void {
    this[which].delete(sessionId);
    this.changed();
  }
}
