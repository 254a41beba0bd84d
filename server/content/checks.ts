/**
 * The checks a draft passes before it is published (server/admin/content.ts): ids and targets,
 * reachability, loops with no way out, empty steps, the category, values listed twice, and
 * help-ids another path holds. The schema (GuidedPath) is checked before; these are the rules it
 * cannot express. Each problem names its check (PUBLISH_CHECKS), a JSON pointer into the path,
 * and the step and choice at fault.
 */
import { OUTCOMES } from '../../src/protocol/api.js';
import type { PublishCheck } from '../../src/protocol/authoring.js';
import type { GuidedPath, Step } from '../../src/protocol/schemas.js';
import type { ErrorDetail } from '../errors.js';
import { htmlToText } from '../text.js';

export interface PublishProblem extends ErrorDetail {
  code: PublishCheck;
}

export interface CheckContext {
  /** The tenant's category ids. */
  categories: ReadonlySet<string>;
  /** Other paths holding help-ids this one lists (their published versions). */
  holders: readonly { helpId: string; pathId: string }[];
  /** The publish moves help-ids other paths hold: those are no problem. */
  moveHelpIds: boolean;
}

const isOutcome = (target: string) => (OUTCOMES as readonly string[]).includes(target);

/** Where each step leads: its choices (with their index), else `next`, else the following step, and the last one ends the path. */
function targets(steps: Step[], i: number): { target: string; choice?: number }[] {
  const step = steps[i];
  if (step.choices) return step.choices.map((c, choice) => ({ target: c.next, choice }));
  return [{ target: step.next ?? steps[i + 1]?.id ?? OUTCOMES[0] }];
}

/** A step with no text and no image shows the customer nothing. */
const isEmpty = (step: Step) => htmlToText(step.body).trim() === '' && !/<img\b/i.test(step.body);

/** Every problem of the path; none: it may be published. */
export function publishChecks(path: GuidedPath, context: CheckContext): PublishProblem[] {
  const problems: PublishProblem[] = [];
  const add = (code: PublishCheck, at: string, message: string, where: { step?: string; choice?: number } = {}) =>
    problems.push({ path: at, code, message, ...where });
  const index = new Map<string, number>();
  path.steps.forEach((step, i) => {
    if (index.has(step.id)) add('step_id_duplicate', `/steps/${i}/id`, `two steps have the id '${step.id}'`, { step: step.id });
    else index.set(step.id, i);
  });
  const first = path.firstStep ?? path.steps[0].id;
  if (!index.has(first)) add('first_step_missing', '/firstStep', `there is no step '${first}' to begin with`);

  // Targets, and the graph of steps they make (a missing target is reported, then left out).
  const edges = path.steps.map((step, i) =>
    targets(path.steps, i).filter(({ target, choice }) => {
      if (isOutcome(target) || index.has(target)) return true;
      const at = choice === undefined ? `/steps/${i}/next` : `/steps/${i}/choices/${choice}/next`;
      const what = choice === undefined ? 'leads' : `choice ${choice + 1} ('${step.choices![choice].label}') leads`;
      add('target_missing', at, `step '${step.id}': ${what} to '${target}', which is no step of this path`, { step: step.id, choice });
      return false;
    }),
  );
  const reached = new Set<number>();
  const queue = index.has(first) ? [index.get(first)!] : [];
  while (queue.length) {
    const i = queue.pop()!;
    if (reached.has(i)) continue;
    reached.add(i);
    for (const { target } of edges[i]) if (!isOutcome(target)) queue.push(index.get(target)!);
  }
  // Steps from which the path can end: an outcome, a target left out above, or such a step, at any distance.
  const canEnd = new Set<number>();
  for (let changed = true; changed; ) {
    changed = false;
    edges.forEach((out, i) => {
      if (canEnd.has(i)) return;
      const ends = out.length < targets(path.steps, i).length || out.some(({ target }) => isOutcome(target) || canEnd.has(index.get(target)!));
      if (!ends) return;
      canEnd.add(i);
      changed = true;
    });
  }
  path.steps.forEach((step, i) => {
    if (index.get(step.id) !== i) return;
    if (!reached.has(i)) add('step_unreachable', `/steps/${i}`, `no way from the first step leads to step '${step.id}'`, { step: step.id });
    else if (!canEnd.has(i)) add('loop_without_exit', `/steps/${i}`, `step '${step.id}' is in a loop with no way out: nothing after it ends the path`, { step: step.id });
    if (isEmpty(step)) add('step_empty', `/steps/${i}/body`, `step '${step.id}' has no text and no image`, { step: step.id });
  });

  if (!context.categories.has(path.category)) add('category_missing', '/category', `there is no category '${path.category}'`);
  // Tags match in any case; help-ids as written (as the import's checks).
  const twice = (values: string[], field: string, what: string, key: (v: string) => string) =>
    values.forEach((v, i) => {
      if (values.findIndex((w) => key(w) === key(v)) !== i) add('duplicate_value', `/${field}/${i}`, `the ${what} '${v}' is listed twice`);
    });
  twice(path.tags, 'tags', 'tag', (v) => v.toLowerCase());
  twice(path.helpIds, 'helpIds', 'help-id', (v) => v);
  if (!context.moveHelpIds) {
    for (const { helpId, pathId } of context.holders) {
      if (pathId === path.id) continue;
      add('help_id_taken', `/helpIds/${path.helpIds.indexOf(helpId)}`, `the help-id '${helpId}' names the path '${pathId}': publish with moveHelpIds to move it here`);
    }
  }
  return problems;
}
