import { html, nothing } from 'lit';
import { property, query, state } from '../shared/decorators.js';
import { repeat } from 'lit/directives/repeat.js';
import type { NexusClient } from '../../core/client.js';
import { NexusError, isAbort } from '../../core/errors.js';
import type { ChatMessage, PresenceEvent, TranscriptEntry } from '../../core/live.js';
import type { QueueStatus, SessionData, SessionOrigin } from '../../protocol/live.js';
import { LIVE_LIMITS } from '../../protocol/api.js';
import { ClientListeners } from '../shared/client-listeners.js';
import { define } from '../shared/define.js';
import { icon } from '../shared/icons.js';
import { chatIcon } from '../shared/icons-actions.js';
import { NexusElement } from '../shared/nexus-element.js';
import '../../i18n/strings-live.js';
import { renderBanners, renderEntry } from './chat-entry.js';
import { chatStyles } from './chat.styles.js';

/** Where the chat is: not started, starting, waiting for an agent, talking, or over. */
export type ChatPhase = 'idle' | 'starting' | 'waiting' | 'active' | 'ended' | 'error';

/** What a chat shows: its phase, or `loading` while it waits for a client; reflected as the `state` attribute. */
export type ChatState = ChatPhase | 'loading';

interface Upload {
  name: string;
  fraction: number;
  controller: AbortController;
}

/** How long "connected again" stays on screen. */
const FOUND_NOTICE_MS = 4000;
/** Typing stops being announced this long after the last keystroke. */
const TYPING_IDLE_MS = 3000;

/** The part of a client's chat the element renders, as one value (a new one after each change). */
interface ChatView {
  transcript: readonly TranscriptEntry[];
  agentTyping: boolean;
  seenByAgent: number;
  queue: QueueStatus | null;
  agentName?: string;
}

const NO_CHAT: ChatView = { transcript: [], agentTyping: false, seenByAgent: 0, queue: null };

const viewOf = (chat: NexusClient['chat']): ChatView => ({
  transcript: [...chat.transcript],
  agentTyping: chat.agentTyping,
  seenByAgent: chat.seenByAgent,
  queue: chat.queue,
  agentName: chat.session?.agent?.name,
});

/**
 * A chat with a support agent: the transcript (agent, your and system messages with times,
 * typing and read markers, files with upload progress), the composer (Enter sends, Shift+Enter
 * starts a new line, attach a file), the queue and connection banners, ending the chat, and
 * after it ends a rating with a short survey and a copy of the transcript by email. The agent
 * learns what the person has read (the console's read marker) as the agent's messages show on
 * a visible page; a hidden tab reports them once it is shown again.
 *
 * The chat lives in the client (`client.chat`), not in the element: a chat restored after a
 * reload, or started by `<nexus-live-help>`, shows here with everything said so far.
 *
 * @summary A live chat with a support agent.
 * @tag nexus-chat
 *
 * @attr state - Read-only, reflected: `loading` (no client yet), `idle` (the start button), `starting`, `waiting` (queued for an agent), `active`, `ended` or `error` (starting failed, or no client).
 *
 * @csspart base - The chat window.
 * @csspart header - The title bar with the end button.
 * @csspart title - The title.
 * @csspart end-button - Ends the chat.
 * @csspart end-confirm - The "End this chat?" question.
 * @csspart banner - Queue and connection banners.
 * @csspart queue - The queue banner (position and wait).
 * @csspart connection - The connection lost / found banner.
 * @csspart transcript - The list of messages (a live region).
 * @csspart message - One message (also `message-agent`, `message-user`).
 * @csspart message-agent - A message from the agent.
 * @csspart message-user - A message from the person.
 * @csspart message-author - Who wrote the message.
 * @csspart message-text - The text of a message.
 * @csspart message-time - When it was sent.
 * @csspart message-status - Sending, sent, seen or not sent.
 * @csspart file - A shared file (link, name and size).
 * @csspart file-preview - The thumbnail of a shared image.
 * @csspart system - An agent joined, left or is transferring the chat.
 * @csspart typing - The "agent is typing" line.
 * @csspart composer - The message form.
 * @csspart input - The message text area.
 * @csspart send-button - The send button.
 * @csspart attach-button - The attach button.
 * @csspart upload - The upload progress with its cancel button.
 * @csspart start-button - The start button shown before a chat begins.
 * @csspart ended - The end-of-chat panel.
 * @csspart rating - The rating form.
 * @csspart star - One rating choice.
 * @csspart transcript-form - The form that emails the transcript.
 * @csspart new-chat-button - Starts another chat.
 * @csspart cobrowse__base - The co-browse consent dialog or sharing indicator (`<nexus-cobrowse-consent>`, shown when an agent asks to see the tab).
 *
 * @cssprop --nexus-chat-height - Height of the chat window (default 32rem).
 * @cssprop --nexus-chat-agent-background - Background of agent messages.
 * @cssprop --nexus-chat-user-background - Background of the person's messages.
 * @cssprop --nexus-chat-user-color - Text color of the person's messages.
 *
 * @fires nexus-chat-message - A message was shown (from the agent or sent by the person).
 * @fires nexus-chat-agent-join - An agent joined the chat.
 * @fires nexus-chat-end - The chat ended.
 * @fires nexus-chat-rate - The person rated the chat.
 * @fires nexus-live-help-start - The chat was started by this element.
 * @fires nexus-error - Starting, sending or uploading failed.
 */
