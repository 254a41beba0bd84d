import { html, nothing, type PropertyValues } from 'lit';
import { property, state } from '../shared/decorators.js';
import { styleMap } from 'lit/directives/style-map.js';
import { unsafeHTML } from 'lit/directives/unsafe-html.js';
import type { ActivityKind, ActivitySource, GuidedPath, Step } from '../../protocol/schemas.js';
import { define } from '../shared/define.js';
import { icon, backIcon, chevronIcon } from '../shared/icons.js';
import { checkIcon, restartIcon } from '../shared/icons-actions.js';
import { Loader, nothingToLoad } from '../shared/loader.js';
import { NexusElement } from '../shared/nexus-element.js';
import '../../i18n/strings-guide.js';
import { guidedPathStyles } from './guided-path.styles.js';
import { stepContentStyles } from './step-content.styles.js';

/** What a guided path is showing; reflected as the `state` attribute. */
export type GuidedPathState = 'loading' | 'step' | 'feedback' | 'resolved' | 'escalated' | 'error';

type View = 'step' | 'feedback' | 'resolved' | 'escalated';

/** One person's walk through one path. `history` holds the ids of the steps shown, in order. */
interface Walk {
  path: GuidedPath;
  history: string[];
  view: View;
  /** Where Back leads from the escalated view. */
  escalatedFrom?: 'step' | 'feedback';
}

/** Where a step leads: another step, one of the two outcomes, or the end of the path. */
type Target = { step: Step } | { outcome: 'resolved' | 'escalate' } | { end: true };

/** Where focus goes after the next render, when the person caused the change. */
type FocusTarget = 'step-title' | 'feedback' | 'outcome-title';

/** Every part of the element (what a container re-exports with `exportparts`). */
export const GUIDED_PATH_PARTS = [
  'base',
  'header',
  'title',
  'progress',
  'progress-bar',
  'step',
  'step-title',
  'step-body',
  'choices',
  'choice',
  'nav',
  'back-button',
  'next-button',
  'feedback',
  'feedback-question',
  'resolved-button',
  'escalate-button',
  'outcome',
  'outcome-title',
  'outcome-body',
  'restart-button',
  'loading',
  'error',
  'retry-button',
] as const;

