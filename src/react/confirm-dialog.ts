// Generated from custom-elements.json by scripts/integrations.ts (`npm run analyze`): do not edit.
import * as React from 'react';
import { createComponent, type EventName } from '@lit/react';
import type { NexusEvent } from '../components/shared/events.js';
import { NexusConfirmDialog as NexusConfirmDialogElement } from '../portal/confirm-dialog.js';

export type { NexusConfirmDialogElement };

/**
 * `<nexus-confirm-dialog>` as a React component: A confirmation dialog for destructive actions: names what will be destroyed; Escape cancels.
 *
 * Props set the element's properties (`heading`, `target`, `message`, `confirmLabel`, `themeUrl`, `strings`), and `on…` props listen to its events (`onNexusConfirmClose`). A `ref` is the element itself. Importing this module registers the element.
 */
export const NexusConfirmDialog = /* @__PURE__ */ createComponent({
  react: React,
  tagName: 'nexus-confirm-dialog',
  elementClass: NexusConfirmDialogElement,
  displayName: 'NexusConfirmDialog',
  events: {
    /** `nexus-confirm-close`: The dialog closed: `confirmed` true for the confirm button, false for Cancel or Escape. */
    onNexusConfirmClose: 'nexus-confirm-close' as EventName<NexusEvent<'nexus-confirm-close'>>,
  },
});

/** The props of {@link NexusConfirmDialog}. */
export type NexusConfirmDialogProps = React.ComponentProps<typeof NexusConfirmDialog>;
