import { expect, fixture, html } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import { cleanupAfterEach, cli, env, freshKey, sleep, until } from '../../../test/browser/env.js';
import type { NexusEvent } from '../../components/shared/events.js';
import { defaultStrings } from '../../i18n/strings-all.js';
import { ROUTES } from '../../protocol/routes.js';
import { AccountSession } from '../../core/account-session.js';
import { AgentClient } from '../agent-client.js';
import './agent-console.js';
import type { NexusAgentConsole } from './agent-console.js';

// Signing in to the console with an account (email and password) against the real server. The
// sign-in is a cookie the server takes from its own origin only, so these tests reach it through
// the test page's origin (/__nexus/api/, web-test-runner.config.mjs). Each test makes accounts of
// its own in the console tenant; their new agents are away, so nothing is offered to them.

const tenantId = env.live.console.tenantId;
const server = `${location.origin}/__nexus/api`;
const PASSWORD = 'a long enough password';
const cleanup = cleanupAfterEach();

const part = <T extends HTMLElement = HTMLElement>(el: NexusAgentConsole, name: string) => el.shadowRoot!.querySelector<T>(`[part~="${name}"]`);
const text = (node: Element | null) => node?.textContent?.replace(/\s+/g, ' ').trim() ?? '';

/** A new account of the console tenant (an agent account gets a new agent named `name`); its email. */
async function newAccount(role: 'agent' | 'admin', name = 'Robin'): Promise<string> {
  const email = `${freshKey()}@console.example`;
  await cli('account', 'add', tenantId, '--email', email, '--name', name, '--role', role, '--password', PASSWORD);
  return email;
}

async function signedOutConsole() {
  const errors: NexusEvent<'nexus-error'>['detail'][] = [];
  const el = await fixture<NexusAgentConsole>(html`<nexus-agent-console
    server=${server}
    @nexus-error=${(e: NexusEvent<'nexus-error'>) => errors.push(e.detail)}
  ></nexus-agent-console>`);
  cleanup.push(() => el.signOut());
  return { el, errors };
}

/** Types into the form's fields and presses Enter in the last one. */
async function fill(el: NexusAgentConsole, email: string, password: string) {
  part<HTMLInputElement>(el, 'email-input')!.value = email;
  const field = part<HTMLInputElement>(el, 'password-input')!;
  field.value = password;
  field.focus();
  await sendKeys({ press: 'Enter' });
}

