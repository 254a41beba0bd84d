import { html, nothing } from 'lit';
import { state } from '../components/shared/decorators.js';
import { define } from '../components/shared/define.js';
import { NexusError } from '../core/errors.js';
import type { SkillInfo } from '../protocol/schemas.js';
import { checkedValues, namesOf, renderChoices, rowButton } from './choices.js';
import type { TableColumn } from './data-table.js';
import { PortalPeoplePage } from './people-page.js';
import { SLUG, slugFrom, suggestId } from './slug.js';

/** The id a skill's name suggests: "Sales (EU)" -> `sales-eu`. */
export const skillIdFrom = slugFrom;

/**
 * Operations > Skills: the tenant's skills (the queues sessions wait in) with their agents and
 * the sessions waiting in each now. An admin or a supervisor adds a skill (its id is suggested
 * from the name as it is typed, and stays editable), renames it, chooses its agents among the
 * accounts that take chats, and deletes it after a confirm (its agents lose it; the server
 * refuses while sessions wait or are served in it, and the page says so). Set `session`.
 *
 * Keyboard: the table is one Tab stop (arrows move between rows, Enter opens the row's editor);
 * after adding, the new row takes the focus; the editor's heading takes it when it opens.
 *
 * @summary The portal's Skills page: list, add, rename, delete skills and assign their agents.
 * @tag nexus-portal-skills
 *
 * @csspart skills-page - The page.
 * @csspart skills-table - The `<nexus-data-table>` of skills.
 * @csspart row - A row of the table (exported from it, with its cells and the row buttons).
 * @csspart cell - A cell of the table.
 * @csspart add-form - The form that adds a skill.
 * @csspart skill-name-input - The new skill's name.
 * @csspart skill-id-input - The new skill's id.
 * @csspart add-button - Adds the skill.
 * @csspart edit-button - A row's button that opens its editor.
 * @csspart delete-button - A row's delete button.
 * @csspart editor - The open skill's editor (rename, agents).
 * @csspart rename-input - The editor's name field.
 * @csspart rename-button - Saves the name.
 * @csspart agents-choices - The editor's agents (checkboxes, each part `agents-choice`).
 * @csspart agents-button - Saves the agents.
 * @csspart close-button - Closes the editor.
 * @csspart notice - What the last action changed (`role="status"`).
 * @csspart action-error - Why the last action failed (`role="alert"`).
 * @csspart confirm - The confirm dialog; its parts are exported as `confirm-*`.
 *
 * @fires nexus-portal-session-ended - The server answered 401: the session ended (`<nexus-portal>` signs out).
 * @fires nexus-error - An action or a load failed (the page says it too).
 */
export class NexusPortalSkills extends PortalPeoplePage {
  /** The id field follows the name until the person types in it. */
  @state() private idEdited = false;
  @state() private idInvalid = false;

  protected rowsOf(): readonly SkillInfo[] {
    return this.skills;
  }

  /** Agent id -> the name of the account that takes chats as it. */
  private get agentNames(): Map<string, string> {
    return new Map(this.users.flatMap((user) => (user.agent ? [[user.agent.id, user.name] as const] : [])));
  }

  private get columns(): TableColumn<SkillInfo>[] {
    return [
      { key: 'name', label: this.t('portalSkillName') },
      { key: 'id', label: this.t('portalSkillId') },
      { key: 'agents', label: this.t('portalSkillAgents'), cell: (skill) => namesOf(skill.agents, this.agentNames) || this.t('portalPeopleNone') },
      { key: 'waiting', label: this.t('portalSkillWaiting') },
      {
        key: 'actions',
        label: this.t('portalPeopleActions'),
        cell: (skill) =>
          html`<div class="actions">
            ${rowButton('edit-button', this.t('portalPeopleEdit'), this.t('portalPeopleEditNamed', { name: skill.name }), () => void this.openEditor(skill.id))}
            ${rowButton('delete-button', this.t('portalPeopleDelete'), this.t('portalPeopleDeleteNamed', { name: skill.name }), () => void this.deleteSkill(skill), {
              disabled: this.busy,
              danger: true,
            })}
          </div>`,
      },
    ];
  }

  protected override describeError(error: unknown): string {
    if (error instanceof NexusError && error.code === 'skill_in_use') return this.t('portalSkillInUse');
    if (error instanceof NexusError && error.code === 'skill_exists') return this.t('portalSkillExists');
    return super.describeError(error);
  }

  private onNameInput(event: InputEvent) {
    if (!this.idEdited) suggestId(event);
  }

  private async addSkill(event: SubmitEvent) {
    event.preventDefault();
    const form = event.target as HTMLFormElement;
    const name = form.querySelector<HTMLInputElement>('input[name="name"]')!;
    const id = form.querySelector<HTMLInputElement>('input[name="id"]')!;
    if (!name.value.trim()) return name.focus();
    this.idInvalid = !SLUG.test(id.value.trim());
    if (this.idInvalid) return id.focus();
    const skill = await this.change(
      () => this.admin.skills.create({ id: id.value.trim(), name: name.value.trim() }),
      (added) => this.t('portalSkillAdded', { name: added.name, id: added.id }),
    );
    if (!skill) return;
    form.reset();
    this.idEdited = false;
    await this.table?.focusKey(skill.id);
  }

  private async rename(event: SubmitEvent, skill: SkillInfo) {
    event.preventDefault();
    const input = (event.target as HTMLFormElement).querySelector<HTMLInputElement>('input[name="rename"]')!;
    const name = input.value.trim();
    if (!name) return input.focus();
    await this.change(
      () => this.admin.skills.rename(skill.id, name),
      (renamed) => this.t('portalSkillRenamed', { before: skill.name, name: renamed.name }),
    );
  }

