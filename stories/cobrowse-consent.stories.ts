import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import { withProvider } from './demo.js';

/**
 * The co-browse consent against the demo server. It shows nothing until an agent asks: start the
 * chat, accept it in the agent console in another tab, press Connect (and then Request control).
 */
const meta: Meta = {
  title: 'Elements/nexus-cobrowse-consent',
  component: 'nexus-cobrowse-consent',
  tags: ['autodocs'],
  render: () =>
    withProvider(html`<nexus-chat skill="support"></nexus-chat>
      <nexus-cobrowse-consent></nexus-cobrowse-consent>`),
};
export default meta;

export const WithAChat: StoryObj = {};
/** Themed with the element's custom properties. */
export const Themed: StoryObj = {
  render: () =>
    withProvider(html`<nexus-chat skill="support"></nexus-chat>
      <nexus-cobrowse-consent
        style="--nexus-cobrowse-consent-width: 18rem; --nexus-cobrowse-consent-offset: 2rem; --nexus-color-primary: #7a2e8c"
      ></nexus-cobrowse-consent>`),
};
