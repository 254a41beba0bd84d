import { html, nothing, type TemplateResult } from 'lit';
import { live } from 'lit/directives/live.js';
import { repeat } from 'lit/directives/repeat.js';
import { LIVE_LIMITS } from '../../protocol/api.js';
import type { ChatEvent, LiveSession } from '../../protocol/live.js';
import type { Thread } from './console-store.js';
import {
  canAccept,
  canEnd,
  canReply,
  customerLabel,
  endedText,
  errorText,
  isMine,
  kindLabel,
  renderEmpty,
  renderError,
  renderLoading,
  sessionTitle,
  stateLabel,
  type ConsoleView,
} from './console-view.js';
import { consumerName, fileHref, isoTime } from './format.js';
import type { TranscriptItem } from './transcript.js';

// The conversation pane: its header (title, facts, accept, end, co-browse), the transcript, the
// typing line, the composer and the end dialog.

export function renderChat(ui: ConsoleView): TemplateResult {
  const session = ui.store.selectedId ? ui.store.sessions.get(ui.store.selectedId) : undefined;
  if (!session) {
    return html`<section part="chat" class="chat" aria-label=${ui.t('agentChatLabel')}>
      ${renderEmpty(ui.t('agentNoSelection'))}
    </section>`;
  }
  const thread = ui.store.threads.get(session.id);
  const detail = ui.store.details.get(session.id)?.detail;
  const name = consumerName(detail?.consumer);
  const error = ui.store.actionErrors.get(session.id);
  const accepting = ui.store.accepting.has(session.id);
  const ending = ui.store.ending.has(session.id);
  return html`<section part="chat" class="chat" aria-labelledby="chat-title">
    <div part="chat-header" class="chat-header">
      <div class="chat-title">
        <h2 id="chat-title">${name ?? sessionTitle(ui, session)}</h2>
        <p class="muted small">
          ${kindLabel(ui, session.kind)} · ${session.skill ?? ui.t('agentNoSkill')} ·
          ${ui.t('agentSessionCode', { code: session.code })} ·
          <span part="state-badge" class="badge state-${session.state}">${stateLabel(ui, session.state)}</span>
          ${session.agent && !isMine(ui, session) ? html` · ${ui.t('agentHandledBy', { name: session.agent.name })}` : nothing}
        </p>
      </div>
      <div class="chat-actions">
        ${ui.cobrowseButton(session)} ${ui.transferButton(session)}
        ${canAccept(ui, session)
          ? html`<button
              part="accept-button"
              class="button primary"
              type="button"
              aria-busy=${accepting ? 'true' : 'false'}
              @click=${() => ui.on.accept(session.id, 'chat')}
            >
              ${accepting ? ui.t('agentAccepting') : ui.t('agentAccept')}
            </button>`
          : nothing}
        ${canEnd(ui, session)
          ? html`<button part="end-button" class="button danger" type="button" aria-busy=${ending ? 'true' : 'false'} @click=${ui.on.askEnd}>
              ${ui.t('agentEnd')}
            </button>`
          : nothing}
      </div>
      ${error ? html`<p part="action-error" class="inline-error" role="alert">${errorText(ui, error)}</p>` : nothing}
      ${ui.transferStatus(session)}
    </div>
    ${ui.cobrowseArea(session)} ${renderTranscript(ui, session, thread)}
    <p part="typing" class="typing small muted" role="status">${thread?.customerTyping ? ui.t('agentCustomerTyping') : ''}</p>
    ${renderComposerArea(ui, session)}
    <dialog part="end-dialog" class="end-dialog" aria-labelledby="end-title" @cancel=${ui.on.cancelEnd}>
      <p id="end-title">${ui.t('agentEndConfirm')}</p>
      <div class="dialog-actions">
        <button part="cancel-button" class="button" type="button" @click=${ui.on.cancelEnd}>${ui.t('agentEndNo')}</button>
        <button part="confirm-button" class="button danger" type="button" @click=${ui.on.confirmEnd}>${ui.t('agentEndYes')}</button>
      </div>
    </dialog>
    ${ui.transferDialog(session)}
  </section>`;
}

function renderTranscript(ui: ConsoleView, session: LiveSession, thread: Thread | undefined): unknown {
  if (!thread || (thread.phase === 'loading' && !thread.transcript.entries.length)) return renderLoading(ui);
  if (thread.phase === 'error' && !thread.transcript.entries.length) {
    return renderError(ui, thread.error, () => void ui.on.loadThread(session.id));
  }
  const entries = thread.transcript.entries;
  // "Seen" goes under the last message of this agent that the customer has seen.
  let seenKey: string | undefined;
  for (const item of entries) {
    if (item.seq !== null && item.seq <= thread.seenByCustomer && isOwn(ui, item)) seenKey = item.key;
  }
  return html`<div
    part="transcript"
    class="transcript"
    role="log"
    aria-label=${ui.t('agentTranscriptLabel')}
    aria-live="polite"
    tabindex="0"
  >
    ${entries.length ? nothing : html`<p class="muted empty-log">${ui.t('agentTranscriptEmpty')}</p>`}
    ${repeat(
      entries,
      (item) => item.key,
      (item) => renderItem(ui, session, item, item.key === seenKey),
    )}
  </div>`;
}

