import { css } from 'lit';

/** The session column: the code search, the filters and the session list (and the state badges). */
export const sessionListStyles = css`
  @layer nexus {
    .code-search {
      display: grid;
      grid-template-columns: minmax(0, 1fr);
      gap: var(--_nexus-space-x-small);
    }
    .code-search label {
      font-weight: var(--_nexus-font-weight-bold);
    }
    .code-row {
      display: flex;
      gap: var(--_nexus-space-x-small);
    }
    .code-row input {
      flex: 1;
      min-width: 0;
      font-variant-numeric: tabular-nums;
      letter-spacing: 0.1em;
    }
    .code-status.error {
      color: var(--_nexus-color-danger);
    }
    .code-status.found {
      color: var(--_nexus-color-success);
    }
    .filters {
      display: grid;
      grid-template-columns: repeat(auto-fit, minmax(5.5rem, 1fr));
      gap: var(--_nexus-space-x-small);
      margin: 0;
      padding: 0;
      border: 0;
    }
    .filters label {
      display: grid;
      gap: 2px;
      font-size: var(--_nexus-font-size-small);
    }
    .session-list {
      display: grid;
      gap: var(--_nexus-space-x-small);
    }
    .session {
      display: grid;
      gap: 2px;
      padding: var(--_nexus-space-small);
      border: 1px solid transparent;
      border-radius: var(--_nexus-radius-medium);
      cursor: pointer;
    }
    .session:hover {
      border-color: var(--_nexus-color-border);
    }
    .session.selected {
      border-color: var(--_nexus-color-primary);
      background: var(--nexus-agent-console-selected-background);
    }
    .session-line {
      display: flex;
      justify-content: space-between;
      gap: var(--_nexus-space-small);
    }
    .session-title {
      font-weight: var(--_nexus-font-weight-bold);
      overflow-wrap: anywhere;
    }
    .badge {
      flex: none;
      align-self: start;
      padding: 0 var(--_nexus-space-x-small);
      border: 1px solid var(--_nexus-color-border);
      border-radius: var(--_nexus-radius-small);
      font-size: var(--_nexus-font-size-small);
    }
    .badge.state-queued,
    .badge.state-assigned {
      border-color: var(--_nexus-color-primary);
      color: var(--_nexus-color-primary);
    }
    .badge.state-active {
      border-color: var(--_nexus-color-success);
      color: var(--_nexus-color-success);
    }
    .unread {
      justify-self: start;
      padding: 0 var(--_nexus-space-small);
      border-radius: 999px;
      background: var(--_nexus-color-primary);
      color: var(--_nexus-color-on-primary);
      font-size: var(--_nexus-font-size-small);
      font-weight: var(--_nexus-font-weight-bold);
    }
  }
`;
