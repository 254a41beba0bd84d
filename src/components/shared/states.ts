import { html, nothing, type TemplateResult } from 'lit';

/**
 * The state templates every Nexus element shows the same way (the parts `loading`, `empty`,
 * `error` and `retry-button`, styled by base.ts): used by `NexusElement` and the agent console.
 */

/** A loading state, announced politely. */
export function loadingState(label: string): TemplateResult {
  return html`<div class="state" part="loading" role="status" aria-live="polite">
    <span class="spinner" aria-hidden="true"></span><span>${label}</span>
  </div>`;
}

/** An empty state. */
export function emptyState(text: string): TemplateResult {
  return html`<div class="state" part="empty" role="status"><p>${text}</p></div>`;
}

/** An error state: the message, announced at once, and a retry button when there is a retry. */
export function errorState(message: string, retry?: { label: string; run: () => void }): TemplateResult {
  return html`<div class="state error" part="error" role="alert">
    <p>${message}</p>
    ${retry ? html`<button class="button" part="retry-button" type="button" @click=${retry.run}>${retry.label}</button>` : nothing}
  </div>`;
}
