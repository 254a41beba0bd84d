import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import { ifDefined } from 'lit/directives/if-defined.js';
import { withProvider } from './demo.js';

interface Args {
  source: 'recommended' | 'tags' | 'search' | 'category';
  value: string;
  limit: number;
  label: string;
}

const meta: Meta<Args> = {
  title: 'Elements/nexus-path-list',
  component: 'nexus-path-list',
  tags: ['autodocs'],
  args: { source: 'recommended', value: '', limit: 5, label: '' },
  argTypes: { source: { control: 'select', options: ['recommended', 'tags', 'search', 'category'] } },
  render: (args) =>
    withProvider(html`<nexus-path-list source=${args.source} value=${ifDefined(args.value || undefined)} limit=${args.limit} label=${ifDefined(args.label || undefined)}></nexus-path-list>`),
};
export default meta;

export const Recommended: StoryObj<Args> = {};
export const ByTags: StoryObj<Args> = { args: { source: 'tags', value: 'Thermostat, Battery' } };
export const SearchResults: StoryObj<Args> = { args: { source: 'search', value: 'wifi router' } };
export const Category: StoryObj<Args> = { args: { source: 'category', value: 'locks-access', label: 'Locks & Access' } };
export const Empty: StoryObj<Args> = { args: { source: 'tags', value: 'NoSuchTag' } };
