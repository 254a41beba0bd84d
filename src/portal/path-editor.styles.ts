import { css } from 'lit';

/** `<nexus-portal-path-editor>`: the path's fields, its steps (with the drop line of a drag), the conflict and the checks. */
export const pathEditorStyles = css`
  @layer nexus {
    :host {
      display: block;
      --nexus-portal-path-editor-drop-color: var(--_nexus-color-primary);
    }
    section {
      display: grid;
      gap: var(--_nexus-space-small);
    }
    h3 {
      margin: 0;
      font-size: var(--_nexus-font-size-medium);
    }
    .back {
      color: var(--_nexus-color-primary);
    }
    .status {
      margin: 0;
    }
    .toolbar,
    .actions {
      display: flex;
      flex-wrap: wrap;
      gap: var(--_nexus-space-small);
    }
    .conflict,
    .problem-list {
      padding: var(--_nexus-space-medium);
      border: 1px solid var(--_nexus-color-danger);
      border-inline-start-width: 4px;
      border-radius: var(--_nexus-radius-medium);
      background: var(--_nexus-color-surface-raised);
    }
    .conflict p {
      margin: 0;
    }
    .link {
      padding: 0;
      border: 0;
      background: none;
      color: var(--_nexus-color-primary);
      font: inherit;
      text-align: start;
      text-decoration: underline;
      cursor: pointer;
    }
    .hint {
      margin: 0;
      font-size: var(--_nexus-font-size-small);
    }
    .tokens {
      display: flex;
      flex-wrap: wrap;
      gap: var(--_nexus-space-x-small);
      margin: 0;
      padding: 0;
      list-style: none;
    }
    .token {
      display: inline-flex;
      align-items: center;
      gap: var(--_nexus-space-x-small);
      padding-inline-start: var(--_nexus-space-small);
      border: 1px solid var(--_nexus-color-border);
      border-radius: var(--_nexus-radius-large);
      background: var(--_nexus-color-surface-raised);
    }
    .token-remove {
      min-width: 1.75rem;
      min-height: 1.75rem;
      border: 0;
      border-radius: var(--_nexus-radius-large);
      background: none;
      color: inherit;
      font: inherit;
      cursor: pointer;
    }
    .tokens-field {
      display: grid;
      gap: var(--_nexus-space-x-small);
    }
    .audience {
      display: flex;
      flex-wrap: wrap;
      gap: var(--_nexus-space-medium);
      border: 1px solid var(--_nexus-color-border);
      border-radius: var(--_nexus-radius-small);
    }
    .radio {
      font-weight: normal;
    }
    .step-list,
    .choices {
      display: grid;
      gap: var(--_nexus-space-medium);
      margin: 0;
      padding: 0;
      list-style: none;
    }
    .step {
      position: relative;
      display: grid;
      gap: var(--_nexus-space-small);
      padding: var(--_nexus-space-medium);
      border: 1px solid var(--_nexus-color-border);
      border-radius: var(--_nexus-radius-medium);
      background: var(--_nexus-color-surface);
    }
    .step:focus-visible {
      outline: 2px solid var(--_nexus-color-focus-ring);
      outline-offset: 2px;
    }
    /* Where a dragged step would go: a line above or below the step under the pointer. */
    .step[data-drop]::before {
      content: '';
      position: absolute;
      inset-inline: 0;
      block-size: 4px;
      border-radius: var(--_nexus-radius-small);
      background: var(--nexus-portal-path-editor-drop-color);
    }
    .step[data-drop='before']::before {
      inset-block-start: calc(-1 * var(--_nexus-space-small));
    }
    .step[data-drop='after']::before {
      inset-block-end: calc(-1 * var(--_nexus-space-small));
    }
    .step-bar {
      display: flex;
      flex-wrap: wrap;
      align-items: center;
      gap: var(--_nexus-space-small);
    }
    .step-heading {
      flex: 1;
    }
    .step-actions {
      display: flex;
      flex-wrap: wrap;
      gap: var(--_nexus-space-x-small);
    }
    .handle {
      min-width: 2.25rem;
      min-height: 2.25rem;
      border: 1px solid var(--_nexus-color-border);
      border-radius: var(--_nexus-radius-small);
      background: var(--_nexus-color-surface-raised);
      color: inherit;
      font: inherit;
      cursor: grab;
    }
    .step-fields {
      display: grid;
      gap: var(--_nexus-space-small);
    }
    .step-fields label,
    .label {
      font-weight: var(--_nexus-font-weight-bold);
    }
    .choice {
      display: grid;
      grid-template-columns: auto 1fr;
      align-items: center;
      gap: var(--_nexus-space-x-small) var(--_nexus-space-small);
      padding-inline-start: var(--_nexus-space-medium);
      border-inline-start: 2px solid var(--_nexus-color-border);
    }
    .choice .button,
    .choice .problems {
      grid-column: 1 / -1;
      justify-self: start;
    }
    .problems {
      margin: 0;
      padding-inline-start: var(--_nexus-space-large);
    }
    .versions {
      border-collapse: collapse;
      inline-size: 100%;
    }
    .versions caption {
      text-align: start;
    }
    .versions th,
    .versions td {
      padding: var(--_nexus-space-x-small) var(--_nexus-space-small);
      border-block-end: 1px solid var(--_nexus-color-border);
      text-align: start;
    }
    .differences {
      display: grid;
      gap: var(--_nexus-space-x-small);
    }
    .change {
      display: grid;
      gap: var(--_nexus-space-x-small);
    }
    .change-field {
      font-weight: var(--_nexus-font-weight-bold);
    }
    del {
      color: var(--_nexus-color-danger);
    }
    ins {
      color: var(--_nexus-color-success);
    }
  }
`;
