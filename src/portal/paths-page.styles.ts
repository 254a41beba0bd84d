import { css } from 'lit';

/** `<nexus-portal-paths>` and `<nexus-portal-categories>`: row actions, forms, the folder and the problems of an import. */
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
    /* The filters are the audit log's (audit-page.styles.ts), with a hint under the search box. */
    .filters {
      align-items: start;
    }
    .filter {
      max-width: 18rem;
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