/**
 * Walks a person through a guided path, one step at a time: each step's title and body, then
 * either answer buttons (a branching step) or Next. Back retraces the steps the person actually
 * took. After the last step the element asks whether the problem is solved; "no" (or a step
 * that leads to `escalate`) shows the escalated view, where the page puts contact options in the
 * `escalation` slot.
 *
 * The path comes from the `path` property (shown as given, with no request), else from
 * `path-id`, else from `help-id`. Step bodies are HTML from the content author; the element
 * sanitizes them (no scripts, event handlers, frames, embedded objects, forms, inline styles or
 * `javascript:` links, and links open in a new tab) before rendering them.
 *
 * Progress reads "Step 2 of 5". On a linear path it is exact. On a branching path the total is
 * an estimate: the steps taken so far plus the fewest steps from the current one to an end, so
 * it can grow when the person takes a longer branch.
 *
 * Navigating with the buttons moves focus to the new step's title (or to the question, or the
 * outcome), and a polite live region announces the progress. The methods `next()`, `back()`,
 * `choose()` and `restart()` do the same for code, without moving focus.
 *
 * @summary A step-by-step troubleshooting guide.
 * @tag nexus-guided-path
 *
 * @attr state - Read-only, reflected: `loading`, `step`, `feedback`, `resolved`, `escalated` or `error`.
 *
 * @slot escalation - Shown in the escalated view: ways to reach a person (for example `<nexus-contact-us>`).
 *
 * @csspart base - The wrapper around everything.
 * @csspart header - The path title, progress text and progress bar.
 * @csspart title - The path title.
 * @csspart progress - The progress text ("Step 2 of 5").
 * @csspart progress-bar - The visual progress bar (hidden from assistive technology).
 * @csspart step - The current step.
 * @csspart step-title - The step's title (receives focus after the person moves to it).
 * @csspart step-body - The step's sanitized HTML.
 * @csspart choices - The group of answer buttons of a branching step.
 * @csspart choice - One answer button.
 * @csspart nav - The row with Back and Next (or Back and Start over).
 * @csspart back-button - The Back button.
 * @csspart next-button - The Next button.
 * @csspart feedback - The "Did this solve your problem?" question and its answers.
 * @csspart feedback-question - The question itself.
 * @csspart resolved-button - The "yes, it is solved" answer.
 * @csspart escalate-button - The "no, I still need help" answer.
 * @csspart outcome - The resolved or escalated view.
 * @csspart outcome-title - The outcome's title.
 * @csspart outcome-body - The outcome's text.
 * @csspart restart-button - The Start over button.
 * @csspart loading - The loading state.
 * @csspart error - The error state.
 * @csspart retry-button - The error state's retry button.
 *
 * @cssprop --nexus-guided-path-background - Background of the whole guide.
 * @cssprop --nexus-guided-path-step-background - Background of the step panel.
 * @cssprop --nexus-guided-path-progress-color - Filled part of the progress bar.
 * @cssprop --nexus-guided-path-progress-track-color - Unfilled part of the progress bar.
 * @cssprop --nexus-guided-path-progress-height - Thickness of the progress bar.
 * @cssprop --nexus-guided-path-choice-background - Background of an answer button.
 * @cssprop --nexus-guided-path-choice-hover-background - Background of an answer button under the pointer.
 * @cssprop --nexus-guided-path-link-color - Colour of links in step bodies.
 * @cssprop --nexus-guided-path-code-background - Background of code and keys in step bodies.
 *
 * @fires nexus-path-open - A path was loaded (or set) and its first step shown.
 * @fires nexus-step-change - Another step is shown (also the first one, and after Back or Start over).
 * @fires nexus-resolved - The person said the path solved the problem, or reached a step that resolves it.
 * @fires nexus-escalate - The person needs more help: answered "no", or took a choice that escalates.
 * @fires nexus-error - Loading the path failed; the element shows the error.
 */
export class NexusGuidedPath extends NexusElement {
  static override styles = [...NexusElement.styles, stepContentStyles, guidedPathStyles];

  /** Id of the path to show. */
  @property({ attribute: 'path-id' }) pathId?: string;

  /** A help-id naming the path to show (used when `path-id` is not set). */
  @property({ attribute: 'help-id' }) helpId?: string;

  /** The path itself, shown without loading anything. Takes precedence over `path-id` and `help-id`. */
  @property({ attribute: false }) path?: GuidedPath;

  /**
   * Where the path was opened from, recorded with its start for the tenant's analytics:
   * `recommended` or `search` (`<nexus-self-help>` sets it when the person picks a path from those
   * lists). A path loaded by `help-id` alone counts as opened by its help-id.
   */
  @property({ attribute: 'opened-from' }) openedFrom?: ActivitySource;

  /** Level of the path title's heading (1–6); step titles are one level below. */
  @property({ type: Number, attribute: 'heading-level' }) headingLevel = 2;

  /** URL of a stylesheet for the HTML of the steps (default: the client's `stepContentThemeUrl`). */
  @property({ attribute: 'step-content-theme-url' }) stepContentThemeUrl?: string;

  @state() private walk?: Walk;
  @state() private announcement = '';

  private focusAfterUpdate?: FocusTarget;
  private byPerson = false;
  private queuedEvents: Array<() => void> = [];

  private readonly loader = new Loader(this, {
    load: async ([client, pathId, helpId, path], signal) => {
      if (path || !client) return nothingToLoad;
      const id = pathId?.trim();
      const help = helpId?.trim();
      const ready = loadSanitizer();
      let loaded: GuidedPath | typeof nothingToLoad = nothingToLoad;
      if (id) loaded = await client.selfHelp.byPathId(id, { signal });
      else if (help) loaded = await client.selfHelp.byHelpId(help, { signal });
      await ready;
      return loaded;
    },
    args: () => [this.client, this.pathId, this.helpId, this.path] as const,
    onComplete: (path) => this.begin(path),
    onError: (error) => this.reportError(error),
  });

