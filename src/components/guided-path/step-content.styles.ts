import { css } from 'lit';

/**
 * Default look of the sanitized HTML inside a guided-path step. In the `nexus` layer, so the
 * step-content theme stylesheet (unlayered) overrides any of it.
 */
export const stepContentStyles = css`
  @layer nexus {
    :host {
      --nexus-guided-path-link-color: var(--_nexus-color-primary);
      --nexus-guided-path-code-background: var(--_nexus-color-surface-raised);
    }
    .nexus-step-content {
      display: grid;
      gap: var(--_nexus-space-medium);
      overflow-wrap: anywhere;
    }
    .nexus-step-content > * {
      margin: 0;
    }
    .nexus-step-content h3,
    .nexus-step-content h4 {
      margin: var(--_nexus-space-small) 0 0;
      font-size: var(--_nexus-font-size-medium);
      font-weight: var(--_nexus-font-weight-bold);
    }
    .nexus-step-content ul,
    .nexus-step-content ol {
      display: grid;
      gap: var(--_nexus-space-x-small);
      padding-inline-start: 1.5rem;
    }
    .nexus-step-content li::marker {
      color: var(--_nexus-color-text-muted);
    }
    .nexus-step-content a {
      color: var(--nexus-guided-path-link-color);
      text-decoration: underline;
      text-underline-offset: 0.15em;
    }
    .nexus-step-content a:hover {
      text-decoration-thickness: 2px;
    }
    .nexus-step-content code,
    .nexus-step-content kbd,
    .nexus-step-content pre {
      font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, monospace;
      font-size: 0.9em;
    }
    .nexus-step-content code {
      padding: 0.1em 0.3em;
      border-radius: var(--_nexus-radius-small);
      background: var(--nexus-guided-path-code-background);
    }
    .nexus-step-content kbd {
      display: inline-block;
      padding: 0.05em 0.4em;
      border: 1px solid var(--_nexus-color-border);
      border-block-end-width: 2px;
      border-radius: var(--_nexus-radius-small);
      background: var(--nexus-guided-path-code-background);
      line-height: 1.3;
    }
    .nexus-step-content pre {
      padding: var(--_nexus-space-medium);
      border-radius: var(--_nexus-radius-medium);
      background: var(--nexus-guided-path-code-background);
      overflow-x: auto;
    }
    .nexus-step-content pre code {
      padding: 0;
      background: none;
    }
    .nexus-step-content img,
    .nexus-step-content video {
      max-width: 100%;
      height: auto;
      border-radius: var(--_nexus-radius-medium);
    }
    .nexus-step-content blockquote {
      padding-inline-start: var(--_nexus-space-medium);
      border-inline-start: 3px solid var(--_nexus-color-border);
      color: var(--_nexus-color-text-muted);
    }
    .nexus-step-content table {
      border-collapse: collapse;
    }
    .nexus-step-content th,
    .nexus-step-content td {
      padding: var(--_nexus-space-x-small) var(--_nexus-space-small);
      border: 1px solid var(--_nexus-color-border);
      text-align: start;
    }
  }
`;
