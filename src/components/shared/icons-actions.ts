import { svg } from 'lit';
import type { Icon } from './icons.js';

// The icons of the elements that load on demand (contact us, live help, chat, the guided path,
// the agent console), apart from ./icons.ts so that self help does not carry them at load.
export const chatIcon: Icon = { shape: () => svg`<path d="M21 12a8 8 0 0 1-11.6 7.1L4 20l1-4.6A8 8 0 1 1 21 12z"/>` };
export const phoneIcon: Icon = { shape: () => svg`<path d="M5 3h4l2 5-2.5 1.5a11 11 0 0 0 6 6L16 13l5 2v4a2 2 0 0 1-2 2A17 17 0 0 1 3 5a2 2 0 0 1 2-2z"/>` };
export const checkIcon: Icon = { shape: () => svg`<path d="m5 12 5 5L20 7"/>` };
export const restartIcon: Icon = { shape: () => svg`<path d="M4 12a8 8 0 1 0 2.3-5.7"/><path d="M4 4v4.5h4.5"/>` };
