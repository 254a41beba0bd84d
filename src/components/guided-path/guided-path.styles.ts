import { css } from 'lit';

export const guidedPathStyles = css`
  @layer nexus {
    :host {
      --nexus-guided-path-background: transparent;
      --nexus-guided-path-step-background: var(--_nexus-color-surface);
      --nexus-guided-path-progress-color: var(--_nexus-color-primary);
      --nexus-guided-path-progress-track-color: var(--_nexus-color-border);
      --nexus-guided-path-progress-height: 0.375rem;
      --nexus-guided-path-choice-background: var(--_nexus-color-surface);
      --nexus-guided-path-choice-hover-background: var(--_nexus-color-surface-raised);
    }
    .base {
      display: grid;
      gap: var(--_nexus-space-large);
      background: var(--nexus-guided-path-background);
    }
    .header {
      display: grid;
      gap: var(--_nexus-space-x-small);
    }
    .title {
      font-size: var(--_nexus-font-size-x-large);
      font-weight: var(--_nexus-font-weight-bold);
      line-height: 1.25;
    }
    .progress {
      color: var(--_nexus-color-text-muted);
      font-size: var(--_nexus-font-size-small);
    }
    .bar {
      height: var(--nexus-guided-path-progress-height);
      margin-block-start: var(--_nexus-space-x-small);
      border-radius: var(--nexus-guided-path-progress-height);
      background: var(--nexus-guided-path-progress-track-color);
      overflow: hidden;
    }
    .bar-fill {
      height: 100%;
      border-radius: inherit;
      background: var(--nexus-guided-path-progress-color);
      transition: inline-size var(--_nexus-transition-duration) ease-out;
    }
    .step,
    .feedback,
    .outcome {
      display: grid;
      gap: var(--_nexus-space-large);
      padding: var(--_nexus-space-x-large);
      border: 1px solid var(--_nexus-color-border);
      border-radius: var(--_nexus-radius-large);
      background: var(--nexus-guided-path-step-background);
      box-shadow: var(--_nexus-shadow-small);
    }
    .step-title,
    .question,
    .outcome-title {
      font-size: var(--_nexus-font-size-large);
      font-weight: var(--_nexus-font-weight-bold);
      line-height: 1.3;
      border-radius: var(--_nexus-radius-small);
    }
    .step-title:focus,
    .question:focus,
    .outcome-title:focus {
      outline: none;
    }
    .step-title:focus-visible,
    .question:focus-visible,
    .outcome-title:focus-visible {
      outline: 2px solid var(--_nexus-color-focus-ring);
      outline-offset: 4px;
    }
    .choices {
      display: grid;
      gap: var(--_nexus-space-small);
    }
    .choice {
      display: flex;
      align-items: center;
      gap: var(--_nexus-space-medium);
      width: 100%;
      min-height: 2.75rem;
      padding: var(--_nexus-space-medium) var(--_nexus-space-large);
      border: 1px solid var(--_nexus-color-border);
      border-radius: var(--_nexus-radius-medium);
      background: var(--nexus-guided-path-choice-background);
      color: inherit;
      font: inherit;
      text-align: start;
      cursor: pointer;
      transition:
        background var(--_nexus-transition-duration),
        border-color var(--_nexus-transition-duration);
    }
    .choice:hover {
      background: var(--nexus-guided-path-choice-hover-background);
      border-color: var(--_nexus-color-primary);
    }
    .choice-label {
      flex: 1;
    }
    .nav,
    .answers {
      display: flex;
      flex-wrap: wrap;
      align-items: center;
      gap: var(--_nexus-space-small);
    }
    .nav {
      justify-content: space-between;
    }
    .step .nav .button.primary {
      margin-inline-start: auto;
    }
    .icon {
      flex: none;
      width: 1.125rem;
      height: 1.125rem;
    }
    .choice .icon {
      color: var(--_nexus-color-text-muted);
    }
    .outcome-icon {
      display: inline-flex;
      width: 2.5rem;
      height: 2.5rem;
      align-items: center;
      justify-content: center;
      border-radius: 50%;
      background: var(--_nexus-color-surface-raised);
      color: var(--_nexus-color-success);
    }
    .outcome-icon .icon {
      width: 1.5rem;
      height: 1.5rem;
    }
    .outcome-body {
      color: var(--_nexus-color-text-muted);
    }
    .escalation {
      display: contents;
    }
  }
`;