  /** What the element shows: `loading`, `step`, `feedback`, `resolved`, `escalated` or `error`. */
  get state(): GuidedPathState {
    return this.shownState as GuidedPathState;
  }

  /** Id of the step shown (in the feedback and outcome views: the last step shown). */
  get currentStepId(): string | undefined {
    return this.walk?.history.at(-1);
  }

  /** Position of the current step in the person's walk, from 0; -1 before a path is shown. */
  get stepIndex(): number {
    return this.walk ? this.walk.history.length - 1 : -1;
  }

  /** Goes on from a linear step (one without choices). Does nothing on a branching step. */
  next(): void {
    const step = this.currentStep();
    if (!step || this.walk?.view !== 'step' || step.choices?.length) return;
    this.go(this.linearTarget(step));
  }

  /** Takes the answer at `index` (from 0) of a branching step. */
  choose(index: number): void {
    const step = this.currentStep();
    const choice = this.walk?.view === 'step' ? step?.choices?.[index] : undefined;
    if (!choice) return;
    this.go(this.resolveTarget(choice.next));
  }

  /** Goes back one place in the person's walk: to the previous step, or from the question or the escalated view to where the person came from. */
  back(): void {
    const walk = this.walk;
    if (!walk) return;
    if (walk.view === 'feedback' || (walk.view === 'escalated' && walk.escalatedFrom !== 'feedback')) {
      this.walk = { ...walk, view: 'step', escalatedFrom: undefined };
      this.stepShown();
      this.moveFocus('step-title');
    } else if (walk.view === 'escalated') {
      this.walk = { ...walk, view: 'feedback', escalatedFrom: undefined };
      this.moveFocus('feedback');
    } else if (walk.view === 'step' && walk.history.length > 1) {
      this.walk = { ...walk, history: walk.history.slice(0, -1) };
      this.stepShown();
      this.moveFocus('step-title');
    }
  }

  /** Starts the path again from its first step. */
  restart(): void {
    const walk = this.walk;
    if (!walk) return;
    this.walk = { path: walk.path, history: [firstStepOf(walk.path).id], view: 'step' };
    this.stepShown();
    this.moveFocus('step-title');
  }

  override connectedCallback(): void {
    if (!sanitizer) void loadSanitizer().then(() => this.requestUpdate());
    // A path given as a property needs no client, so no configuration error either.
    this.needsClient = !this.path;
    super.connectedCallback();
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    this.needsClient = !this.path;
    super.willUpdate(changed);
    if (changed.has('path') && this.path) this.begin(this.path);
  }

  /** The state follows what this update will show (see `NexusBase.deriveState`). */
  protected override deriveState(): GuidedPathState {
    const walk = this.readyWalk();
    return this.baseState ?? (walk ? walk.view : this.loader.status === 'error' ? 'error' : 'loading');
  }

  /** The walk, once its path is the one to show (given, or loaded for the current source). */
  private readyWalk(): Walk | undefined {
    const walk = this.walk;
    const ready = walk && (this.path ? walk.path === this.path : this.loader.status === 'complete' && walk.path === this.loader.value);
    return ready ? walk : undefined;
  }

  protected override renderContent() {
    const walk = this.readyWalk();
    const ready = walk !== undefined;
    const loading = !ready && this.hasSource() && (this.loader.status === 'pending' || this.loader.status === 'initial');
    return html`<section
      part="base"
      class="base"
      aria-labelledby=${ready ? 'title' : nothing}
      aria-busy=${loading ? 'true' : 'false'}
    >
      ${ready
        ? this.renderWalk(walk)
        : this.loader.render({
            initial: () => (this.hasSource() ? this.renderLoading() : nothing),
            pending: () => this.renderLoading(),
            complete: () => this.renderLoading(),
            error: (error) => this.renderError(error, isNotFound(error) ? undefined : () => void this.loader.run()),
          })}
    </section>`;
  }

  /** A path given as a property needs no client: a missing one is then not worth an error. */
  protected override reportError(error: unknown): void {
    if (!this.needsClient && !this.client) return;
    super.reportError(error);
  }

