import { css } from 'lit';
import { fieldStyles } from '../../styles/fields.js';
import { cobrowsePanelStyles } from './cobrowse-panel.styles.js';
import { conversationStyles } from './conversation.styles.js';
import { customerPanelStyles } from './customer-panel.styles.js';
import { sessionListStyles } from './session-list.styles.js';

/** The console's frame: custom properties, shared controls, sign in, header, banner, offers and the three columns. */
export const agentShellStyles = css`
  @layer nexus {
    :host {
      --nexus-agent-console-background: var(--_nexus-color-surface);
      --nexus-agent-console-panel-background: var(--_nexus-color-surface-raised);
      --nexus-agent-console-sidebar-width: 18rem;
      --nexus-agent-console-details-width: 20rem;
      --nexus-agent-console-min-height: 32rem;
      --nexus-agent-console-customer-bubble-background: var(--_nexus-color-surface-raised);
      --nexus-agent-console-own-bubble-background: var(--_nexus-color-primary);
      --nexus-agent-console-own-bubble-color: var(--_nexus-color-on-primary);
      --nexus-agent-console-offer-background: var(--_nexus-color-mark);
      --nexus-agent-console-selected-background: var(--_nexus-color-surface);
      container-type: inline-size;
      container-name: agent-console;
      display: flex;
      flex-direction: column;
      min-height: var(--nexus-agent-console-min-height);
      background: var(--nexus-agent-console-background);
    }
    .base {
      display: flex;
      flex: 1;
      flex-direction: column;
      min-height: 0;
    }
    h2 {
      font-size: var(--_nexus-font-size-large);
    }
    h3 {
      margin: 0 0 var(--_nexus-space-x-small);
      font-size: var(--_nexus-font-size-medium);
    }
    .muted {
      color: var(--_nexus-color-text-muted);
    }
    .small {
      font-size: var(--_nexus-font-size-small);
    }
    .icon-button {
      display: inline-flex;
      align-items: center;
      justify-content: center;
      width: 2.25rem;
      height: 2.25rem;
      padding: 0;
      border: 1px solid transparent;
      border-radius: var(--_nexus-radius-small);
      background: transparent;
      color: var(--_nexus-color-text-muted);
      cursor: pointer;
    }
    .icon-button:hover {
      border-color: var(--_nexus-color-border);
      color: var(--_nexus-color-text);
    }
    .icon-button .icon {
      width: 1.125rem;
      height: 1.125rem;
    }

    /* Sign in */
    .sign-in {
      display: grid;
      gap: var(--_nexus-space-small);
      width: min(28rem, 100%);
      margin: var(--_nexus-space-x-large) auto;
      padding: var(--_nexus-space-x-large);
      border: 1px solid var(--_nexus-color-border);
      border-radius: var(--_nexus-radius-large);
      background: var(--nexus-agent-console-panel-background);
    }
    .sign-in label {
      font-weight: var(--_nexus-font-weight-bold);
    }
    .sign-in .button {
      justify-self: start;
    }

    /* Header, banner, offers */
    .header {
      display: flex;
      flex-wrap: wrap;
      align-items: center;
      justify-content: space-between;
      gap: var(--_nexus-space-medium);
      padding: var(--_nexus-space-small) var(--_nexus-space-large);
      border-bottom: 1px solid var(--_nexus-color-border);
      background: var(--nexus-agent-console-panel-background);
    }
    .agent-name {
      font-weight: var(--_nexus-font-weight-bold);
    }
    .header-actions {
      display: flex;
      flex-wrap: wrap;
      align-items: center;
      gap: var(--_nexus-space-medium);
    }
    .switch {
      display: inline-flex;
      align-items: center;
      gap: var(--_nexus-space-small);
      min-height: 2.5rem;
      padding: 0 var(--_nexus-space-small);
      border: 1px solid transparent;
      border-radius: var(--_nexus-radius-medium);
      background: none;
      color: inherit;
      font: inherit;
      font-weight: var(--_nexus-font-weight-bold);
      cursor: pointer;
    }
    .switch[aria-busy='true'] {
      cursor: progress;
    }
    .track {
      position: relative;
      width: 2.5rem;
      height: 1.5rem;
      border-radius: 999px;
      background: var(--_nexus-color-border);
      transition: background var(--_nexus-transition-duration);
    }
    .thumb {
      position: absolute;
      top: 0.1875rem;
      inset-inline-start: 0.1875rem;
      width: 1.125rem;
      height: 1.125rem;
      border-radius: 50%;
      background: var(--_nexus-color-surface);
      box-shadow: var(--_nexus-shadow-small);
      transition: transform var(--_nexus-transition-duration);
    }
    .switch[aria-checked='true'] .track {
      background: var(--_nexus-color-success);
    }
    .switch[aria-checked='true'] .thumb {
      transform: translateX(1rem);
    }
    :host(:dir(rtl)) .switch[aria-checked='true'] .thumb {
      transform: translateX(-1rem);
    }
    .status-text {
      font-size: var(--_nexus-font-size-small);
      color: var(--_nexus-color-text-muted);
    }
    .status-text.on {
      color: var(--_nexus-color-success);
    }
    .banner:empty {
      display: none;
    }
    .banner {
      padding: var(--_nexus-space-small) var(--_nexus-space-large);
      border-bottom: 1px solid var(--_nexus-color-border);
      font-weight: var(--_nexus-font-weight-bold);
    }
    .banner.lost {
      border-inline-start: 4px solid var(--_nexus-color-danger);
    }
    .banner.found {
      border-inline-start: 4px solid var(--_nexus-color-success);
    }
    .offers {
      display: grid;
      gap: var(--_nexus-space-x-small);
      padding: var(--_nexus-space-small) var(--_nexus-space-large);
      border-bottom: 1px solid var(--_nexus-color-border);
    }
    .offer {
      display: flex;
      flex-wrap: wrap;
      align-items: center;
      gap: var(--_nexus-space-medium);
      padding: var(--_nexus-space-small) var(--_nexus-space-medium);
      border-radius: var(--_nexus-radius-medium);
      background: var(--nexus-agent-console-offer-background);
    }
    .offer-transfer {
      flex-basis: 100%;
      margin: 0;
    }
    .offer-text {
      flex: 1;
      min-width: 12rem;
      font-weight: var(--_nexus-font-weight-bold);
    }
    .countdown {
      font-variant-numeric: tabular-nums;
    }

    /* Three columns: sessions, conversation, customer */
    .workspace {
      display: grid;
      flex: 1;
      grid-template-columns: var(--nexus-agent-console-sidebar-width) minmax(0, 1fr) var(--nexus-agent-console-details-width);
      min-height: 0;
    }
    /* Narrower: the customer panel goes under the conversation, then everything stacks; the
       workspace scrolls and the conversation keeps a usable height. */
    @container agent-console (max-width: 60rem) {
      .workspace {
        grid-template-columns: var(--nexus-agent-console-sidebar-width) minmax(0, 1fr);
        grid-template-rows: minmax(30rem, 1fr) auto;
        overflow-y: auto;
      }
      .details {
        grid-column: 1 / -1;
        overflow: visible;
        border-top: 1px solid var(--_nexus-color-border);
        border-inline-start: 0;
      }
    }
    @container agent-console (max-width: 40rem) {
      .workspace {
        grid-template-columns: minmax(0, 1fr);
        grid-template-rows: auto minmax(30rem, auto) auto;
      }
      .sidebar {
        max-height: 24rem;
        border-inline-end: 0;
        border-bottom: 1px solid var(--_nexus-color-border);
      }
    }
    .panel {
      display: flex;
      flex-direction: column;
      gap: var(--_nexus-space-small);
      min-height: 0;
      padding: var(--_nexus-space-medium);
      overflow: auto;
      background: var(--nexus-agent-console-panel-background);
    }
    .sidebar {
      border-inline-end: 1px solid var(--_nexus-color-border);
    }
    .details {
      border-inline-start: 1px solid var(--_nexus-color-border);
    }
    .panel-heading {
      font-size: var(--_nexus-font-size-medium);
    }
  }
`;

/** Every sheet of the console, in cascade order. */
export const agentConsoleStyles = [fieldStyles, agentShellStyles, sessionListStyles, conversationStyles, ...cobrowsePanelStyles, customerPanelStyles];
