import { html, nothing, type PropertyValues } from 'lit';
import { property, query, state } from '../shared/decorators.js';
import type { NexusClient } from '../../core/client.js';
import { isAbort } from '../../core/errors.js';
import { randomId } from '../../core/ids.js';
import { LIMITS } from '../../protocol/api.js';
import type { SearchHit } from '../../protocol/schemas.js';
import { define } from '../shared/define.js';
import { highlighted } from '../shared/highlight.js';
import { icon, closeIcon, searchIcon } from '../shared/icons.js';
import { NexusElement } from '../shared/nexus-element.js';
import { Loader, nothingToLoad } from '../shared/loader.js';
import { searchStyles } from './search.styles.js';

/** Where the element is in its current search. */
type Phase = 'idle' | 'searching' | 'ready' | 'error';

/**
 * What a search box shows: nothing searched (`idle`), `loading` (a search under way, or no
 * client yet), suggestions (`ready`), no match (`empty`), or `error`. Reflected as the `state`
 * attribute.
 */
export type SearchState = 'idle' | 'loading' | 'ready' | 'empty' | 'error';

/**
 * A search box that suggests guided paths as the person types. It follows the WAI-ARIA 1.2
 * combobox pattern: the text field is a combobox that controls a listbox of suggestions, which
 * the arrow keys move through while focus stays in the field.
 *
 * Typing waits for a pause (`debounce`) and for at least `min-length` characters, then searches.
 * A newer search always replaces an older one: the older request is cancelled, and if its answer
 * still arrives it is dropped. Pressing Enter without a highlighted suggestion submits the search
 * (`nexus-search` with `submitted: true`), which `<nexus-self-help>` answers by showing every result.
 *
 * @summary As-you-type search for guided paths, with a list of suggestions.
 * @tag nexus-search
 *
 * @attr state - Read-only, reflected: `idle` (nothing searched: the text is empty or too short), `loading` (a search under way, or no client yet), `ready` (suggestions), `empty` (nothing matched) or `error` (the search failed, or no client).
 *
 * @csspart base - The wrapper around the form and the suggestions.
 * @csspart form - The `<form role="search">`.
 * @csspart label - The field's label (visually hidden unless `label-visible` is set).
 * @csspart input-wrapper - The box around the text field and its buttons.
 * @csspart input - The text field.
 * @csspart clear-button - The button that empties the field (shown when there is text).
 * @csspart submit-button - The button that submits the search.
 * @csspart listbox - The list of suggestions.
 * @csspart option - One suggestion.
 * @csspart option-title - A suggestion's title.
 * @csspart option-snippet - The excerpt of a suggestion that matched.
 * @csspart mark - A highlighted match in a title or excerpt.
 * @csspart empty - The message shown when nothing matched.
 * @csspart status - The visually hidden live region that announces how many topics were found.
 * @csspart loading - The searching state.
 * @csspart error - The error state.
 * @csspart retry-button - The error state's retry button.
 *
 * @cssprop --nexus-search-input-background - Background of the text field's box.
 * @cssprop --nexus-search-input-border-color - Border colour of the text field's box.
 * @cssprop --nexus-search-input-radius - Corner radius of the text field's box.
 * @cssprop --nexus-search-listbox-background - Background of the suggestions.
 * @cssprop --nexus-search-listbox-shadow - Shadow under the suggestions.
 * @cssprop --nexus-search-listbox-max-height - Tallest the suggestions get before they scroll.
 * @cssprop --nexus-search-listbox-z-index - Stacking order of the suggestions over the page.
 * @cssprop --nexus-search-option-active-background - Background of the highlighted suggestion.
 *
 * @fires nexus-search - Results arrived for what was typed (`submitted: false`), or the person submitted the search (`submitted: true`).
 * @fires nexus-path-select - The person picked a suggestion (cancelable). `<nexus-self-help>` opens it.
 * @fires nexus-error - A search failed; the suggestions show the error and a retry button.
 */
export class NexusSearch extends NexusElement {
  static override styles = [...NexusElement.styles, searchStyles];
  static override shadowRootOptions: ShadowRootInit = { ...NexusElement.shadowRootOptions, delegatesFocus: true };

  /** Accessible name of the field; the strings catalogue's `searchLabel` by default. */
  @property() label?: string;

  /** Shows the label above the field (it is otherwise only announced). */
  @property({ type: Boolean, reflect: true, attribute: 'label-visible' }) labelVisible = false;

  /** Hint shown in the empty field; the strings catalogue's `searchPlaceholder` by default. */
  @property() placeholder?: string;

