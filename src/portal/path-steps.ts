import { html, nothing, type TemplateResult } from 'lit';
import { ifDefined } from 'lit/directives/if-defined.js';
import { repeat } from 'lit/directives/repeat.js';
import { state } from '../components/shared/decorators.js';
import { errorState, loadingState } from '../components/shared/states.js';
import { OUTCOMES } from '../protocol/api.js';
import type { Choice, GuidedPath, Step } from '../protocol/schemas.js';
import { PortalAdminPage } from './admin-page.js';
import type { ImageUploader } from './rich-text-editor.js';

/** A step as the editor holds it: the step and a key of its own that stays when its id is edited or it moves. */
export interface EditorStep extends Step {
  key: string;
}

/** The path being edited: the path's fields, with its steps as the editor holds them. */
export type Draft = Omit<GuidedPath, 'steps'> & { steps: EditorStep[] };

/** One problem a publish check found (a detail of `publish_checks_failed`: server/content/checks.ts). */
export interface PathProblem {
  code: string;
  message: string;
  path: string;
  step?: string;
  choice?: number;
}

/** What a step id may be (the schema's `Slug`). */
export const STEP_ID = /^[a-z0-9][a-z0-9-]{0,63}$/;
/** At most this many choices per step (the schema's `Choice` list). */
const MAX_CHOICES = 8;
/** At most this many steps per path. */
const MAX_STEPS = 100;

let keys = 0;
const newKey = () => `s${++keys}`;

/** The editor's copy of a path. */
export function draftOf(path: GuidedPath): Draft {
  return { ...path, steps: path.steps.map((step) => ({ ...step, key: newKey() })) };
}

/** The path a draft is (what is saved and previewed): the steps without their keys. */
export function pathOf(draft: Draft): GuidedPath {
  return {
    ...draft,
    steps: draft.steps.map(({ key: _key, ...step }) => step),
  };
}

/** The steps with one moved from `from` to `to` (indexes into the list before the move). */
export function moved<T>(list: readonly T[], from: number, to: number): T[] {
  const copy = [...list];
  const [item] = copy.splice(from, 1);
  copy.splice(to, 0, item);
  return copy;
}

/** A text field the editor changes on each keystroke: its label and input (`id`, part `part`). */
export function textField(field: { part: string; id: string; label: string; value: string; maxlength: number; labelId?: string; onInput: (value: string) => void }): TemplateResult {
  return html`<label for=${field.id} id=${ifDefined(field.labelId)}>${field.label}</label>
    <input
      part=${field.part}
      id=${field.id}
      type="text"
      maxlength=${field.maxlength}
      .value=${field.value}
      @input=${(event: InputEvent) => field.onInput((event.target as HTMLInputElement).value)}
    />`;
}

/** What a target select says for "the following step" (a step without `next`). */
const FOLLOWING = '';

/**
 * The step editing of the path editor (`<nexus-portal-path-editor>`): the draft, and its steps'
 * forms: id, title, text (a `<nexus-rich-text-editor>`, loaded on demand so that Tiptap is a
 * chunk of its own), what follows the step (the next step, an end, or choices), and adding,
 * removing and reordering steps by keyboard (Move up / Move down, Alt+Arrow keys on the handle)
 * and by drag and drop on the handle.
 */
export abstract class PathStepsEditor extends PortalAdminPage {
  /** The path as edited (unsaved changes included). */
  @state() protected draft?: Draft;
  /** Whether the draft has changes not saved. */
  @state() protected dirty = false;
  /** What the last publish's checks found. */
  @state() protected problems: PathProblem[] = [];
  /** The rich text editor's module: loading, ready, or failed to load. */
  @state() protected textEditor: 'loading' | 'ready' | 'error' = 'loading';
  /** The step dragged, and where it would be dropped (its indicator). */
  @state() private dragKey?: string;
  @state() private drop?: { key: string; before: boolean };

  override connectedCallback(): void {
    super.connectedCallback();
    void this.loadTextEditor();
  }

  /**
   * Loads `<nexus-rich-text-editor>` (Tiptap) on demand: a dynamic import, so that it is a chunk
   * of its own and not in the portal's bundle.
   */
  protected async loadTextEditor(): Promise<void> {
    if (customElements.get('nexus-rich-text-editor')) {
      this.textEditor = 'ready';
      return;
    }
    this.textEditor = 'loading';
    try {
      await import('./rich-text-editor.js');
      this.textEditor = 'ready';
    } catch (error) {
      this.textEditor = 'error';
      this.reportError(error);
    }
  }

