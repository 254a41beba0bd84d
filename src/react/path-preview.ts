// Generated from custom-elements.json by scripts/integrations.ts (`npm run analyze`): do not edit.
import * as React from 'react';
import { createComponent } from '@lit/react';
import { NexusPathPreview as NexusPathPreviewElement } from '../portal/path-preview.js';

export type { NexusPathPreviewElement };

/**
 * `<nexus-path-preview>` as a React component: A guided path previewed as customers will see it, at phone and desktop widths.
 *
 * Props set the element's properties (`width`, `themeUrl`, `stepContentThemeUrl`, `path`, `strings`). A `ref` is the element itself. Importing this module registers the element.
 */
export const NexusPathPreview = /* @__PURE__ */ createComponent({
  react: React,
  tagName: 'nexus-path-preview',
  elementClass: NexusPathPreviewElement,
  displayName: 'NexusPathPreview',
});

/** The props of {@link NexusPathPreview}. */
export type NexusPathPreviewProps = React.ComponentProps<typeof NexusPathPreview>;