  protected override updated(changed: PropertyValues<this>): void {
    super.updated(changed);
    const focus = this.focusAfterUpdate;
    this.focusAfterUpdate = undefined;
    if (focus) this.renderRoot.querySelector<HTMLElement>(`[data-focus="${focus}"]`)?.focus();
    const events = this.queuedEvents.splice(0);
    events.forEach((send) => send());
  }

  // -------------------------------------------------------------------------------------------
  // Rendering

  private renderWalk(walk: Walk) {
    const contentTheme = this.stepContentThemeUrl ?? this.client?.branding.stepContentThemeUrl;
    const level = clampLevel(this.headingLevel);
    const sub = Math.min(6, level + 1);
    const progress = walk.view === 'step' ? progressOf(walk) : undefined;
    return html`${contentTheme ? html`<link rel="stylesheet" href=${contentTheme} />` : nothing}
      <header part="header" class="header">
        <div part="title" class="title" id="title" role="heading" aria-level=${level}>${walk.path.title}</div>
        ${progress
          ? html`<p part="progress" class="progress">${this.t('guideProgress', progress)}</p>
              <div part="progress-bar" class="bar" aria-hidden="true">
                <div class="bar-fill" style=${styleMap({ inlineSize: `${(progress.current / progress.total) * 100}%` })}></div>
              </div>`
          : nothing}
      </header>
      ${walk.view === 'step'
        ? this.renderStep(walk, sub)
        : walk.view === 'feedback'
          ? this.renderFeedback(sub)
          : this.renderOutcome(walk.view, sub)}
      <div class="visually-hidden" role="status" aria-live="polite" aria-atomic="true">${this.announcement}</div>`;
  }

  private renderStep(walk: Walk, level: number) {
    const step = stepById(walk.path, walk.history.at(-1)!)!;
    const choices = step.choices ?? [];
    return html`<section part="step" class="step" aria-labelledby="step-title">
      <div part="step-title" class="step-title" id="step-title" role="heading" aria-level=${level} tabindex="-1" data-focus="step-title">
        ${step.title}
      </div>
      <div part="step-body" class="step-body nexus-step-content">${sanitizer ? unsafeHTML(sanitizer.sanitizedBody(step)) : this.renderLoading()}</div>
      ${choices.length
        ? html`<div part="choices" class="choices" role="group" aria-label=${this.t('guideChoose')}>
            ${choices.map(
              (choice, index) => html`<button part="choice" class="choice" @click=${() => this.person(() => this.choose(index))}>
                <span class="choice-label">${choice.label}</span>${icon(chevronIcon)}
              </button>`,
            )}
          </div>`
        : nothing}
      <div part="nav" class="nav">
        <button part="back-button" class="button" ?disabled=${walk.history.length < 2} @click=${() => this.person(() => this.back())}>
          ${icon(backIcon)}${this.t('guideBack')}
        </button>
        ${choices.length
          ? nothing
          : html`<button part="next-button" class="button primary" @click=${() => this.person(() => this.next())}>
              ${this.t('guideNext')}${icon(chevronIcon)}
            </button>`}
      </div>
    </section>`;
  }

  private renderFeedback(level: number) {
    return html`<section part="feedback" class="feedback" aria-labelledby="feedback-question">
      <div part="feedback-question" class="question" id="feedback-question" role="heading" aria-level=${level} tabindex="-1" data-focus="feedback">
        ${this.t('guideSolvedQuestion')}
      </div>
      <div class="answers">
        <button part="resolved-button" class="button primary" @click=${() => this.person(() => this.answer(true))}>
          ${icon(checkIcon)}${this.t('guideSolvedYes')}
        </button>
        <button part="escalate-button" class="button" @click=${() => this.person(() => this.answer(false))}>
          ${this.t('guideSolvedNo')}
        </button>
      </div>
      <div part="nav" class="nav">
        <button part="back-button" class="button" @click=${() => this.person(() => this.back())}>${icon(backIcon)}${this.t('guideBack')}</button>
      </div>
    </section>`;
  }

