import { expect, fixture, html } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import { env, sleep, until } from '../../../test/browser/env.js';
import { recorder, part, has, focusedPart, text, shows, click, isolatedClient, provided, stepOf, demoPaths } from '../../../test/browser/guided-path-world.js';
import { type GuidedPath } from '../../core/index.js';
import { defaultStrings } from '../../i18n/strings-all.js';
import './guided-path.js';
import type { NexusGuidedPath } from './guided-path.js';

describe('<nexus-guided-path>: keyboard, errors, step HTML, theming, axe, activity', () => {
  let bulbReset: GuidedPath;
  let bulbSetup: GuidedPath;

  before(async () => {
    ({ bulbReset, bulbSetup } = await demoPaths());
  });

  describe('keyboard and screen readers', () => {
    it('works with Tab, Enter and Space; focus lands on the new step title', async () => {
      const el = await fixture<NexusGuidedPath>(
        html`<nexus-guided-path server=${env.server} token=${env.tokens.demo} help-id="bulb-reset"></nexus-guided-path>`,
      );
      await shows(el, 'step');
      const tabTo = async (name: string, shift = false) => {
        for (let i = 0; i < 10 && focusedPart(el) !== name; i++) await sendKeys({ press: shift ? 'Shift+Tab' : 'Tab' });
        expect(focusedPart(el), `focus on ${name}`).to.equal(name);
      };

      await tabTo('next-button');
      await sendKeys({ press: 'Enter' });
      await el.updateComplete;
      expect(el.stepIndex).to.equal(1);
      expect(focusedPart(el)).to.equal('step-title');
      const live = el.shadowRoot!.querySelector('[aria-live="polite"]')!;
      await until(() => text(live) === `Step 2 of ${bulbReset.steps.length}`, 'the announced progress');

      // From the title, Tab reaches Back then Next.
      await sendKeys({ press: 'Tab' });
      expect(focusedPart(el)).to.equal('back-button');
      await sendKeys({ press: 'Tab' });
      expect(focusedPart(el)).to.equal('next-button');
      await sendKeys({ press: 'Space' });
      await el.updateComplete;
      expect(el.stepIndex).to.equal(2);
      expect(focusedPart(el)).to.equal('step-title');
      await until(() => text(live) === `Step 3 of ${bulbReset.steps.length}`, 'the announced progress');

      await tabTo('back-button');
      await sendKeys({ press: 'Enter' });
      await el.updateComplete;
      expect(el.stepIndex).to.equal(1);
      expect(focusedPart(el)).to.equal('step-title');
      expect(part(el, 'step-title')!.getAttribute('tabindex')).to.equal('-1');

      // Through to the question and the outcome by keyboard.
      while (el.state === 'step') {
        await tabTo('next-button');
        await sendKeys({ press: 'Enter' });
        await el.updateComplete;
      }
      expect(el.state).to.equal('feedback');
      expect(focusedPart(el)).to.equal('feedback-question');
      await tabTo('resolved-button');
      await sendKeys({ press: 'Space' });
      await shows(el, 'resolved');
      expect(focusedPart(el)).to.equal('outcome-title');
    });

    it('marks the progress bar as decorative and the progress text as visible text', async () => {
      const el = await fixture<NexusGuidedPath>(
        html`<nexus-guided-path server=${env.server} token=${env.tokens.demo} help-id="bulb-reset" heading-level="3"></nexus-guided-path>`,
      );
      await shows(el, 'step');
      expect(part(el, 'progress-bar')!.getAttribute('aria-hidden')).to.equal('true');
      expect(part(el, 'title')!.getAttribute('aria-level')).to.equal('3');
      expect(part(el, 'step-title')!.getAttribute('aria-level')).to.equal('4');
      expect(part(el, 'step-title')!.getAttribute('role')).to.equal('heading');
    });
  });

  describe('errors', () => {
    it('an unknown help-id shows the not-found message and emits nexus-error', async () => {
      const log = recorder();
      const el = await fixture<NexusGuidedPath>(
        html`<nexus-guided-path server=${env.server} token=${env.tokens.demo} help-id="no-such-help-id" @nexus-error=${log.handler}></nexus-guided-path>`,
      );
      await shows(el, 'error');
      expect(text(part(el, 'error'))).to.equal(defaultStrings.errorNotFound);
      expect(part(el, 'error')!.getBoundingClientRect().height).to.be.greaterThan(0);
      expect(has(el, 'retry-button'), 'retrying cannot find it either').to.equal(false);
      await until(() => log.events.length, 'nexus-error');
      expect(log.of('nexus-error')[0]).to.include({ code: 'help_id_not_found', status: 404, source: 'nexus-guided-path' });
    });

    it('an expired token shows the unauthorized message with a retry button', async () => {
      const log = recorder();
      const el = await fixture<NexusGuidedPath>(
        html`<nexus-guided-path server=${env.server} token=${env.tokens.expired} help-id="bulb-reset" @nexus-error=${log.handler}></nexus-guided-path>`,
      );
      await shows(el, 'error');
      expect(text(part(el, 'error'))).to.contain(defaultStrings.errorUnauthorized);
      expect(has(el, 'retry-button')).to.equal(true);
      await until(() => log.events.length, 'nexus-error');
      expect(log.of('nexus-error')[0]).to.include({ status: 401, source: 'nexus-guided-path' });
    });
  });

  describe('step HTML', () => {
    afterEach(() => {
      delete (window as { __xss?: unknown }).__xss;
    });

    const inert = (body: HTMLElement) => {
      const banned = [...body.querySelectorAll('script, iframe, frame, object, embed, form, input, button, style, svg, math')];
      expect(banned.map((node) => node.localName)).to.deep.equal([]);
      for (const node of body.querySelectorAll('*')) {
        for (const attr of node.attributes) {
          expect(attr.name.startsWith('on'), `${node.localName}[${attr.name}]`).to.equal(false);
          expect(attr.name, `${node.localName}[style]`).not.to.equal('style');
          expect(attr.value.replace(/\s/g, '').toLowerCase(), `${node.localName}[${attr.name}]`).not.to.contain('javascript:');
        }
      }
    };

    it('renders hostile markup inert and keeps the harmless text', async () => {
      const el = await fixture<NexusGuidedPath>(
        html`<nexus-guided-path server=${env.server} token=${env.tokens.other} help-id="xss-test"></nexus-guided-path>`,
      );
      await shows(el, 'step');
      const body = part(el, 'step-body')!;
      inert(body);
      expect(text(body)).to.contain('Only this text should remain.');
      const link = body.querySelector('a');
      if (link?.hasAttribute('href')) expect(link.getAttribute('rel')).to.equal('noopener noreferrer');
      // Give a broken image's error handler (had it survived) time to run.
      await Promise.all([...body.querySelectorAll('img')].map((img) => img.decode().catch(() => undefined)));
      await sleep(100);
      expect((window as { __xss?: unknown }).__xss).to.equal(undefined);

      await click(el, 'choice', 0);
      const next = part(el, 'step-body')!;
      inert(next);
      expect(text(next)).to.contain('Styled text');
      await sleep(50);
      expect((window as { __xss?: unknown }).__xss).to.equal(undefined);

      // Its `next` is "resolved": straight to the outcome, without the question.
      await click(el, 'next-button');
      await shows(el, 'resolved');
    });

    it('opens links in a new tab without opener or referrer', async () => {
      const path: GuidedPath = {
        ...bulbReset,
        id: 'links',
        steps: [{ id: 'links', title: 'Links', body: '<p><a href="https://example.com/help" target="_self">Help</a> <a href="/relative">Here</a> <a>No link</a></p>' }],
      };
      const el = await fixture<NexusGuidedPath>(html`<nexus-guided-path .path=${path}></nexus-guided-path>`);
      const links = [...part(el, 'step-body')!.querySelectorAll('a')];
      expect(links.map((a) => [a.getAttribute('target'), a.getAttribute('rel')])).to.deep.equal([
        ['_blank', 'noopener noreferrer'],
        ['_blank', 'noopener noreferrer'],
        [null, null],
      ]);
    });
  });

  describe('theming', () => {
    it('a ::part rule and a custom property from the page apply', async () => {
      const wrapper = await fixture<HTMLDivElement>(html`<div>
        <style>
          .themed::part(next-button) {
            background-color: rgb(1, 2, 3);
          }
          .themed {
            --nexus-guided-path-progress-color: rgb(4, 5, 6);
          }
        </style>
        <nexus-guided-path class="themed" server=${env.server} token=${env.tokens.demo} help-id="bulb-reset"></nexus-guided-path>
      </div>`);
      const el = wrapper.querySelector('nexus-guided-path')!;
      await shows(el, 'step');
      expect(getComputedStyle(part(el, 'next-button')!).backgroundColor).to.equal('rgb(1, 2, 3)');
      const fill = part(el, 'progress-bar')!.firstElementChild!;
      expect(getComputedStyle(fill).backgroundColor).to.equal('rgb(4, 5, 6)');
    });

    it('step-content-theme-url adds a stylesheet that styles the step content', async () => {
      const sheet = 'data:text/css,.nexus-step-content p { color: rgb(7, 8, 9) }';
      const el = await fixture<NexusGuidedPath>(
        html`<nexus-guided-path server=${env.server} token=${env.tokens.demo} help-id="bulb-reset" step-content-theme-url=${sheet}></nexus-guided-path>`,
      );
      await shows(el, 'step');
      const link = el.shadowRoot!.querySelector<HTMLLinkElement>('link[rel="stylesheet"]');
      expect(link?.getAttribute('href')).to.equal(sheet);
      await until(() => link!.sheet, 'the stylesheet to load');
      const p = part(el, 'step-body')!.querySelector('p')!;
      expect(getComputedStyle(p).color).to.equal('rgb(7, 8, 9)');
    });

    it('uses the client branding stepContentThemeUrl by default', async () => {
      const client = isolatedClient();
      const sheet = 'data:text/css,.nexus-step-content p { color: rgb(9, 8, 7) }';
      client.setBranding({ stepContentThemeUrl: sheet });
      try {
        const el = await provided(client, html`<nexus-guided-path help-id="bulb-reset"></nexus-guided-path>`);
        await shows(el, 'step');
        expect(el.shadowRoot!.querySelector('link[rel="stylesheet"]')?.getAttribute('href')).to.equal(sheet);
      } finally {
        await client.destroy();
      }
    });
  });

  describe('accessibility (axe)', () => {
    it('is accessible while loading', async () => {
      // Without a client the element waits (loading) before it reports the missing configuration.
      const el = await fixture<NexusGuidedPath>(html`<nexus-guided-path help-id="bulb-reset"></nexus-guided-path>`);
      expect(el.getAttribute('state')).to.equal('loading');
      expect(has(el, 'loading')).to.equal(true);
      await expect(el).to.be.accessible();
    });

    it('is accessible in the error state', async () => {
      const el = await fixture<NexusGuidedPath>(
        html`<nexus-guided-path server=${env.server} token=${env.tokens.demo} help-id="no-such-help-id"></nexus-guided-path>`,
      );
      await shows(el, 'error');
      await expect(el).to.be.accessible();
    });

    it('is accessible on a linear step, a branching step, the question and both outcomes', async () => {
      const el = await fixture<NexusGuidedPath>(
        html`<nexus-guided-path server=${env.server} token=${env.tokens.demo} help-id="bulb-setup">
          <a slot="escalation" href="tel:+18005550100">Call support</a>
        </nexus-guided-path>`,
      );
      await shows(el, 'step');
      await expect(el).to.be.accessible();
      while (!stepOf(bulbSetup, el.currentStepId!).choices) await click(el, 'next-button');
      await expect(el).to.be.accessible();

      el.path = bulbReset;
      await shows(el, 'step');
      for (let k = 0; k < bulbReset.steps.length; k++) await click(el, 'next-button');
      await shows(el, 'feedback');
      await expect(el).to.be.accessible();
      await click(el, 'escalate-button');
      await shows(el, 'escalated');
      await expect(el).to.be.accessible();
      await click(el, 'restart-button');
      for (let k = 0; k < bulbReset.steps.length; k++) await click(el, 'next-button');
      await click(el, 'resolved-button');
      await shows(el, 'resolved');
      await expect(el).to.be.accessible();
    });
  });

  describe('activity', () => {
    it('records the walk: a started, unresolved path is recommended as in progress', async () => {
      const client = isolatedClient();
      try {
        const el = await provided(client, html`<nexus-guided-path help-id="bulb-reset"></nexus-guided-path>`);
        await shows(el, 'step');
        await click(el, 'next-button');

        const before = await client.selfHelp.recommended({ limit: 20 });
        expect(before.find((r) => r.id === bulbReset.id)?.reason).to.equal('in-progress');

        for (let k = 1; k < bulbReset.steps.length; k++) await click(el, 'next-button');
        await click(el, 'resolved-button');
        await shows(el, 'resolved');
        const after = await client.selfHelp.recommended({ limit: 20 });
        expect(after.find((r) => r.id === bulbReset.id)?.reason).not.to.equal('in-progress');
      } finally {
        await client.destroy();
      }
    });
  });
});
