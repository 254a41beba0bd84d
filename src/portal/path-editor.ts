import { html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { ifDefined } from 'lit/directives/if-defined.js';
import { property, state } from '../components/shared/decorators.js';
import { define } from '../components/shared/define.js';
import { Loader, nothingToLoad } from '../components/shared/loader.js';
import { loadingState } from '../components/shared/states.js';
import { NexusError } from '../core/errors.js';
import type { StringKey, Strings } from '../i18n/strings.js';
import type { AuthoredPathInfo, PathVersionSummary } from '../protocol/authoring.js';
import type { Audience, GuidedPath } from '../protocol/schemas.js';
import { errorText } from './error-text.js';
import { comparePaths, renderDifferences, renderHistory } from './path-history.js';
import { pathEditorStyles } from './path-editor.styles.js';
import { AUDIENCE_LABELS, STATUS_LABELS } from './paths-view.js';
import './path-preview.js';
import { draftOf, PathStepsEditor, pathOf, STEP_ID, textField, type Draft, type PathProblem } from './path-steps.js';

/** Who saved the path in between (`edit_conflict`'s first detail). */
/** No strings of the page's own or the tenant's: the preview shows the defaults. */
const NO_STRINGS: Strings = {};

interface Conflict {
  name?: string;
  at: number;
  revision: number;
}

/** What a tag and a help-id may be (the schema's `Tag` and `HelpId`). */
const TOKEN_RULES = { tags: /^[A-Za-z0-9][A-Za-z0-9 _.-]{0,63}$/, helpIds: /^[A-Za-z0-9][A-Za-z0-9._-]{0,127}$/ } as const;
type TokenField = keyof typeof TOKEN_RULES;



/**
 * Content > Guided paths > a path (`#/path/<id>`): an author's or an admin's editor of one guided
 * path. It loads the path (its draft, else the published path), edits its title, summary,
 * category, tags, help-ids and audience, and its steps (see below); saves the draft (Save draft),
 * publishes it (Publish, saving first; the server's checks, when they refuse, are listed at the top
 * and shown at each step or choice at fault; a help-id another path holds can be moved here by
 * publishing with "Move the help-ids…"), discards it, previews it as customers will see it (phone
 * or desktop width), and lists the published versions, each compared with the draft or restored
 * as the draft. Set `session` and `param` (the path's id).
 *
 * Every write carries the revision read: when another author saved in between, nothing is
 * overwritten; the editor says who saved and when, and offers to load their version (the changes
 * here are lost, after a confirm) or to keep editing (to copy text out). Leaving with unsaved
 * changes asks first: the browser's question on closing the tab (`beforeunload`), and a confirm
 * when the portal's address (`#/…`) changes to another page.
 *
 * Steps: each has an id, a title, its text (a `<nexus-rich-text-editor>`, loaded on demand), and
 * where it leads: the following step, a step chosen, an end (solved, or live help), or choices,
 * each leading to a step or an end. Keyboard: Move up and Move down on each step, or Alt+Arrow Up
 * and Alt+Arrow Down on its handle, move it; the focus follows it and the move is announced. The
 * handle is also dragged with the mouse, a line showing where the step will go.
 *
 * @summary The portal's guided path editor: metadata, steps, draft, publish, preview and history.
 * @tag nexus-portal-path-editor
 *
 * @csspart path-editor - The page.
 * @csspart back-link - The link back to the list of paths.
 * @csspart not-found - Said when there is no such path.
 * @csspart status - The path's status, revision and whether there are unsaved changes.
 * @csspart toolbar - Save draft, Publish and Discard draft.
 * @csspart save-button - Saves the draft.
 * @csspart publish-button - Publishes (saving first).
 * @csspart discard-button - Discards the draft.
 * @csspart conflict - Says another author saved first (`role="alert"`).
 * @csspart load-theirs-button - Loads the other author's version.
 * @csspart keep-editing-button - Keeps this copy to edit.
 * @csspart problems - What the publish checks found (`role="alert"`).
 * @csspart problem-link - A problem that focuses its step.
 * @csspart move-help-ids-button - Publishes, moving the help-ids other paths hold here.
 * @csspart details - The path's fields.
 * @csspart title-input - The title.
 * @csspart summary-input - The summary.
 * @csspart category-select - The category.
 * @csspart tag-input - Adds a tag (Enter or comma).
 * @csspart help-id-input - Adds a help-id (Enter or comma).
 * @csspart token - A tag or help-id.
 * @csspart remove-token-button - Removes a tag or help-id.
 * @csspart audience - The audience choice (radio buttons).
 * @csspart steps - The steps.
 * @csspart first-step-select - The step the path begins with.
 * @csspart step - A step (`data-drop` is `before` or `after` while a dragged step would go there).
 * @csspart drag-handle - A step's handle: dragged, or Alt+Arrow keys, to move it.
 * @csspart move-up-button - Moves a step up.
 * @csspart move-down-button - Moves a step down.
 * @csspart remove-step-button - Removes a step.
 * @csspart step-problems - What the checks found at a step.
 * @csspart step-id-input - A step's id.
 * @csspart step-title-input - A step's title.
 * @csspart step-body-editor - A step's text (`<nexus-rich-text-editor>`).
 * @csspart leads-select - Whether a step leads on or offers choices.
 * @csspart next-select - Where a step without choices leads.
 * @csspart choices - A step's choices.
 * @csspart choice - A choice.
 * @csspart choice-label-input - A choice's label.
 * @csspart choice-target-select - Where a choice leads.
 * @csspart remove-choice-button - Removes a choice.
 * @csspart choice-problems - What the checks found at a choice.
 * @csspart add-choice-button - Adds a choice.
 * @csspart add-step-button - Adds a step.
 * @csspart preview - The `<nexus-path-preview>` of the draft.
 * @csspart history - The published versions.
 * @csspart versions - The table of versions.
 * @csspart compare-button - Compares a version with the draft.
 * @csspart restore-button - Restores a version as the draft.
 * @csspart compare - The differences between a version and the draft.
 * @csspart notice - What the last action changed (`role="status"`).
 * @csspart action-error - Why the last action failed (`role="alert"`).
 * @csspart confirm - The confirm dialog; its parts are exported as `confirm-*`.
 *
 * @cssprop --nexus-portal-path-editor-drop-color - The line that shows where a dragged step goes.
 *
 * @fires nexus-portal-session-ended - The server answered 401: the session ended (`<nexus-portal>` signs out).
 * @fires nexus-error - An action or a load failed (the page says it too).
 */
export class NexusPortalPathEditor extends PathStepsEditor {
  static override styles = [...PathStepsEditor.styles, pathEditorStyles];

  /** The id of the path edited (the route's parameter: `#/path/<id>`). */
  @property() param = '';

  /** The path as last read or written (its revision is the one the next write sends). */
  @state() private info?: AuthoredPathInfo;
  @state() private conflict?: Conflict;
  /** A version compared with the draft. */
  @state() private compared?: { version: number; path: GuidedPath };
  /** Why a tag or help-id typed was refused. */
  @state() private tokenError?: { field: TokenField; message: string };

  /** The draft as a path, for the preview (made when the draft changes). */
  private previewPath?: GuidedPath;

  private readonly path = new Loader<readonly unknown[], AuthoredPathInfo>(this, {
    args: () => [this.session, this.param],
    load: () => (this.session && this.param ? this.loading(this.session.admin.content.get(this.param)) : Promise.resolve(nothingToLoad)),
    onComplete: (info) => this.take(info),
    onError: (error) => this.reportError(error),
  });

  private readonly categories = this.adminLoader((admin) => admin.content.categories());

  /** The tenant's branding, which the preview shows the draft with (the defaults until it is read). */
  private readonly branding = this.adminLoader((admin) => admin.branding.get());

  private readonly versions = new Loader<readonly unknown[], PathVersionSummary[]>(this, {
    args: () => [this.session, this.info?.id, this.info?.version],
    load: () => (this.session && this.info ? this.loading(this.session.admin.content.versions(this.info.id)) : Promise.resolve(nothingToLoad)),
    onError: (error) => this.reportError(error),
  });

  override connectedCallback(): void {
    super.connectedCallback();
    window.addEventListener('beforeunload', this.onBeforeUnload);
    // Capture: at the window, it runs before the portal's own listener, which it may stop.
    window.addEventListener('hashchange', this.onHashChange, true);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    window.removeEventListener('beforeunload', this.onBeforeUnload);
    window.removeEventListener('hashchange', this.onHashChange, true);
  }

  /** Leaving with unsaved changes: the browser asks first. */
  private onBeforeUnload = (event: BeforeUnloadEvent) => {
    if (!this.dirty) return;
    event.preventDefault();
    event.returnValue = '';
  };

  /**
   * Going to another page of the portal with unsaved changes: the address goes back, and the page
   * asks first; confirmed, it goes there.
   */
  private onHashChange = (event: HashChangeEvent) => {
    if (!this.dirty) return;
    const next = new URL(event.newURL).hash;
    event.stopImmediatePropagation();
    history.replaceState(history.state, '', event.oldURL);
    void this.confirmLeave(next);
  };

  private async confirmLeave(hash: string): Promise<void> {
    const confirmed = await this.confirm({
      heading: this.t('portalPathLeaveConfirm'),
      target: this.draft?.title ?? this.param,
      message: this.t('portalPathLeaveLost'),
      confirmLabel: this.t('portalPathLeave'),
    });
    if (!confirmed) return;
    this.dirty = false;
    location.hash = hash;
  }

  protected override willUpdate(changed: PropertyValues): void {
    super.willUpdate(changed);
    if (changed.has('draft')) this.previewPath = this.draft ? pathOf(this.draft) : undefined;
  }

  /** Shows a path as read: its draft, else the published path; nothing unsaved. */
  private take(info: AuthoredPathInfo) {
    this.info = info;
    this.draft = draftOf(info.draft?.path ?? info.published!);
    this.dirty = false;
    this.problems = [];
    this.conflict = undefined;
    this.compared = undefined;
  }

  private get content() {
    return this.admin.content;
  }

  private when(at: number): string {
    return new Intl.DateTimeFormat(this.localize.lang, { dateStyle: 'medium', timeStyle: 'short' }).format(at);
  }

  protected override failed(error: unknown): void {
    if (error instanceof NexusError && error.code === 'edit_conflict') {
      const detail = (error.details[0] ?? {}) as { revision?: number; savedBy?: { name: string } | null; savedAt?: number };
      this.conflict = { name: detail.savedBy?.name, at: detail.savedAt ?? Date.now(), revision: detail.revision ?? 0 };
      this.reportError(error);
      void this.focusAfterUpdate('#conflict-heading');
      return;
    }
    if (error instanceof NexusError && error.code === 'publish_checks_failed') {
      this.problems = error.details as PathProblem[];
      this.reportError(error);
      void this.focusAfterUpdate('#problems-heading');
      return;
    }
    super.failed(error);
  }

  private async focusAfterUpdate(selector: string) {
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLElement>(selector)?.focus();
  }

  /** The first field that would make the server refuse the draft: said, and focused. */
  private incomplete(): boolean {
    const draft = this.draft!;
    let field: string | undefined;
    let message: string | undefined;
    if (!draft.title.trim()) {
      field = '#path-title';
      message = this.t('portalPathTitleMissing');
    } else {
      const i = draft.steps.findIndex((s) => !STEP_ID.test(s.id) || !s.title.trim() || s.choices?.some((c) => !c.label.trim()));
      if (i >= 0) {
        const step = draft.steps[i];
        const part = !STEP_ID.test(step.id) ? 'step-id-input' : !step.title.trim() ? 'step-title-input' : 'choice-label-input';
        field = `[data-key="${step.key}"] [part~="${part}"]`;
        message = this.t('portalPathStepIncomplete', { position: i + 1 });
      }
    }
    if (!field) return false;
    this.notice = undefined;
    this.actionError = message;
    this.renderRoot.querySelector<HTMLElement>(field)?.focus();
    return true;
  }

  /** A write answered: its revision is the next write's; the draft is saved unless it changed meanwhile. */
  private written(info: AuthoredPathInfo, sent: Draft | undefined) {
    this.info = info;
    if (this.draft === sent) this.dirty = false;
  }

  private async save(): Promise<void> {
    if (this.incomplete()) return;
    const sent = this.draft!;
    this.conflict = undefined;
    const info = await this.act(
      () => this.content.save(this.info!.id, this.info!.revision, pathOf(sent)),
      (saved) => this.t('portalPathSaved', { revision: saved.revision }),
    );
    if (info) this.written(info, sent);
  }

  private async publish(moveHelpIds = false): Promise<void> {
    if (this.incomplete()) return;
    const sent = this.draft!;
    this.conflict = undefined;
    this.problems = [];
    const result = await this.act(
      async () => {
        if (this.dirty) this.written(await this.content.save(this.info!.id, this.info!.revision, pathOf(sent)), sent);
        return this.content.publish(this.info!.id, this.info!.revision, { moveHelpIds });
      },
      (published) =>
        published.movedHelpIds.length
          ? this.t('portalPathPublishedMoved', { version: published.path.version, helpIds: published.movedHelpIds.map((m) => `${m.helpId} (${m.from})`).join(', ') })
          : this.t('portalPathPublished', { version: published.path.version }),
    );
    if (result) this.written(result.path, sent);
  }

  private async discard(): Promise<void> {
    const info = this.info!;
    const confirmed = await this.confirm({
      heading: this.t('portalPathDiscardConfirm'),
      target: this.draft!.title,
      message: this.t(info.published ? 'portalPathDiscardPublished' : 'portalPathDiscardNever'),
      confirmLabel: this.t('portalPathDiscard'),
    });
    if (!confirmed) return;
    const result = await this.act(
      () => this.content.discard(info.id, info.revision),
      (answer) => this.t(answer.path ? 'portalPathDiscarded' : 'portalPathDiscardedGone'),
    );
    if (!result) return;
    if (result.path) return this.take(result.path);
    this.dirty = false;
    location.hash = '#/paths';
  }

  /** Loads the other author's version (after a confirm: the changes here are lost). */
  private async loadTheirs(): Promise<void> {
    const confirmed = await this.confirm({
      heading: this.t('portalPathLoadTheirsConfirm'),
      target: this.draft!.title,
      message: this.t('portalPathLoadTheirsLost'),
      confirmLabel: this.t('portalPathLoadTheirs'),
    });
    if (!confirmed) return;
    this.conflict = undefined;
    this.dirty = false;
    await this.path.run();
    this.notice = this.t('portalPathLoadedTheirs', { revision: this.info?.revision ?? 0 });
    await this.focusHeading();
  }

  private keepEditing() {
    this.conflict = undefined;
    this.notice = this.t('portalPathKeptEditing');
    void this.focusAfterUpdate('[part~="save-button"]');
  }

  private async compare(version: number): Promise<void> {
    const found = await this.act(
      () => this.content.version(this.info!.id, version),
      () => this.t('portalPathCompared', { version }),
    );
    if (!found) return;
    this.compared = { version, path: found.path };
    void this.focusAfterUpdate('#compare-heading');
  }

  private async restore(version: number): Promise<void> {
    const confirmed = await this.confirm({
      heading: this.t('portalPathRestoreConfirm', { version }),
      target: this.draft!.title,
      message: this.t(this.dirty ? 'portalPathRestoreUnsaved' : 'portalPathRestoreDraft'),
      confirmLabel: this.t('portalPathRestore'),
    });
    if (!confirmed) return;
    const info = await this.act(
      () => this.content.restore(this.info!.id, version, this.info!.revision),
      () => this.t('portalPathRestored', { version }),
    );
    if (info) this.take(info);
  }

  /** Adds what was typed in a token field (commas separate several). */
  private addTokens(field: TokenField, input: HTMLInputElement) {
    const values = input.value.split(',').map((v) => v.trim()).filter(Boolean);
    if (!values.length) return;
    const list = [...this.draft![field]];
    for (const value of values) {
      const same = (v: string) => (field === 'tags' ? v.toLowerCase() === value.toLowerCase() : v === value);
      if (!TOKEN_RULES[field].test(value)) {
        this.tokenError = { field, message: this.t(field === 'tags' ? 'portalPathTagInvalid' : 'portalPathHelpIdInvalid', { value }) };
        return;
      }
      if (list.some(same)) {
        this.tokenError = { field, message: this.t('portalPathTokenTwice', { value }) };
        return;
      }
      list.push(value);
    }
    this.tokenError = undefined;
    input.value = '';
    this.edit({ [field]: list });
  }

  private onTokenKey(event: KeyboardEvent, field: TokenField) {
    if (event.key !== 'Enter' && event.key !== ',') return;
    event.preventDefault();
    this.addTokens(field, event.target as HTMLInputElement);
  }

  private async removeToken(field: TokenField, value: string) {
    this.edit({ [field]: this.draft![field].filter((v) => v !== value) });
    this.notice = this.t('portalPathTokenRemoved', { value });
    await this.focusAfterUpdate(`#${field}-input`);
  }

  /** A problem of the checks in words (the server's message when the check is one this page does not know). */
  protected problemText(problem: PathProblem): string {
    const step = this.draft?.steps.find((s) => s.id === problem.step);
    const name = step ? step.title.trim() || step.id : (problem.step ?? '');
    const index = Number(problem.path.split('/')[2]);
    switch (problem.code) {
      case 'step_id_duplicate':
        return this.t('portalCheckStepIdDuplicate', { id: problem.step ?? '' });
      case 'first_step_missing':
        return this.t('portalCheckFirstStepMissing');
      case 'target_missing':
        return problem.choice === undefined
          ? this.t('portalCheckTargetMissing', { step: name })
          : this.t('portalCheckChoiceTargetMissing', { step: name, choice: problem.choice + 1, label: step?.choices?.[problem.choice]?.label ?? '' });
      case 'step_unreachable':
        return this.t('portalCheckStepUnreachable', { step: name });
      case 'loop_without_exit':
        return this.t('portalCheckLoopWithoutExit', { step: name });
      case 'step_empty':
        return this.t('portalCheckStepEmpty', { step: name });
      case 'category_missing':
        return this.t('portalCheckCategoryMissing', { category: this.draft?.category ?? '' });
      case 'duplicate_value':
        return problem.path.startsWith('/tags/')
          ? this.t('portalCheckDuplicateTag', { value: this.draft?.tags[index] ?? '' })
          : this.t('portalCheckDuplicateHelpId', { value: this.draft?.helpIds[index] ?? '' });
      case 'help_id_taken': {
        const [, helpId, path] = /help-id '([^']*)' names the path '([^']*)'/.exec(problem.message) ?? [];
        return helpId ? this.t('portalCheckHelpIdTaken', { helpId, path }) : problem.message;
      }
      default:
        return problem.message;
    }
  }

  private async goToStep(id: string) {
    const step = this.draft?.steps.find((s) => s.id === id);
    const item = step && this.renderRoot.querySelector<HTMLElement>(`[data-key="${step.key}"]`);
    item?.scrollIntoView({ block: 'start' });
    item?.focus();
  }

  private renderConflict(conflict: Conflict) {
    return html`<section part="conflict" class="conflict" role="alert" aria-labelledby="conflict-heading">
      <h2 id="conflict-heading" tabindex="-1">${this.t('portalPathConflict')}</h2>
      <p>${this.t('portalPathConflictWho', { name: conflict.name ?? this.t('portalPathCommandLine'), time: this.when(conflict.at), revision: conflict.revision })}</p>
      <p>${this.t('portalPathConflictChoice')}</p>
      <div class="actions">
        <button part="load-theirs-button" class="button" type="button" @click=${() => void this.loadTheirs()}>${this.t('portalPathLoadTheirs')}</button>
        <button part="keep-editing-button" class="button primary" type="button" @click=${this.keepEditing}>${this.t('portalPathKeepEditing')}</button>
      </div>
    </section>`;
  }

  private renderProblemList() {
    if (!this.problems.length) return nothing;
    const taken = this.problems.some((p) => p.code === 'help_id_taken');
    return html`<section part="problems" class="problem-list" role="alert" aria-labelledby="problems-heading">
      <h2 id="problems-heading" tabindex="-1">${this.t('portalPathProblems', { count: this.problems.length })}</h2>
      <ul>
        ${this.problems.map((problem) =>
          problem.step
            ? html`<li><button part="problem-link" class="link" type="button" @click=${() => void this.goToStep(problem.step!)}>${this.problemText(problem)}</button></li>`
            : html`<li>${this.problemText(problem)}</li>`,
        )}
      </ul>
      ${taken
        ? html`<button part="move-help-ids-button" class="button" type="button" ?disabled=${this.busy} @click=${() => void this.publish(true)}>${this.t('portalPathMoveHelpIds')}</button>`
        : nothing}
    </section>`;
  }

  private renderTokens(field: TokenField) {
    const values = this.draft![field];
    const label = this.t(field === 'tags' ? 'portalPathTags' : 'portalPathHelpIds');
    const error = this.tokenError?.field === field ? this.tokenError.message : undefined;
    return html`<div class="tokens-field">
      <label for="${field}-input">${label}</label>
      ${values.length
        ? html`<ul class="tokens" aria-label=${label}>
            ${values.map(
              (value) => html`<li part="token" class="token">
                <span>${value}</span>
                <button part="remove-token-button" class="token-remove" type="button" aria-label=${this.t('portalPathRemoveToken', { value })} @click=${() => void this.removeToken(field, value)}>
                  <span aria-hidden="true">×</span>
                </button>
              </li>`,
            )}
          </ul>`
        : nothing}
      <input
        part=${field === 'tags' ? 'tag-input' : 'help-id-input'}
        id="${field}-input"
        type="text"
        autocomplete="off"
        aria-invalid=${error ? 'true' : 'false'}
        aria-describedby="${field}-hint"
        @keydown=${(event: KeyboardEvent) => this.onTokenKey(event, field)}
        @change=${(event: Event) => this.addTokens(field, event.target as HTMLInputElement)}
      />
      <p id="${field}-hint" class=${error ? 'form-error' : 'muted hint'}>${error ?? this.t(field === 'tags' ? 'portalPathTagsHint' : 'portalPathHelpIdsHint')}</p>
    </div>`;
  }

  private renderDetails(draft: Draft) {
    const categories = this.categories.value ?? [];
    const known = categories.some((c) => c.id === draft.category);
    return html`<section part="details" class="details" aria-labelledby="details-heading">
      <h2 id="details-heading">${this.t('portalPathDetails')}</h2>
      <div class="form">
        ${textField({ part: 'title-input', id: 'path-title', label: this.t('portalPathTitle'), value: draft.title, maxlength: 200, onInput: (title) => this.edit({ title }) })}
        <label for="path-summary">${this.t('portalPathSummary')}</label>
        <textarea part="summary-input" id="path-summary" rows="3" maxlength="1000" .value=${draft.summary} @input=${(e: InputEvent) => this.edit({ summary: (e.target as HTMLTextAreaElement).value })}></textarea>
        <label for="path-category">${this.t('portalPathCategory')}</label>
        <select part="category-select" id="path-category" ?disabled=${this.categories.status !== 'complete'} @change=${(e: Event) => this.edit({ category: (e.target as HTMLSelectElement).value })}>
          ${categories.map((c) => html`<option value=${c.id} ?selected=${c.id === draft.category}>${c.name}</option>`)}
          ${known ? nothing : html`<option value=${draft.category} selected>${this.t('portalPathCategoryMissing', { id: draft.category })}</option>`}
        </select>
        ${this.categories.status === 'error' ? html`<p class="form-error">${errorText(this.t.bind(this), this.categories.error)}</p>` : nothing}
        ${this.renderTokens('tags')} ${this.renderTokens('helpIds')}
        <fieldset part="audience" class="audience">
          <legend>${this.t('portalPathAudience')}</legend>
          ${(Object.entries(AUDIENCE_LABELS) as [Audience, StringKey][]).map(
            ([value, label]) => html`<label class="radio">
              <input type="radio" name="audience" value=${value} .checked=${draft.audience === value} @change=${() => this.edit({ audience: value })} />
              ${this.t(label)}
            </label>`,
          )}
        </fieldset>
      </div>
    </section>`;
  }

  private renderEditor(info: AuthoredPathInfo, draft: Draft): TemplateResult {
    const compared = this.compared;
    return html`<p part="status" class="status">
        ${this.t(STATUS_LABELS[info.status])} · ${this.t('portalPathRevision', { revision: info.revision })}
        ${this.dirty ? html`· <strong>${this.t('portalPathUnsaved')}</strong>` : nothing}
      </p>
      ${this.conflict ? this.renderConflict(this.conflict) : nothing} ${this.renderProblemList()}
      <div part="toolbar" class="toolbar actions">
        <button part="save-button" class="button" type="button" ?disabled=${this.busy} @click=${() => void this.save()}>${this.t('portalPathSave')}</button>
        <button part="publish-button" class="button primary" type="button" ?disabled=${this.busy} @click=${() => void this.publish()}>${this.t('portalPathPublish')}</button>
        <button part="discard-button" class="button danger" type="button" ?disabled=${this.busy || !info.draft} @click=${() => void this.discard()}>${this.t('portalPathDiscard')}</button>
      </div>
      ${this.renderDetails(draft)} ${this.renderSteps()}
      <section class="preview" aria-labelledby="preview-heading">
        <h2 id="preview-heading">${this.t('portalPathPreview')}</h2>
        <nexus-path-preview
          part="preview"
          .path=${this.previewPath}
          theme-url=${ifDefined(this.branding.value?.themeUrl ?? this.themeUrl)}
          step-content-theme-url=${ifDefined(this.branding.value?.stepContentThemeUrl ?? undefined)}
          .strings=${this.previewStrings()}
        ></nexus-path-preview>
      </section>
      ${renderHistory({
        t: this.t.bind(this),
        status: this.versions.status === 'error' ? 'error' : this.versions.status === 'complete' ? 'ready' : 'loading',
        error: this.versions.status === 'error' ? errorText(this.t.bind(this), this.versions.error) : undefined,
        versions: this.versions.value ?? [],
        busy: this.busy,
        when: (at) => this.when(at),
        retry: () => void this.versions.run(),
        compare: (version) => void this.compare(version),
        restore: (version) => void this.restore(version),
        compared: compared ? renderDifferences(this.t.bind(this), compared.version, comparePaths(compared.path, this.previewPath!)) : undefined,
      })}`;
  }

  private renderBody(): unknown {
    const back = html`<a part="back-link" class="back" href="#/paths">${this.t('portalPathBack')}</a>`;
    const error = this.path.error;
    if (this.path.status === 'error' && error instanceof NexusError && error.code === 'path_not_found') {
      return html`${back}
        <p part="not-found" role="alert">${this.t('portalPathNotFound', { id: this.param })}</p>`;
    }
    if (this.path.status === 'pending' && this.info) return html`${back} ${loadingState(this.t('loading'))}`;
    return html`${back} ${this.renderLoaded(this.path, () => (this.info && this.draft ? this.renderEditor(this.info, this.draft) : nothing))}`;
  }

  /**
   * The strings customers get: the tenant's customized strings for every language (`*`) and for
   * this page's language, over the page's own.
   */
  private previewStrings(): Strings {
    const tenant = this.branding.value?.strings;
    if (!tenant) return this.strings ?? NO_STRINGS;
    const lang = this.localize.lang.toLowerCase();
    return { ...this.strings, ...tenant['*'], ...tenant[lang.split('-')[0]], ...tenant[lang] } as Strings;
  }

  protected override render(): unknown {
    const title = this.draft?.title.trim();
    return this.renderPage('path-editor', title ? this.t('portalPathEditing', { title }) : this.t('portalPagePath'), this.renderBody());
  }
}

define('nexus-portal-path-editor', NexusPortalPathEditor);

declare global {
  interface HTMLElementTagNameMap {
    'nexus-portal-path-editor': NexusPortalPathEditor;
  }
}
