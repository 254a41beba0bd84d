// Generated from custom-elements.json by scripts/integrations.ts (`npm run analyze`): do not edit.
import * as React from 'react';
import { createComponent, type EventName } from '@lit/react';
import type { NexusEvent } from '../components/shared/events.js';
import { NexusPortalBranding as NexusPortalBrandingElement } from '../portal/branding-page.js';

export type { NexusPortalBrandingElement };

/**
 * `<nexus-portal-branding>` as a React component: Settings > Self-Support Branding: theme files, strings customization and a live preview.
 *
 * Props set the element's properties (`themeUrl`, `session`, `strings`), and `on…` props listen to its events (`onNexusPortalSessionEnded`, `onNexusError`). A `ref` is the element itself. Importing this module registers the element.
 */
export const NexusPortalBranding = /* @__PURE__ */ createComponent({
  react: React,
  tagName: 'nexus-portal-branding',
  elementClass: NexusPortalBrandingElement,
  displayName: 'NexusPortalBranding',
  events: {
    /** `nexus-portal-session-ended`: The server answered 401: the session ended. */
    onNexusPortalSessionEnded: 'nexus-portal-session-ended' as EventName<NexusEvent<'nexus-portal-session-ended'>>,
    /** `nexus-error`: An action or a load failed (the page says it too). */
    onNexusError: 'nexus-error' as EventName<NexusEvent<'nexus-error'>>,
  },
});

/** The props of {@link NexusPortalBranding}. */
export type NexusPortalBrandingProps = React.ComponentProps<typeof NexusPortalBranding>;
