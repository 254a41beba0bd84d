import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import type { NexusOverlay } from '../src/sdk/overlay.js';
import { withProvider } from './demo.js';

interface Args {
  label: string;
}

/** Opens the overlay from the button (as the SDK does when a call has no container). */
const open = (event: Event) => ((event.target as HTMLElement).nextElementSibling as NexusOverlay).show();

const meta: Meta<Args> = {
  title: 'Elements/nexus-overlay',
  component: 'nexus-overlay',
  tags: ['autodocs'],
  args: { label: 'Help' },
  render: (args) =>
    withProvider(html`<button type="button" @click=${open}>Open help</button>
      <nexus-overlay label=${args.label}><nexus-self-help display-order="search,paths"></nexus-self-help></nexus-overlay>`),
};
export default meta;

export const WithSelfHelp: StoryObj<Args> = {};

/** Styled with its custom properties and parts. */
export const Themed: StoryObj<Args> = {
  render: (args) =>
    withProvider(html`<style>
        .themed {
          --nexus-overlay-width: 28rem;
          --nexus-overlay-backdrop: rgb(0 40 80 / 60%);
        }
        .themed::part(header) {
          background: #102a43;
          color: #fff;
        }
      </style>
      <button type="button" @click=${open}>Open help</button>
      <nexus-overlay class="themed" label=${args.label}><nexus-self-help display-order="search,categories"></nexus-self-help></nexus-overlay>`),
};
