// Generated from custom-elements.json by scripts/integrations.ts (`npm run analyze`): do not edit.
import * as React from 'react';
import { createComponent } from '@lit/react';
import { NexusDayChart as NexusDayChartElement } from '../portal/day-chart.js';

export type { NexusDayChartElement };

/**
 * `<nexus-day-chart>` as a React component: Counts per day as an accessible SVG line chart, or as a table.
 *
 * Props set the element's properties (`showTable`, `label`, `themeUrl`, `days`, `series`, `strings`). A `ref` is the element itself. Importing this module registers the element.
 */
export const NexusDayChart = /* @__PURE__ */ createComponent({
  react: React,
  tagName: 'nexus-day-chart',
  elementClass: NexusDayChartElement,
  displayName: 'NexusDayChart',
});

/** The props of {@link NexusDayChart}. */
export type NexusDayChartProps = React.ComponentProps<typeof NexusDayChart>;
