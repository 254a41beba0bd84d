import { svg } from 'lit';
import type { Icon } from './icons.js';

/** The icons a category can name in its `icon` field; an unknown name draws `help`. */
const categoryIcons: Record<string, Icon> = {
  help: { shape: () => svg`<circle cx="12" cy="12" r="9"/><path d="M9.5 9.5a2.5 2.5 0 1 1 3.5 2.3c-.6.3-1 .9-1 1.6v.6"/><path d="M12 17h.01"/>` },
  bulb: { shape: () => svg`<path d="M9 18h6M10 21h4"/><path d="M12 3a6 6 0 0 0-3.5 10.9c.6.5 1 1.2 1 2.1h5c0-.9.4-1.6 1-2.1A6 6 0 0 0 12 3z"/>` },
  thermostat: { shape: () => svg`<path d="M14 14.8V5a2 2 0 1 0-4 0v9.8a4 4 0 1 0 4 0z"/><path d="M12 9v6"/>` },
  hub: { shape: () => svg`<rect x="3" y="13" width="18" height="7" rx="2"/><path d="M7 16.5h.01M11 16.5h.01"/><path d="M8.5 9.5a5 5 0 0 1 7 0M6 7a8.5 8.5 0 0 1 12 0"/>` },
  plug: { shape: () => svg`<path d="M9 2v5M15 2v5"/><path d="M6 7h12v4a6 6 0 0 1-12 0z"/><path d="M12 17v5"/>` },
  camera: { shape: () => svg`<rect x="2" y="7" width="14" height="10" rx="2"/><path d="m16 10.5 6-3.5v10l-6-3.5"/>` },
  lock: { shape: () => svg`<rect x="4" y="11" width="16" height="10" rx="2"/><path d="M8 11V7a4 4 0 0 1 8 0v4"/><path d="M12 15v2"/>` },
  sensor: { shape: () => svg`<circle cx="12" cy="12" r="2"/><path d="M8.5 8.5a5 5 0 0 0 0 7M15.5 8.5a5 5 0 0 1 0 7M5.6 5.6a9 9 0 0 0 0 12.8M18.4 5.6a9 9 0 0 1 0 12.8"/>` },
  account: { shape: () => svg`<circle cx="12" cy="8" r="4"/><path d="M4 21a8 8 0 0 1 16 0"/>` },
  wifi: { shape: () => svg`<path d="M5 12.5a10 10 0 0 1 14 0M8.5 16a5 5 0 0 1 7 0M2 9a15 15 0 0 1 20 0"/><path d="M12 19.5h.01"/>` },
};

/** The icon a category names, or `help` for a missing or unknown name. */
export function categoryIcon(name: string | null | undefined): Icon {
  return (name && Object.hasOwn(categoryIcons, name) ? categoryIcons[name] : undefined) ?? categoryIcons.help!;
}
