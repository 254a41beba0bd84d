import { expect } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import { cleanupAfterEach, cli, env, freshKey, testClient, until } from '../../test/browser/env.js';
import { cellsOf, expectEndedThenRetry, expectLoading, expectSaid, focused, mountPage, openConfirm, rowOf, rowPart, say, signedIn, staffAccount, typeInto } from '../../test/browser/people-world.js';
import { part, server, tenantId, text } from '../../test/browser/portal-world.js';
import { AgentClient } from '../agent/agent-client.js';
import { AccountSession } from '../core/account-session.js';
import { NexusError } from '../core/errors.js';
import type { UserCreate } from '../protocol/admin.js';
import { skillIdFrom } from './skills-page.js';
import type { NexusPortalUsers } from './users-page.js';

// <nexus-portal-users> against the real server (test/browser/people-world.ts): add (the password
// shown once, and it signs in; or a reset mail instead), edit, disable, enable, reset, delete
// (and the refusal while the agent holds a session), the supervisor's view and the states.
// Every test makes its own accounts (fresh emails) in the portal tests' tenant.

const cleanup = cleanupAfterEach();

const usersPage = (session: AccountSession, events?: string[]) => mountPage<NexusPortalUsers>('nexus-portal-users', session, events);

/** Deletes the account after the test when the test left it, as `acting()` (the admin signed in then). */
function removeLater(acting: () => AccountSession, id: string) {
  cleanup.push(async () => {
    if ((await acting().admin.users.list()).some((u) => u.id === id)) await acting().admin.users.remove(id);
  });
}

/** An account of `role` added through the API as the admin `acting()`, deleted after the test when it is left; with its password. */
async function ownUser(acting: () => AccountSession, role: UserCreate['role'] = 'agent', extra: Partial<UserCreate> = {}) {
  const created = await acting().admin.users.create({ email: `${freshKey()}@people.example`, name: `Sam ${freshKey()}`, role, ...extra });
  removeLater(acting, created.user.id);
  return created;
}

const choice = (el: HTMLElement, value: string) =>
  [...el.shadowRoot!.querySelectorAll<HTMLInputElement>('[part~="skills-choice"]')].find((box) => box.closest('[part~="add-form"], [part~="editor"]') && box.value === value)!;

