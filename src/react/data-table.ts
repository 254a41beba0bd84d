// Generated from custom-elements.json by scripts/integrations.ts (`npm run analyze`): do not edit.
import * as React from 'react';
import { createComponent, type EventName } from '@lit/react';
import type { NexusEvent } from '../components/shared/events.js';
import { NexusDataTable as NexusDataTableElement } from '../portal/data-table.js';

export type { NexusDataTableElement };

/**
 * `<nexus-data-table>` as a React component: A data table with loading, empty and error (retry) states and keyboard row navigation.
 *
 * Props set the element's properties (`label`, `rowKey`, `emptyText`, `themeUrl`, `columns`, `loader`, `strings`), and `on…` props listen to its events (`onNexusTableRowActivate`, `onNexusError`). A `ref` is the element itself. Importing this module registers the element.
 */
export const NexusDataTable = /* @__PURE__ */ createComponent({
  react: React,
  tagName: 'nexus-data-table',
  elementClass: NexusDataTableElement,
  displayName: 'NexusDataTable',
  events: {
    /** `nexus-table-row-activate`: Enter (or a double click) on a row: its key. */
    onNexusTableRowActivate: 'nexus-table-row-activate' as EventName<NexusEvent<'nexus-table-row-activate'>>,
    /** `nexus-error`: The rows could not be loaded (the table shows it too, with retry). */
    onNexusError: 'nexus-error' as EventName<NexusEvent<'nexus-error'>>,
  },
});

/** The props of {@link NexusDataTable}. */
export type NexusDataTableProps = React.ComponentProps<typeof NexusDataTable>;
