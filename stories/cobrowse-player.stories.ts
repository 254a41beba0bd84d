import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import '../src/components/cobrowse-player/cobrowse-player.js';
import type { CobrowseRecording } from '../src/protocol/cobrowse.js';

/** A short recording made up here: a page whose heading changes twice in five seconds. */
function recording(): CobrowseRecording {
  const t = Date.UTC(2026, 11, 7, 10);
  const el = (id: number, tagName: string, childNodes: unknown[] = []) => ({ type: 2, id, tagName, attributes: {}, childNodes });
  const node = { type: 0, id: 1, childNodes: [el(2, 'html', [el(3, 'head'), el(4, 'body', [el(5, 'h1', [{ type: 3, id: 6, textContent: 'Checkout' }])])])] };
  const text = (at: number, value: string) => ({ type: 3, timestamp: t + at, data: { source: 0, texts: [{ id: 6, value }], attributes: [], removes: [], adds: [] } });
  const events = [
    { type: 4, timestamp: t, data: { href: 'https://shop.example.com/checkout', width: 800, height: 500 } },
    { type: 2, timestamp: t, data: { node, initialOffset: { left: 0, top: 0 } } },
    text(2500, 'Payment'),
    text(5000, 'Thank you!'),
  ];
  return {
    recording: { id: 'cb_story', sessionId: 'ses_story', agent: { id: 'alex', name: 'Alex' }, startedAt: t, endedAt: t + 5000, endReason: 'ended', chars: 900, truncated: false },
    batches: [{ seq: 1, at: t, events }],
  };
}

/**
 * Plays a stored co-browse recording (the portal's Settings > Co-browse plays the tenant's with
 * it). Here a made-up one; the recorded page is rebuilt in a sandboxed frame, paused on its first frame.
 */
const meta: Meta = {
  title: 'Elements/nexus-cobrowse-player',
  component: 'nexus-cobrowse-player',
  tags: ['autodocs'],
  render: () => html`<nexus-cobrowse-player label="The customer's checkout" .recording=${recording()}></nexus-cobrowse-player>`,
};
export default meta;

export const Paused: StoryObj = {};