  /** How the step editors upload an image (their Image button): the server's image hosting. */
  private readonly imageUploader: ImageUploader = (file) => this.admin.content.uploadImage(file);

  /** Changes the draft (marking it changed). */
  protected edit(change: Partial<Draft>): void {
    if (!this.draft) return;
    this.draft = { ...this.draft, ...change };
    this.dirty = true;
  }

  private get steps(): EditorStep[] {
    return this.draft?.steps ?? [];
  }

  private stepNamed(step: Step): string {
    return step.title.trim() || step.id;
  }

  private updateStep(key: string, change: Partial<Step>) {
    this.edit({ steps: this.steps.map((step) => (step.key === key ? { ...step, ...change } : step)) });
  }

  /** A step's id changes: what led to the old id now leads to the new one. */
  private renameStep(key: string, input: HTMLInputElement) {
    const step = this.steps.find((s) => s.key === key)!;
    const id = input.value.trim();
    if (!STEP_ID.test(id) || id === step.id) {
      this.requestUpdate();
      return;
    }
    const retarget = (target: string | undefined) => (target === step.id ? id : target);
    this.edit({
      firstStep: retarget(this.draft!.firstStep),
      steps: this.steps.map((s) => ({
        ...s,
        id: s.key === key ? id : s.id,
        ...(s.next !== undefined ? { next: retarget(s.next) } : {}),
        ...(s.choices ? { choices: s.choices.map((c) => ({ ...c, next: retarget(c.next)! })) } : {}),
      })),
    });
  }

  private async addStep() {
    const taken = new Set(this.steps.map((s) => s.id));
    let n = this.steps.length + 1;
    while (taken.has(`step-${n}`)) n++;
    const step: EditorStep = { key: newKey(), id: `step-${n}`, title: this.t('portalPathNewStep', { n }), body: '' };
    this.edit({ steps: [...this.steps, step] });
    this.notice = this.t('portalPathStepAdded', { title: step.title });
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLInputElement>(`[data-key="${step.key}"] [part~="step-title-input"]`)?.select();
  }

  private async removeStep(step: EditorStep) {
    const leading = this.steps.filter((s) => s.key !== step.key && (s.next === step.id || s.choices?.some((c) => c.next === step.id)));
    const confirmed = await this.confirm({
      heading: this.t('portalPathRemoveStepConfirm'),
      target: `${this.stepNamed(step)} (${step.id})`,
      message: leading.length ? this.t('portalPathRemoveStepLeading', { steps: leading.map((s) => this.stepNamed(s)).join(', ') }) : this.t('portalPathRemoveStepAlone'),
      confirmLabel: this.t('portalPathRemoveStep'),
    });
    if (!confirmed) return;
    const index = this.steps.indexOf(step);
    this.edit({ steps: this.steps.filter((s) => s.key !== step.key), firstStep: this.draft!.firstStep === step.id ? undefined : this.draft!.firstStep });
    this.notice = this.t('portalPathStepRemoved', { title: this.stepNamed(step) });
    await this.updateComplete;
    const near = this.steps[Math.min(index, this.steps.length - 1)];
    this.renderRoot.querySelector<HTMLElement>(`[data-key="${near.key}"]`)?.focus();
  }

  /**
   * Moves a step to `to` (its index after the move) and says so; the focus follows the step (to
   * the control `focusPart` of it, or its handle when that control is disabled now).
   */
  protected async moveStep(key: string, to: number, focusPart = 'drag-handle'): Promise<void> {
    const from = this.steps.findIndex((s) => s.key === key);
    if (from < 0 || to < 0 || to >= this.steps.length || to === from) return;
    const step = this.steps[from];
    this.edit({ steps: moved(this.steps, from, to) });
    this.notice = this.t('portalPathStepMoved', { title: this.stepNamed(step), position: to + 1, count: this.steps.length });
    await this.updateComplete;
    const item = this.renderRoot.querySelector<HTMLElement>(`[data-key="${key}"]`);
    const control = item?.querySelector<HTMLButtonElement>(`[part~="${focusPart}"]`);
    (control && !control.disabled ? control : item?.querySelector<HTMLElement>('[part~="drag-handle"]'))?.focus();
  }

