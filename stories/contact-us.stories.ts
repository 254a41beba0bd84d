import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import { ifDefined } from 'lit/directives/if-defined.js';
import '../src/components/contact-us/contact-us.js';

interface Args {
  phone: string;
  skill: string;
  'remote-connection-type': 'cobrowse' | 'remote';
}

const meta: Meta<Args> = {
  title: 'Elements/nexus-contact-us',
  component: 'nexus-contact-us',
  tags: ['autodocs'],
  args: { phone: '1-800-555-0199', skill: 'support', 'remote-connection-type': 'cobrowse' },
  argTypes: { 'remote-connection-type': { control: 'select', options: ['cobrowse', 'remote'] } },
  render: (args) =>
    html`<nexus-contact-us phone=${ifDefined(args.phone || undefined)} skill=${ifDefined(args.skill || undefined)} remote-connection-type=${args['remote-connection-type']}></nexus-contact-us>`,
};
export default meta;

export const ChatAndCall: StoryObj<Args> = {};
export const CallOnly: StoryObj<Args> = { args: { skill: '' } };
export const ChatOnly: StoryObj<Args> = { args: { phone: '' } };
