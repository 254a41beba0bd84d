import { html, nothing, type TemplateResult } from 'lit';
import { repeat } from 'lit/directives/repeat.js';
import { NexusError } from '../../core/errors.js';
import type { TransferInfo } from '../../protocol/live.js';
import { errorText, renderError, renderLoading, type ConsoleView } from './console-view.js';
import { renderChat } from './conversation.js';
import { renderDetails } from './customer-panel.js';
import { renderSidebar } from './session-list.js';

// The console's frame around the three columns: the sign-in form, the header (the agent, the
// availability switch, sign out), the connection banner and the incoming requests.

/** What the frame shows, from the element's state. */
export interface Frame {
  server?: string;
  phase: 'signed-out' | 'signing-in' | 'ready' | 'failed';
  signIn: SignInForm;
  failure?: unknown;
  connection: 'up' | 'lost' | 'found';
  status: StatusSwitch;
  retry: () => void;
}

/** The sign-in form: with an account (email and password) or a pasted agent token. */
export interface SignInForm {
  mode: 'account' | 'token';
  /** Why the last sign-in failed, or why the console signed out. */
  error?: unknown;
  /** Ask which tenant too (the email has accounts in several). */
  askTenant: boolean;
  submit: (event: SubmitEvent) => void;
  /** Switches between the two ways. */
  toggleMode: () => void;
}

/** The console by phase: no server, the sign-in form, signing in, failed, or the workspace. */
export function renderFrame(ui: ConsoleView, frame: Frame): unknown {
  if (!frame.server) return html`<div class="state error" part="error" role="alert"><p>${ui.t('agentNoServer')}</p></div>`;
  switch (frame.phase) {
    case 'signed-out':
      return renderSignIn(ui, frame.server, frame.signIn);
    case 'signing-in':
      return renderLoading(ui, ui.t('agentSigningIn'));
    case 'failed':
      return renderError(ui, frame.failure, frame.retry);
    case 'ready':
      return html`${renderHeader(ui, frame.status)} ${renderBanner(ui, frame.connection)} ${renderOffers(ui)}
        <div class="workspace">${renderSidebar(ui)} ${renderChat(ui)} ${renderDetails(ui)}</div>`;
  }
}

/** What the form says about a failed sign-in (or a sign-in that ended). */
export function signInErrorText(ui: ConsoleView, error: unknown, mode: SignInForm['mode']): string {
  if (!(error instanceof NexusError)) return errorText(ui, error);
  switch (error.code) {
    case 'sign_in_failed':
      return ui.t('agentSignInFailed');
    case 'sign_in_locked':
      return ui.t('agentSignInLocked', { minutes: Math.max(1, Math.ceil((error.retryAfterMs ?? 60_000) / 60_000)) });
    case 'tenant_required':
      return ui.t('agentTenantRequired');
    case 'account_disabled':
      return ui.t('agentAccountDisabled');
  }
  if (error.status === 403) return ui.t(mode === 'account' ? 'agentAccountNoAgent' : 'agentTokenNotAgent');
  if (mode === 'account' && error.unauthorized) return ui.t('agentAccountSignedOut');
  return errorText(ui, error);
}

export function renderSignIn(ui: ConsoleView, server: string, form: SignInForm): TemplateResult {
  const { mode, error } = form;
  const describedBy = error ? 'sign-in-hint sign-in-error' : 'sign-in-hint';
  const field = (name: string, label: string, type: 'email' | 'password' | 'text', autocomplete: 'username' | 'current-password' | 'organization' | 'off') =>
    html`<label for="${name}-input">${label}</label>
      <input
        part="${name}-input"
        id="${name}-input"
        name=${name}
        type=${type}
        autocomplete=${autocomplete}
        spellcheck="false"
        aria-describedby=${describedBy}
        aria-invalid=${error ? 'true' : 'false'}
      />`;
  return html`<form part="sign-in" class="sign-in" novalidate @submit=${form.submit}>
    <h2>${ui.t('agentSignInHeading')}</h2>
    <p id="sign-in-hint" class="muted">${ui.t(mode === 'account' ? 'agentAccountHint' : 'agentSignInHint', { server })}</p>
    ${error
      ? html`<p part="sign-in-error" id="sign-in-error" class="form-error" role="alert">${signInErrorText(ui, error, mode)}</p>`
      : nothing}
    ${mode === 'account'
      ? html`${field('email', ui.t('agentEmailLabel'), 'email', 'username')}
        ${field('password', ui.t('agentPasswordLabel'), 'password', 'current-password')}
        ${form.askTenant ? field('tenant', ui.t('agentTenantLabel'), 'text', 'organization') : nothing}`
      : field('token', ui.t('agentTokenLabel'), 'password', 'off')}
    <button part="sign-in-button" class="button primary" type="submit">${ui.t('agentSignIn')}</button>
    <button part="sign-in-mode-button" class="button link" type="button" @click=${form.toggleMode}>
      ${ui.t(mode === 'account' ? 'agentUseToken' : 'agentUseAccount')}
    </button>
  </form>`;
}

