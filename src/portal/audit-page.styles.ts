import { css } from 'lit';

/** `<nexus-portal-audit>`: the filters in a row that wraps, the load-more button, a record's changes. */
export const auditPageStyles = css`
  @layer nexus {
    .filters {
      display: flex;
      flex-wrap: wrap;
      align-items: end;
      gap: var(--_nexus-space-medium);
    }
    .filters h2 {
      flex-basis: 100%;
    }
    .filter {
      display: grid;
      gap: var(--_nexus-space-x-small);
    }
    .filter label {
      font-weight: var(--_nexus-font-weight-bold);
    }
    .buttons {
      display: flex;
      gap: var(--_nexus-space-small);
    }
    .page > .button {
      justify-self: start;
    }
  }
`;
