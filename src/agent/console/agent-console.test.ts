import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import { env, expectReadOnlyState, freshKey, sleep, stateTrail, until, pressChord } from '../../../test/browser/env.js';
import { $, acceptedChat, alex, api, chatState, focused, found, headerAccept, option, part, parts, request, sam, setStatus, signedIn, tenant, text, useTenant } from '../../../test/browser/agent-console-world.js';
import type { NexusEvent } from '../../components/shared/events.js';
import { defaultStrings } from '../../i18n/strings-all.js';
import type { Agent, FileInfo } from '../../protocol/live.js';
import { ROUTES, routePath } from '../../protocol/routes.js';
import './agent-console.js';
import type { NexusAgentConsole } from './agent-console.js';

useTenant('console');

describe('<nexus-agent-console>', function () {
  // Several of these tests run two customers and a console against the server: on a busy
  // machine they take longer than mocha's default 10 s, though each wait has its own limit.
  this.timeout(30_000);

  describe('signing in', () => {
    it('without a token shows a labelled sign-in form, and signs in with the token pasted there', async () => {
      const el = await fixture<NexusAgentConsole>(html`<nexus-agent-console server=${env.server}></nexus-agent-console>`);
      const trail = stateTrail(el);
      // The form asks for an account first; the token is one switch away.
      expect(part(el, 'email-input')).to.exist;
      part(el, 'sign-in-mode-button')!.click();
      await el.updateComplete;
      const input = part<HTMLInputElement>(el, 'token-input')!;
      expect(el.shadowRoot!.activeElement, 'the token field has the focus').to.equal(input);
      expect(input.labels?.[0]?.textContent).to.equal(defaultStrings.agentTokenLabel);
      expect(input.type, 'the token is not shown on screen').to.equal('password');
      expect(part(el, 'header')).to.equal(null);
      await expect(el).to.be.accessible();

      const signedInEvent = oneEvent(el, 'nexus-agent-sign-in');
      input.focus();
      input.value = alex;
      await sendKeys({ press: 'Enter' });
      const { detail } = await signedInEvent;
      expect(detail).to.include({ agentId: 'alex', name: 'Alex' });
      await until(() => part(el, 'agent-name'), 'the header');
      expect(text(part(el, 'agent-name'))).to.contain('Alex');
      expect(part(el, 'sign-in')).to.equal(null);
      expect(el.signedInAgent?.skills).to.have.members(['sales', 'support']);
      await until(() => el.agentClient?.connected, 'the agent socket');
      await expect(el).to.be.accessible();
      await expectReadOnlyState(el);
      expect(part(el, 'agent-name'), 'the console stays').to.exist;

      const signedOut = oneEvent(el, 'nexus-agent-sign-out');
      part(el, 'sign-out-button')!.click();
      expect((await signedOut).detail).to.deep.equal({ agentId: 'alex' });
      await el.updateComplete;
      expect(part(el, 'token-input')).to.exist;
      expect(el.agentClient).to.equal(undefined);
      expect(trail.values, 'the reflected state').to.deep.equal(['signed-out', 'signing-in', 'ready', 'signed-out']);
      trail.stop();
    });

    it('shows a refused token (401) on the form and fires nexus-error once', async () => {
      const errors: NexusEvent<'nexus-error'>['detail'][] = [];
      const el = await fixture<NexusAgentConsole>(html`<nexus-agent-console
        server=${env.server}
        token="not-a-real-token"
        @nexus-error=${(e: NexusEvent<'nexus-error'>) => errors.push(e.detail)}
      ></nexus-agent-console>`);
      const error = await found(() => part(el, 'sign-in-error'), 'the refusal');
      expect(text(error)).to.equal(defaultStrings.agentTokenRefused);
      expect(text(error)).to.contain('401');
      expect(error.getAttribute('role')).to.equal('alert');
      const input = part<HTMLInputElement>(el, 'token-input')!;
      expect(input.getAttribute('aria-invalid')).to.equal('true');
      expect(input.getAttribute('aria-describedby')).to.contain('sign-in-error');
      await sleep(300);
      expect(errors).to.have.length(1);
      expect(errors[0]).to.include({ status: 401, source: 'nexus-agent-console' });
      expect(part(el, 'header')).to.equal(null);
      expect(el.state, 'back to the form').to.equal('signed-out');
      await expect(el).to.be.accessible();
    });

    it('refuses an application token used as an agent token', async () => {
      const el = await fixture<NexusAgentConsole>(html`<nexus-agent-console server=${env.server} token=${tenant.app}></nexus-agent-console>`);
      const error = await found(() => part(el, 'sign-in-error'), 'the refusal');
      expect(part(el, 'token-input')).to.exist;
      expect([defaultStrings.agentTokenNotAgent, defaultStrings.agentTokenRefused]).to.include(text(error));
    });

    it('shows an unreachable server as an error with a retry, and fires nexus-error', async () => {
      const errors: NexusEvent<'nexus-error'>['detail'][] = [];
      const el = await fixture<NexusAgentConsole>(html`<nexus-agent-console
        server="http://127.0.0.1:9"
        token=${alex}
        @nexus-error=${(e: NexusEvent<'nexus-error'>) => errors.push(e.detail)}
      ></nexus-agent-console>`);
      const error = await found(() => part(el, 'error'), 'the error state');
      expect(text(error)).to.contain(defaultStrings.agentErrorNetwork);
      expect(error.getAttribute('role')).to.equal('alert');
      expect(errors[0]).to.include({ code: 'network_error', status: 0 });
      expect(el.agentClient, 'no client keeps retrying behind the error').to.equal(undefined);
      expect(el.getAttribute('state')).to.equal('failed');
      await expect(el).to.be.accessible();

      // Retry against the right server signs in.
      el.server = env.server;
      await until(() => part(el, 'agent-name'), 'the console to sign in');
      expect(part(el, 'error')).to.equal(null);
    });

    it('says so when it has no server', async () => {
      const el = await fixture<NexusAgentConsole>(html`<nexus-agent-console token=${alex}></nexus-agent-console>`);
      expect(text(part(el, 'error'))).to.equal(defaultStrings.agentNoServer);
      expect(el.getAttribute('state')).to.equal('failed');
    });
  });

  describe('availability', () => {
    it('the switch sets the status on the server, and follows a change made elsewhere', async () => {
      await setStatus(alex, 'away');
      const el = await signedIn();
      const toggle = part(el, 'status-switch')!;
      expect(toggle.getAttribute('role')).to.equal('switch');
      expect(toggle.getAttribute('aria-checked')).to.equal('false');

      const changed = oneEvent(el, 'nexus-agent-status');
      toggle.focus();
      await sendKeys({ press: 'Space' });
      expect((await changed).detail).to.deep.equal({ status: 'available' });
      await el.updateComplete;
      expect(toggle.getAttribute('aria-checked')).to.equal('true');
      expect((await api<Agent>('GET', ROUTES.agentMe, alex)).status).to.equal('available');

      // Another tab (or the API) sets the agent away.
      await setStatus(alex, 'away');
      await until(() => toggle.getAttribute('aria-checked') === 'false', 'the switch to follow the server');
      await expect(el).to.be.accessible();
    });
  });

  describe('offers', () => {
    it('a chat request arrives as an alert with a countdown and in the list; Accept opens the chat', async () => {
      await setStatus(alex, 'available');
      const el = await signedIn();
      const offered = oneEvent(el, 'nexus-agent-offer');
      const customer = await request({ skill: 'sales' });
      const { detail } = await offered;
      expect(detail).to.include({ sessionId: customer.id, kind: 'chat', skill: 'sales' });

      const offer = await found(() => $(el, `[part~="offer"][data-session="${customer.id}"]`), 'the offer');
      const alert = offer.querySelector('[role="alert"]')!;
      expect(text(alert)).to.contain('sales');
      expect(text(alert)).to.contain(customer.session.code);
      const countdown = offer.querySelector('[part~="offer-countdown"]')!;
      expect(countdown.getAttribute('role')).to.equal('timer');
      const seconds = () => Number(/\d+/.exec(text(countdown))?.[0]);
      const first = seconds();
      expect(first).to.be.within(1, Math.ceil((detail.expiresAt - Date.now()) / 1000) + 1);
      await until(() => seconds() < first, 'the countdown to tick', 2500);

      const listed = await found(() => option(el, customer.id), 'the session in the list');
      expect(text(listed)).to.contain(customer.session.code);
      await expect(el).to.be.accessible();

      const accepted = oneEvent(el, 'nexus-agent-accept');
      offer.querySelector<HTMLElement>('[part~="accept-button"]')!.click();
      expect((await accepted).detail).to.deep.equal({ sessionId: customer.id, kind: 'chat', code: customer.session.code });
      await until(() => part(el, 'composer-input'), 'the composer', 10_000);
      expect(focused(el), 'focus moves to the reply box').to.equal(part(el, 'composer-input'));
      expect(parts(el, 'offer')).to.have.length(0);
      expect(chatState(el)).to.equal(defaultStrings.agentStateActive);
      expect(option(el, customer.id)!.getAttribute('aria-selected')).to.equal('true');
      await until(
        () => customer.events().some((e) => e.type === 'presence' && e.presence === 'joined' && e.author.name === 'Alex'),
        'the customer to hear that Alex joined',
      );
      await expect(el).to.be.accessible();
    });

    it('shows no notification when the page cancels nexus-agent-offer; the request is still listed', async () => {
      await setStatus(alex, 'available');
      const el = await signedIn();
      el.addEventListener('nexus-agent-offer', (event) => event.preventDefault());
      const offered = oneEvent(el, 'nexus-agent-offer');
      const customer = await request({ skill: 'sales' });
      expect((await offered).detail.sessionId).to.equal(customer.id);
      await until(() => option(el, customer.id), 'the session in the list');
      expect(parts(el, 'offer')).to.have.length(0);
    });

    it('withdraws the offer when the agent goes away; the request stays in the list', async () => {
      await setStatus(alex, 'available');
      const el = await signedIn();
      const offered = oneEvent(el, 'nexus-agent-offer');
      const customer = await request({ skill: 'sales' });
      await offered;
      await until(() => parts(el, 'offer').length === 1, 'the offer');
      part(el, 'status-switch')!.click();
      await until(() => parts(el, 'offer').length === 0, 'the offer to be withdrawn');
      expect(part(el, 'status-switch')!.getAttribute('aria-checked')).to.equal('false');
      const listed = await found(() => option(el, customer.id), 'the request in the list');
      await until(() => text(listed).includes(defaultStrings.agentStateQueued), 'the request to be waiting again');
    });
  });

  describe('chat', () => {
    it('shows customer messages once and as text, and the typing indicator', async () => {
      const { el, customer } = await acceptedChat();
      const shown: NexusEvent<'nexus-agent-message'>['detail'][] = [];
      el.addEventListener('nexus-agent-message', (e) => shown.push(e.detail));

      customer.send({ type: 'typing', active: true });
      await until(() => text(part(el, 'typing')) === defaultStrings.agentCustomerTyping, 'the typing indicator');

      const hostile = '<img src=x onerror="window.__nexusPwned = true">Hello & welcome';
      const clientId = customer.say(hostile);
      customer.say(hostile, clientId); // a retry with the same client id
      const bubble = await found(
        () => parts(el, 'message-customer').find((m) => text(m).includes('Hello & welcome')),
        'the message',
      );
      expect(text(bubble.querySelector('[part~="message-text"]'))).to.equal(hostile);
      expect(bubble.querySelector('img')).to.equal(null);
      expect((window as unknown as { __nexusPwned?: boolean }).__nexusPwned).to.equal(undefined);
      expect(bubble.querySelector('time')!.getAttribute('datetime')).to.match(/^\d{4}-\d\d-\d\dT/);
      expect(text(part(el, 'typing')), 'a message ends the typing indicator').to.equal('');

      customer.say('second message');
      await until(() => parts(el, 'message-customer').length === 2, 'the second message');
      await sleep(300);
      expect(parts(el, 'message-customer').map((m) => text(m.querySelector('[part~="message-text"]')))).to.deep.equal([
        hostile,
        'second message',
      ]);
      expect(shown.map((m) => [m.direction, m.text])).to.deep.equal([
        ['in', hostile],
        ['in', 'second message'],
      ]);
      expect(part(el, 'transcript')!.getAttribute('role')).to.equal('log');
    });

    it('Enter sends, Shift+Enter adds a line; the reply reaches the customer once, with typing and the read marker', async () => {
      const { el, customer } = await acceptedChat();
      const shown: NexusEvent<'nexus-agent-message'>['detail'][] = [];
      el.addEventListener('nexus-agent-message', (e) => shown.push(e.detail));
      const input = part<HTMLTextAreaElement>(el, 'composer-input')!;
      expect(focused(el)).to.equal(input);

      await sendKeys({ type: 'First line' });
      await until(
        () => customer.frames.some((f) => f.type === 'typing' && f.role === 'agent' && f.active),
        'the customer to see the agent typing',
      );
      await pressChord('Shift+Enter');
      await sendKeys({ type: 'second line' });
      expect(input.value).to.equal('First line\nsecond line');
      await sendKeys({ press: 'Enter' });

      const reply = await found(
        () => customer.events().find((e) => e.type === 'message' && e.author.role === 'agent'),
        'the reply at the customer',
      );
      expect(reply.text).to.equal('First line\nsecond line');
      expect(reply.author.name).to.equal('Alex');
      expect(input.value).to.equal('');
      await until(
        () => customer.frames.some((f) => f.type === 'typing' && f.role === 'agent' && !f.active),
        'typing to stop',
      );
      await until(() => parts(el, 'message-own').length === 1 && !part(el, 'message-status'), 'the stored reply');
      await sleep(300);
      expect(parts(el, 'message-own')).to.have.length(1);
      expect(part(el, "message-own")!.querySelector("[part~=\"message-text\"]")!.textContent).to.equal("First line\nsecond line");
      expect(shown).to.deep.equal([{ sessionId: customer.id, direction: 'out', seq: reply.seq, text: reply.text }]);

      // Enter on an empty box sends nothing.
      await sendKeys({ press: 'Enter' });
      await sleep(200);
      expect(customer.events().filter((e) => e.type === 'message')).to.have.length(1);

      expect(part(el, 'read-marker')).to.equal(null);
      customer.send({ type: 'seen', seq: reply.seq });
      await until(() => part(el, 'read-marker'), 'the read marker');
      expect(part(el, 'message-own')!.contains(part(el, 'read-marker'))).to.equal(true);
      await expect(el).to.be.accessible();
    });

    it('tells the customer what the agent has read', async () => {
      const { customer } = await acceptedChat();
      const clientId = customer.say('is anyone there?');
      const stored = await found(() => customer.frames.find((f) => f.type === 'ack' && f.clientId === clientId), 'the ack');
      const seq = stored.type === 'ack' ? stored.seq : 0;
      await until(
        () => customer.frames.some((f) => f.type === 'seen' && f.role === 'agent' && f.seq >= seq),
        'the agent to mark the message seen',
      );
    });

    it('links a shared file only to its signed download, with the name as text', async () => {
      const { el, customer } = await acceptedChat();
      const name = '<img src=x onerror="window.__nexusPwned = true">notes.txt';
      const upload = await fetch(`${env.server}${routePath(ROUTES.liveFiles, { id: customer.id })}?name=${encodeURIComponent(name)}`, {
        method: 'POST',
        headers: { authorization: `Bearer ${customer.grant.sessionToken}`, 'content-type': 'text/plain' },
        body: 'the router is in the hallway',
      });
      expect(upload.ok, `upload answered ${upload.status}`).to.equal(true);
      const file = (await upload.json()) as FileInfo;
      customer.send({ type: 'file', clientId: freshKey(), fileId: file.id });

      const link = await found(() => part<HTMLAnchorElement>(el, 'file-link'), 'the file link');
      expect(link.href).to.equal(new URL(file.url, env.server).href);
      expect(link.href.startsWith(`${env.server}/v1/live/files/`)).to.equal(true);
      expect(link.rel).to.contain('noopener');
      expect(file.name).to.contain('<img');
      expect(link.getAttribute('download')).to.equal(file.name);
      expect(text(link)).to.contain(file.name);
      expect(link.querySelector('img')).to.equal(null);
      expect(await (await fetch(link.href)).text()).to.equal('the router is in the hallway');
    });

    it('counts and announces new messages in the other sessions the agent handles', async () => {
      const { el, customer: first } = await acceptedChat();
      const second = await request({ skill: 'sales' });
      (await found(() => option(el, second.id), 'the second request')).click();
      (await found(() => headerAccept(el), 'its accept button')).click();
      await until(() => part(el, 'composer-input') && text(part(el, 'chat-header')).includes(second.session.code), 'the second chat');

      const unread = () => text(option(el, first.id)?.querySelector('[part~="unread"]'));
      expect(unread()).to.equal('');
      first.say('any news?');
      await until(() => unread() === defaultStrings.agentUnread.replace('{count}', '1'), 'one unread message');
      await until(
        () => text(part(el, 'announcer')).startsWith(defaultStrings.agentNewMessage.split('{')[0]),
        'the announcement',
      );
      first.say('hello?');
      await until(() => unread() === defaultStrings.agentUnread.replace('{count}', '2'), 'two unread messages');
      expect(parts(el, 'message-customer'), 'the open chat is not the one that got them').to.have.length(0);

      option(el, first.id)!.click();
      await until(() => parts(el, 'message-customer').length === 2, 'the first chat');
      expect(unread()).to.equal('');
    });

    it("shows another agent's session read-only, following it live", async () => {
      await setStatus(alex, 'away');
      const el = await signedIn();
      const customer = await request({ skill: 'support' });
      await api('POST', routePath(ROUTES.agentAccept, { id: customer.id }), sam);
      customer.say('hello Sam');
      await until(() => customer.events().some((e) => e.text === 'hello Sam'), 'the message to be stored');

      el.openSession(customer.id);
      await until(() => text(part(el, 'chat-header')).includes('Sam'), 'the chat header');
      await until(() => parts(el, 'message-customer').length === 1, 'the history');
      expect(part(el, 'composer')).to.equal(null);
      expect(headerAccept(el)).to.equal(null);
      expect(part(el, 'end-button')).to.equal(null);

      customer.say('are you still there?');
      await until(() => parts(el, 'message-customer').length === 2, 'the live message');
      expect(text(parts(el, 'message-customer')[1])).to.contain('are you still there?');
    });
  });
});
