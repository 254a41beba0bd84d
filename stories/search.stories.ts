import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import { ifDefined } from 'lit/directives/if-defined.js';
import { withProvider } from './demo.js';

interface Args {
  placeholder: string;
  tags: string;
  limit: number;
  'label-visible': boolean;
}

const meta: Meta<Args> = {
  title: 'Elements/nexus-search',
  component: 'nexus-search',
  tags: ['autodocs'],
  args: { placeholder: '', tags: '', limit: 8, 'label-visible': false },
  render: (args) =>
    withProvider(html`<nexus-search
      placeholder=${ifDefined(args.placeholder || undefined)}
      tags=${ifDefined(args.tags || undefined)}
      limit=${args.limit}
      ?label-visible=${args['label-visible']}
    ></nexus-search>`),
};
export default meta;

export const Default: StoryObj<Args> = {};
export const WithVisibleLabel: StoryObj<Args> = { args: { 'label-visible': true } };
export const OnlyThermostatPaths: StoryObj<Args> = { args: { tags: 'Thermostat', placeholder: 'Search thermostat help' } };