  private onHandleKey(event: KeyboardEvent, key: string, index: number) {
    if (!event.altKey || (event.key !== 'ArrowUp' && event.key !== 'ArrowDown')) return;
    event.preventDefault();
    void this.moveStep(key, event.key === 'ArrowUp' ? index - 1 : index + 1);
  }

  private onDragStart(event: DragEvent, key: string) {
    this.dragKey = key;
    if (event.dataTransfer) {
      event.dataTransfer.setData('text/plain', key);
      event.dataTransfer.effectAllowed = 'move';
    }
  }

  private onDragOver(event: DragEvent, key: string) {
    if (!this.dragKey) return;
    event.preventDefault();
    if (event.dataTransfer) event.dataTransfer.dropEffect = 'move';
    const box = (event.currentTarget as HTMLElement).getBoundingClientRect();
    const before = event.clientY < box.top + box.height / 2;
    if (this.drop?.key !== key || this.drop.before !== before) this.drop = { key, before };
  }

  private onDrop(event: DragEvent) {
    const dragged = this.dragKey ?? event.dataTransfer?.getData('text/plain');
    const drop = this.drop;
    this.endDrag();
    if (!dragged || !drop) return;
    event.preventDefault();
    const from = this.steps.findIndex((s) => s.key === dragged);
    let to = this.steps.findIndex((s) => s.key === drop.key) + (drop.before ? 0 : 1);
    if (from < to) to--;
    void this.moveStep(dragged, to);
  }

  private endDrag() {
    this.dragKey = undefined;
    this.drop = undefined;
  }

  /** Where a step leads: choices, or one target (`next`; none: the following step). */
  private setLeads(step: EditorStep, mode: string) {
    if (mode === 'choices') {
      this.updateStep(step.key, { choices: [{ label: this.t('portalPathNewChoice'), next: this.defaultTarget(step) }], next: undefined });
    } else {
      this.updateStep(step.key, { choices: undefined });
    }
  }

  /** The target a new choice gets: the step after this one, or the end (resolved). */
  private defaultTarget(step: EditorStep): string {
    const i = this.steps.indexOf(step);
    return this.steps[i + 1]?.id ?? OUTCOMES[0];
  }

  private updateChoice(step: EditorStep, index: number, change: Partial<Choice>) {
    this.updateStep(step.key, { choices: step.choices!.map((c, i) => (i === index ? { ...c, ...change } : c)) });
  }

  private async addChoice(step: EditorStep) {
    const choices = [...(step.choices ?? []), { label: this.t('portalPathNewChoice'), next: this.defaultTarget(step) }];
    this.updateStep(step.key, { choices });
    await this.updateComplete;
    const inputs = this.renderRoot.querySelectorAll<HTMLInputElement>(`[data-key="${step.key}"] [part~="choice-label-input"]`);
    inputs[inputs.length - 1]?.select();
  }

  private async removeChoice(step: EditorStep, index: number) {
    const choices = step.choices!.filter((_, i) => i !== index);
    this.updateStep(step.key, { choices: choices.length ? choices : undefined });
    this.notice = this.t('portalPathChoiceRemoved', { label: step.choices![index].label });
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLElement>(`[data-key="${step.key}"] [part~="${choices.length ? 'add-choice-button' : 'leads-select'}"]`)?.focus();
  }

  /** The options of a target select: the steps, the two ends, and the target when it is none of them. */
  private targetOptions(target: string | undefined, following: boolean): TemplateResult[] {
    const ids = new Set(this.steps.map((s) => s.id));
    const known = target === undefined || target === FOLLOWING || ids.has(target) || (OUTCOMES as readonly string[]).includes(target);
    return [
      ...(following ? [html`<option value=${FOLLOWING} ?selected=${target === undefined}>${this.t('portalPathTargetFollowing')}</option>`] : []),
      ...this.steps.map((s) => html`<option value=${s.id} ?selected=${target === s.id}>${this.t('portalPathTargetStep', { title: this.stepNamed(s), id: s.id })}</option>`),
      html`<option value="resolved" ?selected=${target === 'resolved'}>${this.t('portalPathTargetResolved')}</option>`,
      html`<option value="escalate" ?selected=${target === 'escalate'}>${this.t('portalPathTargetEscalate')}</option>`,
      ...(known ? [] : [html`<option value=${target} selected>${this.t('portalPathTargetMissing', { id: target })}</option>`]),
    ];
  }

