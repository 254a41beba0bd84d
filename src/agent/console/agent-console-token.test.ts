import { expect, fixture, html } from '@open-wc/testing';
import { cleanupAfterEach, cli, env, sleep, tokenId, until } from '../../../test/browser/env.js';
import type { NexusEvent } from '../../components/shared/events.js';
import { defaultStrings } from '../../i18n/strings-all.js';
import './agent-console.js';
import type { NexusAgentConsole } from './agent-console.js';

// A signed-in console whose agent token stops working on the server: revoked with the CLI (as
// an operator does), or past its expiry. Each test makes an agent of its own in the console
// tenant; new agents are away, so nothing is offered to them and the other console tests are
// not disturbed.

const tenantId = env.live.console.tenantId;
const cleanup = cleanupAfterEach();

const part = (el: NexusAgentConsole, name: string) => el.shadowRoot!.querySelector<HTMLElement>(`[part~="${name}"]`);
const text = (node: Element | null) => node?.textContent?.replace(/\s+/g, ' ').trim() ?? '';

/** A new agent of the console tenant and a token for it (`ttl` as the CLI takes it, e.g. `4s`). */
async function newAgentToken(ttl = '0'): Promise<string> {
  const agentId = await cli('agent', 'create', tenantId, '--name', 'Robin');
  return cli('agent', 'token', agentId, '--tenant', tenantId, '--ttl', ttl);
}

/** Counts the WebSockets the page opens from now on (the console's client makes its socket with the page's class). */
function countSockets(): { opened: number } {
  const count = { opened: 0 };
  const Original = window.WebSocket;
  window.WebSocket = class extends Original {
    constructor(url: string | URL, protocols?: string | string[]) {
      super(url, protocols);
      count.opened++;
    }
  };
  cleanup.push(() => (window.WebSocket = Original));
  return count;
}

/** A console signed in with `token`, its socket connected; `errors` collects its nexus-error details. */
async function signedIn(token: string) {
  const errors: NexusEvent<'nexus-error'>['detail'][] = [];
  const el = await fixture<NexusAgentConsole>(html`<nexus-agent-console
    server=${env.server}
    token=${token}
    @nexus-error=${(e: NexusEvent<'nexus-error'>) => errors.push(e.detail)}
  ></nexus-agent-console>`);
  await until(() => part(el, 'agent-name'), 'the console to sign in');
  await until(() => el.agentClient?.connected, 'the agent socket');
  return { el, errors };
}

describe('<nexus-agent-console> when its token stops working', function () {
  this.timeout(30_000);

  it('revoked: back to the sign-in form saying so, one nexus-error, no reconnect', async () => {
    const token = await newAgentToken();
    const sockets = countSockets();
    const { el, errors } = await signedIn(token);
    expect(sockets.opened).to.equal(1);

    await cli('token', 'revoke', tokenId(token));
    const reason = (await until(() => part(el, 'sign-in-error'), 'the sign-in form with the reason', 5000))!;
    expect(text(reason)).to.equal(defaultStrings.agentTokenRevoked);
    expect(reason.getAttribute('role')).to.equal('alert');
    expect(part(el, 'token-input')).to.exist;
    expect(part(el, 'header')).to.equal(null);
    expect(el.agentClient).to.equal(undefined);
    expect(el.token).to.equal(undefined);

    // Long enough for a reconnect attempt (the first one comes within 500 ms).
    await sleep(1500);
    expect(sockets.opened, 'no new connection').to.equal(1);
    expect(errors).to.have.length(1);
    expect(errors[0]).to.include({ code: 'token_revoked', status: 401, source: 'nexus-agent-console' });
    await expect(el).to.be.accessible();
  });

  it('expired: back to the sign-in form saying the sign-in expired', async () => {
    const token = await newAgentToken('4s');
    const sockets = countSockets();
    const { el, errors } = await signedIn(token);
    const reason = await until(() => part(el, 'sign-in-error'), 'the sign-in form with the reason', 8000);
    expect(text(reason)).to.equal(defaultStrings.agentTokenExpired);
    await sleep(1000);
    expect(sockets.opened).to.equal(1);
    expect(errors.map((e) => e.code)).to.deep.equal(['token_expired']);
  });
});
