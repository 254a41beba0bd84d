import { css } from 'lit';

/** `<nexus-portal-analytics>`: the range form, the figures in a wrapping grid, the sections, charts and tables. */
export const analyticsPageStyles = css`
  @layer nexus {
    .range {
      display: grid;
      gap: var(--_nexus-space-small);
    }
    .presets,
    .days {
      display: flex;
      flex-wrap: wrap;
      align-items: end;
      gap: var(--_nexus-space-small) var(--_nexus-space-medium);
    }
    .field {
      display: grid;
      gap: var(--_nexus-space-x-small);
    }
    .field label {
      font-weight: var(--_nexus-font-weight-bold);
    }
    .button[aria-pressed='true'] {
      border-color: var(--_nexus-color-primary);
      font-weight: var(--_nexus-font-weight-bold);
    }
    .range .form-error,
    .summary {
      margin: 0;
    }
    .section {
      display: grid;
      gap: var(--_nexus-space-large);
    }
    .figures {
      display: grid;
      grid-template-columns: repeat(auto-fill, minmax(11rem, 1fr));
      gap: var(--_nexus-space-medium);
      margin: 0;
    }
    .figure {
      padding: var(--_nexus-space-small) var(--_nexus-space-medium);
      border: 1px solid var(--_nexus-color-border);
      border-radius: var(--_nexus-radius-small);
      background: var(--_nexus-color-surface-raised);
    }
    .figure dt {
      color: var(--_nexus-color-text-muted);
      font-size: var(--_nexus-font-size-small);
    }
    .figure dd {
      margin: 0;
    }
    .figure [part~='figure'] {
      font-size: var(--_nexus-font-size-large);
      font-weight: var(--_nexus-font-weight-bold);
      font-variant-numeric: tabular-nums;
    }
    .figure [part~='figure-detail'] {
      font-size: var(--_nexus-font-size-small);
    }
    .chart-block,
    .table-block,
    .drop-off {
      display: grid;
      gap: var(--_nexus-space-small);
    }
    .csv {
      justify-self: start;
    }
  }
`;