/** The agent's availability switch: whether it waits for the server, and why it last failed. */
export interface StatusSwitch {
  busy: boolean;
  error?: unknown;
  toggle(): void;
  signOut(): void;
}

export function renderHeader(ui: ConsoleView, status: StatusSwitch): TemplateResult {
  const agent = ui.agent()!;
  const available = agent.status === 'available';
  return html`<div part="header" class="header">
    <p class="agent">
      <span class="visually-hidden">${ui.t('agentConsoleLabel')}: </span>
      <span part="agent-name" class="agent-name">${ui.t('agentSignedInAs', { name: agent.name })}</span>
    </p>
    <div class="header-actions">
      <button
        part="status-switch"
        class="switch"
        type="button"
        role="switch"
        aria-checked=${available ? 'true' : 'false'}
        aria-busy=${status.busy ? 'true' : 'false'}
        aria-describedby="status-text"
        @click=${status.toggle}
      >
        <span class="track" aria-hidden="true"><span class="thumb"></span></span>
        <span>${ui.t('agentAvailable')}</span>
      </button>
      <span id="status-text" class="status-text ${available ? 'on' : 'off'}">
        ${available ? ui.t('agentAvailabilityLabel') : ui.t('agentAway')}
      </span>
      ${status.error
        ? html`<span part="action-error" class="inline-error" role="alert">${errorText(ui, status.error)}</span>`
        : nothing}
      <button part="sign-out-button" class="button" type="button" @click=${status.signOut}>${ui.t('agentSignOut')}</button>
    </div>
  </div>`;
}

export function renderBanner(ui: ConsoleView, connection: 'up' | 'lost' | 'found'): TemplateResult {
  const text =
    connection === 'lost' ? ui.t('agentConnectionLost') : connection === 'found' ? ui.t('agentConnectionFound') : '';
  return html`<div part="banner" class="banner ${connection}" role="status">${text}</div>`;
}

export function renderOffers(ui: ConsoleView): unknown {
  if (!ui.store.offers.length) return nothing;
  return html`<section part="offers" class="offers" aria-label=${ui.t('agentOffersLabel')}>
    ${repeat(
      ui.store.offers,
      (offer) => offer.session.id,
      (offer) => {
        const { session } = offer;
        const seconds = Math.max(0, Math.ceil((offer.expiresAt - ui.now()) / 1000));
        const skill = session.skill ?? ui.t('agentOfferGeneral');
        const error = ui.store.actionErrors.get(session.id);
        const busy = ui.store.accepting.has(session.id);
        return html`<div part="offer" class="offer" data-session=${session.id}>
          <p part="offer-text" class="offer-text" role="alert">
            ${session.kind === 'call' ? ui.t('agentOfferCall', { skill }) : ui.t('agentOfferChat', { skill })}
            <span class="muted">${ui.t('agentSessionCode', { code: session.code })}</span>
          </p>
          ${offer.transfer ? renderOfferTransfer(ui, offer.transfer) : nothing}
          <span part="offer-countdown" class="countdown" role="timer">${ui.t('agentOfferExpires', { seconds })}</span>
          ${error ? html`<span part="action-error" class="inline-error">${errorText(ui, error)}</span>` : nothing}
          <button
            part="accept-button"
            class="button primary"
            type="button"
            aria-busy=${busy ? 'true' : 'false'}
            @click=${() => ui.on.accept(session.id, 'offer')}
          >
            ${busy ? ui.t('agentAccepting') : ui.t('agentOfferAccept')}
          </button>
          <button part="dismiss-button" class="button link" type="button" @click=${() => ui.on.dismissOffer(session.id)}>
            ${ui.t('agentOfferDismiss')}
          </button>
        </div>`;
      },
    )}
  </section>`;
}

/** Who transferred an offered session (or that the phone system assigned it), and their note. */
function renderOfferTransfer(ui: ConsoleView, transfer: TransferInfo): TemplateResult {
  return html`<p part="offer-transfer" class="offer-transfer small">
    ${transfer.from ? ui.t('agentOfferTransferFrom', { name: transfer.from.name }) : ui.t('agentOfferAssigned')}
    ${transfer.note ? html`<q part="offer-note" class="offer-note">${ui.t('agentOfferNote', { note: transfer.note })}</q>` : nothing}
  </p>`;
}
