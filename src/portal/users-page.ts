import { html, nothing } from 'lit';
import { state } from '../components/shared/decorators.js';
import { define } from '../components/shared/define.js';
import { NexusError } from '../core/errors.js';
import type { UserCreated, UserInfo, UserUpdate } from '../protocol/admin.js';
import { roleLabel } from './account-page.js';
import { namesOf, rowButton } from './choices.js';
import type { TableColumn } from './data-table.js';
import { PortalPeoplePage } from './people-page.js';
import { renderCreated, renderUserForm, userFormValues, type UserFormOptions } from './user-forms.js';

/**
 * Operations > Users: the tenant's accounts with their role, status (active, disabled, no
 * password yet), skills, maximum sessions and current load (open sessions against the maximum,
 * and whether the agent is available). An admin adds accounts (the generated password is shown
 * once, with Copy, or a reset mail lets the person choose one), edits name, role, skills and
 * maximum sessions, disables (signing them out everywhere) and enables, deletes after a confirm
 * (refused while their agent holds sessions: the page says so) and mails a password reset. A
 * supervisor edits the skills and maximum sessions of agents only; the rest is not offered. An
 * admin is not offered to disable or delete their own account, nor to change their own role (the
 * server refuses those). Set `session`.
 *
 * Keyboard: the table is one Tab stop (arrows move between rows, Enter opens the row's editor);
 * the editor's and the new account's headings take the focus when they open, and the changed row
 * takes it after a change.
 *
 * @summary The portal's Users page: list, add, edit, disable, enable and delete accounts, mail a reset.
 * @tag nexus-portal-users
 *
 * @csspart users-page - The page.
 * @csspart users-table - The `<nexus-data-table>` of accounts.
 * @csspart row - A row of the table (exported from it, with its cells and the row buttons).
 * @csspart cell - A cell of the table.
 * @csspart edit-button - A row's button that opens its editor.
 * @csspart disable-button - A row's disable button (admin).
 * @csspart enable-button - A row's enable button (admin).
 * @csspart reset-button - A row's button that mails a password reset (admin).
 * @csspart delete-button - A row's delete button (admin).
 * @csspart add-form - The form that adds an account (admin).
 * @csspart editor - The open account's editor.
 * @csspart email-input - The new account's email.
 * @csspart name-input - The name field (add form and editor).
 * @csspart role-select - The role (add form and editor; admin).
 * @csspart skills-choices - The skills (checkboxes, each part `skills-choice`).
 * @csspart max-sessions-input - The maximum sessions.
 * @csspart save-button - Adds the account, or saves the editor.
 * @csspart close-button - Closes the editor or the new account's password.
 * @csspart created - The new account and its password, shown once.
 * @csspart password-output - The generated password.
 * @csspart copy-button - Copies the password.
 * @csspart send-reset-button - Mails a reset link to the new account instead.
 * @csspart notice - What the last action changed (`role="status"`).
 * @csspart action-error - Why the last action failed (`role="alert"`).
 * @csspart confirm - The confirm dialog; its parts are exported as `confirm-*`.
 *
 * @fires nexus-portal-session-ended - The server answered 401: the session ended (`<nexus-portal>` signs out).
 * @fires nexus-error - An action or a load failed (the page says it too).
 */
export class NexusPortalUsers extends PortalPeoplePage {
  /** The account just added, with its password (until closed). */
  @state() private created?: UserCreated;

  protected rowsOf(): readonly UserInfo[] {
    return this.users;
  }

  private get isAdmin(): boolean {
    return this.session?.account.role === 'admin';
  }

  private isSelf(user: UserInfo): boolean {
    return user.id === this.session?.account.id;
  }

  private get skillNames(): Map<string, string> {
    return new Map(this.skills.map((skill) => [skill.id, skill.name]));
  }

  private status(user: UserInfo): string {
    if (user.disabled) return this.t('portalUserDisabled');
    return user.hasPassword ? this.t('portalUserActive') : this.t('portalUserNoPassword');
  }

  private load(user: UserInfo): string {
    const agent = user.agent;
    if (!agent) return this.t('portalPeopleNone');
    const availability = agent.status === 'available' ? this.t('portalUserAvailable') : this.t('portalUserAway');
    return this.t('portalUserLoad', { load: agent.load, max: agent.maxSessions, availability });
  }

