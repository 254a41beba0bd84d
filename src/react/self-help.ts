// Generated from custom-elements.json by scripts/integrations.ts (`npm run analyze`): do not edit.
import * as React from 'react';
import { createComponent, type EventName } from '@lit/react';
import type { NexusEvent } from '../components/shared/events.js';
import { NexusSelfHelp as NexusSelfHelpElement } from '../components/self-help/self-help.js';

export type { NexusSelfHelpElement };

/**
 * `<nexus-self-help>` as a React component: Search, categories, guided paths and contact options in one embeddable element.
 *
 * Props set the element's properties (`searchType`, `searchValue`, `displayOrder`, `sections`, `phone`, `skill`, `remoteConnectionType`, `headingLevel`, `server`, `token`, `themeUrl`, `client`, `strings`), and `on…` props listen to its events (`onNexusHeightChange`, `onNexusSearch`, `onNexusCategorySelect`, `onNexusPathSelect`, `onNexusPathOpen`, `onNexusStepChange`, `onNexusResolved`, `onNexusEscalate`, `onNexusLiveHelpRequest`, `onNexusError`). A `ref` is the element itself. Importing this module registers the element.
 */
export const NexusSelfHelp = /* @__PURE__ */ createComponent({
  react: React,
  tagName: 'nexus-self-help',
  elementClass: NexusSelfHelpElement,
  displayName: 'NexusSelfHelp',
  events: {
    /** `nexus-height-change`: The content height changed (for hosts that size a frame or container to it). */
    onNexusHeightChange: 'nexus-height-change' as EventName<NexusEvent<'nexus-height-change'>>,
    /** `nexus-search`: Bubbles from the search box: results arrived, or the person submitted the search. */
    onNexusSearch: 'nexus-search' as EventName<NexusEvent<'nexus-search'>>,
    /** `nexus-category-select`: Bubbles from the categories: the person opened one (cancelable). */
    onNexusCategorySelect: 'nexus-category-select' as EventName<NexusEvent<'nexus-category-select'>>,
    /** `nexus-path-select`: Bubbles from the inner elements; the default opens the path (cancel it to handle paths yourself). */
    onNexusPathSelect: 'nexus-path-select' as EventName<NexusEvent<'nexus-path-select'>>,
    /** `nexus-path-open`: Bubbles from the guided path: a path was opened and its first step shown. */
    onNexusPathOpen: 'nexus-path-open' as EventName<NexusEvent<'nexus-path-open'>>,
    /** `nexus-step-change`: Bubbles from the guided path: another step is shown. */
    onNexusStepChange: 'nexus-step-change' as EventName<NexusEvent<'nexus-step-change'>>,
    /** `nexus-resolved`: Bubbles from the guided path: the person said it solved the problem. */
    onNexusResolved: 'nexus-resolved' as EventName<NexusEvent<'nexus-resolved'>>,
    /** `nexus-escalate`: Bubbles from the guided path: the person needs more help. */
    onNexusEscalate: 'nexus-escalate' as EventName<NexusEvent<'nexus-escalate'>>,
    /** `nexus-live-help-request`: Bubbles from contact us (cancelable). */
    onNexusLiveHelpRequest: 'nexus-live-help-request' as EventName<NexusEvent<'nexus-live-help-request'>>,
    /** `nexus-error`: An inner element failed, or the attributes are invalid. */
    onNexusError: 'nexus-error' as EventName<NexusEvent<'nexus-error'>>,
  },
});

/** The props of {@link NexusSelfHelp}. */
export type NexusSelfHelpProps = React.ComponentProps<typeof NexusSelfHelp>;
