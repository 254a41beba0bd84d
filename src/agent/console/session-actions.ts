import { NexusError } from '../../core/errors.js';
import type { Agent, AgentStatus, LiveSession, TransferInfo } from '../../protocol/live.js';
import type { NexusEventDetails } from '../../components/shared/events.js';
import type { StringKey } from '../../i18n/strings.js';
import type { AgentClient } from '../agent-client.js';
import type { ConsoleStore } from './console-store.js';
import type { CodeStatus } from './console-view.js';
import { parseCode } from './format.js';

/** What the actions need from the console. */
export interface ActionsHost {
  readonly store: ConsoleStore;
  /** Where the console renders. */
  root(): HTMLElement | DocumentFragment;
  client(): AgentClient | undefined;
  requestUpdate(): void;
  /** Resolves once the console has rendered what changed. */
  updated(): Promise<unknown>;
  t(key: StringKey, values?: Record<string, string | number>): string;
  errorText(error: unknown): string;
  /** A view of a session from the server (merged by the store; the console announces an end). */
  upsert(session: LiveSession): void;
  select(sessionId: string): void;
  emit<K extends keyof NexusEventDetails>(name: K, detail: NexusEventDetails[K], options?: { cancelable?: boolean }): boolean;
  reportError(error: unknown): void;
  stopTypingIn(sessionId: string): void;
  /** Asks the customer of a session to share their tab. */
  connectCobrowse(sessionId: string): void;
  /** The signed-in agent. */
  agent(): Agent | undefined;
  /** The agent's availability changed (here or elsewhere). */
  applyStatus(status: AgentStatus): void;
}

/**
 * What the agent does: switching availability, offers (shown with a countdown until they
 * expire), accepting, finding a call by its connection code, and ending with a confirmation. Each
 * action drops its answer when the client changed meanwhile (signed out, another token).
 */
export class SessionActions {
  /** Now, for the offers' countdowns (ticks every second while there is an offer). */
  now = Date.now();
  /** What the connection code search says. */
  codeStatus?: CodeStatus;
  /** Whether an availability change is on its way, and why the last one failed. */
  statusBusy = false;
  statusError?: unknown;
  private offerTimer?: ReturnType<typeof setInterval>;

  constructor(private readonly host: ActionsHost) {}

  /** Forgets the code search and stops the countdown (signing out). */
  reset(): void {
    this.codeStatus = undefined;
    this.statusError = undefined;
    clearInterval(this.offerTimer);
    this.offerTimer = undefined;
  }

  // Availability ------------------------------------------------------------------------------

  async toggleStatus(): Promise<void> {
    const client = this.host.client();
    const agent = this.host.agent();
    if (!client || !agent || this.statusBusy) return;
    const next: AgentStatus = agent.status === 'available' ? 'away' : 'available';
    this.statusBusy = true;
    this.statusError = undefined;
    this.host.requestUpdate();
    try {
      const changed = await client.setStatus(next);
      if (client !== this.host.client()) return;
      this.host.applyStatus(changed.status);
    } catch (error) {
      if (client !== this.host.client()) return;
      this.statusError = error;
      this.host.reportError(error);
    } finally {
      this.statusBusy = false;
      this.host.requestUpdate();
    }
  }

  // Offers ------------------------------------------------------------------------------------

  /** A session offered to this agent: announced (cancelable), then listed until it expires. */
  offered(session: LiveSession, expiresAt: number, transfer?: TransferInfo): void {
    this.host.upsert(session);
    const detail = { sessionId: session.id, kind: session.kind, skill: session.skill, expiresAt };
    if (!this.host.emit('nexus-agent-offer', detail, { cancelable: true })) return;
    this.host.store.addOffer(session, expiresAt, transfer);
    this.now = Date.now();
    this.offerTimer ??= setInterval(() => this.tick(), 1000);
  }

  private tick(): void {
    this.now = Date.now();
    this.host.requestUpdate();
    if (!this.host.store.expireOffers(this.now)) {
      clearInterval(this.offerTimer);
      this.offerTimer = undefined;
    }
  }

