import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import { demo } from './demo.js';

const meta: Meta = {
  title: 'Elements/nexus-provider',
  component: 'nexus-provider',
  tags: ['autodocs'],
};
export default meta;

/** One provider, several elements sharing its client (one cache, one context outbox). */
export const SharedClient: StoryObj = {
  render: () => html`<nexus-provider server=${demo.server} token=${demo.token}>
    <nexus-search></nexus-search>
    <nexus-path-list source="tags" value="Hub" label="Hub help"></nexus-path-list>
  </nexus-provider>`,
};

/** A refused token: every element inside shows the error and the provider reports it. */
export const RefusedToken: StoryObj = {
  render: () => html`<nexus-provider server=${demo.server} token="not-a-token">
    <nexus-path-list source="tags" value="Hub"></nexus-path-list>
  </nexus-provider>`,
};
