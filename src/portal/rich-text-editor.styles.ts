import { css } from 'lit';
import { stepContentStyles } from '../components/guided-path/step-content.styles.js';
import { fieldStyles } from '../styles/fields.js';

/** `<nexus-rich-text-editor>`: the toolbar, its forms, and the text styled as a step renders it. */
export const editorStyles = [
  fieldStyles,
  stepContentStyles,
  css`
    @layer nexus {
      :host {
        display: block;
        --nexus-rich-text-editor-min-height: 10rem;
        border: 1px solid var(--_nexus-color-border);
        border-radius: var(--_nexus-radius-small);
        background: var(--_nexus-color-surface);
      }
      :host(:focus-within) {
        border-color: var(--_nexus-color-focus-ring);
      }
      .toolbar {
        display: flex;
        flex-wrap: wrap;
        gap: var(--_nexus-space-x-small);
        padding: var(--_nexus-space-x-small);
        border-bottom: 1px solid var(--_nexus-color-border);
        background: var(--_nexus-color-surface-raised);
      }
      .tool {
        min-width: 2.25rem;
        min-height: 2.25rem;
        padding: 0 var(--_nexus-space-small);
        border: 1px solid transparent;
        border-radius: var(--_nexus-radius-small);
        background: none;
        color: var(--_nexus-color-text);
        font: inherit;
        cursor: pointer;
      }
      .tool[data-tool='bold'] {
        font-weight: var(--_nexus-font-weight-bold);
      }
      .tool[data-tool='italic'] {
        font-style: italic;
      }
      .tool[data-tool='code'] {
        font-family: var(--_nexus-font-family-mono);
      }
      .tool:hover {
        border-color: var(--_nexus-color-border);
      }
      .tool[aria-pressed='true'] {
        border-color: var(--_nexus-color-primary);
        background: var(--_nexus-color-surface);
        color: var(--_nexus-color-primary);
      }
      .tool[aria-disabled='true'] {
        opacity: 0.5;
        cursor: default;
      }
      .tool:focus-visible {
        outline: 2px solid var(--_nexus-color-focus-ring);
        outline-offset: 1px;
      }
      .inline-form {
        display: flex;
        flex-wrap: wrap;
        align-items: center;
        gap: var(--_nexus-space-small);
        padding: var(--_nexus-space-small);
        border-bottom: 1px solid var(--_nexus-color-border);
      }
      .inline-form input[type='url'],
      .inline-form input[type='text'] {
        flex: 1 1 12rem;
      }
      .error {
        flex-basis: 100%;
        margin: 0;
        color: var(--_nexus-color-danger);
      }
      .content > [contenteditable] {
        min-height: var(--nexus-rich-text-editor-min-height);
        padding: var(--_nexus-space-medium);
        outline: none;
        white-space: pre-wrap;
        word-wrap: break-word;
      }
      .content img {
        max-width: 100%;
        height: auto;
      }
      .content img.ProseMirror-selectednode {
        outline: 2px solid var(--_nexus-color-focus-ring);
      }
    }
  `,
];
