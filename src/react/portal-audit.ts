// Generated from custom-elements.json by scripts/integrations.ts (`npm run analyze`): do not edit.
import * as React from 'react';
import { createComponent, type EventName } from '@lit/react';
import type { NexusEvent } from '../components/shared/events.js';
import { NexusPortalAudit as NexusPortalAuditElement } from '../portal/audit-page.js';

export type { NexusPortalAuditElement };

/**
 * `<nexus-portal-audit>` as a React component: The portal's Admin > Audit log page: the tenant's administrative changes, filtered and paged.
 *
 * Props set the element's properties (`pageSize`, `themeUrl`, `session`, `strings`), and `on…` props listen to its events (`onNexusPortalSessionEnded`, `onNexusError`). A `ref` is the element itself. Importing this module registers the element.
 */
export const NexusPortalAudit = /* @__PURE__ */ createComponent({
  react: React,
  tagName: 'nexus-portal-audit',
  elementClass: NexusPortalAuditElement,
  displayName: 'NexusPortalAudit',
  events: {
    /** `nexus-portal-session-ended`: The server answered 401: the session ended (`<nexus-portal>` signs out). */
    onNexusPortalSessionEnded: 'nexus-portal-session-ended' as EventName<NexusEvent<'nexus-portal-session-ended'>>,
    /** `nexus-error`: An action or a load failed (the page says it too). */
    onNexusError: 'nexus-error' as EventName<NexusEvent<'nexus-error'>>,
  },
});

/** The props of {@link NexusPortalAudit}. */
export type NexusPortalAuditProps = React.ComponentProps<typeof NexusPortalAudit>;
