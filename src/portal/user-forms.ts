import { html, nothing, type TemplateResult } from 'lit';
import type { StaffRole } from '../protocol/accounts.js';
import type { UserCreated, UserInfo } from '../protocol/admin.js';
import type { SkillInfo } from '../protocol/schemas.js';
import { roleLabel } from './account-page.js';
import { checkedValues, renderChoices } from './choices.js';
import type { Translate } from './error-text.js';

// The forms of <nexus-portal-users> (users-page.ts): the one form that adds an account or edits
// one (by whether it is given a `user`), and the new account's password, shown once.

/** The roles, as the role select offers them. */
const ROLES: readonly StaffRole[] = ['agent', 'supervisor', 'author', 'admin'];

/** Maximum sessions an agent may be given (the server's `MaxSessions`). */
const MAX_SESSIONS = 100;

export interface UserFormOptions {
  t: Translate;
  /** The tenant's skills, to choose from. */
  skills: readonly SkillInfo[];
  busy: boolean;
  /** An admin edits everything; a supervisor the skills and maximum sessions only. */
  isAdmin: boolean;
  /** The account edited; none: the form adds one. */
  user?: UserInfo;
  /** The account edited is the signed-in one (its role is not offered: the server refuses). */
  self?: boolean;
  submit(event: SubmitEvent): void;
  close?(): void;
}

/** What a user form holds; fields it does not show are undefined. */
export interface UserFormValues {
  email?: string;
  name?: string;
  role?: StaffRole;
  skills?: string[];
  maxSessions?: number;
}

const input = (form: HTMLFormElement, name: string) => form.querySelector<HTMLInputElement | HTMLSelectElement>(`[name="${name}"]`);

/** Shows the agent's fields (skills, maximum sessions) only while the role chosen is agent. */
function onRoleChange(event: Event) {
  const select = event.target as HTMLSelectElement;
  const fields = select.form?.querySelector<HTMLElement>('.agent-fields');
  if (fields) fields.hidden = select.value !== 'agent';
}

/**
 * The values of a user form, or undefined after putting the focus on the first field that is
 * empty or wrong (email and name are needed; the maximum sessions is 1 to 100, or left empty for
 * the server's default when adding).
 */
export function userFormValues(form: HTMLFormElement): UserFormValues | undefined {
  const values: UserFormValues = {};
  for (const name of ['email', 'name'] as const) {
    const field = input(form, name);
    if (!field) continue;
    if (!field.value.trim()) return void field.focus();
    values[name] = field.value.trim();
  }
  const role = input(form, 'role')?.value;
  values.role = ROLES.find((r) => r === role);
  const agentFields = form.querySelector<HTMLElement>('.agent-fields');
  if (agentFields && !agentFields.hidden) {
    values.skills = checkedValues(form, 'skills');
    const max = input(form, 'maxSessions')!;
    if (max.value.trim()) {
      const n = Number(max.value);
      if (!Number.isInteger(n) || n < 1 || n > MAX_SESSIONS) {
        max.setAttribute('aria-invalid', 'true');
        return void max.focus();
      }
      values.maxSessions = n;
    }
    max.setAttribute('aria-invalid', 'false');
  }
  return values;
}

function roleField(t: Translate, id: string, role: StaffRole, self: boolean) {
  return html`<label for="${id}-role">${t('portalUserRole')}</label>
    <select part="role-select" id="${id}-role" name="role" ?disabled=${self} aria-describedby=${self ? `${id}-role-hint` : nothing} @change=${onRoleChange}>
      ${ROLES.map((r) => html`<option value=${r} ?selected=${r === role}>${roleLabel(t, r)}</option>`)}
    </select>
    ${self ? html`<p id="${id}-role-hint" class="muted">${t('portalUserOwnRole')}</p>` : nothing}`;
}

