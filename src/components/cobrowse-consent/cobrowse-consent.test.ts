import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import { cobrowseChat } from '../../../test/browser/cobrowse.js';
import { cleanupAfterEach, env, expectReadOnlyState, stateTrail, until } from '../../../test/browser/env.js';
import type { NexusChat } from '../chat/chat.js';
import '../chat/chat.js';
import type { NexusCobrowseConsent } from './cobrowse-consent.js';
import './cobrowse-consent.js';

/** This file has a tenant of its own, so routing here never races with other test files. */
const tenant = env.live.cobrowseUi;
const part = (root: ShadowRoot, name: string) => root.querySelector<HTMLElement>(`[part~="${name}"]`);

const cleanup = cleanupAfterEach();

/** A customer in an active chat with alex, and the co-browse states alex hears. */
const activeChat = () => cobrowseChat(tenant, cleanup);

describe('<nexus-cobrowse-consent>', function () {
  this.timeout(20_000);

  it('shows nothing until asked; asks with an accessible alert dialog that takes focus; allow shows the indicator; stop ends sharing', async () => {
    const { alex, client, session, states } = await activeChat();
    const el = await fixture<NexusCobrowseConsent>(html`<nexus-cobrowse-consent .client=${client}></nexus-cobrowse-consent>`);
    const root = el.shadowRoot!;
    const trail = stateTrail(el);
    expect(el.state).to.equal('idle');
    expect(getComputedStyle(el).display).to.equal('none');
    await expectReadOnlyState(el);
    expect(getComputedStyle(el).display, 'still nothing shown').to.equal('none');

    const asked = oneEvent(el, 'nexus-cobrowse-state');
    alex.requestCobrowse(session.id);
    expect((await asked).detail).to.deep.equal({ state: 'pending', agentName: 'Alex', control: 'off' });
    await el.updateComplete;
    expect(el.getAttribute('state')).to.equal('pending');
    const dialog = part(root, 'dialog')!;
    expect(dialog.getAttribute('role')).to.equal('alertdialog');
    expect(part(root, 'body')!.textContent).to.include('Alex');
    expect(root.activeElement).to.equal(part(root, 'decline-button'), 'focus on the safe choice');
    await expect(el).to.be.accessible();
    await expectReadOnlyState(el);
    expect(part(root, 'dialog'), 'the question stays').to.exist;

    part(root, 'allow-button')!.click();
    await until(() => el.state === 'active', 'the indicator');
    await until(() => states.some((s) => s.state === 'active'), 'active for alex');
    expect(client.cobrowse.sharing).to.equal(true);
    expect(part(root, 'indicator')!.textContent).to.include('Alex can see this tab.');
    await expect(el).to.be.accessible();

    part(root, 'stop-button')!.click();
    await el.updateComplete;
    expect(el.state).to.equal('idle');
    expect(client.cobrowse.sharing).to.equal(false);
    await until(() => states.some((s) => s.state === 'ended' && s.reason === 'customer'), 'ended for alex');
    expect(trail.values, 'the reflected state').to.deep.equal(['idle', 'pending', 'active', 'idle']);
    trail.stop();
  });

  it('Escape declines and gives focus back; strings can be changed', async () => {
    const { alex, client, session, states } = await activeChat();
    const before = await fixture<HTMLButtonElement>(html`<button>before</button>`);
    before.focus();
    const el = document.createElement('nexus-cobrowse-consent');
    el.client = client;
    el.strings = { cobrowseConsentTitle: 'May we look?' };
    document.body.append(el);
    cleanup.push(() => el.remove());
    alex.requestCobrowse(session.id);
    await until(() => el.state === 'pending', 'the question');
    await el.updateComplete;
    expect(part(el.shadowRoot!, 'title')!.textContent).to.equal('May we look?');
    await sendKeys({ press: 'Escape' });
    await el.updateComplete;
    expect(el.state).to.equal('idle');
    expect(document.activeElement).to.equal(before);
    await until(() => states.some((s) => s.state === 'rejected'), 'rejected for alex');
  });

  it('<nexus-chat> shows the consent dialog when the agent asks', async () => {
    const { alex, client, session } = await activeChat();
    const chat = await fixture<NexusChat>(html`<nexus-chat .client=${client}></nexus-chat>`);
    expect(chat.shadowRoot!.querySelector('nexus-cobrowse-consent')).to.equal(null);
    alex.requestCobrowse(session.id);
    const consent = (await until(() => chat.shadowRoot!.querySelector<NexusCobrowseConsent>('nexus-cobrowse-consent'), 'the consent element'))!;
    await until(() => consent.state === 'pending', 'the question inside the chat');
    part(consent.shadowRoot!, 'decline-button')!.click();
    await until(() => consent.state === 'idle', 'declined');
  });
});
