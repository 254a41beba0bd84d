import { css } from 'lit';

export const agentConsoleStyles = css`
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
    .button.danger {
      border-color: var(--_nexus-color-danger);
      color: var(--_nexus-color-danger);
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
    input,
    select,
    textarea {
      font: inherit;
      color: inherit;
      background: var(--_nexus-color-surface);
      border: 1px solid var(--_nexus-color-border);
      border-radius: var(--_nexus-radius-small);
      padding: var(--_nexus-space-x-small) var(--_nexus-space-small);
      min-height: 2.25rem;
    }
    .inline-error,
    .form-error {
      color: var(--_nexus-color-danger);
      font-size: var(--_nexus-font-size-small);
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
    .code-search {
      display: grid;
      grid-template-columns: minmax(0, 1fr);
      gap: var(--_nexus-space-x-small);
    }
    .code-search label {
      font-weight: var(--_nexus-font-weight-bold);
    }
    .code-row {
      display: flex;
      gap: var(--_nexus-space-x-small);
    }
    .code-row input {
      flex: 1;
      min-width: 0;
      font-variant-numeric: tabular-nums;
      letter-spacing: 0.1em;
    }
    .code-status.error {
      color: var(--_nexus-color-danger);
    }
    .code-status.found {
      color: var(--_nexus-color-success);
    }
    .filters {
      display: grid;
      grid-template-columns: repeat(auto-fit, minmax(5.5rem, 1fr));
      gap: var(--_nexus-space-x-small);
      margin: 0;
      padding: 0;
      border: 0;
    }
    .filters label {
      display: grid;
      gap: 2px;
      font-size: var(--_nexus-font-size-small);
    }
    .session-list {
      display: grid;
      gap: var(--_nexus-space-x-small);
    }
    .session {
      display: grid;
      gap: 2px;
      padding: var(--_nexus-space-small);
      border: 1px solid transparent;
      border-radius: var(--_nexus-radius-medium);
      cursor: pointer;
    }
    .session:hover {
      border-color: var(--_nexus-color-border);
    }
    .session.selected {
      border-color: var(--_nexus-color-primary);
      background: var(--nexus-agent-console-selected-background);
    }
    .session-line {
      display: flex;
      justify-content: space-between;
      gap: var(--_nexus-space-small);
    }
    .session-title {
      font-weight: var(--_nexus-font-weight-bold);
      overflow-wrap: anywhere;
    }
    .badge {
      flex: none;
      align-self: start;
      padding: 0 var(--_nexus-space-x-small);
      border: 1px solid var(--_nexus-color-border);
      border-radius: var(--_nexus-radius-small);
      font-size: var(--_nexus-font-size-small);
    }
    .badge.state-queued,
    .badge.state-assigned {
      border-color: var(--_nexus-color-primary);
      color: var(--_nexus-color-primary);
    }
    .badge.state-active {
      border-color: var(--_nexus-color-success);
      color: var(--_nexus-color-success);
    }
    .unread {
      justify-self: start;
      padding: 0 var(--_nexus-space-small);
      border-radius: 999px;
      background: var(--_nexus-color-primary);
      color: var(--_nexus-color-on-primary);
      font-size: var(--_nexus-font-size-small);
      font-weight: var(--_nexus-font-weight-bold);
    }

    /* Conversation */
    .chat {
      display: flex;
      flex-direction: column;
      min-height: 0;
      min-width: 0;
    }
    .chat-header {
      display: flex;
      flex-wrap: wrap;
      align-items: center;
      justify-content: space-between;
      gap: var(--_nexus-space-small);
      padding: var(--_nexus-space-medium) var(--_nexus-space-large);
      border-bottom: 1px solid var(--_nexus-color-border);
    }
    .chat-actions {
      display: flex;
      gap: var(--_nexus-space-small);
    }
    .chat-header .inline-error {
      flex-basis: 100%;
    }
    /* Co-browse */
    .cobrowse {
      display: flex;
      flex-direction: column;
      gap: var(--_nexus-space-small);
      padding: var(--_nexus-space-small) var(--_nexus-space-large);
      border-bottom: 1px solid var(--_nexus-color-border);
    }
    .cobrowse.idle {
      padding: 0;
      border: 0;
    }
    .cobrowse-bar {
      display: flex;
      flex-wrap: wrap;
      align-items: center;
      justify-content: space-between;
      gap: var(--_nexus-space-small);
    }
    .cobrowse-state {
      margin: 0;
    }
    .cobrowse-view {
      position: relative;
      width: 100%;
      max-height: 60vh;
      aspect-ratio: 16 / 10;
      overflow: hidden;
      border: 1px solid var(--_nexus-color-border);
      background: #fff;
    }
    .cobrowse-screen {
      position: absolute;
      inset-block-start: 0;
      inset-inline-start: 0;
      transform-origin: 0 0;
    }
    /* Takes the agent's pointer over the view while the laser is on or control is granted. */
    .cobrowse-input {
      position: absolute;
      inset: 0;
      z-index: 2;
      cursor: crosshair;
      touch-action: none;
    }
    .cobrowse-input.control {
      cursor: pointer;
    }
    .cobrowse-type {
      display: flex;
      flex-wrap: wrap;
      align-items: center;
      gap: var(--_nexus-space-small);
    }
    .cobrowse-type input {
      flex: 1 1 12rem;
    }
    :host(:dir(rtl)) .cobrowse-screen {
      transform-origin: 100% 0;
    }
    /* rrweb's replayer: its wrapper, the sandboxed iframe and the customer's pointer. */
    .cobrowse-screen .replayer-wrapper {
      position: relative;
    }
    .cobrowse-screen iframe {
      display: block;
      border: 0;
      background: #fff;
      pointer-events: none;
    }
    .cobrowse-screen .replayer-mouse {
      position: absolute;
      z-index: 1;
      width: 14px;
      height: 14px;
      margin: -7px 0 0 -7px;
      border-radius: 50%;
      background: rgb(73 80 246 / 45%);
      box-shadow: 0 0 0 2px rgb(73 80 246 / 80%);
      pointer-events: none;
      transition:
        left 0.05s linear,
        top 0.05s linear;
    }
    .transcript {
      display: flex;
      flex: 1;
      flex-direction: column;
      gap: var(--_nexus-space-small);
      min-height: 10rem;
      padding: var(--_nexus-space-large);
      overflow-y: auto;
    }
    .message {
      display: grid;
      gap: 2px;
      max-width: min(36rem, 85%);
      padding: var(--_nexus-space-small) var(--_nexus-space-medium);
      border-radius: var(--_nexus-radius-large);
      background: var(--nexus-agent-console-customer-bubble-background);
    }
    .message.own {
      align-self: flex-end;
      background: var(--nexus-agent-console-own-bubble-background);
      color: var(--nexus-agent-console-own-bubble-color);
    }
    .message.agent {
      align-self: flex-end;
      border: 1px solid var(--_nexus-color-border);
      background: none;
    }
    .message-meta {
      display: flex;
      gap: var(--_nexus-space-small);
      font-size: var(--_nexus-font-size-small);
    }
    .author {
      font-weight: var(--_nexus-font-weight-bold);
    }
    .text {
      white-space: pre-wrap;
      overflow-wrap: anywhere;
    }
    .message a {
      color: inherit;
    }
    .message-status,
    .read-marker {
      justify-self: end;
      font-size: var(--_nexus-font-size-small);
    }
    .message-status.failed {
      font-weight: var(--_nexus-font-weight-bold);
    }
    .message.own .button.link {
      color: inherit;
      text-decoration: underline;
    }
    .system {
      align-self: center;
      color: var(--_nexus-color-text-muted);
      font-size: var(--_nexus-font-size-small);
      text-align: center;
    }
    .typing {
      min-height: 1.5em;
      padding: 0 var(--_nexus-space-large);
    }
    .notice {
      padding: var(--_nexus-space-medium) var(--_nexus-space-large);
      border-top: 1px solid var(--_nexus-color-border);
    }
    .composer {
      display: flex;
      align-items: flex-end;
      gap: var(--_nexus-space-small);
      padding: var(--_nexus-space-medium) var(--_nexus-space-large);
      border-top: 1px solid var(--_nexus-color-border);
    }
    .composer textarea {
      flex: 1;
      min-width: 0;
      resize: vertical;
      max-height: 12rem;
    }
    .end-dialog {
      max-width: 26rem;
      padding: var(--_nexus-space-x-large);
      border: 1px solid var(--_nexus-color-border);
      border-radius: var(--_nexus-radius-large);
      background: var(--_nexus-color-surface);
      color: var(--_nexus-color-text);
      box-shadow: var(--_nexus-shadow-medium);
    }
    .end-dialog::backdrop {
      background: rgb(0 0 0 / 0.35);
    }
    .dialog-actions {
      display: flex;
      justify-content: flex-end;
      gap: var(--_nexus-space-small);
      margin-top: var(--_nexus-space-large);
    }

    /* Customer panel */
    .details-heading {
      display: flex;
      align-items: center;
      justify-content: space-between;
    }
    .detail-sections {
      display: grid;
      gap: var(--_nexus-space-large);
    }
    dl {
      display: grid;
      gap: var(--_nexus-space-x-small);
      margin: 0;
    }
    dl > div {
      display: grid;
      grid-template-columns: minmax(5rem, auto) 1fr;
      gap: var(--_nexus-space-small);
    }
    dt {
      color: var(--_nexus-color-text-muted);
      font-size: var(--_nexus-font-size-small);
    }
    dd {
      margin: 0;
      overflow-wrap: anywhere;
    }
    .entries {
      display: grid;
      gap: var(--_nexus-space-small);
      margin: 0;
      padding: 0;
      list-style: none;
    }
    .entry {
      display: grid;
      gap: 2px;
      padding-bottom: var(--_nexus-space-small);
      border-bottom: 1px solid var(--_nexus-color-border);
    }
    .entry-line {
      display: flex;
      flex-wrap: wrap;
      align-items: baseline;
      gap: var(--_nexus-space-small);
    }
    .entry-name {
      flex: 1;
      font-weight: var(--_nexus-font-weight-bold);
      overflow-wrap: anywhere;
    }
    .entry time {
      color: var(--_nexus-color-text-muted);
      font-size: var(--_nexus-font-size-small);
    }
    .entry-detail {
      overflow-wrap: anywhere;
    }
    .entry-data {
      font-size: var(--_nexus-font-size-small);
      color: var(--_nexus-color-text-muted);
      overflow-wrap: anywhere;
    }
  }
`;
