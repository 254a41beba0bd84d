import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import { ifDefined } from 'lit/directives/if-defined.js';
import '../src/agent/index.js';
import { demo } from './demo.js';

interface Args {
  token: string;
  'state-filter': 'open' | 'all' | 'queued' | 'assigned' | 'active' | 'ended';
  'session-limit': number;
}

/**
 * The console talks to the reference server of `npm start`. Agent tokens are not built into the
 * stories: the console shows its sign-in form, where you press "Use an agent token" and paste the
 * demo agent token that `npm start` printed (also in .nexus-data/agent-token.txt), or set the
 * `token` control. (Email and password sign in only on the server's own origin: /demo/agent.html.)
 */
const meta: Meta<Args> = {
  title: 'Agent/nexus-agent-console',
  component: 'nexus-agent-console',
  tags: ['autodocs'],
  parameters: { layout: 'fullscreen' },
  args: { token: '', 'state-filter': 'open', 'session-limit': 100 },
  argTypes: {
    'state-filter': { control: 'select', options: ['open', 'all', 'queued', 'assigned', 'active', 'ended'] },
  },
  render: (args) =>
    html`<nexus-agent-console
      style="height: 100vh"
      server=${demo.server}
      token=${ifDefined(args.token || undefined)}
      state-filter=${args['state-filter']}
      session-limit=${args['session-limit']}
    ></nexus-agent-console>`,
};
export default meta;

/** Signed out: the sign-in form. */
export const SignIn: StoryObj<Args> = {};

/** Only the sessions that ended, for reviewing past conversations. */
export const EndedSessions: StoryObj<Args> = { args: { 'state-filter': 'ended' } };

/** Themed with the public design tokens, as a host page would. */
export const Themed: StoryObj<Args> = {
  render: (args) =>
    html`<div
      style="height: 100vh; --nexus-color-primary: #0a7d4f; --nexus-agent-console-panel-background: #eef6f1; --nexus-radius-large: 4px"
    >
      <nexus-agent-console
        style="height: 100%"
        server=${demo.server}
        token=${ifDefined(args.token || undefined)}
        state-filter=${args['state-filter']}
      ></nexus-agent-console>
    </div>`,
};
