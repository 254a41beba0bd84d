import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import { ifDefined } from 'lit/directives/if-defined.js';
import { withProvider } from './demo.js';

interface Args {
  skill: string;
}

/**
 * Co-browse by code against the demo server: press the button, then join with the code from the
 * agent console in another tab (find the session by its code, accept it, Connect).
 */
const meta: Meta<Args> = {
  title: 'Elements/nexus-cobrowse-code',
  component: 'nexus-cobrowse-code',
  tags: ['autodocs'],
  args: { skill: 'support' },
  render: (args) => withProvider(html`<nexus-cobrowse-code skill=${ifDefined(args.skill || undefined)}></nexus-cobrowse-code>`),
};
export default meta;

export const StartButton: StoryObj<Args> = {};
/** Themed with the design tokens every element reads. */
export const Themed: StoryObj<Args> = {
  render: (args) =>
    withProvider(html`<nexus-cobrowse-code
      skill=${ifDefined(args.skill || undefined)}
      style="--nexus-color-primary: #0a7d4f; --nexus-font-family: Georgia, serif"
    ></nexus-cobrowse-code>`),
};
