import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import { cli, env, sleep, until } from '../../../test/browser/env.js';
import { acceptedChat, alex, focused, found, part, sam, setStatus, signedIn, text, useTenant } from '../../../test/browser/agent-console-world.js';
import { NexusClient } from '../../core/client.js';
import type { PresenceEvent } from '../../core/live.js';
import { memoryStorage } from '../../core/storage.js';
import type { NexusChat } from '../../components/chat/chat.js';
import '../../components/chat/chat.js';
import type { NexusEvent } from '../../components/shared/events.js';
import { defaultStrings } from '../../i18n/strings-all.js';
import type { ChatEvent, TransferInfo } from '../../protocol/live.js';
import { AgentClient } from '../agent-client.js';
import './agent-console.js';

// Session transfer from the headless agent client, in the customer's <nexus-chat> and in the
// console, against the real server (tenant 'transfer': alex has sales and support, sam support).
useTenant('transfer');
const tenantId = env.live.transfer.tenantId;

const cleanup: (() => unknown)[] = [];
afterEach(async function () {
  // A switch turned back on is a CLI run, slow on a busy machine.
  this.timeout(30_000);
  for (const fn of cleanup.splice(0).reverse()) await fn();
});

async function agentClient(token: string, status: 'available' | 'away' = 'available') {
  const client = new AgentClient({ server: env.server, token, reconnectDelayMs: 50 });
  cleanup.push(() => client.destroy());
  await until(() => client.connected, 'the agent connection');
  await client.setStatus(status);
  return client;
}

function customer() {
  const client = new NexusClient({ server: env.server, token: env.live.transfer.app, storage: memoryStorage(), consumerKey: `c${Math.random().toString(36).slice(2, 14)}`, reconnectDelayMs: 50 });
  cleanup.push(() => client.destroy());
  cleanup.push(() => (client.liveHelp.isActive() ? client.chat.end().catch(() => undefined) : undefined));
  return client;
}

/** The error a promise rejects with (fails when it resolves). */
async function rejection(promise: Promise<unknown>): Promise<Error & { code?: string }> {
  try {
    await promise;
  } catch (error) {
    return error as Error & { code?: string };
  }
  throw new Error('expected the promise to reject');
}

/** Turns a switch of the tenant's configuration, and back on after the test. */
async function turnOff(flag: '--allow-session-transfer' | '--agent-to-skill-transfer') {
  await cli('config', 'set', tenantId, flag, 'off');
  cleanup.push(() => cli('config', 'set', tenantId, flag, 'on'));
}

/** A sales chat (only alex has sales) that alex's client accepted; sam is connected and available. */
async function chatWithAlex() {
  const a = await agentClient(alex);
  const s = await agentClient(sam);
  const offers: { sessionId: string; transfer?: TransferInfo }[] = [];
  s.on('offer', ({ session, transfer }) => offers.push({ sessionId: session.id, transfer }));
  const client = customer();
  const heard: string[] = [];
  client.chat.on('presence.agent', (event) => heard.push(`${(event as PresenceEvent).type}:${(event as PresenceEvent).agent.name}`));
  const session = await client.chat.start('sales');
  await until(async () => (await a.accept(session.id).catch(() => undefined))?.state === 'active', 'alex to take the chat');
  await until(() => heard.includes('joined:Alex'), 'alex joining');
  return { a, s, client, heard, offers, sessionId: session.id };
}