describe('<nexus-portal-users>', function () {
  this.timeout(60_000);

  it('adds an agent with skills and maximum sessions; the password is shown once, copied, and really signs in', async () => {
    const adminEmail = await staffAccount('admin');
    let admin = await signedIn(adminEmail, cleanup);
    const skillName = `Billing ${freshKey()}`;
    const skill = await admin.admin.skills.create({ id: skillIdFrom(skillName), name: skillName });
    cleanup.push(() => admin.admin.skills.remove(skill.id));
    const { el, table } = await usersPage(admin);
    expect(table.state).to.equal('ready');
    await expect(el).to.be.accessible();

    const email = `${freshKey()}@people.example`;
    const name = `Robin ${freshKey()}`;
    const form = part(el, 'add-form')!;
    expect(form.querySelector<HTMLSelectElement>('[part~="role-select"]')!.value, 'an agent by default').to.equal('agent');
    await typeInto(form.querySelector('[part~="email-input"]')!, email);
    await typeInto(form.querySelector('[part~="name-input"]')!, name);
    choice(el, skill.id).click();
    await typeInto(form.querySelector('[part~="max-sessions-input"]')!, '3');
    await sendKeys({ press: 'Enter' });
    await expectSaid(el, 'notice', say('portalUserAdded', { name, email }));
    const user = (await admin.admin.users.list()).find((u) => u.email === email)!;
    removeLater(() => admin, user.id);
    expect(cellsOf(table, user.id).slice(0, 7)).to.deep.equal([
      name,
      email,
      say('portalRoleAgent'),
      say('portalUserActive'),
      skillName,
      '3',
      say('portalUserLoad', { load: 0, max: 3, availability: say('portalUserAway') }),
    ]);
    expect(user.agent).to.include({ maxSessions: 3 });
    expect(user.agent!.skills).to.deep.equal([skill.id]);

    const created = part(el, 'created')!;
    expect(focused(el), 'the new account has the focus').to.equal(el.shadowRoot!.querySelector('#created-heading'));
    const password = part<HTMLInputElement>(el, 'password-output')!.value;
    expect(password.length).to.be.greaterThan(9);
    expect(text(created)).to.include(say('portalUserResetInsteadHint', { email }));
    await expect(el).to.be.accessible();
    // What Copy writes (the test page may write to the clipboard, not read it back).
    const written: string[] = [];
    const writeText = navigator.clipboard.writeText.bind(navigator.clipboard);
    navigator.clipboard.writeText = (data: string) => (written.push(data), writeText(data));
    cleanup.push(() => delete (navigator.clipboard as Partial<Clipboard>).writeText);
    part(el, 'copy-button')!.click();
    await expectSaid(el, 'notice', say('portalUserPasswordCopied'));
    expect(written).to.deep.equal([password]);

    // Done: the password is gone from the page, the new row has the focus.
    created.querySelector<HTMLButtonElement>('[part~="close-button"]')!.click();
    await el.updateComplete;
    expect(part(el, 'created')).to.equal(null);
    expect(el.shadowRoot!.innerHTML).to.not.include(password);
    await until(() => focused(el) === rowOf(table, user.id), 'the new row focused');

    // The password really signs in (this browser's session is the new account's from here).
    const theirs = await AccountSession.signIn({ server, email, password });
    expect(theirs.account).to.include({ email, role: 'agent' });
    await theirs.signOut();
    admin = await signedIn(adminEmail, cleanup);
  });

  it('adds a supervisor (no agent fields) and sends a reset mail instead of handing the password over', async () => {
    const admin = await signedIn(await staffAccount('admin'), cleanup);
    const { el, table } = await usersPage(admin);
    const email = `${freshKey()}@people.example`;
    const form = part(el, 'add-form')!;
    const role = form.querySelector<HTMLSelectElement>('[part~="role-select"]')!;
    role.value = 'supervisor';
    role.dispatchEvent(new Event('change', { bubbles: true }));
    expect(form.querySelector<HTMLElement>('.agent-fields')!.hidden, 'skills and maximum sessions are for agents').to.equal(true);
    await typeInto(form.querySelector('[part~="email-input"]')!, email);
    await typeInto(form.querySelector('[part~="name-input"]')!, 'Quinn Supervisor');
    await sendKeys({ press: 'Enter' });
    await expectSaid(el, 'notice', say('portalUserAdded', { name: 'Quinn Supervisor', email }));
    const user = (await admin.admin.users.list()).find((u) => u.email === email)!;
    removeLater(() => admin, user.id);
    expect(user).to.include({ role: 'supervisor', agent: null });
    expect(cellsOf(table, user.id)[5]).to.equal(say('portalPeopleNone'));

    part(el, 'send-reset-button')!.click();
    await expectSaid(el, 'notice', say('portalUserResetSent', { email }));
    expect(part(el, 'created'), 'the password is put away').to.equal(null);
    await until(async () => (await cli('mail', 'list', '--tenant', tenantId)).split('\n').some((line) => line.split('\t')[2] === email), 'the reset mail');
    await expect(el).to.be.accessible();
  });

  it('edits maximum sessions and role; one\'s own row offers no disable, delete or role change', async () => {
    const adminEmail = await staffAccount('admin');
    const admin = await signedIn(adminEmail, cleanup);
    const { user } = await ownUser(() => admin, 'agent', { maxSessions: 2 });
    const { el, table } = await usersPage(admin);

    rowPart(table, user.id, 'edit-button')!.click();
    await until(() => part(el, 'editor'), 'the editor');
    expect(focused(el)).to.equal(el.shadowRoot!.querySelector('#editor-heading'));
    const editor = part(el, 'editor')!;
    expect(editor.querySelector<HTMLInputElement>('[part~="max-sessions-input"]')!.value).to.equal('2');
    await typeInto(editor.querySelector('[part~="max-sessions-input"]')!, '7');
    await sendKeys({ press: 'Enter' });
    await expectSaid(el, 'notice', say('portalUserSaved', { name: user.name }));
    expect(cellsOf(table, user.id)[5]).to.equal('7');
    expect((await admin.admin.users.list()).find((u) => u.id === user.id)!.agent!.maxSessions).to.equal(7);
    expect(focused(el), 'the changed row has the focus').to.equal(rowOf(table, user.id));

    rowPart(table, user.id, 'edit-button')!.click();
    await until(() => part(el, 'editor'), 'the editor');
    const role = part(el, 'editor')!.querySelector<HTMLSelectElement>('[part~="role-select"]')!;
    role.value = 'supervisor';
    role.dispatchEvent(new Event('change', { bubbles: true }));
    part(el, 'editor')!.querySelector<HTMLButtonElement>('[part~="save-button"]')!.click();
    await expectSaid(el, 'notice', say('portalUserSaved', { name: user.name }));
    expect(cellsOf(table, user.id)[2]).to.equal(say('portalRoleSupervisor'));
    expect((await admin.admin.users.list()).find((u) => u.id === user.id)!.role).to.equal('supervisor');
    await expect(el).to.be.accessible();

    const self = admin.account.id;
    expect(rowPart(table, self, 'disable-button')).to.equal(null);
    expect(rowPart(table, self, 'delete-button')).to.equal(null);
    rowPart(table, self, 'edit-button')!.click();
    await until(() => part(el, 'editor'), 'the editor');
    expect(part<HTMLSelectElement>(el, 'editor')!.querySelector<HTMLSelectElement>('[part~="role-select"]')!.disabled).to.equal(true);
    expect(text(part(el, 'editor'))).to.include(say('portalUserOwnRole'));
  });

  it('disables after a confirm (signing in is refused), enables, mails a reset, deletes after a confirm naming the person', async () => {
    const admin = await signedIn(await staffAccount('admin'), cleanup);
    const { user, password } = await ownUser(() => admin, 'agent');
    const { el, table } = await usersPage(admin);
    const target = `${user.name} (${user.email})`;

    rowPart(table, user.id, 'disable-button')!.click();
    let dialog = await openConfirm(el);
    expect(text(part(dialog, 'heading'))).to.equal(say('portalUserDisableConfirm'));
    expect(text(part(dialog, 'target'))).to.equal(target);
    expect(text(part(dialog, 'message'))).to.equal(say('portalUserDisableWhat'));
    await expect(el).to.be.accessible();
    part(dialog, 'confirm-button')!.click();
    await expectSaid(el, 'notice', say('portalUserDisabledNotice', { name: user.name }));
    expect(cellsOf(table, user.id)[3]).to.equal(say('portalUserDisabled'));
    const refused = await AccountSession.signIn({ server, email: user.email, password }).catch((error: NexusError) => error);
    expect(refused).to.be.instanceOf(NexusError);
    expect((refused as NexusError).code).to.equal('account_disabled');
    expect(rowPart(table, user.id, 'reset-button'), 'no reset mail for a disabled account').to.equal(null);

    rowPart(table, user.id, 'enable-button')!.click();
    await expectSaid(el, 'notice', say('portalUserEnabledNotice', { name: user.name }));
    expect(cellsOf(table, user.id)[3]).to.equal(say('portalUserActive'));
    expect(focused(el)).to.equal(rowOf(table, user.id));

    rowPart(table, user.id, 'reset-button')!.click();
    await expectSaid(el, 'notice', say('portalUserResetSent', { email: user.email }));

    rowPart(table, user.id, 'delete-button')!.click();
    dialog = await openConfirm(el);
    expect(text(part(dialog, 'target'))).to.equal(target);
    expect(text(part(dialog, 'message'))).to.equal(say('portalUserDeleteAgentWhat'));
    part(dialog, 'confirm-button')!.click();
    await expectSaid(el, 'notice', say('portalUserDeletedNotice', { name: user.name, email: user.email }));
    expect(rowOf(table, user.id)).to.equal(null);
    expect((await admin.admin.users.list()).some((u) => u.id === user.id)).to.equal(false);
    expect(focused(el)).to.equal(el.shadowRoot!.querySelector('#page-heading'));
    await expect(el).to.be.accessible();
  });

  it('refuses to delete a person whose agent holds a session, saying so', async () => {
    const admin = await signedIn(await staffAccount('admin'), cleanup);
    const { user } = await ownUser(() => admin, 'agent');
    const agentToken = await cli('agent', 'token', user.agent!.id, '--tenant', tenantId);
    const agent = new AgentClient({ server: env.server, token: agentToken, reconnectDelayMs: 50 });
    cleanup.push(() => agent.destroy());
    await until(() => agent.connected, 'the agent connection', 15_000);
    // A customer asks for a call (never offered); the agent takes it by its code.
    const { client } = testClient({ token: env.live.console.app });
    cleanup.push(() => client.destroy());
    const session = await client.liveHelp.request({ mode: 'call' });
    cleanup.push(() => client.liveHelp.end().catch(() => undefined));
    await agent.accept((await agent.findByCode(session.code)).id);

    const { el, table } = await usersPage(admin);
    await until(() => cellsOf(table, user.id)[6]?.startsWith('1 '), 'the load shown');
    rowPart(table, user.id, 'delete-button')!.click();
    part(await openConfirm(el), 'confirm-button')!.click();
    await expectSaid(el, 'action-error', say('portalUserBusy'));
    expect(rowOf(table, user.id)).to.not.equal(null);
    await expect(el).to.be.accessible();
  });

  it("a supervisor edits agents' skills and maximum sessions only: nothing else is offered", async () => {
    const adminEmail = await staffAccount('admin');
    let admin = await signedIn(adminEmail, cleanup);
    const { user } = await ownUser(() => admin, 'agent', { maxSessions: 4 });
    const supervisor = await signedIn(await staffAccount('supervisor'), cleanup);
    const { el, table } = await usersPage(supervisor);
    expect(part(el, 'add-form')).to.equal(null);
    for (const name of ['disable-button', 'delete-button', 'reset-button']) expect(table.shadowRoot!.querySelector(`[part~="${name}"]`), name).to.equal(null);
    expect(rowPart(table, supervisor.account.id, 'edit-button'), 'no agent: nothing to edit').to.equal(null);
    await expect(el).to.be.accessible();

    rowPart(table, user.id, 'edit-button')!.click();
    await until(() => part(el, 'editor'), 'the editor');
    const editor = part(el, 'editor')!;
    expect(editor.querySelector('[part~="name-input"]')).to.equal(null);
    expect(editor.querySelector('[part~="role-select"]')).to.equal(null);
    await typeInto(editor.querySelector('[part~="max-sessions-input"]')!, '6');
    await sendKeys({ press: 'Enter' });
    await expectSaid(el, 'notice', say('portalUserSaved', { name: user.name }));
    expect(cellsOf(table, user.id)[5]).to.equal('6');
    await expect(el).to.be.accessible();
    // The clean-up deletes as an admin.
    await supervisor.signOut();
    admin = await signedIn(adminEmail, cleanup);
  });

  it('states: loading, the error of an ended session (the portal is told), and retry', async () => {
    const session = await signedIn(await staffAccount('admin'), cleanup);
    await expectLoading('nexus-portal-users', session);
    const events: string[] = [];
    const { el, table } = await usersPage(session, events);
    await expectEndedThenRetry({ el, table, events }, session, async () => signedIn(await staffAccount('admin'), cleanup), 'ready');
  });
});
