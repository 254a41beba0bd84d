import { html, nothing, type TemplateResult } from 'lit';
import { NexusError } from '../core/errors.js';
import { PASSWORD_MIN_CHARS } from '../protocol/api.js';
import { errorText, type Translate } from './error-text.js';

// The portal's forms: sign in, ask for a reset link, choose a new password (the reset link), and
// change the password (the account page). Each is a plain <form>: its fields are read when it is
// sent, and stay as typed while it is sent (the button says so), but a refused password.

/** What a form shows besides its fields: whether it is being sent, and why it was last refused. */
export interface FormStatus {
  busy: boolean;
  error?: unknown;
  /** Ask which tenant too (the email has accounts in several). */
  askTenant?: boolean;
}

/** What the portal says about a refused sign-in, reset or password change. */
export function formErrorText(t: Translate, error: unknown): string {
  if (!(error instanceof NexusError)) return errorText(t, error);
  switch (error.code) {
    case 'sign_in_failed':
      return t('portalSignInFailed');
    case 'sign_in_locked':
      return t('portalSignInLocked', { minutes: Math.max(1, Math.ceil((error.retryAfterMs ?? 60_000) / 60_000)) });
    case 'tenant_required':
      return t('portalTenantRequired');
    case 'account_disabled':
      return t('portalAccountDisabled');
    case 'password_wrong':
      return t('portalPasswordWrong');
    case 'password_rejected':
      return t('portalPasswordRejected', { message: error.message });
    case 'reset_token_invalid':
      return t('portalResetLinkInvalid');
  }
  return errorText(t, error);
}

type FieldType = 'email' | 'password' | 'text';
type Autocomplete = 'username' | 'current-password' | 'new-password' | 'organization';

/** A labelled field, described by the form's hint and error. */
function field(id: string, label: string, type: FieldType, autocomplete: Autocomplete, status: FormStatus, hint?: string): TemplateResult {
  const describedBy = [hint ? `${id}-hint` : '', status.error ? `${id.split('-')[0]}-error` : ''].filter(Boolean).join(' ');
  return html`<label for=${id}>${label}</label>
    <input
      part="${id}-input"
      id=${id}
      name=${id}
      type=${type}
      autocomplete=${autocomplete}
      spellcheck="false"
      aria-describedby=${describedBy || nothing}
      aria-invalid=${status.error ? 'true' : 'false'}
    />
    ${hint ? html`<p id="${id}-hint" class="muted">${hint}</p>` : nothing}`;
}

/** The form's error line (`<form>-error`), announced. */
function formError(t: Translate, form: string, status: FormStatus) {
  return status.error
    ? html`<p part="form-error" id="${form}-error" class="form-error" role="alert">${formErrorText(t, status.error)}</p>`
    : nothing;
}

function submitButton(label: string, t: Translate, status: FormStatus, part: string) {
  return html`<button part=${part} class="button primary" type="submit" ?disabled=${status.busy} aria-busy=${status.busy ? 'true' : 'false'}>
    ${status.busy ? t('portalWorking') : label}
  </button>`;
}

export interface SignInHandlers {
  submit(event: SubmitEvent): void;
  forgot(): void;
}

export function renderSignIn(t: Translate, server: string, status: FormStatus, on: SignInHandlers, notice?: string): TemplateResult {
  return html`<form part="sign-in" class="form card" novalidate aria-labelledby="sign-in-heading" @submit=${on.submit}>
    <h1 id="sign-in-heading">${t('portalSignInHeading')}</h1>
    ${notice ? html`<p part="notice" class="notice" role="status">${notice}</p>` : nothing}
    <p class="muted">${t('portalSignInHint', { server })}</p>
    ${formError(t, 'sign', status)}
    ${field('sign-email', t('portalEmailLabel'), 'email', 'username', status)}
    ${field('sign-password', t('portalPasswordLabel'), 'password', 'current-password', status)}
    ${status.askTenant ? field('sign-tenant', t('portalTenantLabel'), 'text', 'organization', status) : nothing}
    ${submitButton(t('portalSignIn'), t, status, 'sign-in-button')}
    <button part="forgot-button" class="button link" type="button" @click=${on.forgot}>${t('portalForgotPassword')}</button>
  </form>`;
}

