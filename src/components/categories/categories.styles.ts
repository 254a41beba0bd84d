import { css } from 'lit';

export const categoriesStyles = css`
  @layer nexus {
    :host {
      --nexus-categories-columns: 12rem;
      --nexus-categories-card-background: var(--_nexus-color-surface);
      --nexus-categories-icon-color: var(--_nexus-color-primary);
    }
    .heading,
    .category-heading {
      margin: 0 0 var(--_nexus-space-medium);
      font-size: var(--_nexus-font-size-large);
      font-weight: var(--_nexus-font-weight-bold);
    }
    .category-heading:focus {
      outline: none;
    }
    .grid {
      display: grid;
      grid-template-columns: repeat(auto-fill, minmax(min(100%, var(--nexus-categories-columns)), 1fr));
      gap: var(--_nexus-space-medium);
      margin: 0;
      padding: 0;
      list-style: none;
    }
    .grid > li {
      display: flex;
    }
    .card {
      display: grid;
      align-content: start;
      gap: var(--_nexus-space-x-small);
      width: 100%;
      padding: var(--_nexus-space-large);
      border: 1px solid var(--_nexus-color-border);
      border-radius: var(--_nexus-radius-large);
      background: var(--nexus-categories-card-background);
      box-shadow: var(--_nexus-shadow-small);
      color: inherit;
      font: inherit;
      text-align: start;
      cursor: pointer;
      transition: border-color var(--_nexus-transition-duration), box-shadow var(--_nexus-transition-duration);
    }
    .card:hover {
      border-color: var(--_nexus-color-primary);
      box-shadow: var(--_nexus-shadow-medium);
    }
    .card-icon {
      color: var(--nexus-categories-icon-color);
    }
    .card-icon .icon {
      width: 1.75rem;
      height: 1.75rem;
    }
    .card-name {
      font-weight: var(--_nexus-font-weight-bold);
    }
    .card-description,
    .card-count {
      color: var(--_nexus-color-text-muted);
      font-size: var(--_nexus-font-size-small);
    }
    .back {
      margin-bottom: var(--_nexus-space-small);
    }
    .back .icon {
      width: 1.125rem;
      height: 1.125rem;
    }
  }
`;
