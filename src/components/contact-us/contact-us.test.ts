import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import type { NexusContactUs } from './contact-us.js';
import './contact-us.js';

const part = (el: NexusContactUs, name: string) => el.shadowRoot!.querySelector<HTMLElement>(`[part~="${name}"]`);

describe('<nexus-contact-us>', () => {
  it('renders nothing without a phone number or skill', async () => {
    const el = await fixture<NexusContactUs>(html`<nexus-contact-us></nexus-contact-us>`);
    expect(part(el, 'base')).to.equal(null);
  });

  it('has no states: no state attribute, and one the page sets stays', async () => {
    const el = await fixture<NexusContactUs>(html`<nexus-contact-us skill="sales"></nexus-contact-us>`);
    expect(el.hasAttribute('state')).to.equal(false);
    el.setAttribute('state', 'mine');
    el.requestUpdate();
    await el.updateComplete;
    expect(el.getAttribute('state')).to.equal('mine');
  });

  it('offers chat for a skill and a call for a phone number, needing no server', async () => {
    const chat = await fixture<NexusContactUs>(html`<nexus-contact-us skill="sales"></nexus-contact-us>`);
    expect(part(chat, 'chat-button')).to.exist;
    expect(part(chat, 'call-button')).to.equal(null);
    const both = await fixture<NexusContactUs>(html`<nexus-contact-us skill="sales" phone="1-800-GETHELP"></nexus-contact-us>`);
    expect(part(both, 'chat-button')!.textContent).to.contain('Chat with us');
    expect(part(both, 'call-button')!.textContent).to.contain('Call us');
    await expect(both).to.be.accessible();
  });

  it('asks for a call with a cancelable nexus-live-help-request, then shows the number', async () => {
    const el = await fixture<NexusContactUs>(
      html`<nexus-contact-us phone="1-800-GETHELP" skill="sales" remote-connection-type="remote" path-id="reset-smart-bulb"></nexus-contact-us>`,
    );
    setTimeout(() => part(el, 'call-button')!.click());
    const event = await oneEvent(el, 'nexus-live-help-request');
    expect(event.detail).to.deep.equal({
      mode: 'call',
      phone: '1-800-GETHELP',
      skill: 'sales',
      remoteConnectionType: 'remote',
      pathId: 'reset-smart-bulb',
    });
    expect(event.cancelable && event.composed).to.equal(true);
    await el.updateComplete;
    const link = part(el, 'phone-link') as HTMLAnchorElement;
    expect(link.getAttribute('href')).to.equal('tel:1800GETHELP');
    expect(link.textContent).to.contain('1-800-GETHELP');
    expect(part(el, 'call-button')!.getAttribute('aria-expanded')).to.equal('true');
    await expect(el).to.be.accessible();
  });

  it('does nothing more when the page handles the request itself', async () => {
    const el = await fixture<NexusContactUs>(html`<nexus-contact-us phone="555" skill="sales"></nexus-contact-us>`);
    el.addEventListener('nexus-live-help-request', (e) => e.preventDefault());
    expect(el.request('call')).to.equal(false);
    expect(el.request('chat')).to.equal(false);
    await el.updateComplete;
    expect(part(el, 'call-panel')).to.equal(null);
    expect(part(el, 'notice')).to.equal(null);
  });

  it('says chat is unavailable when nothing on the page answers a chat request', async () => {
    const el = await fixture<NexusContactUs>(html`<nexus-contact-us skill="sales"></nexus-contact-us>`);
    setTimeout(() => part(el, 'chat-button')!.click());
    const event = await oneEvent(el, 'nexus-live-help-request');
    expect(event.detail).to.deep.equal({ mode: 'chat', skill: 'sales', remoteConnectionType: 'cobrowse' });
    await el.updateComplete;
    expect(part(el, 'notice')!.textContent).to.contain('not available');
  });

  it('takes its strings from the catalogue, overridable per element', async () => {
    const el = await fixture<NexusContactUs>(html`<nexus-contact-us skill="sales" .strings=${{ contactChat: 'Talk to a human', contactHeading: 'Help!' }}></nexus-contact-us>`);
    expect(part(el, 'chat-button')!.textContent).to.contain('Talk to a human');
    expect(part(el, 'heading')!.textContent).to.equal('Help!');
  });
});
