import { html, nothing, type TemplateResult } from 'lit';
import type { ChatMessage, TranscriptEntry } from '../../core/live.js';
import type { QueueStatus } from '../../protocol/live.js';
import { fileHref, isoTime } from '../shared/format.js';
import type { LocalizeController } from '../shared/localize.js';

const PRESENCE_TEXT = { joined: 'chatAgentJoined', left: 'chatAgentLeft', transferred: 'chatTransferring' } as const;

/**
 * One entry of the chat's transcript: an agent joining, leaving or transferring the chat, or a message with its author,
 * text or file, time and (for the person's own messages) its status. `server` resolves file links.
 */
export function renderEntry(l: LocalizeController, server: string, entry: TranscriptEntry, seenByAgent: number): TemplateResult {
  if (entry.kind === 'presence') {
    const name = entry.presence.agent.name ?? l.msg('chatAgent');
    return html`<p part="system" class="system">
      ${l.msg(PRESENCE_TEXT[entry.presence.type], { name })}
    </p>`;
  }
  const message = entry.message;
  const mine = message.author.role === 'customer';
  const author = mine ? l.msg('chatYou') : (message.author.name ?? l.msg('chatAgent'));
  return html`<div part="message ${mine ? 'message-user' : 'message-agent'}" class="message ${mine ? 'user' : 'agent'} ${message.status}">
    <span part="message-author" class="author">${author}</span>
    ${message.text !== undefined ? html`<p part="message-text" class="text">${message.text}</p>` : nothing}
    ${message.file ? renderFile(l, server, message) : nothing}
    <span class="meta">
      <time part="message-time" datetime=${isoTime(message.at)}>${l.time(message.at)}</time>
      ${mine ? html`<span part="message-status" class="status">${statusText(l, message, seenByAgent)}</span>` : nothing}
    </span>
  </div>`;
}

function renderFile(l: LocalizeController, server: string, message: ChatMessage): TemplateResult {
  const file = message.file!;
  const href = fileHref(file, server);
  const label = l.msg('chatFile', { name: file.name, size: l.size(file.size) });
  if (!href) return html`<span part="file" class="file">${label}</span>`;
  return html`<a part="file" class="file" href=${href} download=${file.name} target="_blank" rel="noopener noreferrer">
    ${file.type.startsWith('image/') ? html`<img part="file-preview" src=${href} alt="" loading="lazy" />` : nothing}
    <span>${label}</span>
  </a>`;
}

function statusText(l: LocalizeController, message: ChatMessage, seenByAgent: number): string {
  if (message.status === 'failed') return l.msg('chatFailed', { reason: message.error?.message ?? '' });
  if (message.status === 'pending') return l.msg('chatSending');
  return message.seq !== null && message.seq <= seenByAgent ? l.msg('chatSeen') : l.msg('chatSent');
}

/**
 * The banners above the transcript: the queue (`queue` while waiting: the line, the position and
 * the wait) and the connection (lost, or found again for a moment). Both are live regions, so
 * they stay in the page; with nothing to say they are `quiet`: no height, no background.
 */
export function renderBanners(l: LocalizeController, queue: QueueStatus | null | undefined, connection: 'ok' | 'lost' | 'found'): TemplateResult {
  return html`<div part="banner" class="banners">
    <div part="queue" class="banner ${queue === undefined ? 'quiet' : ''}" role="status">
      ${queue !== undefined
        ? html`<p>${l.msg('chatWaiting')}</p>
            ${queue ? html`<p>${queue.position <= 1 ? l.msg('chatQueueNext') : l.msg('chatQueuePosition', { position: queue.position })}</p>` : nothing}
            ${queue?.waitSeconds != null
              ? html`<p>${queue.waitSeconds < 60 ? l.msg('chatWaitUnderMinute') : l.msg('chatWaitMinutes', { minutes: Math.round(queue.waitSeconds / 60) })}</p>`
              : nothing}`
        : nothing}
    </div>
    <div part="connection" class="banner connection ${connection} ${connection === 'ok' ? 'quiet' : ''}" role="status">
      ${connection === 'lost' ? l.msg('chatConnectionLost') : connection === 'found' ? l.msg('chatConnectionFound') : nothing}
    </div>
  </div>`;
}