  private renderOutcome(view: 'resolved' | 'escalated', level: number) {
    const resolved = view === 'resolved';
    return html`<section part="outcome" class="outcome ${view}" aria-labelledby="outcome-title">
      ${resolved ? html`<span class="outcome-icon">${icon(checkIcon)}</span>` : nothing}
      <div part="outcome-title" class="outcome-title" id="outcome-title" role="heading" aria-level=${level} tabindex="-1" data-focus="outcome-title">
        ${this.t(resolved ? 'guideResolvedTitle' : 'guideEscalateTitle')}
      </div>
      <p part="outcome-body" class="outcome-body">${this.t(resolved ? 'guideResolvedBody' : 'guideEscalateBody')}</p>
      ${resolved ? nothing : html`<div class="escalation"><slot name="escalation"></slot></div>`}
      <div part="nav" class="nav">
        ${resolved
          ? nothing
          : html`<button part="back-button" class="button" @click=${() => this.person(() => this.back())}>${icon(backIcon)}${this.t('guideBack')}</button>`}
        <button part="restart-button" class="button" @click=${() => this.person(() => this.restart())}>
          ${icon(restartIcon)}${this.t('guideRestart')}
        </button>
      </div>
    </section>`;
  }

  // -------------------------------------------------------------------------------------------
  // The walk

  /** Starts a walk through a newly loaded (or set) path. */
  private begin(path: GuidedPath): void {
    if (!path?.steps?.length) return;
    this.walk = { path, history: [firstStepOf(path).id], view: 'step' };
    this.announcement = '';
    this.focusAfterUpdate = undefined;
    const byHelpId = !this.path && !this.pathId?.trim() && Boolean(this.helpId?.trim());
    this.track(path.id, 'started', undefined, this.openedFrom ?? (byHelpId ? 'help-id' : undefined));
    this.queue(() => this.emit('nexus-path-open', { pathId: path.id, title: path.title, stepCount: path.steps.length }));
    this.stepShown(false);
  }

  /** Moves to where a step leads. */
  private go(target: Target): void {
    const walk = this.walk;
    if (!walk) return;
    if ('step' in target) {
      this.walk = { ...walk, history: [...walk.history, target.step.id] };
      this.stepShown();
      this.moveFocus('step-title');
    } else if ('end' in target) {
      this.walk = { ...walk, view: 'feedback' };
      this.announcement = '';
      this.moveFocus('feedback');
    } else {
      this.finish(target.outcome === 'resolved', 'step');
    }
  }

  /** The answer to "did this solve your problem?". */
  private answer(solved: boolean): void {
    if (this.walk?.view !== 'feedback') return;
    this.finish(solved, 'feedback');
  }

  private finish(resolved: boolean, from: 'step' | 'feedback'): void {
    const walk = this.walk!;
    const pathId = walk.path.id;
    const stepId = walk.history.at(-1)!;
    this.walk = { ...walk, view: resolved ? 'resolved' : 'escalated', escalatedFrom: resolved ? undefined : from };
    this.announcement = '';
    this.moveFocus('outcome-title');
    this.track(pathId, resolved ? 'resolved' : 'escalated', stepId);
    this.queue(() => (resolved ? this.emit('nexus-resolved', { pathId, stepId }) : this.emit('nexus-escalate', { pathId, stepId })));
  }

  /** Records, announces and reports the step now current. */
  private stepShown(announce = true): void {
    const walk = this.walk!;
    const stepId = walk.history.at(-1)!;
    const progress = progressOf(walk);
    this.track(walk.path.id, 'step', stepId);
    const detail = { pathId: walk.path.id, stepId, index: walk.history.length - 1, total: progress.total };
    this.queue(() => this.emit('nexus-step-change', detail));
    if (announce) void this.announce(this.t('guideProgress', progress));
  }

  /** Runs a change the person made with a button: only those move focus, not calls from code. */
  private person(change: () => void): void {
    this.byPerson = true;
    try {
      change();
    } finally {
      this.byPerson = false;
    }
  }

  private moveFocus(target: FocusTarget): void {
    if (this.byPerson) this.focusAfterUpdate = target;
  }

  private async announce(text: string): Promise<void> {
    // Clear first, so that the same text (Back to an equal count) is announced again.
    if (this.announcement === text) {
      this.announcement = '';
      await this.updateComplete;
    }
    this.announcement = text;
  }

