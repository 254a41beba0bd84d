import { css } from 'lit';

/** The conversation pane: its header, the transcript, the composer and the end dialog. */
export const conversationStyles = css`
  @layer nexus {
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
    .transfer-dialog form {
      display: grid;
      gap: var(--_nexus-space-small);
    }
    .transfer-dialog fieldset {
      display: grid;
      gap: var(--_nexus-space-x-small);
      margin: 0;
      border: 1px solid var(--_nexus-color-border);
      border-radius: var(--_nexus-radius-large);
    }
    .transfer-dialog textarea {
      resize: vertical;
    }
    .dialog-actions {
      display: flex;
      justify-content: flex-end;
      gap: var(--_nexus-space-small);
      margin-top: var(--_nexus-space-large);
    }
  }
`;
