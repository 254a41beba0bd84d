import { css } from 'lit';

export const liveHelpStyles = css`
  @layer nexus {
    :host {
      --nexus-live-help-background: var(--_nexus-color-surface);
      --nexus-live-help-code-size: 2rem;
      min-width: 18.75rem;
    }
    .base {
      display: grid;
      gap: var(--_nexus-space-medium);
      background: var(--nexus-live-help-background);
    }
    .heading {
      font-size: var(--_nexus-font-size-large);
      font-weight: var(--_nexus-font-weight-bold);
    }
    .choices {
      display: flex;
      flex-wrap: wrap;
      gap: var(--_nexus-space-small);
    }
    .icon {
      width: 1.125rem;
      height: 1.125rem;
    }
    .call {
      display: grid;
      gap: var(--_nexus-space-medium);
      padding: var(--_nexus-space-large);
      border: 1px solid var(--_nexus-color-border);
      border-radius: var(--_nexus-radius-large);
    }
    .steps {
      display: grid;
      gap: var(--_nexus-space-medium);
      margin: 0;
      padding-inline-start: 1.25rem;
    }
    .steps li {
      display: grid;
      gap: var(--_nexus-space-x-small);
    }
    .phone {
      color: var(--_nexus-color-primary);
      font-size: var(--_nexus-font-size-large);
      font-weight: var(--_nexus-font-weight-bold);
    }
    .code {
      font-size: var(--nexus-live-help-code-size);
      font-weight: var(--_nexus-font-weight-bold);
      letter-spacing: 0.2em;
      font-variant-numeric: tabular-nums;
    }
    .hint,
    .notice {
      color: var(--_nexus-color-text-muted);
    }
  }
`;
