// Generated from custom-elements.json by scripts/integrations.ts (`npm run analyze`): do not edit.
import * as React from 'react';
import { createComponent, type EventName } from '@lit/react';
import type { NexusEvent } from '../components/shared/events.js';
import { NexusOverlay as NexusOverlayElement } from '../sdk/overlay.js';

export type { NexusOverlayElement };

/**
 * `<nexus-overlay>` as a React component: The SDK's modal overlay for self help and live help without a container.
 *
 * Props set the element's properties (`label`, `server`, `token`, `themeUrl`, `client`, `strings`), and `on…` props listen to its events (`onNexusOverlayClose`). A `ref` is the element itself. Importing this module registers the element.
 */
export const NexusOverlay = /* @__PURE__ */ createComponent({
  react: React,
  tagName: 'nexus-overlay',
  elementClass: NexusOverlayElement,
  displayName: 'NexusOverlay',
  events: {
    /** `nexus-overlay-close`: The overlay closed (Escape, the close button, or `close()`). */
    onNexusOverlayClose: 'nexus-overlay-close' as EventName<NexusEvent<'nexus-overlay-close'>>,
  },
});

/** The props of {@link NexusOverlay}. */
export type NexusOverlayProps = React.ComponentProps<typeof NexusOverlay>;
