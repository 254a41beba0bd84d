import { expect } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import { cleanupAfterEach, cli, env, freshKey, testClient, until } from '../../test/browser/env.js';
import { cellsOf, expectEndedThenRetry, expectLoading, expectSaid, focused, mountPage, openConfirm, rowOf, rowPart, say, signedIn, staffAccount, typeInto } from '../../test/browser/people-world.js';
import { part, portal, signInWith, text } from '../../test/browser/portal-world.js';
import type { AccountSession } from '../core/account-session.js';
import { skillIdFrom, type NexusPortalSkills } from './skills-page.js';
import type { NexusPortalUsers } from './users-page.js';

// <nexus-portal-skills> against the real server (test/browser/people-world.ts): add, rename,
// delete (and the refusal while a session waits), assign agents, roles and the page's states.
// Every test makes its own accounts and skills (fresh ids) in the portal tests' tenant.

const cleanup = cleanupAfterEach();

const skillsPage = (session: AccountSession, events?: string[]) => mountPage<NexusPortalSkills>('nexus-portal-skills', session, events);

/** Deletes the skill after the test when the test left it. */
function removeLater(session: AccountSession, id: string) {
  cleanup.push(async () => {
    if ((await session.admin.skills.list()).some((skill) => skill.id === id)) await session.admin.skills.remove(id);
  });
}

/** A skill of its own for a test (through the API), deleted afterwards when it is left. */
async function ownSkill(session: AccountSession, name = `Skill ${freshKey()}`) {
  const skill = await session.admin.skills.create({ id: skillIdFrom(name), name });
  removeLater(session, skill.id);
  return skill;
}

