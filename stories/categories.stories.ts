import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import { withProvider } from './demo.js';

const meta: Meta<{ category: string }> = {
  title: 'Elements/nexus-categories',
  component: 'nexus-categories',
  tags: ['autodocs'],
  args: { category: '' },
  render: (args) => withProvider(html`<nexus-categories category=${args.category}></nexus-categories>`),
};
export default meta;

export const Cards: StoryObj<{ category: string }> = {};
export const OpenCategory: StoryObj<{ category: string }> = { args: { category: 'climate' } };
