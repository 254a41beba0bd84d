import { css } from 'lit';

/** `<nexus-portal-paths>` and `<nexus-portal-categories>`: row actions, forms, filters and the import's problems. */
export const contentPageStyles = css`
  @layer nexus {
    .actions,
    .buttons {
      display: flex;
      flex-wrap: wrap;
      gap: var(--_nexus-space-x-small);
    }
    .editor,
    .folder {
      display: grid;
      gap: var(--_nexus-space-medium);
      padding: var(--_nexus-space-large);
      border: 1px solid var(--_nexus-color-border);
      border-radius: var(--_nexus-radius-large);
    }
    .page > .button,
    .folder > .button {
      justify-self: start;
    }
    h3 {
      margin: 0;
      font-size: var(--_nexus-font-size-medium);
    }
    .form p {
      margin: 0;
    }
    .filters {
      display: flex;
      flex-wrap: wrap;
      align-items: start;
      gap: var(--_nexus-space-medium);
    }
    .filters h2 {
      flex-basis: 100%;
    }
    .filter {
      display: grid;
      gap: var(--_nexus-space-x-small);
      max-width: 18rem;
    }
    .filter label {
      font-weight: var(--_nexus-font-weight-bold);
    }
    .filter p {
      margin: 0;
      font-size: var(--_nexus-font-size-small);
    }
    .filters .buttons {
      align-self: end;
    }
    .form .choice {
      display: flex;
      align-items: center;
      gap: var(--_nexus-space-x-small);
    }
    input[type='checkbox'] {
      min-height: auto;
    }
    .problems {
      margin: 0;
      padding-inline-start: var(--_nexus-space-large);
      color: var(--_nexus-color-danger);
    }
  }
`;