describe('<nexus-agent-console> signing in with an account', function () {
  this.timeout(30_000);

  it('asks for email and password (labelled, accessible); a wrong password is said in the form and as nexus-error; the right one signs in', async () => {
    const email = await newAccount('agent', 'Robin Account');
    const { el, errors } = await signedOutConsole();
    const emailField = part<HTMLInputElement>(el, 'email-input')!;
    const passwordField = part<HTMLInputElement>(el, 'password-input')!;
    expect(emailField.labels?.[0]?.textContent).to.equal(defaultStrings.agentEmailLabel);
    expect([emailField.type, emailField.autocomplete]).to.deep.equal(['email', 'username']);
    expect([passwordField.type, passwordField.autocomplete]).to.deep.equal(['password', 'current-password']);
    expect(part(el, 'token-input')).to.equal(null);
    await expect(el).to.be.accessible();

    await fill(el, email, 'not the password');
    const error = (await until(() => part(el, 'sign-in-error'), 'the refusal'))!;
    expect(text(error)).to.equal(defaultStrings.agentSignInFailed);
    expect(error.getAttribute('role')).to.equal('alert');
    expect(errors.map((e) => [e.code, e.status])).to.deep.equal([['sign_in_failed', 401]]);
    expect(part<HTMLInputElement>(el, 'email-input')!.value, 'the email is kept').to.equal(email);
    expect(part<HTMLInputElement>(el, 'password-input')!.value, 'the password is not').to.equal('');
    expect(el.shadowRoot!.activeElement).to.equal(part(el, 'password-input'));
    expect(part(el, 'password-input')!.getAttribute('aria-describedby')).to.contain('sign-in-error');
    await expect(el).to.be.accessible();

    await fill(el, email, PASSWORD);
    await until(() => part(el, 'agent-name'), 'the console to sign in');
    expect(text(part(el, 'agent-name'))).to.contain('Robin Account');
    await until(() => el.agentClient?.connected, 'the agent socket');
    // The console works on a short-lived agent token of the account's agent.
    const token = el.token!;
    const claims = JSON.parse(atob(token.split('.')[1].replace(/-/g, '+').replace(/_/g, '/')));
    expect(claims.exp * 1000 - Date.now()).to.be.within(14 * 60_000, 15 * 60_000);

    // A reload: a new console signs in with the browser's session by itself.
    const reloaded = await fixture<NexusAgentConsole>(html`<nexus-agent-console server=${server}></nexus-agent-console>`);
    await until(() => part(reloaded, 'agent-name'), 'the reloaded console to sign in');
    reloaded.remove();

    // Signing out ends the session on the server: the token stops working.
    el.signOut();
    await el.updateComplete;
    expect(part(el, 'email-input'), 'the account form again').to.exist;
    await until(async () => (await fetch(env.server + ROUTES.agentMe, { headers: { authorization: `Bearer ${token}` } })).status === 401, 'the token revoked');
    expect((await fetch(`${server}${ROUTES.authSession}`)).status, 'the cookie signs in no more').to.equal(401);
  });

  it('switches to the agent token form and back, keyboard focus following', async () => {
    const { el } = await signedOutConsole();
    const toggle = part(el, 'sign-in-mode-button')!;
    expect(text(toggle)).to.equal(defaultStrings.agentUseToken);
    toggle.click();
    await el.updateComplete;
    expect(el.shadowRoot!.activeElement).to.equal(part(el, 'token-input'));
    expect(part(el, 'email-input')).to.equal(null);
    expect(text(part(el, 'sign-in-mode-button'))).to.equal(defaultStrings.agentUseAccount);
    part(el, 'sign-in-mode-button')!.click();
    await el.updateComplete;
    expect(el.shadowRoot!.activeElement).to.equal(part(el, 'email-input'));
  });

  it('an account without an agent is told it takes no chats', async () => {
    const email = await newAccount('admin');
    const { el } = await signedOutConsole();
    await fill(el, email, PASSWORD);
    const error = (await until(() => part(el, 'sign-in-error'), 'the refusal'))!;
    expect(text(error)).to.equal(defaultStrings.agentAccountNoAgent);
    expect(part(el, 'header')).to.equal(null);
  });

  it('signed out everywhere from another browser: back to the form saying so, no reconnect', async () => {
    const email = await newAccount('agent');
    const { el } = await signedOutConsole();
    await fill(el, email, PASSWORD);
    await until(() => el.agentClient?.connected, 'the agent socket');
    // The same person signs out everywhere (here from the same cookie jar: what matters is the server's).
    const elsewhere = await AccountSession.signIn({ server, email, password: PASSWORD });
    await elsewhere.signOutEverywhere();
    const reason = (await until(() => part(el, 'sign-in-error'), 'the console to sign out', 5000))!;
    expect(text(reason)).to.equal(defaultStrings.agentAccountSignedOut);
    expect(part(el, 'email-input')).to.exist;
    expect(el.agentClient).to.equal(undefined);
  });
});

describe('renewing an agent token', function () {
  this.timeout(40_000); // three CLI runs, then the short token's life

  it('keepAgentToken asks for the next token before the grant expires and hands it over', async () => {
    const email = await newAccount('agent');
    const session = await AccountSession.signIn({ server, email, password: PASSWORD });
    cleanup.push(() => session.signOut());
    const first = await session.agentToken();
    const renewed: string[] = [];
    const stop = session.keepAgentToken({ ...first, expiresAt: Date.now() + 1000 }, (next) => renewed.push(next.token), (error) => renewed.push(String(error)));
    cleanup.push(stop);
    await until(() => renewed.length, 'a renewed token', 3000);
    expect(renewed[0]).to.not.equal(first.token);
    expect((await fetch(env.server + ROUTES.agentMe, { headers: { authorization: `Bearer ${renewed[0]}` } })).status).to.equal(200);
  });

  it("AgentClient.setToken carries the open connection past the old token's expiry", async () => {
    const agentId = await cli('agent', 'create', tenantId, '--name', 'Renewing');
    // Both tokens first (each a CLI run, slow on a busy machine), so the short one's life is spent
    // connecting and renewing only.
    const long = await cli('agent', 'token', agentId, '--tenant', tenantId, '--ttl', '1h');
    const short = await cli('agent', 'token', agentId, '--tenant', tenantId, '--ttl', '5s');
    const shortExpires = Date.now() + 5000;
    const client = new AgentClient({ server: env.server, token: short });
    cleanup.push(() => client.destroy());
    const errors: string[] = [];
    client.on('error', (error) => errors.push(error.code));
    await until(() => client.connected, 'the agent socket');
    client.setToken(long);
    await sleep(shortExpires + 1000 - Date.now());
    expect(client.connected, 'still connected').to.equal(true);
    expect(errors).to.deep.equal([]);
    expect((await client.me()).id).to.equal(agentId);
  });
});
