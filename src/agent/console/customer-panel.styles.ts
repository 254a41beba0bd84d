import { css } from 'lit';

/** The customer panel: identity, origin, session data, context log and activity. */
export const customerPanelStyles = css`
  @layer nexus {
    /* Customer panel */
    .details-heading {
      display: flex;
      align-items: center;
      justify-content: space-between;
    }
    .detail-sections {
      display: grid;
      gap: var(--_nexus-space-large);
    }
    dl {
      display: grid;
      gap: var(--_nexus-space-x-small);
      margin: 0;
    }
    dl > div {
      display: grid;
      grid-template-columns: minmax(5rem, auto) 1fr;
      gap: var(--_nexus-space-small);
    }
    dt {
      color: var(--_nexus-color-text-muted);
      font-size: var(--_nexus-font-size-small);
    }
    dd {
      margin: 0;
      overflow-wrap: anywhere;
    }
    .entries {
      display: grid;
      gap: var(--_nexus-space-small);
      margin: 0;
      padding: 0;
      list-style: none;
    }
    .entry {
      display: grid;
      gap: 2px;
      padding-bottom: var(--_nexus-space-small);
      border-bottom: 1px solid var(--_nexus-color-border);
    }
    .entry-line {
      display: flex;
      flex-wrap: wrap;
      align-items: baseline;
      gap: var(--_nexus-space-small);
    }
    .entry-name {
      flex: 1;
      font-weight: var(--_nexus-font-weight-bold);
      overflow-wrap: anywhere;
    }
    .entry time {
      color: var(--_nexus-color-text-muted);
      font-size: var(--_nexus-font-size-small);
    }
    .entry-detail {
      overflow-wrap: anywhere;
    }
    .entry-data {
      font-size: var(--_nexus-font-size-small);
      color: var(--_nexus-color-text-muted);
      overflow-wrap: anywhere;
    }
  }
`;