  /** Only suggest paths carrying any of these tags (comma-separated). */
  @property() tags = '';

  /** Most suggestions to show. */
  @property({ type: Number }) limit = 8;

  /** Fewest characters (ignoring spaces around them) before suggestions are looked up. */
  @property({ type: Number, attribute: 'min-length' }) minLength = 2;

  /** Pause in typing, in milliseconds, before suggestions are looked up. */
  @property({ type: Number }) debounce = 150;

  /** The text in the field; follows what the person types. */
  @property() value = '';

  @state() private phase: Phase = 'idle';
  @state() private hits: SearchHit[] = [];
  @state() private open = false;
  @state() private activeIndex = -1;
  @state() private announcement = '';
  @state() private failure?: unknown;

  @query('[part="input"]') private input?: HTMLInputElement;

  /** Searches from this element supersede only each other, never another search box's. */
  private readonly channel = `nexus-search:${randomId(9)}`;
  /** Query whose results `hits` holds, if they are current. */
  private hitsQuery?: string;
  /** The text being searched: setting it starts that search, and an older one's answer is dropped. */
  @state() private runQuery?: string;
  private readonly loader = new Loader(this, {
    args: () => [this.runQuery] as const,
    load: async ([query], signal) => {
      const client = this.client;
      if (!client || query === undefined) return nothingToLoad;
      const result = await client.selfHelp.search(query, { tags: this.tags, limit: this.maxResults, channel: this.channel, signal });
      return result.items;
    },
    onComplete: (items, [query]) => {
      if (query !== undefined && query === this.runQuery) this.settle(query, items);
    },
    onError: (error, [query]) => {
      if (query !== undefined && query === this.runQuery && !isAbort(error)) this.fail(query, error);
    },
  });
  private debounceTimer?: ReturnType<typeof setTimeout>;
  /** A query the person submitted before its results arrived. */
  private submitQuery?: string;
  private searchedWith?: NexusClient;

  /**
   * The suggestions of the last search that finished: empty when nothing matched, when the text
   * is shorter than `min-length`, or when the search failed.
   */
  get results(): readonly SearchHit[] {
    return this.hits;
  }

  /** Where the search is: `idle`, `loading`, `ready`, `empty` or `error`. */
  get state(): SearchState {
    return this.shownState as SearchState;
  }

  protected override deriveState(): SearchState {
    if (this.baseState) return this.baseState;
    if (this.phase === 'searching') return 'loading';
    return this.phase === 'ready' && !this.hits.length ? 'empty' : this.phase;
  }

  /** Focuses the text field. */
  override focus(options?: FocusOptions): void {
    if (this.input) this.input.focus(options);
    else super.focus(options);
  }

  /** Empties the field, cancels any search and closes the suggestions. */
  clear(): void {
    this.value = '';
    this.reset();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.reset();
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    super.willUpdate(changed);
    const client = this.client;
    const filterChanged = changed.has('tags') || changed.has('limit');
    if (client !== this.searchedWith || (filterChanged && this.hitsQuery !== undefined)) {
      // Results of another server, token or filter no longer apply.
      this.searchedWith = client;
      if (this.hitsQuery !== undefined || this.phase !== 'idle') this.reset();
    }
  }

  protected override updated(changed: PropertyValues): void {
    super.updated(changed);
    // The field shows `value`, also when something else (a form reset, say) changed the field.
    if (this.input && this.input.value !== this.value) this.input.value = this.value;
    if (changed.has('activeIndex') && this.activeIndex >= 0) {
      this.renderRoot.querySelector(`#option-${this.activeIndex}`)?.scrollIntoView({ block: 'nearest' });
    }
  }

