import { css } from 'lit';

export const cobrowseConsentStyles = css`
  @layer nexus {
    :host {
      --nexus-cobrowse-consent-offset: var(--_nexus-space-large);
      --nexus-cobrowse-consent-width: 22rem;
      position: fixed;
      inset-block-end: var(--nexus-cobrowse-consent-offset);
      inset-inline-end: var(--nexus-cobrowse-consent-offset);
      z-index: 2147483000;
      max-width: min(var(--nexus-cobrowse-consent-width), calc(100vw - 2 * var(--_nexus-space-large)));
    }
    :host([state='idle']) {
      display: none;
    }
    .base {
      display: flex;
      flex-direction: column;
      gap: var(--_nexus-space-medium);
      padding: var(--_nexus-space-large);
      border: 1px solid var(--_nexus-color-border);
      border-radius: var(--_nexus-radius-large);
      background: var(--_nexus-color-surface);
      color: var(--_nexus-color-text);
      box-shadow: 0 0.5rem 2rem rgb(0 0 0 / 0.2);
    }
    .base:focus {
      outline: none;
    }
    .title {
      font-size: var(--_nexus-font-size-large);
      font-weight: var(--_nexus-font-weight-bold);
    }
    .error {
      color: var(--_nexus-color-danger);
      font-weight: var(--_nexus-font-weight-bold);
    }
    .recorded {
      font-size: var(--_nexus-font-size-small);
      font-style: italic;
    }
    .control-state {
      display: block;
      font-weight: var(--_nexus-font-weight-bold);
    }
    .actions {
      display: flex;
      flex-wrap: wrap;
      justify-content: flex-end;
      gap: var(--_nexus-space-small);
    }
    .indicator {
      flex-direction: row;
      align-items: center;
      flex-wrap: wrap;
      justify-content: space-between;
      gap: var(--_nexus-space-small);
      padding: var(--_nexus-space-small) var(--_nexus-space-medium);
      border-color: var(--_nexus-color-primary);
    }
    .dot {
      width: 0.625rem;
      height: 0.625rem;
      flex: none;
      border-radius: 50%;
      background: var(--_nexus-color-primary);
    }
  }
`;
