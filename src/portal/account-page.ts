import { html, type TemplateResult } from 'lit';
import type { StaffAccount, StaffRole } from '../protocol/accounts.js';
import type { StringKey } from '../i18n/strings.js';
import type { Translate } from './error-text.js';
import { renderChangePassword, type FormStatus } from './portal-forms.js';

const ROLE_LABELS: Record<StaffRole, StringKey> = { admin: 'portalRoleAdmin', supervisor: 'portalRoleSupervisor', agent: 'portalRoleAgent', author: 'portalRoleAuthor' };

/** The role as the portal names it. */
export const roleLabel = (t: Translate, role: StaffRole): string => t(ROLE_LABELS[role]);

export interface AccountPageState {
  account: StaffAccount;
  password: FormStatus;
  /** What the last password change did. */
  passwordDone?: string;
  changePassword(event: SubmitEvent): void;
  signOutEverywhere(): void;
}

/** The Account page: who is signed in, the password change, and sign out everywhere. */
export function renderAccountPage(t: Translate, page: AccountPageState): TemplateResult {
  const { account } = page;
  return html`<section part="account-page" class="page" aria-labelledby="page-heading">
    <h1 id="page-heading" tabindex="-1">${t('portalAccountHeading')}</h1>
    <dl part="account-facts" class="facts">
      <dt>${t('portalAccountName')}</dt>
      <dd>${account.name}</dd>
      <dt>${t('portalAccountEmail')}</dt>
      <dd>${account.email}</dd>
      <dt>${t('portalAccountRole')}</dt>
      <dd>${roleLabel(t, account.role)}</dd>
      <dt>${t('portalAccountTenant')}</dt>
      <dd>${account.tenantId}</dd>
    </dl>
    ${renderChangePassword(t, page.password, page.changePassword, page.passwordDone)}
    <div class="form">
      <h2>${t('portalSignOutEverywhere')}</h2>
      <p id="everywhere-hint" class="muted">${t('portalSignOutEverywhereHint')}</p>
      <button part="sign-out-everywhere-button" class="button danger" type="button" aria-describedby="everywhere-hint" @click=${page.signOutEverywhere}>
        ${t('portalSignOutEverywhere')}
      </button>
    </div>
  </section>`;
}
