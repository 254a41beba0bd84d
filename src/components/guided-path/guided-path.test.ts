import { ContextProvider } from '@lit/context';
import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import { render, type TemplateResult } from 'lit';
import { env, expectReadOnlyState, freshKey, sleep, until } from '../../../test/browser/env.js';
import { NexusClient, memoryStorage, type GuidedPath, type Step } from '../../core/index.js';
import { clientContext } from '../shared/context.js';
import { defaultStrings } from '../../i18n/strings-all.js';
import './guided-path.js';
import type { NexusGuidedPath } from './guided-path.js';

// ---------------------------------------------------------------------------------------------
// Helpers

type Recorded = { type: string; detail: Record<string, unknown> };

/** Collects the element's events; bound in the template so that none is missed. */
function recorder() {
  const events: Recorded[] = [];
  const handler = (e: Event) => events.push({ type: e.type, detail: (e as CustomEvent).detail });
  return {
    events,
    handler,
    of: (type: string) => events.filter((e) => e.type === type).map((e) => e.detail),
    clear: () => events.splice(0),
  };
}

function part<T extends HTMLElement = HTMLElement>(el: NexusGuidedPath, name: string): T | null {
  return el.shadowRoot!.querySelector<T>(`[part~="${name}"]`);
}

function parts<T extends HTMLElement = HTMLElement>(el: NexusGuidedPath, name: string): T[] {
  return [...el.shadowRoot!.querySelectorAll<T>(`[part~="${name}"]`)];
}

/** Whether the part is rendered. Assertions compare strings and booleans, never DOM nodes. */
function has(el: NexusGuidedPath, name: string): boolean {
  return part(el, name) !== null;
}

/** The part attribute of the focused element inside the element, or null. */
function focusedPart(el: NexusGuidedPath): string | null {
  return el.shadowRoot!.activeElement?.getAttribute('part') ?? null;
}

function text(node: Element | null): string {
  return (node?.textContent ?? '').replace(/\s+/g, ' ').trim();
}

async function shows(el: NexusGuidedPath, state: string): Promise<void> {
  await until(() => el.getAttribute('state') === state, `state ${state} (now ${el.getAttribute('state')})`);
  await el.updateComplete;
}

async function click(el: NexusGuidedPath, name: string, index = 0): Promise<void> {
  const button = parts<HTMLButtonElement>(el, name)[index];
  expect(Boolean(button), `button ${name}[${index}]`).to.equal(true);
  button.click();
  await el.updateComplete;
}

/** A client of its own (fresh consumer, memory storage), so activity is not shared with other tests. */
function isolatedClient(token = env.tokens.demo): NexusClient {
  return new NexusClient({ server: env.server, token, consumerKey: freshKey(), storage: memoryStorage() });
}

/** Renders `template` inside a host that provides `client` to it. */
async function provided(client: NexusClient, template: TemplateResult): Promise<NexusGuidedPath> {
  const host = await fixture<HTMLDivElement>(html`<div></div>`);
  new ContextProvider(host, { context: clientContext, initialValue: client });
  render(template, host);
  const el = host.querySelector('nexus-guided-path')!;
  await el.updateComplete;
  return el;
}

function stepOf(path: GuidedPath, id: string): Step {
  const step = path.steps.find((s) => s.id === id);
  if (!step) throw new Error(`no step ${id}`);
  return step;
}

/** Fewest steps from `id` to an end, counting it (independent of the element's own code). */
function shortestToEnd(path: GuidedPath, id: string): number {
  let frontier = [id];
  const seen = new Set(frontier);
  for (let d = 1; frontier.length; d++) {
    const next: string[] = [];
    for (const sid of frontier) {
      const step = stepOf(path, sid);
      const targets = step.choices ? step.choices.map((c) => c.next) : [step.next ?? path.steps[path.steps.indexOf(step) + 1]?.id ?? 'end'];
      for (const t of targets) {
        if (t === 'end' || t === 'resolved' || t === 'escalate') return d;
        if (!seen.has(t)) {
          seen.add(t);
          next.push(t);
        }
      }
    }
    frontier = next;
  }
  return 1;
}

/** The ids of the choices to take from the first step to a step with a choice leading to `escalate`. */
function routeToEscalation(path: GuidedPath): { route: Array<number | 'next'>; stepId: string; choice: number } {
  const first = path.firstStep ?? path.steps[0].id;
  const queue: Array<{ id: string; route: Array<number | 'next'> }> = [{ id: first, route: [] }];
  const seen = new Set([first]);
  while (queue.length) {
    const { id, route } = queue.shift()!;
    const step = stepOf(path, id);
    const escalate = step.choices?.findIndex((c) => c.next === 'escalate') ?? -1;
    if (escalate >= 0) return { route, stepId: id, choice: escalate };
    const moves: Array<[number | 'next', string | undefined]> = step.choices
      ? step.choices.map((c, i) => [i, c.next])
      : [['next', step.next ?? path.steps[path.steps.indexOf(step) + 1]?.id]];
    for (const [move, target] of moves) {
      if (target && target !== 'resolved' && target !== 'escalate' && !seen.has(target)) {
        seen.add(target);
        queue.push({ id: target, route: [...route, move] });
      }
    }
  }
  throw new Error('the path has no choice that escalates');
}

// ---------------------------------------------------------------------------------------------

describe('<nexus-guided-path>', () => {
  let bulbReset: GuidedPath;
  let bulbSetup: GuidedPath;

  before(async () => {
    const client = isolatedClient();
    [bulbReset, bulbSetup] = await Promise.all([client.selfHelp.byHelpId('bulb-reset'), client.selfHelp.byHelpId('bulb-setup')]);
    await client.destroy();
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
