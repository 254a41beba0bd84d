import { css } from 'lit';

export const pathListStyles = css`
  @layer nexus {
    :host {
      --nexus-path-list-item-background: var(--_nexus-color-surface);
      --nexus-path-list-item-hover-background: var(--_nexus-color-surface-raised);
      --nexus-path-list-gap: var(--_nexus-space-small);
    }
    .heading {
      margin: 0 0 var(--_nexus-space-medium);
      font-size: var(--_nexus-font-size-large);
      font-weight: var(--_nexus-font-weight-bold);
    }
    .list {
      display: grid;
      gap: var(--nexus-path-list-gap);
      margin: 0;
      padding: 0;
      list-style: none;
    }
    .item {
      display: flex;
      align-items: center;
      gap: var(--_nexus-space-medium);
      width: 100%;
      padding: var(--_nexus-space-medium) var(--_nexus-space-large);
      border: 1px solid var(--_nexus-color-border);
      border-radius: var(--_nexus-radius-medium);
      background: var(--nexus-path-list-item-background);
      color: inherit;
      font: inherit;
      text-align: start;
      cursor: pointer;
      transition: background var(--_nexus-transition-duration), border-color var(--_nexus-transition-duration);
    }
    .item:hover {
      background: var(--nexus-path-list-item-hover-background);
      border-color: var(--_nexus-color-primary);
    }
    .text {
      display: grid;
      gap: var(--_nexus-space-x-small);
      flex: 1;
      min-width: 0;
    }
    .title {
      font-weight: var(--_nexus-font-weight-bold);
    }
    .summary,
    .meta {
      color: var(--_nexus-color-text-muted);
      font-size: var(--_nexus-font-size-small);
    }
    .icon {
      flex: none;
      width: 1.25rem;
      height: 1.25rem;
      color: var(--_nexus-color-text-muted);
    }
  }
`;
