import { css } from 'lit';

export const searchStyles = css`
  @layer nexus {
    :host {
      --nexus-search-input-background: var(--_nexus-color-surface);
      --nexus-search-input-border-color: var(--_nexus-color-border);
      --nexus-search-input-radius: var(--_nexus-radius-medium);
      --nexus-search-listbox-background: var(--_nexus-color-surface);
      --nexus-search-listbox-shadow: var(--_nexus-shadow-medium);
      --nexus-search-listbox-max-height: 22rem;
      --nexus-search-listbox-z-index: 10;
      --nexus-search-option-active-background: var(--_nexus-color-surface-raised);
    }
    .base {
      position: relative;
    }
    .form {
      display: grid;
      gap: var(--_nexus-space-x-small);
      margin: 0;
    }
    .label {
      font-weight: var(--_nexus-font-weight-bold);
    }
    .input-wrapper {
      display: flex;
      align-items: center;
      gap: var(--_nexus-space-x-small);
      min-height: 2.75rem;
      padding-inline: var(--_nexus-space-medium) var(--_nexus-space-x-small);
      border: 1px solid var(--nexus-search-input-border-color);
      border-radius: var(--nexus-search-input-radius);
      background: var(--nexus-search-input-background);
      transition: border-color var(--_nexus-transition-duration);
    }
    .input-wrapper:focus-within {
      border-color: var(--_nexus-color-focus-ring);
      box-shadow: 0 0 0 1px var(--_nexus-color-focus-ring);
    }
    .input {
      flex: 1;
      min-width: 0;
      padding: var(--_nexus-space-small) 0;
      border: 0;
      background: transparent;
      color: inherit;
      font: inherit;
    }
    .input::placeholder {
      color: var(--_nexus-color-text-muted);
      opacity: 1;
    }
    /* The wrapper shows focus for the field. */
    .input:focus-visible {
      outline: none;
    }
    .icon-button {
      display: inline-flex;
      flex: none;
      align-items: center;
      justify-content: center;
      width: 2.25rem;
      height: 2.25rem;
      padding: 0;
      border: 0;
      border-radius: var(--_nexus-radius-small);
      background: transparent;
      color: var(--_nexus-color-text-muted);
      cursor: pointer;
      transition: background var(--_nexus-transition-duration), color var(--_nexus-transition-duration);
    }
    .icon-button:hover {
      background: var(--_nexus-color-surface-raised);
      color: var(--_nexus-color-text);
    }
    .icon-button .icon {
      width: 1.25rem;
      height: 1.25rem;
    }
    .submit {
      background: var(--_nexus-color-primary);
      color: var(--_nexus-color-on-primary);
    }
    .submit:hover {
      background: var(--_nexus-color-primary);
      color: var(--_nexus-color-on-primary);
      filter: brightness(1.08);
    }
    .popup {
      position: absolute;
      inset-inline: 0;
      top: calc(100% + var(--_nexus-space-x-small));
      z-index: var(--nexus-search-listbox-z-index);
      overflow: hidden;
      border: 1px solid var(--_nexus-color-border);
      border-radius: var(--_nexus-radius-medium);
      background: var(--nexus-search-listbox-background);
      box-shadow: var(--nexus-search-listbox-shadow);
    }
    /* The listbox scrolls, not the popup: the active option is kept in view as the arrows move it. */
    .listbox {
      display: grid;
      max-height: var(--nexus-search-listbox-max-height);
      overflow-y: auto;
      overscroll-behavior: contain;
      padding: var(--_nexus-space-x-small);
    }
    .option {
      display: grid;
      gap: 0.125rem;
      padding: var(--_nexus-space-small) var(--_nexus-space-medium);
      border-radius: var(--_nexus-radius-small);
      cursor: pointer;
    }
    .option[aria-selected='true'] {
      background: var(--nexus-search-option-active-background);
      box-shadow: inset 3px 0 0 var(--_nexus-color-primary);
    }
    :host(:dir(rtl)) .option[aria-selected='true'] {
      box-shadow: inset -3px 0 0 var(--_nexus-color-primary);
    }
    .option-title {
      font-weight: var(--_nexus-font-weight-bold);
    }
    .option-snippet {
      display: -webkit-box;
      overflow: hidden;
      -webkit-box-orient: vertical;
      -webkit-line-clamp: 2;
      color: var(--_nexus-color-text-muted);
      font-size: var(--_nexus-font-size-small);
    }
    .state.empty {
      overflow-wrap: anywhere;
    }
    @media (forced-colors: active) {
      .option[aria-selected='true'] {
        outline: 2px solid Highlight;
        outline-offset: -2px;
      }
      .input-wrapper:focus-within {
        outline: 2px solid Highlight;
      }
    }
  }
`;
