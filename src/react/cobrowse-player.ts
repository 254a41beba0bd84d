// Generated from custom-elements.json by scripts/integrations.ts (`npm run analyze`): do not edit.
import * as React from 'react';
import { createComponent, type EventName } from '@lit/react';
import type { NexusEvent } from '../components/shared/events.js';
import { NexusCobrowsePlayer as NexusCobrowsePlayerElement } from '../components/cobrowse-player/cobrowse-player.js';

export type { NexusCobrowsePlayerElement };

/**
 * `<nexus-cobrowse-player>` as a React component: Plays a stored co-browse recording in a sandboxed frame, with play/pause, position and speed.
 *
 * Props set the element's properties (`label`, `themeUrl`, `recording`, `strings`), and `on…` props listen to its events (`onNexusError`). A `ref` is the element itself. Importing this module registers the element.
 */
export const NexusCobrowsePlayer = /* @__PURE__ */ createComponent({
  react: React,
  tagName: 'nexus-cobrowse-player',
  elementClass: NexusCobrowsePlayerElement,
  displayName: 'NexusCobrowsePlayer',
  events: {
    /** `nexus-error`: The replayer's code could not be loaded. */
    onNexusError: 'nexus-error' as EventName<NexusEvent<'nexus-error'>>,
  },
});

/** The props of {@link NexusCobrowsePlayer}. */
export type NexusCobrowsePlayerProps = React.ComponentProps<typeof NexusCobrowsePlayer>;
