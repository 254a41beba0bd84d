// Generated from custom-elements.json by scripts/integrations.ts (`npm run analyze`): do not edit.
import * as React from 'react';
import { createComponent, type EventName } from '@lit/react';
import type { NexusEvent } from '../components/shared/events.js';
import { NexusProvider as NexusProviderElement } from '../components/provider/provider.js';

export type { NexusProviderElement };

/**
 * `<nexus-provider>` as a React component: Connects the Nexus elements inside it to a Nexus Cloud server.
 *
 * Props set the element's properties (`stepContentThemeUrl`, `server`, `token`, `themeUrl`, `client`, `strings`), and `on…` props listen to its events (`onNexusError`). A `ref` is the element itself. Importing this module registers the element.
 */
export const NexusProvider = /* @__PURE__ */ createComponent({
  react: React,
  tagName: 'nexus-provider',
  elementClass: NexusProviderElement,
  displayName: 'NexusProvider',
  events: {
    /** `nexus-error`: A background operation failed (for example context delivery) or the `server`/`token` pair is unusable. */
    onNexusError: 'nexus-error' as EventName<NexusEvent<'nexus-error'>>,
  },
});

/** The props of {@link NexusProvider}. */
export type NexusProviderProps = React.ComponentProps<typeof NexusProvider>;