/** The form that adds an account (`part="add-form"`) or, given `user`, edits it (`part="editor"`). */
export function renderUserForm(options: UserFormOptions): TemplateResult {
  const { t, user, isAdmin } = options;
  const id = user ? 'edit' : 'add';
  const role = user?.role ?? 'agent';
  const agent = user?.agent ?? null;
  const showAgent = agent !== null || role === 'agent';
  const skills = options.skills.map((skill) => ({ value: skill.id, label: `${skill.name} (${skill.id})` }));
  const heading = user ? t('portalUserEditing', { name: user.name }) : t('portalUserAdd');
  const body = html`<form class="form" novalidate @submit=${options.submit}>
    ${user
      ? html`<p class="muted">${user.email}</p>`
      : html`<label for="add-email">${t('portalUserEmail')}</label>
          <input part="email-input" id="add-email" name="email" type="email" autocomplete="off" spellcheck="false" maxlength="254" />`}
    ${isAdmin
      ? html`<label for="${id}-name">${t('portalUserName')}</label>
          <input part="name-input" id="${id}-name" name="name" type="text" autocomplete="off" maxlength="100" .value=${user?.name ?? ''} />
          ${roleField(t, id, role, options.self ?? false)}`
      : nothing}
    <div class="agent-fields form" ?hidden=${!showAgent}>
      ${renderChoices('skills', t('portalUserSkills'), skills, new Set(agent?.skills ?? []), t('portalUserNoSkills'))}
      <label for="${id}-max">${t('portalUserMaxSessions')}</label>
      <input
        part="max-sessions-input"
        id="${id}-max"
        name="maxSessions"
        type="number"
        min="1"
        max=${MAX_SESSIONS}
        inputmode="numeric"
        aria-describedby="${id}-max-hint"
        .value=${agent ? String(agent.maxSessions) : ''}
      />
      <p id="${id}-max-hint" class="muted">${t(user ? 'portalUserMaxHint' : 'portalUserMaxHintAdd', { max: MAX_SESSIONS })}</p>
    </div>
    <button part="save-button" class="button primary" type="submit" ?disabled=${options.busy}>${user ? t('portalPeopleSave') : t('portalUserAdd')}</button>
  </form>`;
  return user
    ? html`<section part="editor" class="editor" aria-labelledby="editor-heading">
        <h2 id="editor-heading" tabindex="-1">${heading}</h2>
        ${body}
        <button part="close-button" class="button link" type="button" @click=${options.close}>${t('portalPeopleClose')}</button>
      </section>`
    : html`<section part="add-form" class="editor" aria-labelledby="add-heading">
        <h2 id="add-heading">${heading}</h2>
        <p class="muted">${t('portalUserAddHint')}</p>
        ${body}
      </section>`;
}

export interface CreatedHandlers {
  busy: boolean;
  copy(): void;
  sendReset(): void;
  close(): void;
}

/** The account just added and its generated password, shown this once: Copy, or a reset mail instead. */
export function renderCreated(t: Translate, created: UserCreated, on: CreatedHandlers): TemplateResult {
  const { user, password } = created;
  return html`<section part="created" class="editor" aria-labelledby="created-heading">
    <h2 id="created-heading" tabindex="-1">${t('portalUserCreatedHeading', { name: user.name })}</h2>
    <label for="created-password">${t('portalUserPasswordOnce', { email: user.email })}</label>
    <input part="password-output" id="created-password" class="secret" type="text" readonly spellcheck="false" .value=${password} />
    <div class="actions">
      <button part="copy-button" class="button" type="button" @click=${on.copy}>${t('portalUserCopyPassword')}</button>
    </div>
    <p id="reset-instead-hint" class="muted">${t('portalUserResetInsteadHint', { email: user.email })}</p>
    <div class="actions">
      <button part="send-reset-button" class="button" type="button" aria-describedby="reset-instead-hint" ?disabled=${on.busy} @click=${on.sendReset}>
        ${t('portalUserResetInstead')}
      </button>
      <button part="close-button" class="button link" type="button" @click=${on.close}>${t('portalUserPasswordDone')}</button>
    </div>
  </section>`;
}
