import { css } from 'lit';

/**
 * Form fields of the staff-side elements (the agent console and the portal): inputs, selects and
 * text areas in the theme's colours, and the text of a refused form.
 */
export const fieldStyles = css`
  @layer nexus {
    input,
    select,
    textarea {
      font: inherit;
      color: inherit;
      background: var(--_nexus-color-surface);
      border: 1px solid var(--_nexus-color-border);
      border-radius: var(--_nexus-radius-small);
      padding: var(--_nexus-space-x-small) var(--_nexus-space-small);
      min-height: 2.25rem;
    }
    .inline-error,
    .form-error {
      color: var(--_nexus-color-danger);
      font-size: var(--_nexus-font-size-small);
    }
    .button.danger {
      border-color: var(--_nexus-color-danger);
      color: var(--_nexus-color-danger);
    }
  }
`;