export class NexusChat extends NexusElement {
  static override styles = [...NexusElement.styles, chatStyles];

  /** Agent skill (queue) the chat is routed to; the general queue when empty. */
  @property() skill?: string;

  /** Start the chat as soon as the element is shown, instead of showing a start button. */
  @property({ type: Boolean }) autostart = false;

  /** Leave out the rating and survey after the chat ends. */
  @property({ type: Boolean, attribute: 'hide-rating' }) hideRating = false;

  /** Leave out "email me a copy" after the chat ends. */
  @property({ type: Boolean, attribute: 'hide-transcript' }) hideTranscript = false;

  /** Custom data sent with the chat request; agents see it and can filter on it. */
  @property({ attribute: false }) data?: SessionData;

  /** The guided path the person escalated from, sent with the chat request. */
  @property({ attribute: false }) origin?: SessionOrigin;

  /** Heading of the chat window; an empty string for none. */
  @property() label?: string;

  @state() private phase: ChatPhase = 'idle';
  @state() private error?: NexusError;
  @state() private connection: 'ok' | 'lost' | 'found' = 'ok';
  @state() private confirmingEnd = false;
  @state() private upload?: Upload;
  @state() private draft = '';
  @state() private rated?: { score: number };
  @state() private score = 0;
  @state() private resolved?: boolean;
  @state() private transcriptSentTo?: string;
  @state() private endedBy: 'customer' | 'agent' | 'system' | null = null;
  /** A co-browse request came: the consent element (loaded on demand) is shown. */
  @state() private cobrowseShown = false;
  /** What is shown of the client's chat, taken anew on every chat event. */
  @state() private view: ChatView = NO_CHAT;

  @query('textarea') private input?: HTMLTextAreaElement;
  @query('input[type=file]') private fileInput?: HTMLInputElement;

  /** Follows the chat (and co-browse requests) of the element's client. */
  private readonly listeners = new ClientListeners(this, (client) => this.attach(client));
  private announced = new Set<string>();
  private typingSent = false;
  private typingTimer?: ReturnType<typeof setTimeout>;
  private foundTimer?: ReturnType<typeof setTimeout>;
  /** The last seq reported to the agent as seen. */
  private seenReported = 0;

  /**
   * What the chat shows: `loading` (no client yet), `idle`, `starting`, `waiting`, `active`,
   * `ended` or `error`.
   */
  get state(): ChatState {
    return this.shownState as ChatState;
  }

  protected override deriveState(): ChatState {
    return this.baseState ?? this.phase;
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    clearTimeout(this.typingTimer);
    clearTimeout(this.foundTimer);
  }

