import { expect, fixture, html } from '@open-wc/testing';
import { cobrowseChat } from '../../test/browser/cobrowse.js';
import { cleanupAfterEach, env, sleep, until } from '../../test/browser/env.js';
import type { NexusCobrowseConsent } from '../components/cobrowse-consent/cobrowse-consent.js';
import '../components/cobrowse-consent/cobrowse-consent.js';
import { MASK } from './cobrowse-privacy.js';
import type { NexusError } from './errors.js';

/** The remote client URL of the tenant (COBROWSE_TENANT_SETTINGS in server/test-server.ts). */
const REMOTE_CLIENT_URL = 'https://downloads.example.com/nexus-remote-support.exe';

/**
 * Tenant 'cobrowseTenant' has co-browse settings (COBROWSE_TENANT_SETTINGS in
 * server/test-server.ts): block `.tenant-secret`, mask the text of `.tenant-masked`.
 */
const tenant = env.live.cobrowseTenant;

const SECRETS = {
  tenantBlocked: 'TenantBLOCKEDsecret4821',
  tenantMasked: 'TenantMASKEDtext9134',
  pageBlocked: 'PageBLOCKEDsecret5570',
  redacted: 'RedactedBUILTIN6612',
};

const cleanup = cleanupAfterEach();

/** A page that marks nothing for the tenant's rules: only the built-in `data-nexus-redact` and a page selector. */
function buildPage() {
  const page = document.createElement('section');
  page.innerHTML = `
    <h2>Account 3310</h2>
    <p class="tenant-secret">${SECRETS.tenantBlocked}</p>
    <p class="tenant-masked">${SECRETS.tenantMasked}</p>
    <p class="page-secret">${SECRETS.pageBlocked}</p>
    <div data-nexus-redact>${SECRETS.redacted}</div>`;
  document.body.append(page);
  cleanup.push(() => page.remove());
  return page;
}


const SETTINGS_PATH = '/v1/cobrowse/settings';

/** A customer in an active chat with alex on the tenant with settings, the agent's co-browse inbox. */
async function activeChat(options: { settings?: (url: string) => Promise<Response>; pageBlock?: string[]; remote?: boolean } = {}) {
  const settingsCalls: string[] = [];
  const chat = await cobrowseChat(tenant, cleanup, {
    client: {
      cobrowse: { blockSelectors: options.pageBlock ?? [] },
      fetch: (input, init) => {
        const url = String(input);
        if (new URL(url).pathname === SETTINGS_PATH) {
          settingsCalls.push(url);
          if (options.settings) return options.settings(url);
        }
        return fetch(input, init);
      },
    },
    chat: options.remote ? { data: { remoteConnectionType: 'remote' } } : {},
  });
  const errors: NexusError[] = [];
  chat.client.cobrowse.on('error', (error) => errors.push(error));
  return { ...chat, errors, settingsCalls };
}

/** Asks, accepts, and waits for the full snapshot. */
async function share(chat: Awaited<ReturnType<typeof activeChat>>) {
  chat.alex.requestCobrowse(chat.session.id);
  await until(() => chat.requests.length === 1, 'the request');
  await chat.client.cobrowse.accept();
  await until(() => chat.batches.flat().some((e) => (e as { type: number }).type === 2), 'the full snapshot');
  await sleep(200);
  return [...chat.capture.sent, JSON.stringify(chat.batches)].join('\n');
}

