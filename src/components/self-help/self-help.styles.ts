import { css } from 'lit';

export const selfHelpStyles = css`
  @layer nexus {
    :host {
      --nexus-self-help-gap: var(--_nexus-space-x-large);
      --nexus-self-help-padding: var(--_nexus-space-large);
      --nexus-self-help-background: var(--_nexus-color-surface);
      min-width: 300px;
      background: var(--nexus-self-help-background);
    }
    .base {
      padding: var(--nexus-self-help-padding);
    }
    .home {
      display: grid;
      gap: var(--nexus-self-help-gap);
    }
    .home:focus,
    .path-view:focus {
      outline: none;
    }
    .path-view {
      display: grid;
      gap: var(--_nexus-space-medium);
    }
    .back {
      justify-self: start;
    }
    .button .icon {
      width: 1.125rem;
      height: 1.125rem;
    }
  }
`;