  /** Starts the chat (what the start button does). Resolves once the session exists. */
  async start(): Promise<void> {
    const client = this.client;
    if (!client || this.phase === 'starting') return;
    this.phase = 'starting';
    this.error = undefined;
    try {
      if (client.chat.session?.state === 'ended') client.liveHelp.reset();
      const session = await client.chat.start(this.skill?.trim() || undefined, {
        ...(this.data ? { data: this.data } : {}),
        ...(this.origin ? { origin: this.origin } : {}),
      });
      this.syncPhase();
      this.emit('nexus-live-help-start', { mode: 'chat', sessionId: session.id, code: session.code, ...(session.skill ? { skill: session.skill } : {}) });
      await this.updateComplete;
      this.input?.focus();
    } catch (error) {
      this.phase = 'error';
      this.error = error instanceof NexusError ? error : new NexusError('internal_error', String(error));
      this.reportError(error);
    }
  }

  /** Sends a message, as the composer does. */
  async send(text: string): Promise<void> {
    const client = this.client;
    if (!client || !text.trim()) return;
    this.stopTyping();
    try {
      await client.chat.sendMessage(text);
    } catch (error) {
      // The failed message stays in the transcript with its reason.
      this.reportError(error);
    }
  }

  /** Ends the chat, as the end button does after confirmation. */
  async end(): Promise<void> {
    this.confirmingEnd = false;
    try {
      await this.client?.chat.end();
    } catch (error) {
      this.reportError(error);
    }
  }

  // -------------------------------------------------------------------------------------------

  private attach(client: NexusClient): (() => void)[] {
    const chat = client.chat;
    const refresh = () => {
      this.view = viewOf(chat);
      this.syncPhase();
    };
    const offs = [
      chat.on('message', (event) => {
        refresh();
        this.announce(event as ChatMessage);
        this.reportSeen();
      }),
      chat.on('presence.agent', (event) => {
        refresh();
        const presence = event as PresenceEvent;
        if (presence.type === 'joined' && !presence.replayed && chat.session) {
          this.emit('nexus-chat-agent-join', { sessionId: chat.session.id, ...(presence.agent.name ? { agentName: presence.agent.name } : {}) });
        }
      }),
      chat.on('queue', refresh),
      chat.on('session.update', refresh),
      chat.on('session.close', (event) => {
        this.endedBy = event.endedBy;
        refresh();
        this.emit('nexus-chat-end', { sessionId: chat.session?.id ?? '', endedBy: event.endedBy });
      }),
      chat.on('typing.agent', refresh),
      chat.on('seen.agent', refresh),
      chat.on('connection.user.lost', () => {
        clearTimeout(this.foundTimer);
        this.connection = 'lost';
      }),
      chat.on('connection.user.found', () => {
        // What was reported while the connection was down may not have arrived: report again.
        this.seenReported = 0;
        this.reportSeen();
        this.connection = 'found';
        clearTimeout(this.foundTimer);
        this.foundTimer = setTimeout(() => (this.connection = 'ok'), FOUND_NOTICE_MS);
      }),
      chat.on('error', (error) => this.reportError(error)),
    ];
    // Co-browse: the consent dialog loads only when an agent asks (a client of an older copy of
    // the library has no co-browse).
    const showCobrowse = () =>
      void import('../cobrowse-consent/cobrowse-consent.js').then(() => {
        if (this.listeners.client === client) this.cobrowseShown = true;
      });
    if (client.cobrowse) {
      offs.push(client.cobrowse.on('request', showCobrowse));
      if (client.cobrowse.current) showCobrowse();
    }
    for (const entry of chat.transcript) if (entry.kind === 'message') this.announced.add(entry.message.id);
    const onVisibility = () => this.reportSeen();
    document.addEventListener('visibilitychange', onVisibility);
    offs.push(() => document.removeEventListener('visibilitychange', onVisibility));
    void client.liveHelp.restored.then(() => {
      if (this.listeners.client !== client) return;
      this.reportSeen();
      this.syncPhase();
      if (this.phase === 'idle' && this.autostart) void this.start();
    });
    refresh();
    return offs;
  }

  /** The phase follows the session in the client. */
  private syncPhase() {
    const session = this.client?.chat.session;
    if (!session) {
      if (this.phase !== 'starting' && this.phase !== 'error') this.phase = 'idle';
      return;
    }
    if (session.state === 'ended') this.phase = 'ended';
    else if (session.state === 'active') this.phase = 'active';
    else this.phase = 'waiting';
    if (session.state === 'ended' && this.endedBy === null) this.endedBy = session.endedBy;
  }

