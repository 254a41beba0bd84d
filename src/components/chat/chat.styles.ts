import { css } from 'lit';

export const chatStyles = css`
  @layer nexus {
    :host {
      --nexus-chat-height: 32rem;
      --nexus-chat-agent-background: var(--_nexus-color-surface-raised);
      --nexus-chat-user-background: var(--_nexus-color-primary);
      --nexus-chat-user-color: var(--_nexus-color-on-primary);
    }
    .base {
      display: flex;
      flex-direction: column;
      gap: var(--_nexus-space-small);
      height: var(--nexus-chat-height);
      min-height: 18rem;
      padding: var(--_nexus-space-medium);
      border: 1px solid var(--_nexus-color-border);
      border-radius: var(--_nexus-radius-large);
      background: var(--_nexus-color-surface);
    }
    .header {
      display: flex;
      align-items: center;
      justify-content: space-between;
      gap: var(--_nexus-space-small);
    }
    .title {
      font-size: var(--_nexus-font-size-large);
      font-weight: var(--_nexus-font-weight-bold);
    }
    .confirm {
      display: flex;
      flex-wrap: wrap;
      align-items: center;
      gap: var(--_nexus-space-small);
      padding: var(--_nexus-space-small);
      border-radius: var(--_nexus-radius-medium);
      background: var(--_nexus-color-surface-raised);
    }
    .confirm p {
      flex: 1 1 100%;
    }
    .banners {
      display: grid;
    }
    .banner {
      padding: var(--_nexus-space-small) var(--_nexus-space-medium);
      border-radius: var(--_nexus-radius-medium);
      background: var(--_nexus-color-surface-raised);
      font-size: var(--_nexus-font-size-small);
    }
    /* A banner with nothing to say stays (a live region must be there before it speaks), unseen. */
    .banner.quiet {
      padding: 0;
      background: none;
    }
    .banner:not(.quiet) ~ .banner:not(.quiet) {
      margin-block-start: var(--_nexus-space-x-small);
    }
    .banner.lost {
      color: var(--_nexus-color-danger);
    }
    .banner.found {
      color: var(--_nexus-color-success);
    }
    .start {
      display: grid;
      place-items: center;
      flex: 1;
    }
    .transcript {
      flex: 1;
      display: flex;
      flex-direction: column;
      gap: var(--_nexus-space-small);
      overflow-y: auto;
      padding: var(--_nexus-space-x-small);
      overscroll-behavior: contain;
    }
    .transcript:focus-visible {
      outline: 2px solid var(--_nexus-color-focus-ring);
      outline-offset: 2px;
    }
    .message {
      display: grid;
      gap: 2px;
      max-width: 85%;
      padding: var(--_nexus-space-small) var(--_nexus-space-medium);
      border-radius: var(--_nexus-radius-large);
      background: var(--nexus-chat-agent-background);
    }
    .message.user {
      align-self: flex-end;
      background: var(--nexus-chat-user-background);
      color: var(--nexus-chat-user-color);
    }
    .message.pending {
      opacity: 0.75;
    }
    .message.failed {
      outline: 1px solid var(--_nexus-color-danger);
    }
    .author {
      font-size: var(--_nexus-font-size-small);
      font-weight: var(--_nexus-font-weight-bold);
    }
    .text {
      white-space: pre-wrap;
      overflow-wrap: anywhere;
    }
    .meta {
      display: flex;
      gap: var(--_nexus-space-small);
      font-size: var(--_nexus-font-size-small);
      opacity: 0.85;
    }
    .file {
      display: grid;
      gap: var(--_nexus-space-x-small);
      color: inherit;
      overflow-wrap: anywhere;
    }
    .file img {
      max-width: 100%;
      max-height: 12rem;
      border-radius: var(--_nexus-radius-medium);
    }
    .system,
    .typing {
      align-self: center;
      color: var(--_nexus-color-text-muted);
      font-size: var(--_nexus-font-size-small);
    }
    .upload {
      display: flex;
      align-items: center;
      gap: var(--_nexus-space-small);
      font-size: var(--_nexus-font-size-small);
    }
    .upload label {
      display: grid;
      flex: 1;
    }
    .upload progress {
      width: 100%;
    }
    .composer {
      display: flex;
      align-items: flex-end;
      gap: var(--_nexus-space-small);
    }
    .composer textarea,
    .ended textarea,
    .ended input[type='email'] {
      flex: 1;
      min-width: 0;
      padding: var(--_nexus-space-small);
      border: 1px solid var(--_nexus-color-border);
      border-radius: var(--_nexus-radius-medium);
      font: inherit;
      color: inherit;
      background: var(--_nexus-color-surface);
      resize: vertical;
    }
    .composer textarea[aria-invalid='true'] {
      border-color: var(--_nexus-color-danger);
    }
    .icon-button {
      padding: 0 var(--_nexus-space-small);
    }
    .icon {
      width: 1.125rem;
      height: 1.125rem;
    }
    .ended {
      display: grid;
      gap: var(--_nexus-space-medium);
      overflow-y: auto;
    }
    .rating,
    .transcript-form {
      display: grid;
      gap: var(--_nexus-space-small);
    }
    fieldset {
      display: flex;
      flex-wrap: wrap;
      gap: var(--_nexus-space-small);
      margin: 0;
      padding: 0;
      border: 0;
    }
    legend {
      padding: 0;
      margin-bottom: var(--_nexus-space-x-small);
      font-weight: var(--_nexus-font-weight-bold);
    }
    .stars {
      display: flex;
      gap: var(--_nexus-space-x-small);
    }
    .star {
      position: relative;
      font-size: 1.5rem;
      line-height: 1;
      color: var(--_nexus-color-border);
      cursor: pointer;
    }
    .star.on {
      color: var(--_nexus-color-primary);
    }
    .star input {
      position: absolute;
      opacity: 0;
      inset: 0;
      margin: 0;
      cursor: pointer;
    }
    .star:focus-within {
      outline: 2px solid var(--_nexus-color-focus-ring);
      outline-offset: 2px;
      border-radius: var(--_nexus-radius-small);
    }
    .comment,
    .transcript-form label {
      display: grid;
      gap: var(--_nexus-space-x-small);
    }
    .error-text {
      color: var(--_nexus-color-danger);
    }
  }
`;