export function isOwn(ui: ConsoleView, item: TranscriptItem): boolean {
  if (item.outgoing) return true;
  const author = item.event?.author;
  const agent = ui.agent();
  return author?.role === 'agent' && !!agent && author.id === agent.id;
}

function renderItem(ui: ConsoleView, session: LiveSession, item: TranscriptItem, seen: boolean): TemplateResult {
  if (item.outgoing && !item.event) {
    const out = item.outgoing;
    return html`<div part="message message-own" class="message own" data-seq=${item.seq ?? ''}>
      <span class="message-meta">
        <span part="message-author" class="author">${ui.t('agentYou')}</span>
        <time part="message-time" datetime=${isoTime(out.at)}>${ui.localize.time(out.at, ui.now())}</time>
      </span>
      <p part="message-text" class="text">${out.text}</p>
      ${out.status === 'failed'
        ? html`<span part="message-status" class="message-status failed">
            ${ui.t('agentNotSent')} ${errorText(ui, out.error)}
            <button part="resend-button" class="button link" type="button" @click=${() => ui.on.resend(session.id, out.clientId)}>
              ${ui.t('agentResend')}
            </button>
          </span>`
        : out.status === 'sending'
          ? html`<span part="message-status" class="message-status">${ui.t('agentSending')}</span>`
          : nothing}
      ${seen ? html`<span part="read-marker" class="read-marker">${ui.t('agentSeen')}</span>` : nothing}
    </div>`;
  }
  const event = item.event!;
  const time = html`<time part="message-time" datetime=${isoTime(event.at)}>${ui.localize.time(event.at, ui.now())}</time>`;
  if (event.type === 'message' || event.type === 'file') {
    const own = isOwn(ui, item);
    const role = event.author.role;
    const kind = own ? 'own' : role === 'customer' ? 'customer' : role === 'agent' ? 'agent' : 'system';
    const author = own
      ? ui.t('agentYou')
      : role === 'customer'
        ? customerLabel(ui, session)
        : role === 'agent'
          ? event.author.name || ui.t('agentAgent')
          : ui.t('agentSystem');
    return html`<div part="message message-${kind}" class="message ${kind}" data-seq=${event.seq}>
      <span class="message-meta"><span part="message-author" class="author">${author}</span> ${time}</span>
      ${event.type === 'file' && event.file ? renderFile(ui, event) : html`<p part="message-text" class="text">${event.text ?? ''}</p>`}
      ${seen ? html`<span part="read-marker" class="read-marker">${ui.t('agentSeen')}</span>` : nothing}
    </div>`;
  }
  return html`<p part="system-message" class="system" data-seq=${event.seq}>${systemText(ui, event)} ${time}</p>`;
}

function renderFile(ui: ConsoleView, event: ChatEvent): TemplateResult {
  const file = event.file!;
  const size = ui.localize.size(file.size);
  const client = ui.client();
  const href = client ? fileHref(file, client.server) : null;
  if (!href) return html`<p part="message-text" class="text">${ui.t('agentFileUnavailable', { name: file.name, size })}</p>`;
  return html`<p part="message-text" class="text">
    <a part="file-link" href=${href} target="_blank" rel="noopener noreferrer" download=${file.name}>
      ${ui.t('agentFileLabel', { name: file.name, size })}
    </a>
  </p>`;
}

function systemText(ui: ConsoleView, event: ChatEvent): string {
  const name = event.author.name || ui.t('agentSystem');
  switch (event.type) {
    case 'presence':
      return event.presence === 'left' ? ui.t('agentLeft', { name }) : ui.t('agentJoined', { name });
    case 'transfer':
      return ui.t('agentTransferred', { name });
    case 'state':
      if (event.state === 'ended') return ui.t('agentStateChanged', { state: stateLabel(ui, 'ended') });
      return ui.t('agentStateChanged', { state: event.state ? stateLabel(ui, event.state) : '' });
    case 'rating':
      return ui.t('agentRated', { score: event.score ?? '' });
    default:
      return event.text ?? '';
  }
}

function renderComposerArea(ui: ConsoleView, session: LiveSession): TemplateResult {
  if (session.state === 'ended') {
    return html`<p class="notice" part="empty">${endedText(ui, session)}</p>`;
  }
  if (!canReply(ui, session)) {
    const text = session.agent && !isMine(ui, session) ? ui.t('agentHandledBy', { name: session.agent.name }) : ui.t('agentAcceptHint');
    return html`<p class="notice muted">${text}</p>`;
  }
  const draft = ui.store.drafts.get(session.id) ?? '';
  return html`<form part="composer" class="composer" @submit=${ui.on.send}>
    <label for="composer-input" class="visually-hidden">${ui.t('agentComposerLabel')}</label>
    <textarea
      part="composer-input"
      id="composer-input"
      rows="2"
      maxlength=${LIVE_LIMITS.maxMessageChars}
      aria-describedby="composer-hint"
      placeholder=${ui.t('agentComposerLabel')}
      .value=${live(draft)}
      @input=${ui.on.onComposerInput}
      @keydown=${ui.on.onComposerKeyDown}
      @blur=${ui.on.stopTyping}
    ></textarea>
    <button part="send-button" class="button primary" type="submit">${ui.t('agentSend')}</button>
    <span id="composer-hint" class="visually-hidden">${ui.t('agentComposerHint')}</span>
  </form>`;
}