  /** A problem of the checks in words. */
  protected abstract problemText(problem: PathProblem): string;

  private renderProblems(problems: PathProblem[], id: string, part: string) {
    if (!problems.length) return nothing;
    return html`<ul part=${part} class="problems" id=${id}>
      ${problems.map((problem) => html`<li class="form-error">${this.problemText(problem)}</li>`)}
    </ul>`;
  }

  private renderStepText(step: EditorStep) {
    if (this.textEditor === 'loading') return loadingState(this.t('portalPathTextEditorLoading'));
    if (this.textEditor === 'error') return errorState(this.t('portalPathTextEditorFailed'), { label: this.t('retry'), run: () => void this.loadTextEditor() });
    return html`<nexus-rich-text-editor
      part="step-body-editor"
      label=${this.t('portalPathStepBodyOf', { title: this.stepNamed(step) })}
      .value=${step.body}
      .uploadImage=${this.imageUploader}
      @nexus-editor-change=${(event: CustomEvent<{ value: string }>) => this.updateStep(step.key, { body: event.detail.value })}
    ></nexus-rich-text-editor>`;
  }

  private renderChoices(step: EditorStep) {
    const choices = step.choices ?? [];
    return html`<ol part="choices" class="choices">
        ${choices.map((choice, i) => {
          const id = `${step.key}-choice-${i}`;
          const problems = this.problems.filter((p) => p.step === step.id && p.choice === i);
          return html`<li part="choice" class="choice">
            ${textField({
              part: 'choice-label-input',
              id: `${id}-label`,
              labelId: `${id}-label-text`,
              label: this.t('portalPathChoiceLabel', { n: i + 1 }),
              value: choice.label,
              maxlength: 200,
              onInput: (label) => this.updateChoice(step, i, { label }),
            })}
            <label for="${id}-target">${this.t('portalPathChoiceTarget', { n: i + 1 })}</label>
            <select
              part="choice-target-select"
              id="${id}-target"
              aria-invalid=${problems.length ? 'true' : 'false'}
              aria-describedby=${problems.length ? `${id}-problems` : nothing}
              @change=${(event: Event) => this.updateChoice(step, i, { next: (event.target as HTMLSelectElement).value })}
            >
              ${this.targetOptions(choice.next, false)}
            </select>
            <button
              part="remove-choice-button"
              class="button danger"
              type="button"
              aria-describedby="${id}-label-text"
              @click=${() => void this.removeChoice(step, i)}
            >
              ${this.t('portalPathRemoveChoice')}
            </button>
            ${this.renderProblems(problems, `${id}-problems`, 'choice-problems')}
          </li>`;
        })}
      </ol>
      <button part="add-choice-button" class="button" type="button" ?disabled=${choices.length >= MAX_CHOICES} @click=${() => void this.addChoice(step)}>
        ${this.t('portalPathAddChoice')}
      </button>`;
  }