  protected override renderContent() {
    const label = this.label ?? this.t('searchLabel');
    const expanded = this.listboxShown;
    const active = expanded && this.activeIndex >= 0 ? `option-${this.activeIndex}` : undefined;
    return html`<div part="base" class="base" @focusout=${this.onFocusOut}>
      <form part="form" class="form" role="search" @submit=${this.onSubmit}>
        <label part="label" class=${this.labelVisible ? 'label' : 'label visually-hidden'} for="input">${label}</label>
        <div part="input-wrapper" class="input-wrapper">
          <input
            part="input"
            class="input"
            id="input"
            type="text"
            role="combobox"
            autocomplete="off"
            autocapitalize="off"
            spellcheck="false"
            enterkeyhint="search"
            maxlength=${LIMITS.maxQueryLength}
            aria-autocomplete="list"
            aria-controls="listbox"
            aria-expanded=${expanded ? 'true' : 'false'}
            aria-activedescendant=${active ?? nothing}
            placeholder=${this.placeholder ?? this.t('searchPlaceholder')}
            @input=${this.onInput}
            @keydown=${this.onKeyDown}
          />
          <button
            part="clear-button"
            class="icon-button clear"
            type="button"
            aria-label=${this.t('searchClear')}
            title=${this.t('searchClear')}
            ?hidden=${!this.value}
            @click=${this.onClearClick}
          >
            ${icon(closeIcon)}
          </button>
          <button part="submit-button" class="icon-button submit" type="submit" aria-label=${this.t('searchSubmit')} title=${this.t('searchSubmit')}>
            ${icon(searchIcon)}
          </button>
        </div>
      </form>
      <div class="popup" ?hidden=${!this.popupVisible} @mousedown=${preventDefault}>
        <div
          part="listbox"
          class="listbox"
          id="listbox"
          role="listbox"
          aria-label=${this.t('searchSuggestions')}
          aria-busy=${this.phase === 'searching' ? 'true' : 'false'}
          ?hidden=${!expanded}
        >
          ${expanded ? this.hits.map((hit, index) => this.renderOption(hit, index)) : nothing}
        </div>
        ${this.popupVisible ? this.renderPopupState() : nothing}
      </div>
      <div part="status" class="visually-hidden" role="status" aria-live="polite" aria-atomic="true">${this.announcement}</div>
    </div>`;
  }

  private renderOption(hit: SearchHit, index: number) {
    const id = `option-${index}`;
    return html`<div
      part="option"
      class="option"
      id=${id}
      role="option"
      aria-selected=${index === this.activeIndex ? 'true' : 'false'}
      @click=${() => this.select(index)}
      @pointermove=${() => this.activate(index)}
    >
      <span part="option-title" class="option-title">${highlighted(hit.titleHighlight || hit.title)}</span>
      ${hit.snippet
        ? html`<span part="option-snippet" class="option-snippet">${highlighted(hit.snippet)}</span>`
        : nothing}
    </div>`;
  }

  /** What the popup shows instead of (or while waiting for) suggestions. */
  private renderPopupState() {
    if (this.phase === 'error') return this.renderError(this.failure, () => this.retry());
    if (this.hits.length) return nothing;
    if (this.phase === 'searching') return this.renderLoading(this.t('searching'));
    if (this.phase === 'ready') {
      return html`<div part="empty" class="state empty"><p>${this.t('searchNoResults', { query: this.hitsQuery ?? '' })}</p></div>`;
    }
    return nothing;
  }

  /** Whether the popup is on screen (suggestions, or a state in their place). */
  private get popupVisible(): boolean {
    return this.open && this.phase !== 'idle';
  }

  /** Whether the listbox is on screen with suggestions in it. */
  private get listboxShown(): boolean {
    return this.popupVisible && this.phase !== 'error' && this.hits.length > 0;
  }

  /** The text to search for. */
  private get currentQuery(): string {
    return this.value.trim().slice(0, LIMITS.maxQueryLength);
  }

  /** `limit`, within what the server accepts. */
  private get maxResults(): number {
    return Math.min(LIMITS.maxLimit, Math.max(1, Math.round(this.limit) || 8));
  }

  private onInput(event: InputEvent): void {
    this.value = (event.target as HTMLInputElement).value;
    this.activeIndex = -1;
    this.submitQuery = undefined;
    clearTimeout(this.debounceTimer);
    const query = this.currentQuery;
    if (query.length < Math.max(1, this.minLength)) {
      this.reset();
      return;
    }
    this.open = true;
    if (query === this.hitsQuery && this.phase === 'ready') {
      // Back to the text the suggestions are for (a space typed and removed, say).
      this.cancel();
      return;
    }
    if (query === this.runQuery && this.phase === 'searching') return; // already on its way
    this.debounceTimer = setTimeout(() => this.search(query), Math.max(0, this.debounce));
  }

  private onKeyDown(event: KeyboardEvent): void {
    if (event.isComposing) return;
    const size = this.listboxShown ? this.hits.length : 0;
    switch (event.key) {
      case 'ArrowDown':
      case 'ArrowUp': {
        event.preventDefault();
        const down = event.key === 'ArrowDown';
        if (!this.listboxShown) {
          this.reopen(event.altKey ? -1 : down ? 0 : 'last');
        } else if (!event.altKey) {
          const from = this.activeIndex;
          this.activeIndex = down ? (from + 1) % size : from <= 0 ? size - 1 : from - 1;
        }
        break;
      }
      case 'Enter':
        if (this.listboxShown && this.activeIndex >= 0) {
          event.preventDefault();
          this.select(this.activeIndex);
        }
        // Otherwise the form submits.
        break;
      case 'Escape':
        if (this.popupVisible) {
          event.preventDefault();
          this.close();
        } else if (this.value) {
          event.preventDefault();
          this.clear();
        }
        break;
      case 'Tab':
        this.close();
        break;
    }
  }