  /** Gives the skill to the ticked agents and takes it from the others: the calls the difference needs. */
  private async saveAgents(event: SubmitEvent, skill: SkillInfo) {
    event.preventDefault();
    const chosen = checkedValues(event.target as HTMLFormElement, 'agents');
    const added = chosen.filter((id) => !skill.agents.includes(id));
    const removed = skill.agents.filter((id) => !chosen.includes(id));
    const names = this.agentNames;
    await this.change(
      async () => {
        if (added.length) await this.admin.skills.assign(skill.id, added);
        if (removed.length) await this.admin.skills.unassign(skill.id, removed);
        return true;
      },
      () => {
        const parts = [
          added.length ? this.t('portalSkillAssigned', { names: namesOf(added, names), name: skill.name }) : '',
          removed.length ? this.t('portalSkillUnassigned', { names: namesOf(removed, names), name: skill.name }) : '',
        ].filter(Boolean);
        return parts.join(' ') || this.t('portalPeopleNothingChanged');
      },
    );
  }

  private async deleteSkill(skill: SkillInfo) {
    const agents = namesOf(skill.agents, this.agentNames);
    const confirmed = await this.confirm({
      heading: this.t('portalSkillDeleteConfirm'),
      target: `${skill.name} (${skill.id})`,
      message: `${agents ? this.t('portalSkillDeleteAgents', { names: agents }) : this.t('portalSkillDeleteNoAgents')} ${this.t('portalSkillDeleteSessions')}`,
      confirmLabel: this.t('portalSkillDelete'),
    });
    if (!confirmed) return;
    const deleted = await this.change(
      () => this.admin.skills.remove(skill.id),
      (result) =>
        result.unassignedAgents.length
          ? this.t('portalSkillDeletedAgents', { name: skill.name, names: namesOf(result.unassignedAgents, this.agentNames) })
          : this.t('portalSkillDeleted', { name: skill.name }),
    );
    if (!deleted) return;
    if (this.editingId === skill.id) this.editingId = undefined;
    if (!(await this.table?.focusKey(this.skills[0]?.id ?? ''))) this.renderRoot.querySelector<HTMLElement>('#skill-name')?.focus();
  }

  private renderAddForm() {
    return html`<form part="add-form" class="form" novalidate aria-labelledby="add-heading" @submit=${this.addSkill}>
      <h2 id="add-heading">${this.t('portalSkillAdd')}</h2>
      <label for="skill-name">${this.t('portalSkillName')}</label>
      <input part="skill-name-input" id="skill-name" name="name" type="text" autocomplete="off" maxlength="100" @input=${this.onNameInput} />
      <label for="skill-id">${this.t('portalSkillId')}</label>
      <input
        part="skill-id-input"
        id="skill-id"
        name="id"
        type="text"
        autocomplete="off"
        spellcheck="false"
        maxlength="64"
        aria-describedby="skill-id-hint"
        aria-invalid=${this.idInvalid ? 'true' : 'false'}
        @input=${() => (this.idEdited = true)}
      />
      <p id="skill-id-hint" class=${this.idInvalid ? 'form-error' : 'muted'}>${this.t('portalSkillIdRule')}</p>
      <button part="add-button" class="button primary" type="submit" ?disabled=${this.busy}>${this.t('portalSkillAdd')}</button>
    </form>`;
  }

  private renderEditor(skill: SkillInfo) {
    const agents = this.users.filter((user) => user.agent).map((user) => ({ value: user.agent!.id, label: `${user.name} (${user.email})` }));
    return html`<section part="editor" class="editor" aria-labelledby="editor-heading">
      <h2 id="editor-heading" tabindex="-1">${this.t('portalSkillEditing', { name: skill.name })}</h2>
      <form class="form" novalidate @submit=${(event: SubmitEvent) => void this.rename(event, skill)}>
        <label for="rename">${this.t('portalSkillName')}</label>
        <input part="rename-input" id="rename" name="rename" type="text" autocomplete="off" maxlength="100" .value=${skill.name} />
        <button part="rename-button" class="button" type="submit" ?disabled=${this.busy}>${this.t('portalSkillRename')}</button>
      </form>
      <form class="form" novalidate @submit=${(event: SubmitEvent) => void this.saveAgents(event, skill)}>
        ${renderChoices('agents', this.t('portalSkillAgentsLegend'), agents, new Set(skill.agents), this.t('portalSkillNoAgentUsers'))}
        <button part="agents-button" class="button" type="submit" ?disabled=${this.busy || !agents.length}>${this.t('portalSkillSaveAgents')}</button>
      </form>
      <button part="close-button" class="button link" type="button" @click=${this.closeEditor}>${this.t('portalPeopleClose')}</button>
    </section>`;
  }

  protected override render(): unknown {
    const editing = this.skills.find((skill) => skill.id === this.editingId);
    return this.renderPage(
      'skills-page',
      this.t('portalPageSkills'),
      html`<p class="muted">${this.t('portalSkillsIntro')}</p>
        ${this.renderTable('skills', 'edit-button,delete-button', { label: this.t('portalPageSkills'), empty: this.t('portalSkillsEmpty') }, this.columns)}
        ${editing ? this.renderEditor(editing) : nothing} ${this.renderAddForm()}`,
    );
  }
}

define('nexus-portal-skills', NexusPortalSkills);

declare global {
  interface HTMLElementTagNameMap {
    'nexus-portal-skills': NexusPortalSkills;
  }
}