  /** What the row offers: a supervisor edits agents only; nobody disables or deletes themselves. */
  private actions(user: UserInfo) {
    const named = (key: 'portalPeopleEditNamed' | 'portalPeopleDeleteNamed' | 'portalUserDisableNamed' | 'portalUserEnableNamed' | 'portalUserResetNamed') =>
      this.t(key, { name: user.name });
    const canEdit = this.isAdmin || user.agent !== null;
    const admin = this.isAdmin;
    const self = this.isSelf(user);
    const disabled = this.busy;
    return html`<div class="actions">
      ${canEdit ? rowButton('edit-button', this.t('portalPeopleEdit'), named('portalPeopleEditNamed'), () => void this.openEditor(user.id)) : nothing}
      ${admin && !self && !user.disabled
        ? rowButton('disable-button', this.t('portalUserDisable'), named('portalUserDisableNamed'), () => void this.disable(user), { disabled, danger: true })
        : nothing}
      ${admin && user.disabled ? rowButton('enable-button', this.t('portalUserEnable'), named('portalUserEnableNamed'), () => void this.enable(user), { disabled }) : nothing}
      ${admin && !user.disabled ? rowButton('reset-button', this.t('portalUserReset'), named('portalUserResetNamed'), () => void this.sendReset(user), { disabled }) : nothing}
      ${admin && !self ? rowButton('delete-button', this.t('portalPeopleDelete'), named('portalPeopleDeleteNamed'), () => void this.deleteUser(user), { disabled, danger: true }) : nothing}
    </div>`;
  }

  private get columns(): TableColumn<UserInfo>[] {
    return [
      { key: 'name', label: this.t('portalUserName') },
      { key: 'email', label: this.t('portalUserEmail') },
      { key: 'role', label: this.t('portalUserRole'), cell: (user) => roleLabel(this.t.bind(this), user.role) },
      { key: 'status', label: this.t('portalUserStatus'), cell: (user) => this.status(user) },
      { key: 'skills', label: this.t('portalUserSkills'), cell: (user) => (user.agent && namesOf(user.agent.skills, this.skillNames)) || this.t('portalPeopleNone') },
      { key: 'maxSessions', label: this.t('portalUserMaxSessions'), cell: (user) => (user.agent ? String(user.agent.maxSessions) : this.t('portalPeopleNone')) },
      { key: 'load', label: this.t('portalUserLoadLabel'), cell: (user) => this.load(user) },
      { key: 'actions', label: this.t('portalPeopleActions'), cell: (user) => this.actions(user) },
    ];
  }

  protected override describeError(error: unknown): string {
    if (error instanceof NexusError) {
      if (error.code === 'agent_busy') return this.t('portalUserBusy');
      if (error.code === 'account_exists') return this.t('portalUserExists');
      if (error.code === 'account_disabled') return this.t('portalUserResetDisabled');
    }
    return super.describeError(error);
  }

  private async focusRow(id: string) {
    await this.table?.focusKey(id);
  }

  protected override async openEditor(id: string) {
    this.created = undefined;
    await super.openEditor(id);
  }

  private async addUser(event: SubmitEvent) {
    event.preventDefault();
    const form = event.target as HTMLFormElement;
    const values = userFormValues(form);
    if (!values) return;
    const { email, name, role, skills, maxSessions } = values;
    const agentFields = role === 'agent' ? { skills, maxSessions } : {};
    const created = await this.change(
      () => this.admin.users.create({ email: email!, name: name!, role: role!, ...agentFields }),
      (result) => this.t('portalUserAdded', { name: result.user.name, email: result.user.email }),
    );
    if (!created) return;
    form.reset();
    this.editingId = undefined;
    this.created = created;
    await this.focusId('created-heading');
  }

  private async saveEdit(event: SubmitEvent, user: UserInfo) {
    event.preventDefault();
    const values = userFormValues(event.target as HTMLFormElement);
    if (!values) return;
    const change: UserUpdate = {};
    if (values.name !== undefined && values.name !== user.name) change.name = values.name;
    if (values.role !== undefined && values.role !== user.role) change.role = values.role;
    const agentAfter = user.agent !== null || (change.role ?? user.role) === 'agent';
    if (agentAfter && values.skills && values.skills.join() !== (user.agent?.skills ?? []).join()) change.skills = values.skills;
    if (agentAfter && values.maxSessions !== undefined && values.maxSessions !== user.agent?.maxSessions) change.maxSessions = values.maxSessions;
    if (!Object.keys(change).length) {
      this.notice = this.t('portalPeopleNothingChanged');
      return;
    }
    const saved = await this.change(
      () => this.admin.users.update(user.id, change),
      (after) => this.t('portalUserSaved', { name: after.name }),
    );
    if (saved) await this.focusRow(user.id);
  }

