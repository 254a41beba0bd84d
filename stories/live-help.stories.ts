import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import { ifDefined } from 'lit/directives/if-defined.js';
import { withProvider } from './demo.js';

interface Args {
  mode: '' | 'chat' | 'call';
  phone: string;
  skill: string;
  'connect-method': '' | 'IVR';
}

/**
 * Live help against the demo server. Open the agent console (demo/agent.html from `npm start`)
 * in another tab and set the demo agent available to answer.
 */
const meta: Meta<Args> = {
  title: 'Elements/nexus-live-help',
  component: 'nexus-live-help',
  tags: ['autodocs'],
  args: { mode: '', phone: '1-800-555-0199', skill: 'support', 'connect-method': '' },
  argTypes: {
    mode: { control: 'select', options: ['', 'chat', 'call'] },
    'connect-method': { control: 'select', options: ['', 'IVR'] },
  },
  render: (args) =>
    withProvider(html`<nexus-live-help
      mode=${args.mode}
      phone=${ifDefined(args.phone || undefined)}
      skill=${ifDefined(args.skill || undefined)}
      connect-method=${ifDefined(args['connect-method'] || undefined)}
    ></nexus-live-help>`),
};
export default meta;

/** The default: the visitor chooses chat or a call. */
export const ChatAndCall: StoryObj<Args> = {};
/** Straight to the call card with the connection code. */
export const CallDefaultWording: StoryObj<Args> = { args: { mode: 'call' } };
/** The call card as an IVR asks for the code. */
export const CallIvrWording: StoryObj<Args> = { args: { mode: 'call', 'connect-method': 'IVR' } };