describe("co-browse with the tenant's settings", function () {
  this.timeout(20_000);

  it("the tenant's selectors block and mask elements the page did not mark, added to the page's own", async () => {
    buildPage();
    const chat = await activeChat({ pageBlock: ['.page-secret'] });
    const all = await share(chat);
    expect(all).to.include('Account 3310');
    for (const [name, secret] of Object.entries(SECRETS)) expect(all.includes(secret), `${name} never leaves the page`).to.equal(false);
    expect(JSON.stringify(chat.batches), 'the masked text arrives as the fixed mask').to.include(`"textContent":"${MASK}"`);
    expect(all, 'not one asterisk per character').not.to.include('*'.repeat(SECRETS.tenantMasked.length));
    expect(chat.settingsCalls, 'fetched once').to.have.length(1);
    expect(chat.errors).to.have.length(0);
  });

  it('a failed settings fetch does not block co-browse: the built-in rules apply and an error event tells', async () => {
    buildPage();
    const chat = await activeChat({ settings: () => Promise.reject(new TypeError('Failed to fetch')) });
    const all = await share(chat);
    expect(chat.client.cobrowse.sharing).to.equal(true);
    expect(all).to.include('Account 3310');
    expect(all.includes(SECRETS.redacted), 'the built-in rules still apply').to.equal(false);
    expect(all, 'without the tenant rules that text is captured').to.include(SECRETS.tenantBlocked);
    expect(chat.errors.map((e) => e.message).join('\n')).to.match(/co-browse settings could not be read/);
  });

  it("an invalid selector from the tenant is skipped with an error event; the tenant's others apply", async () => {
    buildPage();
    const body = { blockSelectors: ['[[nope', '.tenant-secret'], maskTextSelectors: [], remoteClientUrl: null, updatedAt: 1 };
    const chat = await activeChat({
      settings: async () => new Response(JSON.stringify(body), { status: 200, headers: { 'content-type': 'application/json' } }),
    });
    const all = await share(chat);
    expect(all.includes(SECRETS.tenantBlocked)).to.equal(false);
    expect(all).to.include(SECRETS.tenantMasked);
    expect(chat.errors.map((e) => e.message).join('\n')).to.match(/'\[\[nope' is not a valid CSS selector; it was skipped/);
  });

  it('remote mode: the dialog offers the remote-support app; accepting downloads the tenant URL and records nothing', async () => {
    buildPage();
    const chat = await activeChat({ remote: true });
    const clicks: { href: string; download: string | null }[] = [];
    const click = HTMLAnchorElement.prototype.click;
    // Observes the download link's click without leaving the test page.
    HTMLAnchorElement.prototype.click = function (this: HTMLAnchorElement) {
      clicks.push({ href: this.href, download: this.getAttribute('download') });
    };
    cleanup.push(() => (HTMLAnchorElement.prototype.click = click));
    const el = await fixture<NexusCobrowseConsent>(html`<nexus-cobrowse-consent .client=${chat.client}></nexus-cobrowse-consent>`);
    const downloads: string[] = [];
    el.addEventListener('nexus-cobrowse-remote-download', (e) => downloads.push(e.detail.url));
    chat.alex.requestCobrowse(chat.session.id);
    await until(() => el.state === 'pending', 'the question');
    await el.updateComplete;
    const root = el.shadowRoot!;
    expect(chat.client.cobrowse.remote).to.equal(true);
    expect(root.querySelector('[part~="title"]')!.textContent).to.equal('Start remote support?');
    expect(root.querySelector('[part~="body"]')!.textContent).to.include('remote-support app').and.include('downloaded');
    root.querySelector<HTMLButtonElement>('[part~="allow-button"]')!.click();
    await until(() => clicks.length === 1, 'the download');
    expect(downloads).to.deep.equal([REMOTE_CLIENT_URL]);
    expect(clicks[0]).to.deep.equal({ href: REMOTE_CLIENT_URL, download: '' });
    await until(() => chat.states.some((s) => s.state === 'ended'), 'the browser co-browse request ends');
    await sleep(300);
    expect(chat.client.cobrowse.sharing).to.equal(false);
    expect(el.state).to.equal('idle');
    expect(chat.capture.sent.filter((t) => t.includes('"type":"cobrowse.events"')), 'nothing is recorded').to.have.length(0);
    expect(chat.batches).to.have.length(0);
  });

  it('remote mode without a configured URL: a clear error in the dialog, nothing recorded; accept() refuses to record', async () => {
    buildPage();
    const body = { blockSelectors: [], maskTextSelectors: [], remoteClientUrl: null, updatedAt: null };
    const chat = await activeChat({
      remote: true,
      settings: async () => new Response(JSON.stringify(body), { status: 200, headers: { 'content-type': 'application/json' } }),
    });
    const el = await fixture<NexusCobrowseConsent>(html`<nexus-cobrowse-consent .client=${chat.client}></nexus-cobrowse-consent>`);
    let downloads = 0;
    el.addEventListener('nexus-cobrowse-remote-download', () => downloads++);
    chat.alex.requestCobrowse(chat.session.id);
    await until(() => el.state === 'pending', 'the question');
    await el.updateComplete;
    const root = el.shadowRoot!;
    root.querySelector<HTMLButtonElement>('[part~="allow-button"]')!.click();
    const error = (await until(() => root.querySelector('[part~="error"]'), 'the error'))!;
    expect(error.getAttribute('role')).to.equal('alert');
    expect(error.textContent).to.include('not available');
    expect(root.querySelector<HTMLButtonElement>('[part~="allow-button"]')!.disabled).to.equal(true);
    expect(downloads).to.equal(0);
    let refused: unknown;
    await chat.client.cobrowse.accept().catch((e) => (refused = e));
    expect((refused as NexusError).message).to.match(/remote-support client/);
    await sleep(200);
    expect(chat.client.cobrowse.current?.state).to.equal('pending');
    expect(chat.capture.sent.filter((t) => t.includes('"type":"cobrowse.events"'))).to.have.length(0);
    root.querySelector<HTMLButtonElement>('[part~="decline-button"]')!.click();
    await until(() => chat.states.some((s) => s.state === 'rejected'), 'declined');
  });
});
