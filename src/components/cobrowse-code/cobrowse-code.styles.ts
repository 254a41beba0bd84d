import { css } from 'lit';

export const cobrowseCodeStyles = css`
  @layer nexus {
    .base {
      display: flex;
      flex-direction: column;
      align-items: flex-start;
      gap: var(--_nexus-space-small);
    }
    .code {
      margin: 0;
      font-size: var(--_nexus-font-size-x-large);
      font-weight: var(--_nexus-font-weight-bold);
      font-variant-numeric: tabular-nums;
      letter-spacing: 0.12em;
    }
    .error {
      color: var(--_nexus-color-danger);
    }
  }
`;
