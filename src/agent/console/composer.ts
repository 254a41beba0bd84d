import { randomId } from '../../core/ids.js';
import type { LiveSession } from '../../protocol/live.js';
import type { NexusEventDetails } from '../../components/shared/events.js';
import type { AgentClient } from '../agent-client.js';
import type { ConsoleStore } from './console-store.js';

/** How long the agent's typing indicator stays on after the last keystroke. */
const TYPING_IDLE_MS = 4000;

/** What the reply box needs from the console. */
export interface ComposerHost {
  readonly store: ConsoleStore;
  client(): AgentClient | undefined;
  /** Whether this agent may write in the session. */
  canReply(session: LiveSession | undefined): boolean;
  /** The server stored one of the agent's messages (the console announces it). */
  sent(detail: NexusEventDetails['nexus-agent-message']): void;
  reportError(error: unknown): void;
  scrollTranscript(): void;
}

/**
 * The reply box's behaviour: the draft of each session (in the store), the agent's typing
 * indicator (on with the first keystroke, off after TYPING_IDLE_MS, an empty box, sending or
 * leaving the session), and sending, with the line shown at once and sent again on request.
 */
export class Composer {
  private typingIn?: string;
  private typingTimer?: ReturnType<typeof setTimeout>;

  constructor(private readonly host: ComposerHost) {}

  /** Turns the typing indicator off if it is on in `sessionId`. */
  stopTypingIn(sessionId: string): void {
    if (this.typingIn === sessionId) this.stopTyping();
  }

  input(event: InputEvent): void {
    const id = this.host.store.selectedId;
    if (!id) return;
    const text = (event.target as HTMLTextAreaElement).value;
    this.host.store.setDraft(id, text);
    if (!text.trim()) {
      this.stopTyping();
      return;
    }
    if (this.typingIn !== id) {
      this.stopTyping();
      this.typingIn = id;
      this.host.client()?.typing(id, true);
    }
    clearTimeout(this.typingTimer);
    this.typingTimer = setTimeout(() => this.stopTyping(), TYPING_IDLE_MS);
  }

  keyDown(event: KeyboardEvent): void {
    if (event.key !== 'Enter' || event.shiftKey || event.isComposing) return;
    event.preventDefault();
    void this.send();
  }

  stopTyping(): void {
    clearTimeout(this.typingTimer);
    if (this.typingIn) {
      this.host.client()?.typing(this.typingIn, false);
      this.typingIn = undefined;
    }
  }

  async send(event?: SubmitEvent): Promise<void> {
    event?.preventDefault();
    const id = this.host.store.selectedId;
    const thread = id ? this.host.store.threads.get(id) : undefined;
    if (!id || !thread || !this.host.canReply(this.host.store.sessions.get(id))) return;
    const text = this.host.store.draft(id).trim();
    if (!text) return;
    const clientId = randomId();
    this.host.store.sending(id, clientId, text);
    this.stopTyping();
    this.host.scrollTranscript();
    await this.deliver(id, clientId, text);
  }

  private async deliver(sessionId: string, clientId: string, text: string): Promise<void> {
    const client = this.host.client();
    const thread = this.host.store.threads.get(sessionId);
    if (!client || !thread) return;
    try {
      const ack = await client.sendMessage(sessionId, text, clientId);
      if (client !== this.host.client()) return;
      this.host.store.sent(sessionId, clientId, ack.seq);
      this.host.sent({ sessionId, direction: 'out', seq: ack.seq, text });
    } catch (error) {
      if (client !== this.host.client()) return;
      this.host.store.sendFailed(sessionId, clientId, error);
      this.host.reportError(error);
    }
  }

  resend(sessionId: string, clientId: string): void {
    const text = this.host.store.resending(sessionId, clientId);
    if (text !== undefined) void this.deliver(sessionId, clientId, text);
  }
}
