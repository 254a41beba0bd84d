/**
 * The `nexus-*` DOM events. All bubble and are composed (they cross shadow roots, so a host app
 * that puts our elements inside its own components still hears them). Events whose name says
 * "select" or "request" are cancelable: `preventDefault()` stops the element's default action.
 */
export interface NexusEventDetails {
  /** Something failed; the element also shows it. `status` is 0 when no response arrived. */
  'nexus-error': { code: string; message: string; status: number; source: string };
  /** A search ran (as-you-type or submitted). */
  'nexus-search': { query: string; count: number; submitted: boolean };
  /** The person picked a path (cancelable: the default opens it). */
  'nexus-path-select': { pathId: string; title: string; source: 'search' | 'list' | 'category' };
  /** The person picked a category (cancelable: the default shows its paths). */
  'nexus-category-select': { categoryId: string; name: string };
  /** A guided path was loaded and shown. */
  'nexus-path-open': { pathId: string; title: string; stepCount: number };
  /** A guided path moved to another step. */
  'nexus-step-change': { pathId: string; stepId: string; index: number; total: number };
  /** The person said the path solved the problem. */
  'nexus-resolved': { pathId: string; stepId: string };
  /** The person needs more help than the path gave. */
  'nexus-escalate': { pathId: string; stepId: string };
  /** The self-help surface changed height (for hosts that size a frame or container). */
  'nexus-height-change': { height: number };
  /**
   * The person asked for live help (cancelable). `<nexus-live-help>` answers it; a page can
   * handle it itself and call `preventDefault()`.
   */
  'nexus-live-help-request': {
    mode: 'chat' | 'call';
    skill?: string;
    phone?: string;
    remoteConnectionType: 'cobrowse' | 'remote';
    /** The guided path the person was on, if any. */
    pathId?: string;
  };
}

export type NexusEventName = keyof NexusEventDetails;
export type NexusEvent<K extends NexusEventName> = CustomEvent<NexusEventDetails[K]>;

declare global {
  interface GlobalEventHandlersEventMap {
    'nexus-error': NexusEvent<'nexus-error'>;
    'nexus-search': NexusEvent<'nexus-search'>;
    'nexus-path-select': NexusEvent<'nexus-path-select'>;
    'nexus-category-select': NexusEvent<'nexus-category-select'>;
    'nexus-path-open': NexusEvent<'nexus-path-open'>;
    'nexus-step-change': NexusEvent<'nexus-step-change'>;
    'nexus-resolved': NexusEvent<'nexus-resolved'>;
    'nexus-escalate': NexusEvent<'nexus-escalate'>;
    'nexus-height-change': NexusEvent<'nexus-height-change'>;
    'nexus-live-help-request': NexusEvent<'nexus-live-help-request'>;
  }
}