export interface ForgotHandlers {
  submit(event: SubmitEvent): void;
  back(): void;
}

/** Asks for a reset link; once sent (`sentTo`), says so whatever the server knows. */
export function renderForgot(t: Translate, status: FormStatus, on: ForgotHandlers, sentTo?: string): TemplateResult {
  return html`<form part="forgot" class="form card" novalidate aria-labelledby="forgot-heading" @submit=${on.submit}>
    <h1 id="forgot-heading">${t('portalResetHeading')}</h1>
    ${sentTo
      ? html`<p part="notice" class="notice" role="status">${t('portalResetSent', { email: sentTo })}</p>`
      : html`<p class="muted">${t('portalResetHint')}</p>
          ${formError(t, 'forgot', status)} ${field('forgot-email', t('portalEmailLabel'), 'email', 'username', status)}
          ${status.askTenant ? field('forgot-tenant', t('portalTenantLabel'), 'text', 'organization', status) : nothing}
          ${submitButton(t('portalResetSend'), t, status, 'reset-send-button')}`}
    <button part="back-button" class="button link" type="button" @click=${on.back}>${t('portalBackToSignIn')}</button>
  </form>`;
}

/** The reset link's form: the new password. */
export function renderNewPassword(t: Translate, status: FormStatus, on: ForgotHandlers): TemplateResult {
  return html`<form part="new-password" class="form card" novalidate aria-labelledby="reset-heading" @submit=${on.submit}>
    <h1 id="reset-heading">${t('portalNewPasswordHeading')}</h1>
    ${formError(t, 'reset', status)}
    ${field('reset-password', t('portalNewPasswordLabel'), 'password', 'new-password', status, t('portalPasswordRule', { min: PASSWORD_MIN_CHARS }))}
    ${submitButton(t('portalNewPasswordSave'), t, status, 'reset-save-button')}
    <button part="back-button" class="button link" type="button" @click=${on.back}>${t('portalBackToSignIn')}</button>
  </form>`;
}

/** The account page's password change: the current password and the new one. */
export function renderChangePassword(t: Translate, status: FormStatus, submit: (event: SubmitEvent) => void, done?: string): TemplateResult {
  return html`<form part="change-password" class="form" novalidate aria-labelledby="change-heading" @submit=${submit}>
    <h2 id="change-heading">${t('portalChangePassword')}</h2>
    ${done ? html`<p part="notice" class="notice" role="status">${done}</p>` : nothing} ${formError(t, 'change', status)}
    ${field('change-current', t('portalCurrentPasswordLabel'), 'password', 'current-password', status)}
    ${field('change-next', t('portalNewPasswordLabel'), 'password', 'new-password', status, t('portalPasswordRule', { min: PASSWORD_MIN_CHARS }))}
    ${submitButton(t('portalChangePassword'), t, status, 'change-password-button')}
  </form>`;
}

/** The fields of a form, by name, trimmed but passwords (as typed). */
export function readForm(form: HTMLFormElement): Record<string, string> {
  const values: Record<string, string> = {};
  for (const input of form.querySelectorAll('input')) values[input.name] = input.type === 'password' ? input.value : input.value.trim();
  return values;
}

/** The first empty field of `names` in `form` gets the focus; true when there was one. */
export function focusEmpty(form: HTMLFormElement, names: string[]): boolean {
  const empty = names.map((name) => form.querySelector<HTMLInputElement>(`input[name="${name}"]`)).find((input) => input && !input.value.trim());
  empty?.focus();
  return Boolean(empty);
}