  /**
   * Tells the agent the person has read the conversation up to its latest agent message, when
   * that is new and the page is visible (a hidden tab reports it once it is shown again): the
   * console's read marker.
   */
  private reportSeen() {
    const chat = this.client?.chat;
    if (!chat?.session || chat.session.state === 'ended' || document.visibilityState !== 'visible') return;
    let latest = 0;
    for (const entry of chat.transcript) {
      if (entry.kind === 'message' && entry.message.author.role !== 'customer' && entry.message.seq !== null) latest = Math.max(latest, entry.message.seq);
    }
    if (latest <= this.seenReported) return;
    this.seenReported = latest;
    chat.markSeen(latest);
  }

  private announce(message: ChatMessage) {
    if (this.announced.has(message.id) || message.status === 'failed') return;
    this.announced.add(message.id);
    this.emit('nexus-chat-message', {
      direction: message.author.role === 'customer' ? 'out' : 'in',
      ...(message.text !== undefined ? { text: message.text } : {}),
      ...(message.file ? { fileName: message.file.name } : {}),
      seq: message.seq,
    });
  }

  private onInput(event: InputEvent) {
    this.draft = (event.target as HTMLTextAreaElement).value;
    if (!this.draft) {
      this.stopTyping();
      return;
    }
    if (!this.typingSent) {
      this.typingSent = true;
      this.client?.chat.typing(true);
    }
    clearTimeout(this.typingTimer);
    this.typingTimer = setTimeout(() => this.stopTyping(), TYPING_IDLE_MS);
  }

  private stopTyping() {
    clearTimeout(this.typingTimer);
    if (!this.typingSent) return;
    this.typingSent = false;
    this.client?.chat.typing(false);
  }

  private onKeydown(event: KeyboardEvent) {
    if (event.key !== 'Enter' || event.shiftKey || event.isComposing) return;
    event.preventDefault();
    this.submit();
  }

  private submit(event?: Event) {
    event?.preventDefault();
    const text = this.draft;
    if (!text.trim()) return;
    if (text.length > LIVE_LIMITS.maxMessageChars) return;
    this.draft = '';
    if (this.input) this.input.value = '';
    void this.send(text);
  }

  private async onFile(event: Event) {
    const input = event.target as HTMLInputElement;
    const file = input.files?.[0];
    input.value = '';
    if (!file || !this.client) return;
    const controller = new AbortController();
    this.upload = { name: file.name, fraction: 0, controller };
    try {
      await this.client.chat.sendFile(file, {
        signal: controller.signal,
        onProgress: (fraction) => {
          if (this.upload?.controller === controller) this.upload = { ...this.upload, fraction };
        },
      });
    } catch (error) {
      if (!isAbort(error)) {
        this.error = error instanceof NexusError ? error : new NexusError('internal_error', String(error));
        this.reportError(error);
      }
    } finally {
      if (this.upload?.controller === controller) this.upload = undefined;
    }
  }

  private async rate(event: Event) {
    event.preventDefault();
    const client = this.client;
    if (!client || !this.score) return;
    const comment = (this.renderRoot.querySelector('textarea[name=comment]') as HTMLTextAreaElement | null)?.value.trim();
    try {
      await client.chat.rate(this.score, {
        ...(comment ? { comment } : {}),
        ...(this.resolved !== undefined ? { survey: { resolved: this.resolved ? 'yes' : 'no' } } : {}),
      });
      this.rated = { score: this.score };
      this.emit('nexus-chat-rate', {
        sessionId: client.chat.session?.id ?? '',
        score: this.score,
        ...(this.resolved !== undefined ? { resolved: this.resolved } : {}),
      });
    } catch (error) {
      this.error = error instanceof NexusError ? error : new NexusError('internal_error', String(error));
      this.reportError(error);
    }
  }

  private async emailTranscript(event: Event) {
    event.preventDefault();
    const field = (event.target as HTMLFormElement).elements.namedItem('email') as HTMLInputElement;
    if (!field.reportValidity()) return;
    try {
      await this.client?.chat.emailTranscript(field.value.trim());
      this.transcriptSentTo = field.value.trim();
    } catch (error) {
      this.error = error instanceof NexusError ? error : new NexusError('internal_error', String(error));
      this.reportError(error);
    }
  }

