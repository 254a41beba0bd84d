import { css } from 'lit';

/** What the portal's elements share: headings, fields, forms, notices and dialogs. */
export const portalSharedStyles = css`
  @layer nexus {
    h1,
    h2 {
      margin: 0;
      font-size: var(--_nexus-font-size-large);
    }
    .muted {
      color: var(--_nexus-color-text-muted);
    }
    .form {
      display: grid;
      gap: var(--_nexus-space-small);
      width: min(28rem, 100%);
    }
    .form label {
      font-weight: var(--_nexus-font-weight-bold);
    }
    .form .button {
      justify-self: start;
    }
    .notice {
      padding: var(--_nexus-space-small) var(--_nexus-space-medium);
      border-inline-start: 4px solid var(--_nexus-color-primary);
      background: var(--_nexus-color-surface-raised);
    }
    /* The announcement region stays in place (so it is announced), hidden while it says nothing. */
    .notice:empty {
      display: none;
    }
    .page {
      display: grid;
      gap: var(--_nexus-space-x-large);
    }
  }
`;

/** `<nexus-confirm-dialog>`: the modal box and its buttons. */
export const confirmDialogStyles = css`
  @layer nexus {
    :host {
      --nexus-confirm-dialog-width: 28rem;
      --nexus-confirm-dialog-background: var(--_nexus-color-surface);
      display: contents;
    }
    dialog {
      width: min(var(--nexus-confirm-dialog-width), calc(100vw - 2rem));
      padding: var(--_nexus-space-x-large);
      border: 1px solid var(--_nexus-color-border);
      border-radius: var(--_nexus-radius-large);
      background: var(--nexus-confirm-dialog-background);
      color: var(--_nexus-color-text);
      box-shadow: var(--_nexus-shadow-medium);
    }
    dialog::backdrop {
      background: rgb(0 0 0 / 0.4);
    }
    .message {
      margin: var(--_nexus-space-small) 0 var(--_nexus-space-large);
    }
    .actions {
      display: flex;
      flex-wrap: wrap;
      justify-content: flex-end;
      gap: var(--_nexus-space-small);
    }
  }
`;

/** `<nexus-data-table>`: the table, its rows and the focused row. */
export const dataTableStyles = css`
  @layer nexus {
    :host {
      --nexus-data-table-header-background: var(--_nexus-color-surface-raised);
      --nexus-data-table-row-focus-background: var(--_nexus-color-surface-raised);
    }
    table {
      width: 100%;
      border-collapse: collapse;
    }
    caption {
      text-align: start;
      padding-block-end: var(--_nexus-space-small);
      font-weight: var(--_nexus-font-weight-bold);
    }
    th,
    td {
      padding: var(--_nexus-space-x-small) var(--_nexus-space-small);
      border-bottom: 1px solid var(--_nexus-color-border);
      text-align: start;
    }
    th {
      background: var(--nexus-data-table-header-background);
    }
    tbody tr:focus,
    tbody tr:hover {
      background: var(--nexus-data-table-row-focus-background);
    }
    tbody tr:focus-visible {
      outline-offset: -2px;
    }
  }
`;

/** `<nexus-portal>`: the frame, header, navigation and pages. */
export const portalStyles = css`
  @layer nexus {
    :host {
      --nexus-portal-background: var(--_nexus-color-surface);
      --nexus-portal-panel-background: var(--_nexus-color-surface-raised);
      --nexus-portal-nav-width: 16rem;
      min-height: 100%;
      background: var(--nexus-portal-background);
    }
    .base {
      display: flex;
      flex-direction: column;
      min-height: 100%;
    }
    .card {
      margin: var(--_nexus-space-x-large) auto;
      padding: var(--_nexus-space-x-large);
      border: 1px solid var(--_nexus-color-border);
      border-radius: var(--_nexus-radius-large);
      background: var(--nexus-portal-panel-background);
    }
    .header {
      display: flex;
      flex-wrap: wrap;
      align-items: center;
      justify-content: space-between;
      gap: var(--_nexus-space-medium);
      padding: var(--_nexus-space-small) var(--_nexus-space-large);
      border-bottom: 1px solid var(--_nexus-color-border);
      background: var(--nexus-portal-panel-background);
    }
    .account {
      display: grid;
    }
    .account-name {
      font-weight: var(--_nexus-font-weight-bold);
    }
    .header-actions {
      display: flex;
      flex-wrap: wrap;
      gap: var(--_nexus-space-small);
    }
    .body {
      display: flex;
      flex: 1;
      flex-wrap: wrap;
    }
    .nav {
      flex: 0 0 var(--nexus-portal-nav-width);
      padding: var(--_nexus-space-large);
      background: var(--nexus-portal-panel-background);
    }
    .nav ul {
      margin: 0 0 var(--_nexus-space-medium);
      padding: 0;
      list-style: none;
    }
    .nav a {
      display: block;
      padding: var(--_nexus-space-x-small) var(--_nexus-space-small);
      border-radius: var(--_nexus-radius-small);
      color: var(--_nexus-color-text);
      text-decoration: none;
    }
    .nav a[aria-current='page'] {
      background: var(--nexus-portal-background);
      font-weight: var(--_nexus-font-weight-bold);
    }
    .nav-group {
      color: var(--_nexus-color-text-muted);
      font-size: var(--_nexus-font-size-small);
    }
    .main {
      flex: 1;
      min-width: 0;
      padding: var(--_nexus-space-large);
    }
    .signed-out {
      padding: var(--_nexus-space-large);
    }
    .facts {
      display: grid;
      grid-template-columns: max-content 1fr;
      gap: var(--_nexus-space-x-small) var(--_nexus-space-large);
      margin: 0;
    }
    .facts dt {
      font-weight: var(--_nexus-font-weight-bold);
    }
    .facts dd {
      margin: 0;
    }
  }
`;
