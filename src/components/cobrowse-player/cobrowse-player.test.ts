import { expect, fixture, html } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import { hostilePage } from '../../../test/browser/cobrowse-frames.js';
import { sleep, until } from '../../../test/browser/env.js';
import { defaultStrings } from '../../i18n/strings-all.js';
import type { CobrowseRecording } from '../../protocol/cobrowse.js';
import './cobrowse-player.js';
import { clock, type NexusCobrowsePlayer } from './cobrowse-player.js';

// <nexus-cobrowse-player> over recordings made here (the portal's test plays one the server
// stored from a real co-browse): the first frame, the controls by keyboard, and untrusted events
// that must stay inert.

const part = <T extends HTMLElement = HTMLElement>(el: HTMLElement, name: string) => el.shadowRoot!.querySelector<T>(`[part~="${name}"]`);

/** A recording of 3 seconds: the meta event, a page (with a refresh tag, a script and an inline handler), and a text change at 3 s. */
function recording(t = 1_000_000): CobrowseRecording {
  const events = hostilePage(t, 'First frame 7301');
  const change = { type: 3, timestamp: t + 3000, data: { source: 0, texts: [{ id: 10, value: 'Last frame 7302' }], attributes: [], removes: [], adds: [] } };
  return {
    recording: { id: 'cb_test', sessionId: 'ses_test', agent: { id: 'alex', name: 'Alex' }, startedAt: t, endedAt: t + 3000, endReason: 'ended', chars: 1000, truncated: false },
    batches: [
      { seq: 1, at: t, events },
      { seq: 2, at: t + 3000, events: [change] },
    ],
  };
}

const frameText = (el: NexusCobrowsePlayer) => el.frame?.contentDocument?.body?.textContent ?? '';

describe('<nexus-cobrowse-player>', function () {
  this.timeout(20_000);

  it('opens paused on the first frame, in a sandboxed frame where nothing of the recording runs', async () => {
    const win = window as unknown as { __nexusPwned?: number };
    delete win.__nexusPwned;
    const el = await fixture<NexusCobrowsePlayer>(html`<nexus-cobrowse-player label="The customer's page" .recording=${recording()}></nexus-cobrowse-player>`);
    await until(() => el.state === 'ready' && frameText(el).includes('First frame 7301'), 'the first frame');
    expect([...el.frame!.sandbox]).to.deep.equal(['allow-same-origin']);
    expect(el.frame!.getAttribute('tabindex')).to.equal('-1');
    expect(el.frame!.contentDocument!.querySelector('meta')?.hasAttribute('http-equiv') ?? false).to.equal(false);
    expect(part(el, 'view')!.getAttribute('aria-label')).to.equal("The customer's page");
    expect(el.duration).to.equal(3000);
    expect(part(el, 'time')!.textContent).to.equal(`${clock(0)} of ${clock(3000)}`);
    expect(part(el, 'play-button')!.textContent!.trim()).to.equal(defaultStrings.cobrowsePlayerPlay);
    await sleep(300);
    expect(win.__nexusPwned, 'no script or handler ran').to.equal(undefined);
    await expect(el).to.be.accessible();
  });

  it('plays to the end, and goes anywhere from the keyboard (the slider, Play/Pause, the speed)', async () => {
    const el = await fixture<NexusCobrowsePlayer>(html`<nexus-cobrowse-player .recording=${recording()}></nexus-cobrowse-player>`);
    await until(() => el.state === 'ready', 'ready');
    const slider = part<HTMLInputElement>(el, 'position')!;
    slider.focus();
    await sendKeys({ press: 'End' });
    await until(() => frameText(el).includes('Last frame 7302'), 'the last frame after End');
    expect(slider.getAttribute('aria-valuetext')).to.equal(`${clock(3000)} of ${clock(3000)}`);
    await sendKeys({ press: 'Home' });
    await until(() => frameText(el).includes('First frame 7301'), 'the first frame after Home');

    const speed = part<HTMLSelectElement>(el, 'speed')!;
    speed.value = '8';
    speed.dispatchEvent(new Event('change'));
    part(el, 'play-button')!.focus();
    await sendKeys({ press: 'Enter' });
    await until(() => part(el, 'play-button')!.textContent!.trim() === defaultStrings.cobrowsePlayerPause, 'playing');
    await expect(el).to.be.accessible();
    // It plays to the end by itself, then offers Play again. (At 8× the 3 seconds take well under
    // one, but a loaded machine may hold the page's timers back: the wait is not a measure of speed.)
    await until(() => frameText(el).includes('Last frame 7302') && part(el, 'play-button')!.textContent!.trim() === defaultStrings.cobrowsePlayerPlay, 'the end', 15_000);
  });

  it('a recording without a full snapshot has nothing to play: the empty state says so', async () => {
    const empty = recording();
    empty.batches = empty.batches.slice(1);
    const el = await fixture<NexusCobrowsePlayer>(html`<nexus-cobrowse-player .recording=${empty}></nexus-cobrowse-player>`);
    await until(() => el.state === 'empty', 'the empty state');
    expect(part(el, 'empty')!.textContent!.trim()).to.equal(defaultStrings.cobrowsePlayerEmpty);
    await expect(el).to.be.accessible();
  });
});