  private newChat() {
    this.client?.liveHelp.reset();
    this.rated = undefined;
    this.score = 0;
    this.resolved = undefined;
    this.transcriptSentTo = undefined;
    this.endedBy = null;
    this.error = undefined;
    this.announced.clear();
    this.phase = 'idle';
    void this.start();
  }

  // -------------------------------------------------------------------------------------------
  // Rendering

  protected override renderContent() {
    const label = this.label ?? this.t('chatLabel');
    return html`<section part="base" class="base" aria-label=${label || this.t('chatLabel')}>
      <div part="header" class="header">
        ${label ? html`<h2 part="title" class="title">${label}</h2>` : nothing}
        ${this.phase === 'waiting' || this.phase === 'active'
          ? html`<button part="end-button" class="button link" @click=${() => (this.confirmingEnd = true)} ?hidden=${this.confirmingEnd}>
              ${this.t('chatEnd')}
            </button>`
          : nothing}
      </div>
      ${this.confirmingEnd ? this.renderEndConfirm() : nothing} ${renderBanners(this.localize, this.phase === 'waiting' ? this.view.queue : undefined, this.connection)}
      ${this.phase === 'idle' ? this.renderStart() : nothing}
      ${this.phase === 'starting' ? this.renderLoading(this.t('chatStarting')) : nothing}
      ${this.phase === 'error' ? this.renderError(this.error, () => void this.start()) : nothing}
      ${this.phase === 'waiting' || this.phase === 'active' || this.phase === 'ended' ? this.renderTranscript() : nothing}
      ${this.phase === 'waiting' || this.phase === 'active' ? this.renderComposer() : nothing}
      ${this.phase === 'ended' ? this.renderEnded() : nothing}
      ${this.cobrowseShown ? html`<nexus-cobrowse-consent .client=${this.client} exportparts="base:cobrowse__base"></nexus-cobrowse-consent>` : nothing}
    </section>`;
  }

  private renderStart() {
    return html`<div class="start">
      <button part="start-button" class="button primary" @click=${() => void this.start()}>${icon(chatIcon)}${this.t('chatStart')}</button>
    </div>`;
  }

  private renderEndConfirm() {
    return html`<div part="end-confirm" class="confirm" role="group" aria-label=${this.t('chatEndConfirm')}>
      <p>${this.t('chatEndConfirm')}</p>
      <button class="button primary" @click=${() => void this.end()}>${this.t('chatEndYes')}</button>
      <button class="button" @click=${() => (this.confirmingEnd = false)}>${this.t('chatEndNo')}</button>
    </div>`;
  }

  private renderTranscript() {
    const { view } = this;
    const agentName = view.agentName ?? this.t('chatAgent');
    return html`<div part="transcript" class="transcript" role="log" aria-live="polite" aria-label=${this.t('chatLabel')} tabindex="0">
      ${repeat(
        view.transcript,
        (entry) => (entry.kind === 'message' ? entry.message.id : `presence:${entry.presence.seq}`),
        (entry) => renderEntry(this.localize, this.client!.server, entry, view.seenByAgent),
      )}
      ${view.agentTyping && this.phase === 'active'
        ? html`<p part="typing" class="typing">${this.t('chatAgentTyping', { name: agentName })}</p>`
        : nothing}
      ${this.upload
        ? html`<div part="upload" class="upload">
            <label>
              <span>${this.t('chatUploading', { name: this.upload.name, percent: Math.round(this.upload.fraction * 100) })}</span>
              <progress max="1" .value=${this.upload.fraction}></progress>
            </label>
            <button class="button link" @click=${() => this.upload?.controller.abort()}>${this.t('chatUploadCancel')}</button>
          </div>`
        : nothing}
    </div>`;
  }

