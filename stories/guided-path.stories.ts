import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import { ifDefined } from 'lit/directives/if-defined.js';
import { withProvider } from './demo.js';
import type { GuidedPath } from '../src/core/index.js';

interface Args {
  'help-id': string;
  'path-id': string;
}

const meta: Meta<Args> = {
  title: 'Elements/nexus-guided-path',
  component: 'nexus-guided-path',
  tags: ['autodocs'],
  args: { 'help-id': 'bulb-reset', 'path-id': '' },
  render: (args) =>
    withProvider(html`<nexus-guided-path help-id=${ifDefined(args['help-id'] || undefined)} path-id=${ifDefined(args['path-id'] || undefined)}></nexus-guided-path>`),
};
export default meta;

export const LinearByHelpId: StoryObj<Args> = {};
export const BranchingByHelpId: StoryObj<Args> = { args: { 'help-id': 'bulb-setup' } };
export const UnknownHelpId: StoryObj<Args> = { args: { 'help-id': 'no-such-help-id' } };

const inline: GuidedPath = {
  id: 'inline-example',
  title: 'A path given as a property',
  summary: 'No request is made for it.',
  category: 'lighting',
  tags: [],
  helpIds: [],
  audience: 'consumer',
  steps: [
    { id: 'one', title: 'Is the light on?', body: '<p>Look at the bulb.</p>', choices: [{ label: 'Yes', next: 'resolved' }, { label: 'No', next: 'two' }] },
    { id: 'two', title: 'Switch it on', body: '<p>Use the <strong>wall switch</strong>.</p>' },
  ],
};

/** The `path` property: content from the page itself, with contact options in the escalation slot. */
export const FromProperty: StoryObj<Args> = {
  render: () =>
    withProvider(html`<nexus-guided-path .path=${inline}>
      <nexus-contact-us slot="escalation" phone="1-800-555-0199" skill="support"></nexus-contact-us>
    </nexus-guided-path>`),
};
