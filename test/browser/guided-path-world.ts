import { ContextProvider } from '@lit/context';
import { expect, fixture, html } from '@open-wc/testing';
import { render, type TemplateResult } from 'lit';
import { env, freshKey, until } from './env.js';
import { NexusClient, memoryStorage, type GuidedPath, type Step } from '../../src/core/index.js';
import { clientContext } from '../../src/components/shared/context.js';
import type { NexusGuidedPath } from '../../src/components/guided-path/guided-path.js';
// ---------------------------------------------------------------------------------------------
// Helpers of the guided path's browser tests (guided-path*.test.ts)

export type Recorded = { type: string; detail: Record<string, unknown> };

/** Collects the element's events; bound in the template so that none is missed. */
export function recorder() {
  const events: Recorded[] = [];
  const handler = (e: Event) => events.push({ type: e.type, detail: (e as CustomEvent).detail });
  return {
    events,
    handler,
    of: (type: string) => events.filter((e) => e.type === type).map((e) => e.detail),
    clear: () => events.splice(0),
  };
}

export function part<T extends HTMLElement = HTMLElement>(el: NexusGuidedPath, name: string): T | null {
  return el.shadowRoot!.querySelector<T>(`[part~="${name}"]`);
}

export function parts<T extends HTMLElement = HTMLElement>(el: NexusGuidedPath, name: string): T[] {
  return [...el.shadowRoot!.querySelectorAll<T>(`[part~="${name}"]`)];
}

/** Whether the part is rendered. Assertions compare strings and booleans, never DOM nodes. */
export function has(el: NexusGuidedPath, name: string): boolean {
  return part(el, name) !== null;
}

/** The part attribute of the focused element inside the element, or null. */
export function focusedPart(el: NexusGuidedPath): string | null {
  return el.shadowRoot!.activeElement?.getAttribute('part') ?? null;
}

export function text(node: Element | null): string {
  return (node?.textContent ?? '').replace(/\s+/g, ' ').trim();
}

export async function shows(el: NexusGuidedPath, state: string): Promise<void> {
  await until(() => el.getAttribute('state') === state, `state ${state} (now ${el.getAttribute('state')})`);
  await el.updateComplete;
}

export async function click(el: NexusGuidedPath, name: string, index = 0): Promise<void> {
  const button = parts<HTMLButtonElement>(el, name)[index];
  expect(Boolean(button), `button ${name}[${index}]`).to.equal(true);
  button.click();
  await el.updateComplete;
}

/** A client of its own (fresh consumer, memory storage), so activity is not shared with other tests. */
export function isolatedClient(token = env.tokens.demo): NexusClient {
  return new NexusClient({ server: env.server, token, consumerKey: freshKey(), storage: memoryStorage() });
}

/** Renders `template` inside a host that provides `client` to it. */
export async function provided(client: NexusClient, template: TemplateResult): Promise<NexusGuidedPath> {
  const host = await fixture<HTMLDivElement>(html`<div></div>`);
  new ContextProvider(host, { context: clientContext, initialValue: client });
  render(template, host);
  const el = host.querySelector('nexus-guided-path')!;
  await el.updateComplete;
  return el;
}

export function stepOf(path: GuidedPath, id: string): Step {
  const step = path.steps.find((s) => s.id === id);
  if (!step) throw new Error(`no step ${id}`);
  return step;
}

/** Fewest steps from `id` to an end, counting it (independent of the element's own code). */
export function shortestToEnd(path: GuidedPath, id: string): number {
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
export function routeToEscalation(path: GuidedPath): { route: Array<number | 'next'>; stepId: string; choice: number } {
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


/** The demo paths the tests walk: 'bulb-reset' (linear) and 'bulb-setup' (branching). */
export async function demoPaths(): Promise<{ bulbReset: GuidedPath; bulbSetup: GuidedPath }> {
  const client = isolatedClient();
  const [bulbReset, bulbSetup] = await Promise.all([client.selfHelp.byHelpId('bulb-reset'), client.selfHelp.byHelpId('bulb-setup')]);
  await client.destroy();
  return { bulbReset, bulbSetup };
}
