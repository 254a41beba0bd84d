// Generated from custom-elements.json by scripts/integrations.ts (`npm run analyze`): do not edit.
import * as React from 'react';
import { createComponent, type EventName } from '@lit/react';
import type { NexusEvent } from '../components/shared/events.js';
import { NexusRichTextEditor as NexusRichTextEditorElement } from '../portal/rich-text-editor.js';

export type { NexusRichTextEditorElement };

/**
 * `<nexus-rich-text-editor>` as a React component: A rich text editor for guided-path steps, with a toolbar and sanitized HTML out.
 *
 * Props set the element's properties (`label`, `themeUrl`, `uploadImage`, `value`, `strings`), and `on…` props listen to its events (`onNexusEditorChange`, `onNexusError`). A `ref` is the element itself. Importing this module registers the element.
 */
export const NexusRichTextEditor = /* @__PURE__ */ createComponent({
  react: React,
  tagName: 'nexus-rich-text-editor',
  elementClass: NexusRichTextEditorElement,
  displayName: 'NexusRichTextEditor',
  events: {
    /** `nexus-editor-change`: The text changed: its sanitized HTML. */
    onNexusEditorChange: 'nexus-editor-change' as EventName<NexusEvent<'nexus-editor-change'>>,
    /** `nexus-error`: An image could not be uploaded. */
    onNexusError: 'nexus-error' as EventName<NexusEvent<'nexus-error'>>,
  },
});

/** The props of {@link NexusRichTextEditor}. */
export type NexusRichTextEditorProps = React.ComponentProps<typeof NexusRichTextEditor>;
