import { expect } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import { cleanupAfterEach, freshKey } from '../../test/browser/env.js';
import { expectSaid, mountPage, say, signedIn, staffAccount, typeInto } from '../../test/browser/people-world.js';
import { navLinks, part, portalAs, tenantId, text } from '../../test/browser/portal-world.js';
import { defaultStrings } from '../i18n/strings-all.js';
import type { NexusPortalUsers } from './users-page.js';

// The author role in the portal (issue 13), against the real server: an author signs in and sees
// the Account page and the Content pages only (every other page is administration the server
// refuses an author), and
// an admin adds an author on the users page (the role choice; no agent fields).

const cleanup = cleanupAfterEach();

describe('<nexus-portal> and the author role', function () {
  this.timeout(60_000);

  it('an author sees the Account and Content pages only, named as an author', async () => {
    const el = await portalAs(cleanup, { tenant: tenantId, role: 'author' });
    expect(navLinks(el).map((a) => a.getAttribute('href'))).to.deep.equal(['#/account', '#/paths', '#/categories']);
    await el.updateComplete;
    expect([...el.shadowRoot!.querySelectorAll('dd')].map(text)).to.include(defaultStrings.portalRoleAuthor);
    await expect(el).to.be.accessible();
  });

  it('an admin adds an author on the users page: the role is offered, without agent fields', async () => {
    const admin = await signedIn(await staffAccount('admin'), cleanup);
    const { el } = await mountPage<NexusPortalUsers>('nexus-portal-users', admin);
    const form = part(el, 'add-form')!;
    const role = form.querySelector<HTMLSelectElement>('[part~="role-select"]')!;
    expect([...role.options].map((o) => [o.value, o.textContent!.trim()])).to.deep.include(['author', defaultStrings.portalRoleAuthor]);
    role.value = 'author';
    role.dispatchEvent(new Event('change', { bubbles: true }));
    expect(form.querySelector<HTMLElement>('.agent-fields')!.hidden, 'an author takes no chats').to.equal(true);
    const email = `${freshKey()}@people.example`;
    await typeInto(form.querySelector('[part~="email-input"]')!, email);
    await typeInto(form.querySelector('[part~="name-input"]')!, 'Ari Author');
    await sendKeys({ press: 'Enter' });
    await expectSaid(el, 'notice', say('portalUserAdded', { name: 'Ari Author', email }));
    const user = (await admin.admin.users.list()).find((u) => u.email === email)!;
    cleanup.push(() => admin.admin.users.remove(user.id));
    expect(user).to.include({ role: 'author', agent: null });
    await expect(el).to.be.accessible();
  });
});
