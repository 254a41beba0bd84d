// Generated from custom-elements.json by scripts/integrations.ts (`npm run analyze`): do not edit.
import * as React from 'react';
import { createComponent, type EventName } from '@lit/react';
import type { NexusEvent } from '../components/shared/events.js';
import { NexusPortalAnalytics as NexusPortalAnalyticsElement } from '../portal/analytics-page.js';

export type { NexusPortalAnalyticsElement };

/**
 * `<nexus-portal-analytics>` as a React component: The portal's Reports > Analytics page: self-help and live-help figures, charts and tables of a date range.
 *
 * Props set the element's properties (`themeUrl`, `param`, `session`, `strings`), and `on…` props listen to its events (`onNexusPortalSessionEnded`, `onNexusError`). A `ref` is the element itself. Importing this module registers the element.
 */
export const NexusPortalAnalytics = /* @__PURE__ */ createComponent({
  react: React,
  tagName: 'nexus-portal-analytics',
  elementClass: NexusPortalAnalyticsElement,
  displayName: 'NexusPortalAnalytics',
  events: {
    /** `nexus-portal-session-ended`: The server answered 401: the session ended (`<nexus-portal>` signs out). */
    onNexusPortalSessionEnded: 'nexus-portal-session-ended' as EventName<NexusEvent<'nexus-portal-session-ended'>>,
    /** `nexus-error`: A load or a download failed (the page says it too). */
    onNexusError: 'nexus-error' as EventName<NexusEvent<'nexus-error'>>,
  },
});

/** The props of {@link NexusPortalAnalytics}. */
export type NexusPortalAnalyticsProps = React.ComponentProps<typeof NexusPortalAnalytics>;
