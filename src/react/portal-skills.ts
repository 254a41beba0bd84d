// Generated from custom-elements.json by scripts/integrations.ts (`npm run analyze`): do not edit.
import * as React from 'react';
import { createComponent, type EventName } from '@lit/react';
import type { NexusEvent } from '../components/shared/events.js';
import { NexusPortalSkills as NexusPortalSkillsElement } from '../portal/skills-page.js';

export type { NexusPortalSkillsElement };

/**
 * `<nexus-portal-skills>` as a React component: The portal's Skills page: list, add, rename, delete skills and assign their agents.
 *
 * Props set the element's properties (`themeUrl`, `session`, `strings`), and `on…` props listen to its events (`onNexusPortalSessionEnded`, `onNexusError`). A `ref` is the element itself. Importing this module registers the element.
 */
export const NexusPortalSkills = /* @__PURE__ */ createComponent({
  react: React,
  tagName: 'nexus-portal-skills',
  elementClass: NexusPortalSkillsElement,
  displayName: 'NexusPortalSkills',
  events: {
    /** `nexus-portal-session-ended`: The server answered 401: the session ended (`<nexus-portal>` signs out). */
    onNexusPortalSessionEnded: 'nexus-portal-session-ended' as EventName<NexusEvent<'nexus-portal-session-ended'>>,
    /** `nexus-error`: An action or a load failed (the page says it too). */
    onNexusError: 'nexus-error' as EventName<NexusEvent<'nexus-error'>>,
  },
});

/** The props of {@link NexusPortalSkills}. */
export type NexusPortalSkillsProps = React.ComponentProps<typeof NexusPortalSkills>;
