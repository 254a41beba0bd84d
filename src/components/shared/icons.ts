import { svg, type SVGTemplateResult } from 'lit';

/**
 * The small icon set used by the elements (24×24 strokes), one export per icon so a bundle
 * carries only the icons its elements draw. The icons of category cards are in
 * ./category-icons.ts, loaded with `<nexus-categories>`, and those of the elements that load on
 * demand in ./icons-actions.ts.
 */
export interface Icon {
  /** The strokes inside the 24×24 box. */
  readonly shape: () => SVGTemplateResult;
  /** Points along the line of text: mirrored in right-to-left layouts. */
  readonly flip?: boolean;
}

export const chevronIcon: Icon = { shape: () => svg`<path d="m9 6 6 6-6 6"/>`, flip: true };
export const backIcon: Icon = { shape: () => svg`<path d="m15 6-6 6 6 6"/>`, flip: true };
export const searchIcon: Icon = { shape: () => svg`<circle cx="11" cy="11" r="7"/><path d="m20 20-3.5-3.5"/>` };
export const closeIcon: Icon = { shape: () => svg`<path d="M6 6l12 12M18 6 6 18"/>` };

/** An icon, decorative (hidden from assistive technology). */
export function icon(which: Icon) {
  return svg`<svg class=${which.flip ? 'icon flip' : 'icon'} viewBox="0 0 24 24" width="24" height="24" fill="none" stroke="currentColor" stroke-width="1.8" stroke-linecap="round" stroke-linejoin="round" aria-hidden="true" focusable="false">${which.shape()}</svg>`;
}
