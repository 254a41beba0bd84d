import { css } from 'lit';

/** `<nexus-portal-skills>` and `<nexus-portal-users>`: row actions, editors and choice lists. */
export const peoplePageStyles = css`
  @layer nexus {
    .actions {
      display: flex;
      flex-wrap: wrap;
      gap: var(--_nexus-space-x-small);
    }
    .editor {
      display: grid;
      gap: var(--_nexus-space-medium);
      padding: var(--_nexus-space-large);
      border: 1px solid var(--_nexus-color-border);
      border-radius: var(--_nexus-radius-large);
    }
    fieldset {
      display: grid;
      gap: var(--_nexus-space-x-small);
      margin: 0;
      padding: var(--_nexus-space-small) var(--_nexus-space-medium);
      border: 1px solid var(--_nexus-color-border);
      border-radius: var(--_nexus-radius-small);
    }
    legend {
      font-weight: var(--_nexus-font-weight-bold);
    }
    fieldset label {
      display: flex;
      align-items: center;
      gap: var(--_nexus-space-x-small);
      font-weight: normal;
    }
    input[type='checkbox'] {
      min-height: auto;
    }
    .secret {
      font-family: var(--_nexus-font-family-mono);
    }
  }
`;
