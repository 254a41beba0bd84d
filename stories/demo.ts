import { html, type TemplateResult } from 'lit';
import '../src/index.js';

declare const __NEXUS_DEMO__: { server: string; token: string };

/** The reference server and demo token the stories use (see .storybook/main.ts). */
export const demo = __NEXUS_DEMO__;

/** Wraps a story in a provider connected to the demo server. */
export const withProvider = (story: TemplateResult) =>
  html`<nexus-provider server=${demo.server} token=${demo.token}>${story}</nexus-provider>`;
