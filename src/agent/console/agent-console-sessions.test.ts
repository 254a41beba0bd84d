import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import { env, freshKey, sleep, until } from '../../../test/browser/env.js';
import { $, $$, acceptedChat, alex, api, chatState, type Customer, focused, found, headerAccept, holdAnswers, option, options, part, parts, request, setStatus, signedIn, somePath, tenant, text, useTenant } from '../../../test/browser/agent-console-world.js';
import { defaultStrings } from '../../i18n/strings-all.js';
import type { LiveSession } from '../../protocol/live.js';
import { ROUTES, routePath } from '../../protocol/routes.js';
import './agent-console.js';
import type { NexusAgentConsole } from './agent-console.js';

useTenant('consoleSessions');

describe('<nexus-agent-console>: code search, customer panel, ending, session list, connection', function () {
  // Several of these tests run two customers and a console against the server: on a busy
  // machine they take longer than mocha's default 10 s, though each wait has its own limit.
  this.timeout(30_000);

  describe('finding a call by its code', () => {
    it('finds the call, opens it with Accept focused, and Accept makes it active', async () => {
      await setStatus(alex, 'away');
      const el = await signedIn();
      const caller = await request({ kind: 'call', skill: 'support' });
      const code = caller.session.code;
      const input = part<HTMLInputElement>(el, 'code-input')!;
      expect(input.labels?.[0]?.textContent).to.equal(defaultStrings.agentCodeLabel);

      input.focus();
      await sendKeys({ type: '12' });
      await sendKeys({ press: 'Enter' });
      await el.updateComplete;
      expect(text(part(el, 'code-status'))).to.equal(defaultStrings.agentCodeInvalid);
      expect(input.getAttribute('aria-invalid')).to.equal('true');

      input.value = '';
      await sendKeys({ type: `${code.slice(0, 3)} ${code.slice(3)}` });
      await sendKeys({ press: 'Enter' });
      await until(() => focused(el) === headerAccept(el) && headerAccept(el), 'the accept button to get focus');
      expect(text(part(el, 'chat-header'))).to.contain(code);
      expect(text($(el, '#chat-title'))).to.contain(defaultStrings.agentKindCall);
      expect(chatState(el)).to.equal(defaultStrings.agentStateQueued);
      expect(text(part(el, 'code-status'))).to.contain(code);
      await expect(el).to.be.accessible();

      await sendKeys({ press: 'Enter' });
      await until(() => chatState(el) === defaultStrings.agentStateActive, 'the call to be active');
      expect(part(el, 'composer-input')).to.exist;
      await until(
        () => caller.frames.some((f) => f.type === 'session' && f.session.state === 'active' && f.session.agent?.id === 'alex'),
        'the caller to be told',
      );
    });

    it('says when no open session has the code, and fires nexus-error', async () => {
      const el = await signedIn();
      const open = await api<{ items: LiveSession[] }>('GET', `${ROUTES.agentSessions}?state=queued,assigned,active`, alex);
      let code = '000000';
      while (open.items.some((s) => s.code === code)) code = String(Math.floor(Math.random() * 1e6)).padStart(6, '0');
      const input = part<HTMLInputElement>(el, 'code-input')!;
      input.value = code;
      const failed = oneEvent(el, 'nexus-error');
      part(el, 'code-button')!.click();
      expect((await failed).detail).to.include({ status: 404, source: 'nexus-agent-console' });
      await el.updateComplete;
      expect(text(part(el, 'code-status'))).to.equal(defaultStrings.agentCodeNotFound.replace('{code}', code));
    });
  });

  describe('customer panel', () => {
    it('shows identity, context log, guided-path activity, session data and origin', async () => {
      const PATH = await somePath();
      const consumer = freshKey();
      const now = Date.now();
      await api('POST', ROUTES.context, tenant.app, {
        consumer,
        ops: [
          {
            id: freshKey(),
            at: now - 5000,
            op: 'identity',
            set: { firstName: '<b>Dana</b>', lastName: 'Lee', email: 'dana@example.com', phone: '+1 555 0100', externalId: 'cust-42' },
          },
          { id: freshKey(), at: now - 4000, op: 'log', kind: 'device', name: 'Smart Bulb A19', detail: 'firmware 2.1', data: { serial: 'SB-1' } },
          { id: freshKey(), at: now - 3000, op: 'log', kind: 'action', name: 'Pressed reset' },
        ],
      });
      await api('POST', ROUTES.activity, tenant.app, {
        consumer,
        events: [
          { id: freshKey(), at: now - 2000, pathId: PATH.id, event: 'started' },
          { id: freshKey(), at: now - 1500, pathId: PATH.id, event: 'step', stepId: PATH.step },
          { id: freshKey(), at: now - 1000, pathId: PATH.id, event: 'escalated', stepId: PATH.step },
        ],
      });
      await setStatus(alex, 'away');
      const el = await signedIn();
      const customer = await request({
        consumer,
        skill: 'support',
        data: { orderId: 'A-1001' },
        origin: { pathId: PATH.id, stepId: PATH.step },
      });
      (await found(() => option(el, customer.id), 'the session in the list')).click();
      const identity = await found(() => part(el, 'identity'), 'the customer panel');

      expect(text(identity)).to.contain('<b>Dana</b> Lee');
      expect(identity.querySelector('b'), 'names are text').to.equal(null);
      for (const value of ['dana@example.com', '+1 555 0100', 'cust-42', consumer]) expect(text(identity)).to.contain(value);
      expect(text($(el, '#chat-title'))).to.equal('<b>Dana</b> Lee');

      const context = parts(el, 'context-entry').map(text);
      expect(context).to.have.length(2);
      expect(context[0], 'newest first').to.contain('Pressed reset').and.contain(defaultStrings.agentContextAction);
      expect(context[1]).to.contain('Smart Bulb A19').and.contain('firmware 2.1').and.contain('SB-1');

      const activity = parts(el, 'activity-entry').map(text);
      expect(activity).to.have.length(3);
      expect(activity[0]).to.contain(PATH.title).and.contain(defaultStrings.agentActivityEscalated).and.contain(PATH.step);
      expect(activity[2]).to.contain(defaultStrings.agentActivityStarted);

      expect(text(part(el, 'origin'))).to.contain(PATH.title).and.contain(PATH.step);
      expect(text(part(el, 'session-data'))).to.contain('orderId').and.contain('A-1001');
      await expect(el).to.be.accessible();

      // Context logged later shows after a refresh.
      await api('POST', ROUTES.context, tenant.app, {
        consumer,
        ops: [{ id: freshKey(), at: Date.now(), op: 'log', kind: 'content', name: 'Read the warranty page' }],
      });
      part(el, 'refresh-button')!.click();
      await until(() => parts(el, 'context-entry').some((e) => text(e).includes('Read the warranty page')), 'the new entry');
    });

    it('says when the customer has no context and came straight to live help', async () => {
      const { el } = await acceptedChat();
      await until(() => part(el, 'identity'), 'the customer panel');
      expect(text(part(el, 'identity'))).to.contain(defaultStrings.agentAnonymous);
      expect(text(part(el, 'context-log'))).to.contain(defaultStrings.agentContextEmpty);
      expect(text(part(el, 'activity'))).to.contain(defaultStrings.agentActivityEmpty);
      expect(text(part(el, 'origin'))).to.contain(defaultStrings.agentOriginNone);
    });
  });

  describe('ending', () => {
    it('asks first, then ends the session for both sides', async () => {
      const { el, customer } = await acceptedChat();
      const end = part(el, 'end-button')!;
      const dialog = part<HTMLDialogElement>(el, 'end-dialog')!;
      end.focus();
      await sendKeys({ press: 'Enter' });
      await until(() => dialog.open, 'the confirmation');
      expect(focused(el), 'the safe choice has focus').to.equal(part(el, 'cancel-button'));
      await expect(el).to.be.accessible();

      await sendKeys({ press: 'Escape' });
      await until(() => !dialog.open, 'the dialog to close');
      await sleep(200);
      expect(chatState(el)).to.equal(defaultStrings.agentStateActive);

      const ended = oneEvent(el, 'nexus-agent-session-end');
      end.click();
      await until(() => dialog.open, 'the confirmation');
      part(el, 'confirm-button')!.click();
      expect((await ended).detail).to.deep.equal({ sessionId: customer.id, endedBy: 'agent' });
      await until(() => chatState(el) === defaultStrings.agentStateEnded, 'the ended state');
      expect(part(el, 'composer')).to.equal(null);
      expect(part(el, 'end-button')).to.equal(null);
      await until(() => customer.events().some((e) => e.type === 'state' && e.state === 'ended'), 'the customer to be told');
    });

    it('tells the agent when the customer ends the chat', async () => {
      const { el, customer } = await acceptedChat();
      const ended = oneEvent(el, 'nexus-agent-session-end');
      customer.send({ type: 'end' });
      expect((await ended).detail).to.deep.equal({ sessionId: customer.id, endedBy: 'customer' });
      await until(() => text(part(el, 'announcer')) === defaultStrings.agentEndedByCustomer, 'the announcement');
      expect(part(el, 'composer')).to.equal(null);
      expect(text(part(el, 'chat'))).to.contain(defaultStrings.agentEndedByCustomer);
    });
  });

  describe('session list', () => {
    it('keeps a session the socket reported while the list was loading (the list answer is older)', async () => {
      await setStatus(alex, 'away');
      // Hold every answer to the session-list request until released: the server answers at
      // once (before the new session exists), the console receives it later.
      const hold = holdAnswers((input) => String(input).includes(`${ROUTES.agentSessions}?`));
      let el: NexusAgentConsole;
      try {
        el = await fixture<NexusAgentConsole>(html`<nexus-agent-console server=${env.server} token=${alex}></nexus-agent-console>`);
      } finally {
        hold.restore();
      }
      await until(() => el.agentClient?.connected && hold.answered, 'the agent socket and the (held) list answer');
      const customer = await request({ skill: 'sales' });
      await found(() => option(el, customer.id), 'the new session, from the socket');
      hold.release();
      await until(() => hold.delivered, 'the list answer handed over');
      // Its body is read and applied in the next few tasks: give them time, then look.
      await sleep(300);
      await el.updateComplete;
      expect(option(el, customer.id), 'still listed after the older list answer').to.exist;
    });

    it('keeps an accepted session active when details asked for before the accept arrive after it', async () => {
      await setStatus(alex, 'away');
      // Hold the answer to the session's detail request: the server answers while the session is
      // still queued, the console receives it only after the accept and its socket update.
      let heldId: string | undefined;
      const hold = holdAnswers(
        (input, init) =>
          heldId !== undefined && (init?.method ?? 'GET') === 'GET' && new URL(String(input)).pathname === routePath(ROUTES.agentSession, { id: heldId }),
      );
      let el: NexusAgentConsole;
      try {
        // The console's client takes the fetch it finds when it signs in.
        el = await signedIn();
      } finally {
        hold.restore();
      }
      try {
        const customer = await request({ skill: 'sales' });
        heldId = customer.id;
        (await found(() => option(el, customer.id), 'the session in the list')).click();
        await until(() => hold.answered, 'the (held) detail answer, taken while the session was queued');
        (await found(() => headerAccept(el), 'the accept button')).click();
        await until(() => chatState(el) === defaultStrings.agentStateActive, 'the accepted session');
        hold.release();
        await until(() => hold.delivered, 'the detail answer handed over');
        // Its body is read and applied in the next few tasks: give them time, then look.
        await sleep(300);
        await el.updateComplete;
        expect(chatState(el), 'not rolled back by the older answer').to.equal(defaultStrings.agentStateActive);
        expect(part(el, 'composer-input')).to.exist;
      } finally {
        hold.release();
      }
    });

    it('is a listbox with one tab stop: arrows, Home and End move, Enter and Space open', async () => {
      await setStatus(alex, 'away');
      const el = await signedIn();
      const calls: Customer[] = [];
      for (let i = 0; i < 3; i++) calls.push(await request({ kind: 'call', skill: 'support' }));
      const mine = new Set(calls.map((c) => c.id));
      await until(() => options(el).filter((o) => mine.has(o.dataset.session!)).length === 3, 'the three calls');
      // Only this test's sessions are open in this tenant; newest first.
      const list = options(el);
      expect(list.map((o) => o.dataset.session)).to.deep.equal(calls.map((c) => c.id).reverse());
      expect(part(el, 'session-list')!.getAttribute('role')).to.equal('listbox');
      expect(list.filter((o) => o.tabIndex === 0)).to.have.length(1);

      $(el, 'select[name="kind"]')!.focus();
      await sendKeys({ press: 'Tab' });
      expect(focused(el)).to.equal(list[0]);
      await sendKeys({ press: 'ArrowDown' });
      expect(focused(el)).to.equal(list[1]);
      await sendKeys({ press: 'End' });
      expect(focused(el)).to.equal(list[2]);
      await sendKeys({ press: 'ArrowDown' });
      expect(focused(el), 'stops at the end').to.equal(list[2]);
      await sendKeys({ press: 'Home' });
      expect(focused(el)).to.equal(list[0]);
      await sendKeys({ press: 'ArrowUp' });
      expect(focused(el), 'stops at the start').to.equal(list[0]);
      expect(list.every((o) => o.getAttribute('aria-selected') === 'false')).to.equal(true);

      await sendKeys({ press: 'ArrowDown' });
      await sendKeys({ press: 'Enter' });
      await until(() => list[1].getAttribute('aria-selected') === 'true', 'the second call to open');
      await until(() => text(part(el, 'chat-header')).includes(calls[1].session.code), 'its conversation');
      expect(list.filter((o) => o.tabIndex === 0)).to.deep.equal([list[1]]);

      await sendKeys({ press: 'ArrowDown' });
      await sendKeys({ press: ' ' });
      await until(() => list[2].getAttribute('aria-selected') === 'true', 'Space to open the third');
      expect(list[1].getAttribute('aria-selected')).to.equal('false');
      expect(text(part(el, 'chat-header'))).to.contain(calls[0].session.code);
      await expect(el).to.be.accessible();
    });

    it('filters by kind, skill and state, and follows session changes live', async () => {
      await setStatus(alex, 'away');
      const el = await signedIn();
      const chat = await request({ kind: 'chat', skill: 'support' });
      const call = await request({ kind: 'call', skill: 'sales' });
      const listed = () => options(el).map((o) => o.dataset.session);
      const choose = async (name: string, value: string) => {
        const select = $<HTMLSelectElement>(el, `select[name="${name}"]`)!;
        select.value = value;
        select.dispatchEvent(new Event('change'));
      };
      await until(() => listed().includes(chat.id) && listed().includes(call.id), 'both sessions');

      await choose('kind', 'call');
      await until(() => !listed().includes(chat.id), 'the chat to be filtered out');
      expect(listed()).to.include(call.id);

      await choose('kind', '');
      await choose('skill', 'support');
      await until(() => !listed().includes(call.id) && listed().includes(chat.id), 'only support');

      await choose('skill', '');
      await choose('state', 'ended');
      await until(() => !listed().includes(chat.id) && !listed().includes(call.id), 'no open sessions among the ended');

      // A session that ends now joins the ended list without a reload.
      await api('POST', routePath(ROUTES.agentEnd, { id: call.id }), alex);
      await until(() => listed().includes(call.id), 'the ended call to appear');

      await choose('state', 'open');
      await until(() => listed().includes(chat.id) && !listed().includes(call.id), 'the open sessions');
      // And one that ends leaves the open list.
      await api('POST', routePath(ROUTES.agentEnd, { id: chat.id }), alex);
      await until(() => !listed().includes(chat.id), 'the ended chat to leave');
    });
  });

  describe('connection', () => {
    it('shows when the connection is lost and back, and catches up without showing anything twice', async () => {
      const { el, customer } = await acceptedChat();
      customer.say('before the outage');
      await until(() => parts(el, 'message-customer').length === 1, 'the first message');
      const banner = part(el, 'banner')!;
      expect(banner.getAttribute('role')).to.equal('status');
      expect(text(banner)).to.equal('');

      window.dispatchEvent(new Event('offline'));
      await until(() => text(banner) === defaultStrings.agentConnectionLost, 'the lost banner');
      await until(() => !el.agentClient?.connected, 'the socket to close');
      customer.say('while you were away');
      customer.say('still there?');
      await sleep(200);

      window.dispatchEvent(new Event('online'));
      await until(() => text(banner) === defaultStrings.agentConnectionFound, 'the found banner', 8000);
      await until(() => parts(el, 'message-customer').length >= 3, 'the missed messages');
      await sleep(500);
      expect(parts(el, 'message-customer').map((m) => m.querySelector('[part~="message-text"]')!.textContent)).to.deep.equal([
        'before the outage',
        'while you were away',
        'still there?',
      ]);
      const seqs = $$(el, '[part~="transcript"] [data-seq]').map((n) => Number(n.dataset.seq));
      expect(new Set(seqs).size, 'every event once').to.equal(seqs.length);
    });
  });
});