  async accept(sessionId: string, from: 'offer' | 'chat'): Promise<void> {
    const client = this.host.client();
    const store = this.host.store;
    if (!client || !store.beginAction('accepting', sessionId)) return;
    try {
      const session = await client.accept(sessionId);
      if (client !== this.host.client()) return;
      store.removeOffer(sessionId);
      this.host.upsert(session);
      this.host.emit('nexus-agent-accept', { sessionId, kind: session.kind, code: session.code });
      this.host.select(sessionId);
      // A co-browse code (`<nexus-cobrowse-code>`): the person is waiting to share, so ask at once.
      if (session.data.purpose === 'cobrowse') this.host.connectCobrowse(sessionId);
      await this.host.updated();
      this.focus('[part~="composer-input"]');
    } catch (error) {
      if (client !== this.host.client()) return;
      store.actionFailed(sessionId, error);
      this.host.reportError(error);
      if (error instanceof NexusError && (error.code === 'session_taken' || error.code === 'session_ended')) {
        store.removeOffer(sessionId);
        if (from === 'offer') this.host.select(sessionId);
      }
    } finally {
      store.endAction('accepting', sessionId);
    }
  }

  // Finding a call by its code ----------------------------------------------------------------

  async findByCode(event: SubmitEvent): Promise<void> {
    event.preventDefault();
    const client = this.host.client();
    const input = (event.target as HTMLFormElement).elements.namedItem('code') as HTMLInputElement;
    const code = parseCode(input.value);
    if (!client) return;
    if (!code) {
      this.setCodeStatus({ kind: 'error', text: this.host.t('agentCodeInvalid') });
      input.focus();
      return;
    }
    this.setCodeStatus({ kind: 'searching', text: this.host.t('loading') });
    try {
      const session = await client.findByCode(code);
      if (client !== this.host.client()) return;
      this.host.upsert(session);
      this.setCodeStatus({ kind: 'found', text: this.host.t('agentCodeFound', { code }) });
      this.host.select(session.id);
      await this.host.updated();
      // Ready to take the call with Enter.
      this.focus('[part~="chat-header"] [part~="accept-button"]');
    } catch (error) {
      if (client !== this.host.client()) return;
      const notFound = error instanceof NexusError && (error.code === 'session_not_found' || error.status === 404);
      this.setCodeStatus({ kind: 'error', text: notFound ? this.host.t('agentCodeNotFound', { code }) : this.host.errorText(error) });
      this.host.reportError(error);
    }
  }

  private setCodeStatus(status: CodeStatus): void {
    this.codeStatus = status;
    this.host.requestUpdate();
  }

  // Ending ------------------------------------------------------------------------------------

  /** Asks before ending the open session, the safe choice focused. */
  askEnd(): void {
    const dialog = this.endDialog();
    if (!dialog || dialog.open) return;
    dialog.showModal();
    dialog.querySelector<HTMLElement>('[part~="cancel-button"]')?.focus();
  }

  cancelEnd(): void {
    this.endDialog()?.close();
  }

  async confirmEnd(): Promise<void> {
    this.endDialog()?.close();
    const client = this.host.client();
    const store = this.host.store;
    const id = store.selectedId;
    if (!client || !id || !store.beginAction('ending', id)) return;
    this.host.stopTypingIn(id);
    try {
      const session = await client.end(id);
      if (client !== this.host.client()) return;
      this.host.upsert(session);
    } catch (error) {
      if (client !== this.host.client()) return;
      store.actionFailed(id, error);
      this.host.reportError(error);
    } finally {
      store.endAction('ending', id);
    }
    await this.host.updated();
    this.focus('[part~="transcript"]');
  }

  private endDialog(): HTMLDialogElement | null {
    return this.host.root().querySelector<HTMLDialogElement>('[part~="end-dialog"]');
  }

  private focus(selector: string): void {
    this.host.root().querySelector<HTMLElement>(selector)?.focus();
  }
}
