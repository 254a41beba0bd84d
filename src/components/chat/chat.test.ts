import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import { env, expectConsole, expectReadOnlyState, sleep, stateTrail, until, pressChord } from '../../../test/browser/env.js';
import { AgentClient } from '../../agent/agent-client.js';
import { NexusClient } from '../../core/client.js';
import { memoryStorage, type StateStorage } from '../../core/storage.js';
import type { NexusEvent } from '../shared/events.js';
import type { NexusChat } from './chat.js';
import './chat.js';

const tenant = env.live.chat;
const part = (el: NexusChat, name: string) => el.shadowRoot!.querySelector<HTMLElement>(`[part~="${name}"]`);
const parts = (el: NexusChat, name: string) => [...el.shadowRoot!.querySelectorAll<HTMLElement>(`[part~="${name}"]`)];
const text = (node: Element | null | undefined) => node?.textContent?.replace(/\s+/g, ' ').trim() ?? '';

const cleanup: (() => unknown)[] = [];
afterEach(async () => {
  for (const fn of cleanup.splice(0).reverse()) await fn();
});

function customer(storage: StateStorage = memoryStorage(), consumerKey = `c${Math.random().toString(36).slice(2, 14)}`) {
  const client = new NexusClient({ server: env.server, token: tenant.app, storage, consumerKey, reconnectDelayMs: 50 });
  cleanup.push(() => client.destroy());
  return client;
}

/** `alex`, available, accepting every offer of a session in `accept`. */
async function agentAlex(accept: Set<string>) {
  const alex = new AgentClient({ server: env.server, token: tenant.agents.alex, reconnectDelayMs: 50 });
  cleanup.push(() => alex.destroy());
  await until(() => alex.connected, 'the agent connection');
  alex.on('offer', ({ session }) => {
    // A test may accept the same session itself, or end it first: whichever accept comes second is refused.
    if (accept.has(session.id)) void alex.accept(session.id).catch(() => undefined);
  });
  await alex.setStatus('available');
  return alex;
}

async function chatWith(client: NexusClient, attrs: { autostart?: boolean } = {}) {
  const el = await fixture<NexusChat>(html`<nexus-chat skill="sales" .client=${client} ?autostart=${attrs.autostart}></nexus-chat>`);
  cleanup.push(() => client.liveHelp.isActive() && client.chat.end().catch(() => undefined));
  return el;
}

/** Starts a chat in the element and has alex pick it up. */
async function activeChat(client = customer()) {
  const accept = new Set<string>();
  const alex = await agentAlex(accept);
  const el = await chatWith(client);
  const started = oneEvent(el, 'nexus-live-help-start');
  part(el, 'start-button')!.click();
  const { detail } = (await started) as NexusEvent<'nexus-live-help-start'>;
  accept.add(detail.sessionId);
  await alex.accept(detail.sessionId).catch(() => undefined);
  await until(() => text(part(el, 'system')).includes('joined'), 'the agent joining');
  return { el, alex, sessionId: detail.sessionId, client };
}

