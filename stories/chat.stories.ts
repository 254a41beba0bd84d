import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import { ifDefined } from 'lit/directives/if-defined.js';
import { withProvider } from './demo.js';

interface Args {
  skill: string;
  autostart: boolean;
  'hide-rating': boolean;
}

/** The chat window against the demo server; answer it from the agent console in another tab. */
const meta: Meta<Args> = {
  title: 'Elements/nexus-chat',
  component: 'nexus-chat',
  tags: ['autodocs'],
  args: { skill: 'support', autostart: false, 'hide-rating': false },
  render: (args) =>
    withProvider(html`<nexus-chat skill=${ifDefined(args.skill || undefined)} ?autostart=${args.autostart} ?hide-rating=${args['hide-rating']}></nexus-chat>`),
};
export default meta;

export const StartButton: StoryObj<Args> = {};
/** Themed with the element's custom properties. */
export const Themed: StoryObj<Args> = {
  render: (args) =>
    withProvider(html`<nexus-chat
      skill=${ifDefined(args.skill || undefined)}
      style="--nexus-chat-user-background: #0a7d4f; --nexus-chat-agent-background: #eef6f1; --nexus-chat-height: 24rem"
    ></nexus-chat>`),
};