  private renderComposer() {
    const tooLong = this.draft.length > LIVE_LIMITS.maxMessageChars;
    return html`<form part="composer" class="composer" @submit=${this.submit}>
      <label class="visually-hidden" for="message">${this.t('chatComposerLabel')}</label>
      <textarea
        id="message"
        part="input"
        rows="2"
        placeholder=${this.t('chatComposerPlaceholder')}
        .value=${this.draft}
        aria-invalid=${tooLong ? 'true' : 'false'}
        @input=${this.onInput}
        @keydown=${this.onKeydown}
      ></textarea>
      <input type="file" hidden accept=${LIVE_LIMITS.fileTypes.join(',')} @change=${this.onFile} />
      <button type="button" part="attach-button" class="button icon-button" aria-label=${this.t('chatAttach')} ?disabled=${Boolean(this.upload)} @click=${() => this.fileInput?.click()}>
        ${attachIcon}
      </button>
      <button type="submit" part="send-button" class="button primary" ?disabled=${!this.draft.trim() || tooLong}>${this.t('chatSend')}</button>
    </form>`;
  }

  private renderEnded() {
    return html`<div part="ended" class="ended">
      <p role="status">${this.endedBy === 'agent' ? this.t('chatEndedByAgent') : this.t('chatEnded')}</p>
      ${this.error ? html`<p class="error-text" role="alert">${this.errorText(this.error)}</p>` : nothing}
      ${this.hideRating ? nothing : this.renderRating()}
      ${this.hideTranscript ? nothing : this.renderTranscriptForm()}
      <button part="new-chat-button" class="button" @click=${this.newChat}>${this.t('chatNew')}</button>
    </div>`;
  }

  private renderRating() {
    if (this.rated) return html`<p part="rating" class="thanks" role="status">${this.t('chatRateThanks')}</p>`;
    return html`<form part="rating" class="rating" @submit=${this.rate}>
      <fieldset>
        <legend>${this.t('chatRateHeading')}</legend>
        <div class="stars">
          ${[1, 2, 3, 4, 5].map(
            (score) => html`<label part="star" class="star ${score <= this.score ? 'on' : ''}">
              <input type="radio" name="score" .value=${String(score)} .checked=${this.score === score} @change=${() => (this.score = score)} />
              <span aria-hidden="true">★</span><span class="visually-hidden">${this.t('chatRateScore', { score })}</span>
            </label>`,
          )}
        </div>
      </fieldset>
      <fieldset>
        <legend>${this.t('chatRateResolved')}</legend>
        <label><input type="radio" name="resolved" .checked=${this.resolved === true} @change=${() => (this.resolved = true)} />${this.t('chatRateYes')}</label>
        <label><input type="radio" name="resolved" .checked=${this.resolved === false} @change=${() => (this.resolved = false)} />${this.t('chatRateNo')}</label>
      </fieldset>
      <label class="comment">
        <span>${this.t('chatRateComment')}</span>
        <textarea name="comment" rows="2" maxlength=${LIVE_LIMITS.maxCommentChars}></textarea>
      </label>
      <button type="submit" class="button primary" ?disabled=${!this.score}>${this.t('chatRateSubmit')}</button>
    </form>`;
  }

  private renderTranscriptForm() {
    if (this.transcriptSentTo) {
      return html`<p part="transcript-form" role="status">${this.t('chatTranscriptSent', { email: this.transcriptSentTo })}</p>`;
    }
    return html`<form part="transcript-form" class="transcript-form" @submit=${this.emailTranscript}>
      <label>
        <span>${this.t('chatTranscriptLabel')}</span>
        <input type="email" name="email" required autocomplete="email" />
      </label>
      <button type="submit" class="button">${this.t('chatTranscriptSend')}</button>
    </form>`;
  }

  private errorText(error: NexusError): string {
    return error.status >= 400 && error.status < 500 && error.message ? error.message : this.errorMessage(error);
  }
}

const attachIcon = html`<svg class="icon" viewBox="0 0 24 24" fill="none" stroke="currentColor" stroke-width="2" stroke-linecap="round" stroke-linejoin="round" aria-hidden="true">
  <path d="m21 11-8.5 8.5a5 5 0 0 1-7-7L14 4a3.5 3.5 0 0 1 5 5l-8.5 8.5a2 2 0 0 1-3-3L15 7" />
</svg>`;

define('nexus-chat', NexusChat);

declare global {
  interface HTMLElementTagNameMap {
    'nexus-chat': NexusChat;
  }
}
