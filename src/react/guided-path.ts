// Generated from custom-elements.json by scripts/integrations.ts (`npm run analyze`): do not edit.
import * as React from 'react';
import { createComponent, type EventName } from '@lit/react';
import type { NexusEvent } from '../components/shared/events.js';
import { NexusGuidedPath as NexusGuidedPathElement } from '../components/guided-path/guided-path.js';

export type { NexusGuidedPathElement };

/**
 * `<nexus-guided-path>` as a React component: A step-by-step troubleshooting guide.
 *
 * Props set the element's properties (`pathId`, `helpId`, `openedFrom`, `headingLevel`, `stepContentThemeUrl`, `server`, `token`, `themeUrl`, `path`, `client`, `strings`), and `on…` props listen to its events (`onNexusPathOpen`, `onNexusStepChange`, `onNexusResolved`, `onNexusEscalate`, `onNexusError`). A `ref` is the element itself. Importing this module registers the element.
 */
export const NexusGuidedPath = /* @__PURE__ */ createComponent({
  react: React,
  tagName: 'nexus-guided-path',
  elementClass: NexusGuidedPathElement,
  displayName: 'NexusGuidedPath',
  events: {
    /** `nexus-path-open`: A path was loaded (or set) and its first step shown. */
    onNexusPathOpen: 'nexus-path-open' as EventName<NexusEvent<'nexus-path-open'>>,
    /** `nexus-step-change`: Another step is shown (also the first one, and after Back or Start over). */
    onNexusStepChange: 'nexus-step-change' as EventName<NexusEvent<'nexus-step-change'>>,
    /** `nexus-resolved`: The person said the path solved the problem, or reached a step that resolves it. */
    onNexusResolved: 'nexus-resolved' as EventName<NexusEvent<'nexus-resolved'>>,
    /** `nexus-escalate`: The person needs more help: answered "no", or took a choice that escalates. */
    onNexusEscalate: 'nexus-escalate' as EventName<NexusEvent<'nexus-escalate'>>,
    /** `nexus-error`: Loading the path failed; the element shows the error. */
    onNexusError: 'nexus-error' as EventName<NexusEvent<'nexus-error'>>,
  },
});

/** The props of {@link NexusGuidedPath}. */
export type NexusGuidedPathProps = React.ComponentProps<typeof NexusGuidedPath>;
