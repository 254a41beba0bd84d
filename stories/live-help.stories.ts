import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html, nothing } from 'lit';
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
      phone=${args.phone || nothing}
      skill=${args.skill || nothing}
      connect-method=${args['connect-method'] || nothing}
    ></nexus-live-help>`),
};
export default meta;

/** The default: the visitor chooses chat or a call. */
export const ChatAndCall: StoryObj<Args> = {};
/** Straight to the call card with the connection code. */
export const CallDefaultWording: StoryObj<Args> = { args: { mode: 'call' } };
/** The call card as an IVR asks for the code. */
export const CallIvrWording: StoryObj<Args> = { args: { mode: 'call', 'connect-method': 'IVR' } };