  private async disable(user: UserInfo) {
    const confirmed = await this.confirm({
      heading: this.t('portalUserDisableConfirm'),
      target: `${user.name} (${user.email})`,
      message: this.t('portalUserDisableWhat'),
      confirmLabel: this.t('portalUserDisable'),
    });
    if (!confirmed) return;
    const done = await this.change(
      () => this.admin.users.disable(user.id),
      () => this.t('portalUserDisabledNotice', { name: user.name }),
    );
    if (done) await this.focusRow(user.id);
  }

  private async enable(user: UserInfo) {
    const done = await this.change(
      () => this.admin.users.enable(user.id),
      () => this.t('portalUserEnabledNotice', { name: user.name }),
    );
    if (done) await this.focusRow(user.id);
  }

  private async sendReset(user: { id: string; email: string }) {
    await this.act(
      () => this.admin.users.sendPasswordReset(user.id),
      () => this.t('portalUserResetSent', { email: user.email }),
    );
  }

  private async deleteUser(user: UserInfo) {
    const confirmed = await this.confirm({
      heading: this.t('portalUserDeleteConfirm'),
      target: `${user.name} (${user.email})`,
      message: this.t(user.agent ? 'portalUserDeleteAgentWhat' : 'portalUserDeleteWhat'),
      confirmLabel: this.t('portalUserDelete'),
    });
    if (!confirmed) return;
    const done = await this.change(
      () => this.admin.users.remove(user.id),
      () => this.t('portalUserDeletedNotice', { name: user.name, email: user.email }),
    );
    if (!done) return;
    if (this.editingId === user.id) this.editingId = undefined;
    await this.focusId('page-heading');
  }

  private async copyPassword(password: string) {
    await this.act(
      () => navigator.clipboard.writeText(password),
      () => this.t('portalUserPasswordCopied'),
    );
  }

  private async sendResetInstead(created: UserCreated) {
    const sent = await this.act(
      () => this.admin.users.sendPasswordReset(created.user.id),
      () => this.t('portalUserResetSent', { email: created.user.email }),
    );
    if (sent) this.closeCreated();
  }

  private closeCreated() {
    const id = this.created?.user.id;
    this.created = undefined;
    if (id) void this.table?.focusKey(id);
  }

  private formOptions(): Pick<UserFormOptions, 't' | 'skills' | 'busy' | 'isAdmin'> {
    return { t: this.t.bind(this), skills: this.skills, busy: this.busy, isAdmin: this.isAdmin };
  }

  protected override render(): unknown {
    const editing = this.users.find((user) => user.id === this.editingId);
    const created = this.created;
    return this.renderPage(
      'users-page',
      this.t('portalPageUsers'),
      html`<p class="muted">${this.t(this.isAdmin ? 'portalUsersIntro' : 'portalUsersIntroSupervisor')}</p>
        ${this.renderTable(
          'users',
          'edit-button,disable-button,enable-button,reset-button,delete-button',
          { label: this.t('portalPageUsers'), empty: this.t('portalUsersEmpty') },
          this.columns,
          (id) => this.isAdmin || Boolean(this.users.find((user) => user.id === id)?.agent),
        )}
        ${created
          ? renderCreated(this.t.bind(this), created, {
              busy: this.busy,
              copy: () => void this.copyPassword(created.password),
              sendReset: () => void this.sendResetInstead(created),
              close: () => this.closeCreated(),
            })
          : nothing}
        ${editing
          ? renderUserForm({
              ...this.formOptions(),
              user: editing,
              self: this.isSelf(editing),
              submit: (event) => void this.saveEdit(event, editing),
              close: this.closeEditor,
            })
          : nothing}
        ${this.isAdmin ? renderUserForm({ ...this.formOptions(), submit: (event) => void this.addUser(event) }) : nothing}`,
    );
  }
}

define('nexus-portal-users', NexusPortalUsers);

declare global {
  interface HTMLElementTagNameMap {
    'nexus-portal-users': NexusPortalUsers;
  }
}