  private currentStep(): Step | undefined {
    const walk = this.walk;
    const id = walk?.history.at(-1);
    return walk && id ? stepById(walk.path, id) : undefined;
  }

  private linearTarget(step: Step): Target {
    if (step.next) return this.resolveTarget(step.next);
    const steps = this.walk!.path.steps;
    const following = steps[steps.indexOf(step) + 1];
    return following ? { step: following } : { end: true };
  }

  private resolveTarget(next: string): Target {
    if (next === 'resolved' || next === 'escalate') return { outcome: next };
    const step = stepById(this.walk!.path, next);
    return step ? { step } : { end: true };
  }

  private hasSource(): boolean {
    return Boolean(this.path || this.pathId?.trim() || this.helpId?.trim());
  }

  private track(pathId: string, event: ActivityKind, stepId?: string, source?: ActivitySource): void {
    try {
      this.client?.selfHelp.track(pathId, event, stepId, source);
    } catch {
      // A path set as a property may carry an id the server would refuse; nothing to record then.
    }
  }

  /** Events go out after the render, so listeners see the element in its new state. */
  private queue(send: () => void): void {
    this.queuedEvents.push(send);
  }
}

// ---------------------------------------------------------------------------------------------
// Path helpers

function stepById(path: GuidedPath, id: string): Step | undefined {
  return path.steps.find((step) => step.id === id);
}

function firstStepOf(path: GuidedPath): Step {
  return (path.firstStep && stepById(path, path.firstStep)) || path.steps[0];
}

/** Where a step leads; `null` stands for an end of the path (an outcome or after the last step). */
function successors(path: GuidedPath, step: Step): Array<Step | null> {
  const targets = step.choices?.length ? step.choices.map((c) => c.next) : [step.next];
  return targets.map((next) => {
    if (next === undefined) return path.steps[path.steps.indexOf(step) + 1] ?? null;
    if (next === 'resolved' || next === 'escalate') return null;
    return stepById(path, next) ?? null;
  });
}

/** Fewest steps from `from` to an end, counting `from` itself (breadth-first search). */
function stepsToEnd(path: GuidedPath, from: Step): number {
  const seen = new Set<Step>([from]);
  let frontier = [from];
  for (let distance = 1; frontier.length; distance++) {
    const nextFrontier: Step[] = [];
    for (const step of frontier) {
      for (const target of successors(path, step)) {
        if (target === null) return distance;
        if (!seen.has(target)) {
          seen.add(target);
          nextFrontier.push(target);
        }
      }
    }
    frontier = nextFrontier;
  }
  // A loop with no way out (broken content): count only the current step.
  return 1;
}

/**
 * "Step current of total": current is how many steps the person has seen in this walk, total
 * adds the shortest way from here to an end, so a linear path reads exactly k of n.
 */
function progressOf(walk: Walk): { current: number; total: number } {
  const current = walk.history.length;
  const step = stepById(walk.path, walk.history.at(-1)!);
  const total = current - 1 + (step ? stepsToEnd(walk.path, step) : 1);
  return { current, total };
}

function clampLevel(level: number): number {
  return Math.min(6, Math.max(1, Math.round(level) || 2));
}

function isNotFound(error: unknown): boolean {
  return typeof error === 'object' && error !== null && (error as { status?: unknown }).status === 404;
}

// ---------------------------------------------------------------------------------------------
// Step HTML

/**
 * The sanitizer (DOMPurify) is a chunk of its own, loaded when a guided path is first needed —
 * in parallel with the path itself — so pages that show only search and lists never load it.
 */
let sanitizer: typeof import('./sanitize.js') | undefined;
let sanitizerLoading: Promise<unknown> | undefined;
function loadSanitizer(): Promise<unknown> {
  return (sanitizerLoading ??= import('./sanitize.js').then((module) => (sanitizer = module)));
}

define('nexus-guided-path', NexusGuidedPath);

declare global {
  interface HTMLElementTagNameMap {
    'nexus-guided-path': NexusGuidedPath;
  }
}
