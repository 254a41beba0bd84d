import { svg, type SVGTemplateResult } from 'lit';

/**
 * The small icon set used by the elements (24×24 strokes). Categories name one of these in
 * their `icon` field; unknown names fall back to `help`.
 */
const paths: Record<string, SVGTemplateResult> = {
  help: svg`<circle cx="12" cy="12" r="9"/><path d="M9.5 9.5a2.5 2.5 0 1 1 3.5 2.3c-.6.3-1 .9-1 1.6v.6"/><path d="M12 17h.01"/>`,
  bulb: svg`<path d="M9 18h6M10 21h4"/><path d="M12 3a6 6 0 0 0-3.5 10.9c.6.5 1 1.2 1 2.1h5c0-.9.4-1.6 1-2.1A6 6 0 0 0 12 3z"/>`,
  thermostat: svg`<path d="M14 14.8V5a2 2 0 1 0-4 0v9.8a4 4 0 1 0 4 0z"/><path d="M12 9v6"/>`,
  hub: svg`<rect x="3" y="13" width="18" height="7" rx="2"/><path d="M7 16.5h.01M11 16.5h.01"/><path d="M8.5 9.5a5 5 0 0 1 7 0M6 7a8.5 8.5 0 0 1 12 0"/>`,
  plug: svg`<path d="M9 2v5M15 2v5"/><path d="M6 7h12v4a6 6 0 0 1-12 0z"/><path d="M12 17v5"/>`,
  camera: svg`<rect x="2" y="7" width="14" height="10" rx="2"/><path d="m16 10.5 6-3.5v10l-6-3.5"/>`,
  lock: svg`<rect x="4" y="11" width="16" height="10" rx="2"/><path d="M8 11V7a4 4 0 0 1 8 0v4"/><path d="M12 15v2"/>`,
  sensor: svg`<circle cx="12" cy="12" r="2"/><path d="M8.5 8.5a5 5 0 0 0 0 7M15.5 8.5a5 5 0 0 1 0 7M5.6 5.6a9 9 0 0 0 0 12.8M18.4 5.6a9 9 0 0 1 0 12.8"/>`,
  account: svg`<circle cx="12" cy="8" r="4"/><path d="M4 21a8 8 0 0 1 16 0"/>`,
  wifi: svg`<path d="M5 12.5a10 10 0 0 1 14 0M8.5 16a5 5 0 0 1 7 0M2 9a15 15 0 0 1 20 0"/><path d="M12 19.5h.01"/>`,
  chevron: svg`<path d="m9 6 6 6-6 6"/>`,
  back: svg`<path d="m15 6-6 6 6 6"/>`,
  search: svg`<circle cx="11" cy="11" r="7"/><path d="m20 20-3.5-3.5"/>`,
  close: svg`<path d="M6 6l12 12M18 6 6 18"/>`,
  chat: svg`<path d="M21 12a8 8 0 0 1-11.6 7.1L4 20l1-4.6A8 8 0 1 1 21 12z"/>`,
  phone: svg`<path d="M5 3h4l2 5-2.5 1.5a11 11 0 0 0 6 6L16 13l5 2v4a2 2 0 0 1-2 2A17 17 0 0 1 3 5a2 2 0 0 1 2-2z"/>`,
  check: svg`<path d="m5 12 5 5L20 7"/>`,
  restart: svg`<path d="M4 12a8 8 0 1 0 2.3-5.7"/><path d="M4 4v4.5h4.5"/>`,
};

/** Icons that point along the line of text, mirrored in right-to-left layouts. */
const directional = new Set(['chevron', 'back']);

/** An icon by name, decorative (hidden from assistive technology). */
export function icon(name: string | null | undefined) {
  return svg`<svg class=${directional.has(name ?? '') ? 'icon flip' : 'icon'} viewBox="0 0 24 24" width="24" height="24" fill="none" stroke="currentColor" stroke-width="1.8" stroke-linecap="round" stroke-linejoin="round" aria-hidden="true" focusable="false">${paths[name ?? ''] ?? paths.help}</svg>`;
}