describe('session transfer', function () {
  this.timeout(30_000);

  describe('AgentClient.transfer', () => {
    it('to sam with a note: the offer carries it, the customer hears the transfer, and loses nothing', async () => {
      const { a, s, client, heard, offers, sessionId } = await chatWithAlex();
      expect(await a.config()).to.deep.equal({ allowSessionTransfer: true, agentToSkillTransfer: true });
      const targets = await a.transferTargets();
      expect(targets.agents.map((x) => x.name)).to.include('Sam');
      expect(targets.skills.map((x) => x.id)).to.have.members(['sales', 'support']);

      const moved = await a.transfer(sessionId, { agentId: 'sam' }, 'wants a refund');
      expect([moved.state, moved.agent?.id]).to.deep.equal(['assigned', 'sam']);
      const offer = await found(() => offers.find((o) => o.sessionId === sessionId), 'the offer to sam');
      expect([offer.transfer?.from?.name, offer.transfer?.note]).to.deep.equal(['Alex', 'wants a refund']);
      await until(() => heard.includes('transferred:Alex'), 'the customer told of the transfer');
      await client.chat.sendMessage('are you there?');

      const inbox: ChatEvent[] = [];
      s.on('session.event', ({ sessionId: id, event }) => id === sessionId && inbox.push(event));
      await s.accept(sessionId);
      await until(() => heard.includes('joined:Sam'), 'sam joining');
      await until(() => inbox.some((e) => e.text === 'are you there?'), 'the message sent meanwhile, for sam');
      expect(inbox.filter((e) => e.text === 'are you there?'), 'once').to.have.length(1);
      expect((await rejection(a.transfer(sessionId, { agentId: 'sam' }))).code, 'no longer alex’s').to.equal('forbidden');
    });

    it('refuses bad arguments before any request, and reports the server’s refusals and the switches', async () => {
      const { a, sessionId } = await chatWithAlex();
      // Refused in the page (status 0: no request was made).
      for (const to of [{}, { agentId: '' }, { agentId: 'sam', skill: 'sales' }, null]) {
        const error = await rejection(a.transfer(sessionId, to as never));
        expect([error.code, (error as { status?: number }).status]).to.deep.equal(['invalid_request', 0]);
      }
      const long = await rejection(a.transfer(sessionId, { skill: 'sales' }, 'x'.repeat(501)));
      expect([long.code, (long as { status?: number }).status]).to.deep.equal(['invalid_request', 0]);
      expect((await rejection(a.transfer(sessionId, { skill: 'nope' }))).code).to.equal('skill_not_found');
      expect((await rejection(a.transfer(sessionId, { agentId: 'nobody' }))).code).to.equal('agent_not_found');

      await turnOff('--agent-to-skill-transfer');
      expect((await rejection(a.transfer(sessionId, { skill: 'support' }))).code).to.equal('skill_transfer_disabled');
      expect((await a.transferTargets()).skills).to.deep.equal([]);
      await turnOff('--allow-session-transfer');
      expect((await rejection(a.transfer(sessionId, { agentId: 'sam' }))).code).to.equal('transfer_disabled');
      expect(await a.config()).to.deep.equal({ allowSessionTransfer: false, agentToSkillTransfer: false });
    });
  });

  describe('<nexus-chat>', () => {
    it('shows that the customer is being transferred, waits, then shows the next agent joining', async () => {
      const a = await agentClient(alex);
      const s = await agentClient(sam);
      const client = customer();
      const el = await fixture<NexusChat>(html`<nexus-chat skill="sales" .client=${client}></nexus-chat>`);
      const started = oneEvent(el, 'nexus-live-help-start');
      el.shadowRoot!.querySelector<HTMLElement>('[part~="start-button"]')!.click();
      const { sessionId } = ((await started) as NexusEvent<'nexus-live-help-start'>).detail;
      await until(async () => (await a.accept(sessionId).catch(() => undefined))?.state === 'active', 'alex to take the chat');
      const lines = () => [...el.shadowRoot!.querySelectorAll('[part~="system"]')].map(text);
      await until(() => lines().includes(defaultStrings.chatAgentJoined.replace('{name}', 'Alex')), 'alex joining');

      await a.transfer(sessionId, { skill: 'support' }, 'billing');
      await until(() => lines().includes(defaultStrings.chatTransferring.replace('{name}', 'Alex')), 'the transfer line');
      await until(() => el.getAttribute('state') === 'waiting', 'waiting again');
      await s.accept(sessionId);
      await until(() => lines().includes(defaultStrings.chatAgentJoined.replace('{name}', 'Sam')), 'sam joining');
      expect(el.getAttribute('state')).to.equal('active');
      await expect(el).to.be.accessible();
    });
  });

  describe('<nexus-agent-console>', () => {
    it('Transfer opens a dialog of agents (with their load) and skills, usable by keyboard; sam’s offer shows the note', async () => {
      await setStatus(sam, 'available');
      const samConsole = await signedIn(sam);
      const { el } = await acceptedChat();
      const transferred: NexusEvent<'nexus-agent-transfer'>['detail'][] = [];
      el.addEventListener('nexus-agent-transfer', (e) => transferred.push(e.detail));

      (await found(() => part(el, 'transfer-button'), 'the Transfer action')).click();
      const dialog = await found(() => part<HTMLDialogElement>(el, 'transfer-dialog'), 'the dialog');
      await until(() => dialog.open && (focused(el) as HTMLInputElement | null)?.value === 'agent:sam', 'focus on the first agent');
      expect(text(part(el, 'transfer-agents'))).to.match(/Sam \(0 of \d+ sessions\)/);
      expect(text(part(el, 'transfer-agents')), 'not alex himself').to.not.contain('Alex');
      expect(text(part(el, 'transfer-skills'))).to.contain('Support');
      await expect(el).to.be.accessible();

      await sendKeys({ press: 'Space' });
      await sendKeys({ press: 'Tab' });
      expect(focused(el)?.getAttribute('part')).to.equal('transfer-note');
      await sendKeys({ type: 'asked about invoices' });
      await sendKeys({ press: 'Tab' });
      await sendKeys({ press: 'Tab' });
      expect(focused(el)?.getAttribute('part')).to.equal('transfer-confirm-button');
      await sendKeys({ press: 'Enter' });

      await until(() => text(part(el, 'transfer-status')) === defaultStrings.agentTransferDone.replace('{name}', 'Sam'), 'the confirmation');
      expect(dialog.open).to.equal(false);
      expect(Boolean(part(el, 'transfer-button')), 'no longer alex’s').to.equal(false);
      expect(transferred).to.deep.equal([{ sessionId: transferred[0].sessionId, agentId: 'sam', note: true }]);
      const offer = await found(() => part(samConsole, 'offer-transfer'), 'the offer to sam, with the transfer');
      expect(text(offer)).to.contain(defaultStrings.agentOfferTransferFrom.replace('{name}', 'Alex'));
      expect(text(part(samConsole, 'offer-note'))).to.contain('asked about invoices');
    });

    it('Escape cancels; a target is required; with transfer turned off there is no Transfer action', async () => {
      const { el, customer } = await acceptedChat();
      (await found(() => part(el, 'transfer-button'), 'the Transfer action')).click();
      const dialog = await found(() => part<HTMLDialogElement>(el, 'transfer-dialog'), 'the dialog');
      await until(() => dialog.open && part(el, 'transfer-agents'), 'the targets');
      part(el, 'transfer-confirm-button')!.click();
      await until(() => text(part(el, 'transfer-error')) === defaultStrings.agentTransferChoose, 'asked to choose');
      await sendKeys({ press: 'Escape' });
      await until(() => !dialog.open, 'the dialog closed');
      expect(Boolean(part(el, 'transfer-button')), 'still alex’s').to.equal(true);

      // A console signed in after the switch went off: alex's chat, but no Transfer action.
      await turnOff('--allow-session-transfer');
      const later = await signedIn(alex);
      later.openSession(customer.id);
      await until(() => part(later, 'composer-input'), 'alex’s chat open, with its reply box');
      await sleep(300);
      expect(Boolean(part(later, 'transfer-button'))).to.equal(false);
    });
  });
});
