import { css } from 'lit';

export const contactUsStyles = css`
  @layer nexus {
    :host {
      --nexus-contact-us-background: var(--_nexus-color-surface-raised);
    }
    .base {
      display: grid;
      gap: var(--_nexus-space-medium);
      padding: var(--_nexus-space-large);
      border-radius: var(--_nexus-radius-large);
      background: var(--nexus-contact-us-background);
    }
    .heading {
      font-size: var(--_nexus-font-size-large);
      font-weight: var(--_nexus-font-weight-bold);
    }
    .actions {
      display: flex;
      flex-wrap: wrap;
      gap: var(--_nexus-space-small);
    }
    .icon {
      width: 1.125rem;
      height: 1.125rem;
    }
    .panel {
      display: grid;
      gap: var(--_nexus-space-x-small);
    }
    .phone {
      color: var(--_nexus-color-primary);
      font-size: var(--_nexus-font-size-large);
      font-weight: var(--_nexus-font-weight-bold);
    }
    .notice {
      color: var(--_nexus-color-text-muted);
    }
  }
`;
