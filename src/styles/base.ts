import { css } from 'lit';

/**
 * Styles every element shares. All element styles live in the `nexus` cascade layer, so a theme
 * stylesheet (unlayered, loaded with `theme-url`) overrides them without specificity contests.
 */
export const baseStyles = css`
  @layer nexus {
    :host {
      box-sizing: border-box;
      display: block;
      font-family: var(--_nexus-font-family);
      font-size: var(--_nexus-font-size-medium);
      line-height: var(--_nexus-line-height);
      color: var(--_nexus-color-text);
      -webkit-font-smoothing: antialiased;
    }
    :host([hidden]),
    [hidden] {
      display: none !important;
    }
    *,
    *::before,
    *::after {
      box-sizing: inherit;
    }
    h2,
    h3,
    p {
      margin: 0;
    }
    .button {
      display: inline-flex;
      align-items: center;
      justify-content: center;
      gap: var(--_nexus-space-small);
      min-height: 2.5rem;
      padding: 0 var(--_nexus-space-large);
      border: 1px solid var(--_nexus-color-border);
      border-radius: var(--_nexus-radius-medium);
      background: var(--_nexus-color-surface);
      color: var(--_nexus-color-text);
      font: inherit;
      font-weight: var(--_nexus-font-weight-bold);
      cursor: pointer;
      text-decoration: none;
      transition:
        background var(--_nexus-transition-duration),
        border-color var(--_nexus-transition-duration);
    }
    .button:hover {
      border-color: var(--_nexus-color-primary);
    }
    .button.primary {
      background: var(--_nexus-color-primary);
      border-color: var(--_nexus-color-primary);
      color: var(--_nexus-color-on-primary);
    }
    .button.primary:hover {
      filter: brightness(1.08);
    }
    .button.link {
      min-height: auto;
      padding: var(--_nexus-space-x-small);
      border-color: transparent;
      background: none;
      color: var(--_nexus-color-primary);
    }
    .button:disabled {
      opacity: 0.55;
      cursor: not-allowed;
    }
    :focus-visible {
      outline: 2px solid var(--_nexus-color-focus-ring);
      outline-offset: 2px;
    }
    .visually-hidden {
      position: absolute !important;
      width: 1px;
      height: 1px;
      overflow: hidden;
      clip-path: inset(50%);
      white-space: nowrap;
    }
    .state {
      display: flex;
      flex-direction: column;
      align-items: flex-start;
      gap: var(--_nexus-space-small);
      padding: var(--_nexus-space-large);
      color: var(--_nexus-color-text-muted);
    }
    .state.error {
      border-inline-start: 3px solid var(--_nexus-color-danger);
      color: var(--_nexus-color-text);
    }
    /* Icons that point along the line of text (back, next) turn around in right-to-left layouts. */
    :host(:dir(rtl)) .flip {
      transform: scaleX(-1);
    }
    .spinner {
      width: 1.25rem;
      height: 1.25rem;
      border: 2px solid var(--_nexus-color-border);
      border-top-color: var(--_nexus-color-primary);
      border-radius: 50%;
      animation: nexus-spin 0.8s linear infinite;
    }
    @keyframes nexus-spin {
      to {
        transform: rotate(1turn);
      }
    }
    mark {
      background: var(--_nexus-color-mark);
      color: inherit;
      border-radius: 2px;
    }
    @media (prefers-reduced-motion: reduce) {
      *,
      *::before,
      *::after {
        animation-duration: 1ms !important;
        transition: none !important;
      }
    }
  }
`;