  /** Shows the suggestions again for the current text, searching if they are not known. */
  private reopen(activate: number | 'last'): void {
    const query = this.currentQuery;
    if (query.length < Math.max(1, this.minLength)) return;
    this.open = true;
    if (this.phase === 'searching') return; // its results show when they arrive
    if (query === this.hitsQuery && this.phase === 'ready') {
      if (this.hits.length) this.activeIndex = activate === 'last' ? this.hits.length - 1 : activate;
      return;
    }
    clearTimeout(this.debounceTimer);
    this.search(query);
  }

  private onSubmit(event: SubmitEvent): void {
    event.preventDefault();
    clearTimeout(this.debounceTimer);
    const query = this.currentQuery;
    if (!query) return;
    this.close();
    if (query === this.hitsQuery && this.phase === 'ready') {
      this.emit('nexus-search', { query, count: this.hits.length, submitted: true });
      return;
    }
    // The results are not in yet: announce the submission when they are.
    this.submitQuery = query;
    if (query !== this.runQuery || this.phase !== 'searching') this.search(query);
  }

  private onClearClick(): void {
    this.clear();
    this.focus();
  }

  private onFocusOut(event: FocusEvent): void {
    const next = event.relatedTarget as Node | null;
    if (next && (this.renderRoot.contains(next) || this.contains(next))) return;
    this.close();
  }

  private activate(index: number): void {
    if (index !== this.activeIndex) this.activeIndex = index;
  }

  private select(index: number): void {
    const hit = this.hits[index];
    if (!hit) return;
    this.emit('nexus-path-select', { pathId: hit.id, title: hit.title, source: 'search' }, { cancelable: true });
    this.close();
  }

  private retry(): void {
    const query = this.runQuery ?? this.currentQuery;
    this.focus();
    if (query) this.search(query);
  }

  private close(): void {
    this.open = false;
    this.activeIndex = -1;
  }

  /** Stops any pending or running search (the loader aborts it and drops its answer). */
  private cancel(): void {
    clearTimeout(this.debounceTimer);
    this.runQuery = undefined;
  }

  /** Back to the state of an empty field. */
  private reset(): void {
    this.cancel();
    this.submitQuery = undefined;
    this.hits = [];
    this.hitsQuery = undefined;
    this.failure = undefined;
    this.phase = 'idle';
    this.announcement = '';
    this.close();
  }

  /** Searches for `query` through the loader (again, when it is the text searched already). */
  private search(query: string): void {
    if (!this.client) return;
    this.phase = 'searching';
    this.failure = undefined;
    if (this.hitsQuery !== query) this.activeIndex = -1;
    if (this.runQuery === query) void this.loader.run();
    else this.runQuery = query;
  }

  private settle(query: string, items: SearchHit[]): void {
    const submitted = this.submitQuery === query;
    this.submitQuery = undefined;
    this.runQuery = undefined;
    this.hits = items.slice(0, this.maxResults);
    this.hitsQuery = query;
    this.phase = 'ready';
    this.activeIndex = -1;
    if (submitted) this.open = false;
    // Announced only while the popup is open: a closed popup has nothing to tell.
    if (!this.open) this.announcement = '';
    else if (this.hits.length) this.announcement = this.count('searchResultCount', 'searchResultCountOne', this.hits.length);
    else this.announcement = this.t('searchNoResults', { query });
    this.emit('nexus-search', { query, count: this.hits.length, submitted });
  }

  private fail(query: string, error: unknown): void {
    // A failed submission reopens the popup, so that the person sees why nothing happened.
    if (this.submitQuery === query) this.open = true;
    this.submitQuery = undefined;
    this.hits = [];
    this.hitsQuery = undefined;
    this.failure = error;
    this.phase = 'error';
    this.activeIndex = -1;
    this.announcement = '';
    this.reportError(error);
  }
}

function preventDefault(event: Event): void {
  // Keeps focus in the field while the pointer picks a suggestion or presses retry.
  event.preventDefault();
}

define('nexus-search', NexusSearch);

declare global {
  interface HTMLElementTagNameMap {
    'nexus-search': NexusSearch;
  }
}
