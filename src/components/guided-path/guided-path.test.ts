import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import { env, expectReadOnlyState, sleep, until } from '../../../test/browser/env.js';
import { recorder, part, parts, has, focusedPart, text, shows, click, isolatedClient, provided, stepOf, shortestToEnd, routeToEscalation, demoPaths } from '../../../test/browser/guided-path-world.js';
import { type GuidedPath } from '../../core/index.js';
import { defaultStrings } from '../../i18n/strings-all.js';
import './guided-path.js';
import type { NexusGuidedPath } from './guided-path.js';

describe('<nexus-guided-path>', () => {
  let bulbReset: GuidedPath;
  let bulbSetup: GuidedPath;

  before(async () => {
    ({ bulbReset, bulbSetup } = await demoPaths());
  });

  describe('loading', () => {
    it('loads a path by help-id and shows its first step', async () => {
      const log = recorder();
      const el = await fixture<NexusGuidedPath>(
        html`<nexus-guided-path server=${env.server} token=${env.tokens.demo} help-id="bulb-reset" @nexus-path-open=${log.handler} @nexus-step-change=${log.handler}></nexus-guided-path>`,
      );
      await shows(el, 'step');
      expect(el.state).to.equal('step');
      await expectReadOnlyState(el);
      expect(text(part(el, 'title'))).to.equal(bulbReset.title);
      expect(text(part(el, 'step-title'))).to.equal(bulbReset.steps[0].title);
      expect(el.currentStepId).to.equal(bulbReset.steps[0].id);
      expect(el.stepIndex).to.equal(0);
      await until(() => log.of('nexus-step-change').length, 'the first step-change event');
      expect(log.of('nexus-path-open')).to.deep.equal([{ pathId: bulbReset.id, title: bulbReset.title, stepCount: bulbReset.steps.length }]);
      expect(log.of('nexus-step-change')).to.deep.equal([{ pathId: bulbReset.id, stepId: bulbReset.steps[0].id, index: 0, total: bulbReset.steps.length }]);
      // The first step is not an action of the person: focus stays where it was.
      expect(focusedPart(el)).to.equal(null);
    });

    it('loads a path by path-id', async () => {
      const el = await fixture<NexusGuidedPath>(
        html`<nexus-guided-path server=${env.server} token=${env.tokens.demo} path-id="connect-smart-bulb"></nexus-guided-path>`,
      );
      await shows(el, 'step');
      expect(text(part(el, 'title'))).to.equal(bulbSetup.title);
      expect(el.currentStepId).to.equal(bulbSetup.firstStep ?? bulbSetup.steps[0].id);
    });

    it('loads the new path and starts at its first step when path-id or help-id changes', async () => {
      const log = recorder();
      const el = await fixture<NexusGuidedPath>(
        html`<nexus-guided-path server=${env.server} token=${env.tokens.demo} help-id="bulb-reset" @nexus-path-open=${log.handler}></nexus-guided-path>`,
      );
      await shows(el, 'step');
      el.next();
      el.next();
      await el.updateComplete;
      expect(el.stepIndex).to.equal(2);

      el.helpId = 'bulb-setup';
      await until(() => el.currentStepId === (bulbSetup.firstStep ?? bulbSetup.steps[0].id), 'the other path');
      await shows(el, 'step');
      expect(el.stepIndex).to.equal(0);
      expect(text(part(el, 'title'))).to.equal(bulbSetup.title);

      el.removeAttribute('help-id');
      el.setAttribute('path-id', 'reset-smart-bulb');
      await until(() => el.currentStepId === bulbReset.steps[0].id, 'the path named by path-id');
      expect(el.stepIndex).to.equal(0);
      await until(() => log.of('nexus-path-open').length === 3, 'three path-open events');
      expect(log.of('nexus-path-open').map((d) => d.pathId)).to.deep.equal([bulbReset.id, bulbSetup.id, bulbReset.id]);
    });

    it('shows a path set as a property without a request', async () => {
      const path: GuidedPath = {
        ...bulbReset,
        title: 'Local copy',
        steps: [
          { id: 'one', title: 'First local step', body: '<p>Local body</p>' },
          { id: 'two', title: 'Second local step', body: '<p>More</p>' },
        ],
      };
      const client = isolatedClient();
      const requests: string[] = [];
      const originalFetch = window.fetch;
      window.fetch = (input, init) => {
        const url = String(input instanceof Request ? input.url : input);
        if ((init?.method ?? 'GET') === 'GET') requests.push(url);
        return originalFetch(input, init);
      };
      try {
        const el = await provided(client, html`<nexus-guided-path .path=${path}></nexus-guided-path>`);
        expect(el.getAttribute('state')).to.equal('step');
        expect(text(part(el, 'title'))).to.equal('Local copy');
        expect(text(part(el, 'step-title'))).to.equal('First local step');
        expect(text(part(el, 'progress'))).to.equal('Step 1 of 2');
        await sleep(100);
        expect(requests).to.deep.equal([]);
      } finally {
        window.fetch = originalFetch;
        await client.destroy();
      }
    });

    it('shows a path set as a property with no client at all', async () => {
      const path: GuidedPath = { ...bulbReset, id: 'offline-path' };
      const el = await fixture<NexusGuidedPath>(html`<nexus-guided-path .path=${path}></nexus-guided-path>`);
      expect(el.client).to.equal(undefined);
      expect(el.state).to.equal('step');
      expect(text(part(el, 'step-title'))).to.equal(bulbReset.steps[0].title);
      el.next();
      await el.updateComplete;
      expect(text(part(el, 'step-title'))).to.equal(bulbReset.steps[1].title);
    });
    it('a path set after connecting needs no client and reports no configuration error', async () => {
      const log = recorder();
      const saved = Object.getOwnPropertyDescriptor(customElements.get('nexus-guided-path')!, 'clientWaitMs');
      (customElements.get('nexus-guided-path') as unknown as { clientWaitMs: number }).clientWaitMs = 50;
      try {
        const el = await fixture<NexusGuidedPath>(html`<nexus-guided-path @nexus-error=${log.handler}></nexus-guided-path>`);
        el.path = { ...bulbReset, id: 'late-path' };
        await shows(el, 'step');
        await sleep(150);
        expect(log.of('nexus-error')).to.deep.equal([]);
        expect(el.state).to.equal('step');
      } finally {
        const ctor = customElements.get('nexus-guided-path')!;
        if (saved) Object.defineProperty(ctor, 'clientWaitMs', saved);
        else delete (ctor as unknown as { clientWaitMs?: number }).clientWaitMs;
      }
    });
  });

  describe('a linear path', () => {
    it('walks with Next to the question, then Yes shows the resolved view', async () => {
      const log = recorder();
      const el = await fixture<NexusGuidedPath>(
        html`<nexus-guided-path server=${env.server} token=${env.tokens.demo} help-id="bulb-reset"
          @nexus-step-change=${log.handler} @nexus-resolved=${log.handler} @nexus-escalate=${log.handler}></nexus-guided-path>`,
      );
      await shows(el, 'step');
      const n = bulbReset.steps.length;
      for (let k = 1; k <= n; k++) {
        const step = bulbReset.steps[k - 1];
        expect(text(part(el, 'progress'))).to.equal(`Step ${k} of ${n}`);
        expect(text(part(el, 'step-title'))).to.equal(step.title);
        expect(has(el, 'choices')).to.equal(false);
        expect(part<HTMLButtonElement>(el, 'back-button')!.disabled).to.equal(k === 1);
        await until(() => log.of('nexus-step-change').length === k, `step-change ${k}`);
        expect(log.of('nexus-step-change')[k - 1]).to.deep.equal({ pathId: bulbReset.id, stepId: step.id, index: k - 1, total: n });
        await click(el, 'next-button');
      }
      await shows(el, 'feedback');
      expect(text(part(el, 'feedback'))).to.contain(defaultStrings.guideSolvedQuestion);
      expect(has(el, 'progress')).to.equal(false);

      const resolved = oneEvent(el, 'nexus-resolved');
      await click(el, 'resolved-button');
      expect((await resolved).detail).to.deep.equal({ pathId: bulbReset.id, stepId: bulbReset.steps[n - 1].id });
      await shows(el, 'resolved');
      expect(text(part(el, 'outcome-title'))).to.equal(defaultStrings.guideResolvedTitle);
      expect(text(part(el, 'outcome'))).to.contain(defaultStrings.guideResolvedBody);
      expect(has(el, 'restart-button')).to.equal(true);
      expect(log.of('nexus-escalate')).to.deep.equal([]);
    });

    it('No on the question shows the escalated view with the slotted contact options', async () => {
      const el = await fixture<NexusGuidedPath>(
        html`<nexus-guided-path server=${env.server} token=${env.tokens.demo} help-id="bulb-reset">
          <p slot="escalation" id="contact">Call us on 0800 000 000</p>
        </nexus-guided-path>`,
      );
      await shows(el, 'step');
      const contact = el.querySelector('#contact')!;
      expect(contact.getBoundingClientRect().height, 'hidden before the escalated view').to.equal(0);
      for (let k = 0; k < bulbReset.steps.length; k++) await click(el, 'next-button');
      await shows(el, 'feedback');

      const escalated = oneEvent(el, 'nexus-escalate');
      await click(el, 'escalate-button');
      expect((await escalated).detail).to.deep.equal({ pathId: bulbReset.id, stepId: bulbReset.steps.at(-1)!.id });
      await shows(el, 'escalated');
      expect(text(part(el, 'outcome-title'))).to.equal(defaultStrings.guideEscalateTitle);
      const slot = el.shadowRoot!.querySelector<HTMLSlotElement>('slot[name="escalation"]')!;
      expect(slot.assignedElements().map((e) => e.id)).to.deep.equal(['contact']);
      expect(contact.getBoundingClientRect().height).to.be.greaterThan(0);

      // Back returns to the question, and from there to the last step.
      await click(el, 'back-button');
      await shows(el, 'feedback');
      await click(el, 'back-button');
      await shows(el, 'step');
      expect(el.currentStepId).to.equal(bulbReset.steps.at(-1)!.id);
    });
  });

  describe('a branching path', () => {
    it('follows the chosen answers, and Back retraces the steps taken', async () => {
      const log = recorder();
      const el = await fixture<NexusGuidedPath>(
        html`<nexus-guided-path server=${env.server} token=${env.tokens.demo} help-id="bulb-setup" @nexus-step-change=${log.handler}></nexus-guided-path>`,
      );
      await shows(el, 'step');
      const taken: string[] = [el.currentStepId!];
      // Linear steps up to the first question.
      while (!stepOf(bulbSetup, el.currentStepId!).choices) {
        await click(el, 'next-button');
        taken.push(el.currentStepId!);
      }
      const question = stepOf(bulbSetup, el.currentStepId!);
      const choices = parts(el, 'choice');
      expect(choices.map(text)).to.deep.equal(question.choices!.map((c) => c.label));
      expect(has(el, 'next-button'), 'a branching step has no Next').to.equal(false);
      expect(part(el, 'choices')!.getAttribute('role')).to.equal('group');

      // Take the last answer that leads to another step, then keep choosing the first answer that does.
      for (let round = 0; round < 2; round++) {
        const step = stepOf(bulbSetup, el.currentStepId!);
        const options = (step.choices ?? []).map((c, i) => ({ ...c, i })).filter((c) => c.next !== 'resolved' && c.next !== 'escalate' && !taken.includes(c.next));
        if (!options.length) break;
        const pick = round === 0 ? options.at(-1)! : options[0];
        await click(el, 'choice', pick.i);
        expect(el.currentStepId).to.equal(pick.next);
        expect(text(part(el, 'step-title'))).to.equal(stepOf(bulbSetup, pick.next).title);
        taken.push(pick.next);
      }
      expect(taken.length).to.be.greaterThan(2);

      // Progress: steps taken so far, plus the shortest way to an end.
      const current = taken.length;
      const total = current - 1 + shortestToEnd(bulbSetup, el.currentStepId!);
      expect(text(part(el, 'progress'))).to.equal(`Step ${current} of ${total}`);
      await until(() => log.of('nexus-step-change').length === taken.length, 'a step-change per step');
      expect(log.of('nexus-step-change').at(-1)).to.deep.equal({ pathId: bulbSetup.id, stepId: el.currentStepId, index: current - 1, total });

      // Back goes along the person's history, not the order of the steps in the path.
      for (let i = taken.length - 2; i >= 0; i--) {
        await click(el, 'back-button');
        expect(el.currentStepId).to.equal(taken[i]);
        expect(el.stepIndex).to.equal(i);
      }
      expect(part<HTMLButtonElement>(el, 'back-button')!.disabled).to.equal(true);
    });

    it('an answer leading to escalate shows the escalated view with slotted content', async () => {
      const { route, stepId, choice } = routeToEscalation(bulbSetup);
      const el = await fixture<NexusGuidedPath>(
        html`<nexus-guided-path server=${env.server} token=${env.tokens.demo} help-id="bulb-setup">
          <button slot="escalation" id="chat">Chat with support</button>
        </nexus-guided-path>`,
      );
      await shows(el, 'step');
      for (const move of route) await (move === 'next' ? click(el, 'next-button') : click(el, 'choice', move));
      expect(el.currentStepId).to.equal(stepId);

      const escalated = oneEvent(el, 'nexus-escalate');
      await click(el, 'choice', choice);
      expect((await escalated).detail).to.deep.equal({ pathId: bulbSetup.id, stepId });
      await shows(el, 'escalated');
      expect(has(el, 'feedback'), 'escalate goes straight to the outcome').to.equal(false);
      const chat = el.querySelector('#chat')!;
      expect(el.shadowRoot!.querySelector<HTMLSlotElement>('slot[name="escalation"]')!.assignedElements().map((e) => e.id)).to.deep.equal(['chat']);
      expect(chat.getBoundingClientRect().height).to.be.greaterThan(0);

      // Back from there returns to the step that escalated.
      await click(el, 'back-button');
      await shows(el, 'step');
      expect(el.currentStepId).to.equal(stepId);
    });
  });

  describe('restart and the public API', () => {
    it('Start over returns to the first step with a fresh history', async () => {
      const log = recorder();
      const el = await fixture<NexusGuidedPath>(
        html`<nexus-guided-path server=${env.server} token=${env.tokens.demo} help-id="bulb-reset" @nexus-step-change=${log.handler}></nexus-guided-path>`,
      );
      await shows(el, 'step');
      for (let k = 0; k < bulbReset.steps.length; k++) await click(el, 'next-button');
      await click(el, 'resolved-button');
      await shows(el, 'resolved');
      log.clear();

      await click(el, 'restart-button');
      await shows(el, 'step');
      expect(el.currentStepId).to.equal(bulbReset.steps[0].id);
      expect(el.stepIndex).to.equal(0);
      expect(text(part(el, 'progress'))).to.equal(`Step 1 of ${bulbReset.steps.length}`);
      expect(part<HTMLButtonElement>(el, 'back-button')!.disabled).to.equal(true);
      expect(focusedPart(el)).to.equal('step-title');
      await until(() => log.events.length, 'a step-change event');
      expect(log.of('nexus-step-change')).to.deep.equal([{ pathId: bulbReset.id, stepId: bulbReset.steps[0].id, index: 0, total: bulbReset.steps.length }]);
    });

    it('next(), back(), choose() and restart() drive the walk from code without moving focus', async () => {
      const el = await fixture<NexusGuidedPath>(
        html`<nexus-guided-path server=${env.server} token=${env.tokens.demo} help-id="bulb-setup"></nexus-guided-path>`,
      );
      await shows(el, 'step');
      const first = el.currentStepId!;
      el.choose(0); // not a branching step (or a wrong index): nothing happens unless it is one
      el.back(); // on the first step: nothing happens
      await el.updateComplete;
      while (!stepOf(bulbSetup, el.currentStepId!).choices) {
        el.next();
        await el.updateComplete;
      }
      const question = stepOf(bulbSetup, el.currentStepId!);
      const index = el.stepIndex;
      el.next(); // a branching step has no Next
      el.choose(99);
      await el.updateComplete;
      expect(el.currentStepId).to.equal(question.id);
      const target = question.choices!.findIndex((c) => c.next !== 'resolved' && c.next !== 'escalate');
      el.choose(target);
      await el.updateComplete;
      expect(el.currentStepId).to.equal(question.choices![target].next);
      expect(el.stepIndex).to.equal(index + 1);
      el.back();
      await el.updateComplete;
      expect(el.currentStepId).to.equal(question.id);
      el.restart();
      await el.updateComplete;
      expect(el.currentStepId).to.equal(first);
      expect(el.stepIndex).to.equal(0);
      expect(focusedPart(el)).to.equal(null);
    });
  });
});