  private renderStep(step: EditorStep, index: number) {
    const count = this.steps.length;
    const name = this.stepNamed(step);
    const problems = this.problems.filter((p) => p.step === step.id && p.choice === undefined);
    const idValid = STEP_ID.test(step.id);
    const k = step.key;
    const drop = this.drop?.key === k ? (this.drop.before ? 'before' : 'after') : nothing;
    return html`<li
      part="step"
      class="step"
      data-key=${k}
      data-drop=${drop}
      tabindex="-1"
      aria-labelledby="${k}-heading"
      @dragover=${(event: DragEvent) => this.onDragOver(event, k)}
      @drop=${this.onDrop}
    >
      <div class="step-bar">
        <button
          part="drag-handle"
          class="handle"
          type="button"
          draggable="true"
          aria-label=${this.t('portalPathStepHandle', { title: name, position: index + 1, count })}
          aria-describedby="reorder-hint"
          @keydown=${(event: KeyboardEvent) => this.onHandleKey(event, k, index)}
          @dragstart=${(event: DragEvent) => this.onDragStart(event, k)}
          @dragend=${this.endDrag}
        >
          <span aria-hidden="true">⠿</span>
        </button>
        <h3 id="${k}-heading" class="step-heading">${this.t('portalPathStepHeading', { position: index + 1, title: name })}</h3>
        <div class="step-actions">
          <button part="move-up-button" class="button" type="button" ?disabled=${index === 0} aria-describedby="${k}-heading" @click=${() => void this.moveStep(k, index - 1, 'move-up-button')}>
            ${this.t('portalPathMoveUp')}
          </button>
          <button part="move-down-button" class="button" type="button" ?disabled=${index === count - 1} aria-describedby="${k}-heading" @click=${() => void this.moveStep(k, index + 1, 'move-down-button')}>
            ${this.t('portalPathMoveDown')}
          </button>
          <button part="remove-step-button" class="button danger" type="button" ?disabled=${count === 1} aria-describedby="${k}-heading" @click=${() => void this.removeStep(step)}>
            ${this.t('portalPathRemoveStep')}
          </button>
        </div>
      </div>
      ${this.renderProblems(problems, `${k}-problems`, 'step-problems')}
      <div class="step-fields">
        <label for="${k}-id">${this.t('portalPathStepId')}</label>
        <input
          part="step-id-input"
          id="${k}-id"
          type="text"
          autocomplete="off"
          spellcheck="false"
          maxlength="64"
          .value=${step.id}
          aria-invalid=${idValid ? 'false' : 'true'}
          aria-describedby="${k}-id-hint"
          @change=${(event: Event) => this.renameStep(k, event.target as HTMLInputElement)}
        />
        <p id="${k}-id-hint" class="muted hint">${this.t('portalPathStepIdRule')}</p>
        ${textField({
          part: 'step-title-input',
          id: `${k}-title`,
          label: this.t('portalPathStepTitle'),
          value: step.title,
          maxlength: 200,
          onInput: (title) => this.updateStep(k, { title }),
        })}
        <span class="label" id="${k}-body-label">${this.t('portalPathStepBody')}</span>
        <div class="body">${this.renderStepText(step)}</div>
        <label for="${k}-leads">${this.t('portalPathLeads')}</label>
        <select part="leads-select" id="${k}-leads" @change=${(event: Event) => this.setLeads(step, (event.target as HTMLSelectElement).value)}>
          <option value="next" ?selected=${!step.choices}>${this.t('portalPathLeadsNext')}</option>
          <option value="choices" ?selected=${!!step.choices}>${this.t('portalPathLeadsChoices')}</option>
        </select>
        ${step.choices
          ? this.renderChoices(step)
          : html`<label for="${k}-next">${this.t('portalPathNext')}</label>
              <select part="next-select" id="${k}-next" @change=${(event: Event) => this.updateStep(k, { next: (event.target as HTMLSelectElement).value || undefined })}>
                ${this.targetOptions(step.next, true)}
              </select>`}
      </div>
    </li>`;
  }

  /** The steps: the first step's choice, the list, and Add step. */
  protected renderSteps(): TemplateResult {
    const draft = this.draft!;
    const first = draft.firstStep ?? draft.steps[0]?.id;
    return html`<section part="steps" class="steps" aria-labelledby="steps-heading">
      <h2 id="steps-heading">${this.t('portalPathSteps')}</h2>
      <p id="reorder-hint" class="muted">${this.t('portalPathReorderHint')}</p>
      <label for="first-step">${this.t('portalPathFirstStep')}</label>
      <select
        part="first-step-select"
        id="first-step"
        @change=${(event: Event) => this.edit({ firstStep: (event.target as HTMLSelectElement).value })}
      >
        ${draft.steps.map((s) => html`<option value=${s.id} ?selected=${s.id === first}>${this.t('portalPathTargetStep', { title: this.stepNamed(s), id: s.id })}</option>`)}
      </select>
      <ol class="step-list" @dragleave=${(event: DragEvent) => (event.currentTarget === event.target ? (this.drop = undefined) : undefined)}>
        ${repeat(draft.steps, (s) => s.key, (s, i) => this.renderStep(s, i))}
      </ol>
      <button part="add-step-button" class="button" type="button" ?disabled=${draft.steps.length >= MAX_STEPS} @click=${() => void this.addStep()}>${this.t('portalPathAddStep')}</button>
    </section>`;
  }
}