describe('<nexus-portal-skills>', function () {
  this.timeout(60_000);

  it('adds a skill (its id suggested from the name, editable), renames it, and deletes it after a confirm that names it', async () => {
    const session = await signedIn(await staffAccount('admin'), cleanup);
    const { el, table } = await skillsPage(session);
    expect(table.state).to.equal('ready');
    await expect(el).to.be.accessible();

    const key = freshKey();
    await typeInto(part<HTMLInputElement>(el, 'skill-name-input')!, `Returns ${key}`);
    const idInput = part<HTMLInputElement>(el, 'skill-id-input')!;
    expect(idInput.value, 'suggested from the name').to.equal(`returns-${key}`);
    await typeInto(idInput, `ret-${key}`);
    await typeInto(part<HTMLInputElement>(el, 'skill-name-input')!, `Returns desk ${key}`);
    expect(idInput.value, 'an id typed stays').to.equal(`ret-${key}`);
    const id = `ret-${key}`;
    removeLater(session, id);
    await sendKeys({ press: 'Enter' });
    await expectSaid(el, 'notice', say('portalSkillAdded', { name: `Returns desk ${key}`, id }));
    expect(cellsOf(table, id).slice(0, 4)).to.deep.equal([`Returns desk ${key}`, id, say('portalPeopleNone'), '0']);
    expect(focused(el), 'the new row has the focus').to.equal(rowOf(table, id));
    expect((await session.admin.skills.list()).find((s) => s.id === id)?.name).to.equal(`Returns desk ${key}`);
    await expect(el).to.be.accessible();

    // The same id again is refused, in words.
    await typeInto(part<HTMLInputElement>(el, 'skill-name-input')!, `Other ${key}`);
    await typeInto(part<HTMLInputElement>(el, 'skill-id-input')!, id);
    part(el, 'add-button')!.click();
    await expectSaid(el, 'action-error', say('portalSkillExists'));
    // An id the server would refuse is said before it is sent.
    await typeInto(part<HTMLInputElement>(el, 'skill-id-input')!, 'Not An Id');
    part(el, 'add-button')!.click();
    await el.updateComplete;
    expect(part(el, 'skill-id-input')!.getAttribute('aria-invalid')).to.equal('true');
    expect(focused(el)).to.equal(part(el, 'skill-id-input'));

    // Rename: Enter on the focused row opens its editor.
    rowOf(table, id)!.focus();
    await sendKeys({ press: 'Enter' });
    await until(() => part(el, 'editor'), 'the editor');
    expect(focused(el), 'the editor heading has the focus').to.equal(el.shadowRoot!.querySelector('#editor-heading'));
    await typeInto(part<HTMLInputElement>(el, 'rename-input')!, `Returns ${key}`);
    await sendKeys({ press: 'Enter' });
    await expectSaid(el, 'notice', say('portalSkillRenamed', { before: `Returns desk ${key}`, name: `Returns ${key}` }));
    await until(() => cellsOf(table, id)[0] === `Returns ${key}`, 'the new name in the table');
    expect((await session.admin.skills.list()).find((s) => s.id === id)?.name).to.equal(`Returns ${key}`);
    await expect(el).to.be.accessible();

    // Delete: the confirm names the skill; Cancel keeps it; confirmed, it goes.
    rowPart(table, id, 'delete-button')!.click();
    let dialog = await openConfirm(el);
    expect(text(part(dialog, 'heading'))).to.equal(say('portalSkillDeleteConfirm'));
    expect(text(part(dialog, 'target'))).to.equal(`Returns ${key} (${id})`);
    expect(text(part(dialog, 'message'))).to.equal(`${say('portalSkillDeleteNoAgents')} ${say('portalSkillDeleteSessions')}`);
    await expect(el).to.be.accessible();
    await sendKeys({ press: 'Escape' });
    await until(() => !dialog.open, 'the dialog closed');
    expect((await session.admin.skills.list()).some((s) => s.id === id), 'kept').to.equal(true);
    rowPart(table, id, 'delete-button')!.click();
    dialog = await openConfirm(el);
    part(dialog, 'confirm-button')!.click();
    await expectSaid(el, 'notice', say('portalSkillDeleted', { name: `Returns ${key}` }));
    expect(rowOf(table, id)).to.equal(null);
    expect((await session.admin.skills.list()).some((s) => s.id === id)).to.equal(false);
    expect(part(el, 'editor'), 'its editor closed').to.equal(null);
    await expect(el).to.be.accessible();
  });

  it('refuses to delete a skill while a session waits in it, saying so; deletes it once the session ended', async () => {
    const session = await signedIn(await staffAccount('admin'), cleanup);
    const skill = await ownSkill(session);
    // A customer asks for a call in the skill: no agent has it, so the session waits.
    const { client } = testClient({ token: env.live.console.app });
    cleanup.push(() => client.destroy());
    await client.liveHelp.request({ mode: 'call', skill: skill.id });
    cleanup.push(() => client.liveHelp.end().catch(() => undefined));

    const { el, table } = await skillsPage(session);
    expect(cellsOf(table, skill.id)[3], 'one session waiting').to.equal('1');
    rowPart(table, skill.id, 'delete-button')!.click();
    part(await openConfirm(el), 'confirm-button')!.click();
    await expectSaid(el, 'action-error', say('portalSkillInUse'));
    expect(rowOf(table, skill.id), 'still listed').to.not.equal(null);
    await expect(el).to.be.accessible();

    await client.liveHelp.end();
    rowPart(table, skill.id, 'delete-button')!.click();
    part(await openConfirm(el), 'confirm-button')!.click();
    await expectSaid(el, 'notice', say('portalSkillDeleted', { name: skill.name }));
    expect(part(el, 'action-error')).to.equal(null);
  });

  it('assigns and unassigns agents by name, and the Users page shows the skill', async () => {
    const admin = await signedIn(await staffAccount('admin'), cleanup);
    const skill = await ownSkill(admin);
    const name = `Agent ${freshKey()}`;
    const { user } = (await admin.admin.users.create({ email: `${freshKey()}@people.example`, name, role: 'agent' }))!;
    cleanup.push(() => admin.admin.users.remove(user.id).catch(() => undefined));
    const agentId = user.agent!.id;

    const { el, table } = await skillsPage(admin);
    rowPart(table, skill.id, 'edit-button')!.click();
    await until(() => part(el, 'agents-choices'), 'the agents to choose from');
    const box = [...el.shadowRoot!.querySelectorAll<HTMLInputElement>('[part~="agents-choice"]')].find((b) => b.value === agentId)!;
    expect(box.checked).to.equal(false);
    expect(text(box.parentElement)).to.equal(`${name} (${user.email})`);
    box.focus();
    await sendKeys({ press: 'Space' });
    expect(box.checked, 'ticked from the keyboard').to.equal(true);
    part(el, 'agents-button')!.click();
    await expectSaid(el, 'notice', say('portalSkillAssigned', { name: skill.name, names: name }));
    expect((await admin.admin.skills.list()).find((s) => s.id === skill.id)?.agents).to.deep.equal([agentId]);
    await until(() => cellsOf(table, skill.id)[2] === name, 'the agent named in the table');
    await expect(el).to.be.accessible();

    const users = await mountPage<NexusPortalUsers>('nexus-portal-users', admin);
    expect(cellsOf(users.table, user.id)[4], 'the Users page shows the skill').to.equal(skill.name);

    // Unticked, the skill is taken from the agent.
    const again = [...el.shadowRoot!.querySelectorAll<HTMLInputElement>('[part~="agents-choice"]')].find((b) => b.value === agentId)!;
    again.click();
    part(el, 'agents-button')!.click();
    await expectSaid(el, 'notice', say('portalSkillUnassigned', { name: skill.name, names: name }));
    expect((await admin.admin.skills.list()).find((s) => s.id === skill.id)?.agents).to.deep.equal([]);
  });

  it('a supervisor manages skills too; an agent is not offered the page', async () => {
    const supervisor = await signedIn(await staffAccount('supervisor'), cleanup);
    const { el, table } = await skillsPage(supervisor);
    const name = `Supervised ${freshKey()}`;
    await typeInto(part<HTMLInputElement>(el, 'skill-name-input')!, name);
    await sendKeys({ press: 'Enter' });
    await expectSaid(el, 'notice', say('portalSkillAdded', { name, id: skillIdFrom(name) }));
    expect(rowOf(table, skillIdFrom(name))).to.not.equal(null);
    await supervisor.admin.skills.remove(skillIdFrom(name));
    await supervisor.signOut();

    // In the portal, a supervisor's Operations menu opens the page (its heading takes the focus).
    const { el: supervised } = await portal(cleanup);
    await signInWith(supervised, await staffAccount('supervisor'));
    supervised.shadowRoot!.querySelector<HTMLAnchorElement>('[part~="nav-link"][href="#/skills"]')!.click();
    const opened = (await until(() => supervised.shadowRoot!.querySelector<NexusPortalSkills>('nexus-portal-skills'), 'the Skills page'))!;
    await until(() => focused(opened)?.id === 'page-heading', 'its heading focused');
    expect(text(opened.shadowRoot!.querySelector('h1'))).to.equal(say('portalPageSkills'));
    await supervised.signOut();
    supervised.remove();
    history.replaceState(null, '', location.pathname + location.search);

    const agentEmail = await staffAccount('agent');
    const { el: portalEl } = await portal(cleanup);
    await signInWith(portalEl, agentEmail);
    const links = [...portalEl.shadowRoot!.querySelectorAll<HTMLAnchorElement>('[part~="nav-link"]')].map((a) => a.getAttribute('href'));
    expect(links).to.not.include('#/skills');
    expect(portalEl.shadowRoot!.querySelector('nexus-portal-skills')).to.equal(null);
  });

  it('states: empty in a new tenant, the error of an ended session (the portal is told), and retry', async () => {
    const tenant = `people${freshKey()}`.slice(0, 30);
    await cli('tenant', 'create', tenant);
    const session = await signedIn(await staffAccount('admin', { tenant }), cleanup);
    await expectLoading('nexus-portal-skills', session);
    const events: string[] = [];
    const { el, table } = await skillsPage(session, events);
    expect(table.state).to.equal('empty');
    expect(text(part(table, 'empty'))).to.equal(say('portalSkillsEmpty'));
    await expect(el).to.be.accessible();
    await expectEndedThenRetry({ el, table, events }, session, async () => signedIn(await staffAccount('admin', { tenant }), cleanup), 'empty');
  });
});
