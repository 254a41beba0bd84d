// Generated from custom-elements.json by scripts/integrations.ts (`npm run analyze`): do not edit.
import * as React from 'react';
import { createComponent, type EventName } from '@lit/react';
import type { NexusEvent } from '../components/shared/events.js';
import { NexusPortalConfig as NexusPortalConfigElement } from '../portal/config-page.js';

export type { NexusPortalConfigElement };

/**
 * `<nexus-portal-config>` as a React component: The portal's Configurations page: the session transfer switches.
 *
 * Props set the element's properties (`themeUrl`, `session`, `strings`), and `on…` props listen to its events (`onNexusPortalSessionEnded`, `onNexusError`). A `ref` is the element itself. Importing this module registers the element.
 */
export const NexusPortalConfig = /* @__PURE__ */ createComponent({
  react: React,
  tagName: 'nexus-portal-config',
  elementClass: NexusPortalConfigElement,
  displayName: 'NexusPortalConfig',
  events: {
    /** `nexus-portal-session-ended`: The server answered 401: the session ended (`<nexus-portal>` signs out). */
    onNexusPortalSessionEnded: 'nexus-portal-session-ended' as EventName<NexusEvent<'nexus-portal-session-ended'>>,
    /** `nexus-error`: A change or the load failed (the page says it too). */
    onNexusError: 'nexus-error' as EventName<NexusEvent<'nexus-error'>>,
  },
});

/** The props of {@link NexusPortalConfig}. */
export type NexusPortalConfigProps = React.ComponentProps<typeof NexusPortalConfig>;