describe('<nexus-chat>', function () {
  this.timeout(20_000);

  it('starts on request, waits in line, and shows the agent joining', async () => {
    const client = customer();
    const el = await chatWith(client);
    expect(text(part(el, 'start-button'))).to.equal('Start chat');
    await expect(el).to.be.accessible();
    const started = oneEvent(el, 'nexus-live-help-start');
    part(el, 'start-button')!.click();
    const { detail } = (await started) as NexusEvent<'nexus-live-help-start'>;
    expect(detail.mode).to.equal('chat');
    expect(detail.skill).to.equal('sales');
    await until(() => text(part(el, 'queue')).includes('Waiting for an agent'), 'the waiting banner');
    await until(() => /next in line|number \d+ in line/.test(text(part(el, 'queue'))), 'the place in line');
    expect(part(el, 'queue')!.getAttribute('role')).to.equal('status');
    expect(el.shadowRoot!.activeElement?.getAttribute('part')).to.equal('input');
    await expect(el).to.be.accessible();

    const joined = oneEvent(el, 'nexus-chat-agent-join');
    const accept = new Set([detail.sessionId]);
    const alex = await agentAlex(accept);
    await alex.accept(detail.sessionId).catch(() => undefined);
    expect(((await joined) as NexusEvent<'nexus-chat-agent-join'>).detail.sessionId).to.equal(detail.sessionId);
    await until(() => text(part(el, 'system')).includes('joined the chat'), 'the joined note');
    expect(text(part(el, 'queue'))).to.equal('');
    // With nothing to say, the banners take no room above the transcript (they once left two grey strips).
    await el.updateComplete;
    expect(part(el, 'banner')!.getBoundingClientRect().height, 'the banners, quiet').to.equal(0);
  });

  it('reflects its state through the chat’s life: idle, starting, waiting, active, ended; read-only', async () => {
    const client = customer();
    const el = await chatWith(client);
    const trail = stateTrail(el);
    expect(el.state).to.equal('idle');
    await expectReadOnlyState(el);
    expect(part(el, 'start-button'), 'the start button stays').to.exist;

    const accept = new Set<string>();
    const alex = await agentAlex(accept);
    const started = oneEvent(el, 'nexus-live-help-start');
    part(el, 'start-button')!.click();
    const { detail } = (await started) as NexusEvent<'nexus-live-help-start'>;
    await until(() => el.getAttribute('state') === 'waiting', 'waiting');
    accept.add(detail.sessionId);
    await alex.accept(detail.sessionId).catch(() => undefined);
    await until(() => el.getAttribute('state') === 'active', 'active');
    await expectReadOnlyState(el);
    expect(part(el, 'composer'), 'the composer stays').to.exist;
    await el.end();
    await until(() => el.getAttribute('state') === 'ended', 'ended');
    expect(el.state).to.equal('ended');
    expect(trail.values).to.deep.equal(['idle', 'starting', 'waiting', 'active', 'ended']);
    trail.stop();
  });

  it('sends with Enter, keeps Shift+Enter as a new line, and shows the agent’s reply as text', async () => {
    const { el, alex, sessionId } = await activeChat();
    const typing: boolean[] = [];
    alex.on('session.typing', ({ active }) => typing.push(active));
    const input = part(el, 'input') as HTMLTextAreaElement;
    input.focus();
    await sendKeys({ type: 'line one' });
    await pressChord('Shift+Enter');
    await sendKeys({ type: 'line two' });
    await until(() => typing.includes(true), 'typing at the agent');
    const shown = oneEvent(el, 'nexus-chat-message');
    await sendKeys({ press: 'Enter' });
    const { detail } = (await shown) as NexusEvent<'nexus-chat-message'>;
    expect(detail).to.include({ direction: 'out', text: 'line one\nline two' });
    expect(input.value).to.equal('');
    const mine = () => parts(el, 'message-user').at(-1);
    expect(text(mine()!.querySelector('[part="message-text"]'))).to.equal('line one line two');
    await until(() => text(mine()!.querySelector('[part="message-status"]')) === 'Sent', 'the sent status');
    await until(() => typing.at(-1) === false, 'typing stopped at the agent');

    await alex.sendMessage(sessionId, '<img src=x onerror="window.__pwned=1"> try this');
    const agentMessage = await until(() => parts(el, 'message-agent')[0], 'the agent’s message');
    expect(text(agentMessage.querySelector('[part="message-text"]'))).to.equal('<img src=x onerror="window.__pwned=1"> try this');
    expect(agentMessage.querySelector('img')).to.equal(null);
    expect((window as { __pwned?: number }).__pwned).to.equal(undefined);
    expect(part(el, 'transcript')!.getAttribute('role')).to.equal('log');

    const seq = Number((await until(() => alex.sessions({ state: 'active' }), 'sessions')).find((s) => s.id === sessionId)?.lastSeq);
    alex.markSeen(sessionId, seq);
    await until(() => text(mine()!.querySelector('[part="message-status"]')) === 'Seen', 'the seen marker');
    await expect(el).to.be.accessible();
  });

  it('tells the agent what the person has read: at once while the page is visible, when it is shown again if hidden', async () => {
    const { el, alex, sessionId } = await activeChat();
    const seen: number[] = [];
    alex.on('session.seen', (event) => {
      if (event.sessionId === sessionId) seen.push(event.seq);
    });
    const first = await alex.sendMessage(sessionId, 'First reply');
    await until(() => parts(el, 'message-agent').length === 1, 'the first reply');
    await until(() => seen.includes(first.seq), 'the first reply seen at the agent');

    // A hidden tab has not been read: its seen marker waits until the page is visible again.
    const shown = () => delete (document as { visibilityState?: unknown }).visibilityState;
    Object.defineProperty(document, 'visibilityState', { configurable: true, get: () => 'hidden' });
    cleanup.push(shown);
    const second = await alex.sendMessage(sessionId, 'Second reply');
    await until(() => parts(el, 'message-agent').length === 2, 'the second reply');
    await sleep(300);
    expect(seen, 'nothing more while hidden').to.deep.equal([first.seq]);
    shown();
    document.dispatchEvent(new Event('visibilitychange'));
    await until(() => seen.includes(second.seq), 'the second reply seen once visible');
    expect(seen).to.deep.equal([first.seq, second.seq]);
  });

  it('ends after confirmation, then takes a rating, a survey answer and a transcript request', async () => {
    const { el, sessionId } = await activeChat();
    part(el, 'end-button')!.click();
    await el.updateComplete;
    expect(text(part(el, 'end-confirm'))).to.contain('End this chat?');
    const ended = oneEvent(el, 'nexus-chat-end');
    (part(el, 'end-confirm')!.querySelector('.button.primary') as HTMLButtonElement).click();
    expect(((await ended) as NexusEvent<'nexus-chat-end'>).detail).to.deep.equal({ sessionId, endedBy: 'customer' });
    await el.updateComplete;
    expect(text(part(el, 'ended'))).to.contain('The chat has ended.');
    expect(part(el, 'composer')).to.equal(null);
    await expect(el).to.be.accessible();

    const submit = part(el, 'rating')!.querySelector('button[type=submit]') as HTMLButtonElement;
    expect(submit.disabled).to.equal(true);
    (parts(el, 'star')[3].querySelector('input') as HTMLInputElement).click();
    (part(el, 'rating')!.querySelectorAll('input[name=resolved]')[0] as HTMLInputElement).click();
    await el.updateComplete;
    const rated = oneEvent(el, 'nexus-chat-rate');
    submit.click();
    expect(((await rated) as NexusEvent<'nexus-chat-rate'>).detail).to.deep.equal({ sessionId, score: 4, resolved: true });
    await until(() => text(part(el, 'rating')).includes('Thank you'), 'the thanks');

    const form = part(el, 'transcript-form') as HTMLFormElement;
    (form.querySelector('input[type=email]') as HTMLInputElement).value = 'pat@example.com';
    (form.querySelector('button') as HTMLButtonElement).click();
    await until(() => text(part(el, 'transcript-form')).includes('pat@example.com'), 'the transcript confirmation');
  });

  it('says when the agent ended the chat', async () => {
    const { el, alex, sessionId } = await activeChat();
    const ended = oneEvent(el, 'nexus-chat-end');
    await alex.end(sessionId);
    expect(((await ended) as NexusEvent<'nexus-chat-end'>).detail.endedBy).to.equal('agent');
    await until(() => text(part(el, 'ended')).includes('The agent ended the chat.'), 'the ended notice');
    await until(() => text(part(el, 'transcript')).includes('left the chat'), 'the left note');
  });

  it('shows the conversation again after a reload, without duplicates', async () => {
    const storage = memoryStorage();
    const key = `c${Math.random().toString(36).slice(2, 14)}`;
    const first = customer(storage, key);
    const { el, alex, sessionId } = await activeChat(first);
    await first.chat.sendMessage('before the reload');
    await alex.sendMessage(sessionId, 'an answer');
    await until(() => parts(el, 'message').length === 2, 'two messages');
    el.remove();
    await first.destroy();

    const second = customer(storage, key);
    const again = await fixture<NexusChat>(html`<nexus-chat skill="sales" .client=${second}></nexus-chat>`);
    await until(() => parts(again, 'message').length === 2, 'the restored messages');
    expect(parts(again, 'message').map((m) => text(m.querySelector('[part="message-text"]')))).to.deep.equal(['before the reload', 'an answer']);
    expect(part(again, 'start-button')).to.equal(null);
    expect(part(again, 'composer')).to.exist;
  });

  it('uploads a file with progress, shows it as a download link, and names refused files', async () => {
    const { el } = await activeChat();
    const input = el.shadowRoot!.querySelector('input[type=file]') as HTMLInputElement;
    const transfer = new DataTransfer();
    transfer.items.add(new File(['<script>alert(1)</script>'], 'log<script>.txt', { type: 'text/plain' }));
    input.files = transfer.files;
    input.dispatchEvent(new Event('change'));
    const link = (await until(() => part(el, 'file'), 'the file link')) as HTMLAnchorElement;
    expect(link.getAttribute('href')).to.match(new RegExp(`^${env.server}/v1/live/files/`));
    expect(link.getAttribute('rel')).to.contain('noopener');
    expect(text(link)).to.contain('log');
    expect(link.querySelector('script')).to.equal(null);

    expectConsole(/./);
    const error = oneEvent(el, 'nexus-error');
    const bad = new DataTransfer();
    bad.items.add(new File(['MZ'], 'setup.exe', { type: 'application/x-msdownload' }));
    input.files = bad.files;
    input.dispatchEvent(new Event('change'));
    expect(((await error) as NexusEvent<'nexus-error'>).detail.code).to.equal('file_type_not_allowed');
  });

  it('shows a clear error and reports it when the chat cannot start', async () => {
    const client = new NexusClient({ server: env.server, token: env.tokens.revoked, storage: memoryStorage() });
    cleanup.push(() => client.destroy());
    const el = await fixture<NexusChat>(html`<nexus-chat .client=${client} autostart></nexus-chat>`);
    const { detail } = (await oneEvent(el, 'nexus-error')) as NexusEvent<'nexus-error'>;
    expect(detail.status).to.equal(401);
    await el.updateComplete;
    expect(part(el, 'error')!.getAttribute('role')).to.equal('alert');
    expect(part(el, 'retry-button')).to.exist;
    expect(el.getAttribute('state')).to.equal('error');
  });
});
