import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import { ifDefined } from 'lit/directives/if-defined.js';
import { demo, withProvider } from './demo.js';

interface Args {
  'search-type': '' | 'helpid' | 'tags' | 'text';
  'search-value': string;
  'display-order': string;
  phone: string;
  skill: string;
}

const meta: Meta<Args> = {
  title: 'Elements/nexus-self-help',
  component: 'nexus-self-help',
  tags: ['autodocs'],
  args: { 'search-type': '', 'search-value': '', 'display-order': 'search,paths,categories,contact-us', phone: '1-800-555-0199', skill: 'support' },
  argTypes: { 'search-type': { control: 'select', options: ['', 'helpid', 'tags', 'text'] } },
  render: (args) =>
    withProvider(html`<nexus-self-help
      search-type=${ifDefined(args['search-type'] || undefined)}
      search-value=${ifDefined(args['search-value'] || undefined)}
      display-order=${ifDefined(args['display-order'] || undefined)}
      phone=${ifDefined(args.phone || undefined)}
      skill=${ifDefined(args.skill || undefined)}
    ></nexus-self-help>`),
};
export default meta;
type Story = StoryObj<Args>;

export const Default: Story = {};
export const ByTags: Story = { args: { 'search-type': 'tags', 'search-value': 'LightBulb', 'display-order': 'search,paths,contact-us' } };
export const ByHelpId: Story = { args: { 'search-type': 'helpid', 'search-value': 'bulb-reset' } };
export const ByText: Story = { args: { 'search-type': 'text', 'search-value': 'camera offline', 'display-order': 'paths' } };
export const SearchAndContactOnly: Story = { args: { 'display-order': 'search,contact-us' } };

/** Re-branded with design tokens and parts only, in a dark colour scheme. */
export const ThemedDark: Story = {
  render: (args) =>
    withProvider(html`<style>
        .themed {
          color-scheme: dark;
          --nexus-color-primary: #ffb347;
          --nexus-color-on-primary: #1b1f27;
          --nexus-radius-medium: 2px;
          --nexus-font-family: Georgia, serif;
        }
        .themed::part(paths__item-button) { border-left: 4px solid #ffb347; }
      </style>
      <nexus-self-help class="themed" display-order=${args['display-order']} skill=${args.skill}></nexus-self-help>`),
};

/** A theme stylesheet (the reference app's "Ocean", a copy of themes/default.css) loaded inside the shadow roots. */
export const ThemeStylesheet: Story = {
  render: (args) =>
    withProvider(html`<nexus-self-help
      theme-url=${`${demo.server}/demo/themes/ocean.css`}
      display-order=${args['display-order']}
      skill=${args.skill}
      phone=${args.phone}
    ></nexus-self-help>`),
};

/** In French: the element follows the nearest `lang` and loads that catalogue. */
export const French: Story = {
  render: (args) =>
    withProvider(html`<div lang="fr"><nexus-self-help display-order=${args['display-order']} skill=${args.skill} phone=${args.phone}></nexus-self-help></div>`),
};

/** In Arabic: right to left, the layout mirrored. */
export const ArabicRightToLeft: Story = {
  render: (args) =>
    withProvider(html`<div lang="ar" dir="rtl"><nexus-self-help display-order=${args['display-order']} skill=${args.skill} phone=${args.phone}></nexus-self-help></div>`),
};
