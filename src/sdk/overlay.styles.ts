import { css } from 'lit';

export const overlayStyles = css`
  @layer nexus {
    :host {
      --nexus-overlay-width: min(40rem, calc(100vw - 2rem));
      --nexus-overlay-backdrop: rgb(0 0 0 / 45%);
      display: contents;
    }
    dialog {
      box-sizing: border-box;
      inline-size: var(--nexus-overlay-width);
      max-block-size: calc(100dvh - 2rem);
      padding: 0;
      border: 1px solid var(--_nexus-color-border);
      border-radius: var(--_nexus-radius-large);
      background: var(--_nexus-color-surface);
      color: var(--_nexus-color-text);
      box-shadow: var(--_nexus-shadow-medium);
      overflow: hidden;
    }
    dialog[open] {
      display: flex;
      flex-direction: column;
    }
    dialog::backdrop {
      background: var(--nexus-overlay-backdrop);
    }
    .header {
      display: flex;
      align-items: center;
      gap: var(--_nexus-space-small);
      padding: var(--_nexus-space-small) var(--_nexus-space-medium);
      border-block-end: 1px solid var(--_nexus-color-border);
    }
    .title {
      flex: 1;
      margin: 0;
      font-size: var(--_nexus-font-size-large);
      font-weight: var(--_nexus-font-weight-bold);
    }
    .close {
      display: inline-grid;
      place-items: center;
      inline-size: 2.25rem;
      block-size: 2.25rem;
      border: none;
      border-radius: var(--_nexus-radius-small);
      background: transparent;
      color: inherit;
      cursor: pointer;
    }
    .close:hover {
      background: var(--_nexus-color-surface-raised);
    }
    .close:focus-visible {
      outline: 2px solid var(--_nexus-color-focus-ring);
      outline-offset: 2px;
    }
    .body {
      overflow: auto;
      padding: var(--_nexus-space-medium);
    }
  }
`;
