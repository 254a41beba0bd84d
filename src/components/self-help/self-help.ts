import { html, nothing, type PropertyValues } from 'lit';
import { ifDefined } from 'lit/directives/if-defined.js';
import { property, query, state } from '../shared/decorators.js';
import { NexusError } from '../../core/errors.js';
import {
  SEARCH_TYPES,
  SECTIONS,
  isSearchType,
  parseDisplayOrder,
  readSections,
  type RemoteConnectionType,
  type SearchType,
  type Section,
  type SectionList,
} from '../../protocol/page-config.js';
import type { ActivitySource } from '../../protocol/schemas.js';
import '../path-list/path-list.js';
import type { PathListSource } from '../path-list/path-list.js';
import '../search/search.js';
import { define } from '../shared/define.js';
import type { NexusEvent } from '../shared/events.js';
import { reportHeight } from '../shared/height.js';
import { icon, backIcon } from '../shared/icons.js';
import { NexusElement } from '../shared/nexus-element.js';
import { selfHelpStyles } from './self-help.styles.js';

/**
 * The `exportparts` of the inner elements that load on demand, from the part lists their modules
 * export: known once a module has loaded (until then the element has no parts to export).
 */
const lazyParts: { categories?: string; guide?: string; contact?: string } = {};

/**
 * Categories are a chunk of their own, loaded the first time a categories section renders (a
 * loading state holds their place meanwhile): their cards wait for the server anyway.
 */
const loadCategories = () =>
  import('../categories/categories.js').then(({ CATEGORIES_PARTS }) => (lazyParts.categories = exportParts('categories', CATEGORIES_PARTS)));

/**
 * The guided path (with its sanitizer) is a chunk of its own: self help loads it when a path
 * opens, and earlier, when the browser is idle, so that opening a path rarely waits for it.
 */
const loadGuide = () =>
  import('../guided-path/guided-path.js').then(({ GUIDED_PATH_PARTS }) => (lazyParts.guide = exportParts('guide', GUIDED_PATH_PARTS)));

/**
 * Contact us is a chunk of its own as well, loaded the first time a contact section renders:
 * it is usually the last section, so the sections above it show without waiting for it.
 */
const loadContact = () =>
  import('../contact-us/contact-us.js').then(({ CONTACT_US_PARTS }) => (lazyParts.contact = exportParts('contact', CONTACT_US_PARTS)));

// The sections, search types and the display-order parser are the page configuration's
// (src/protocol/page-config.ts), shared with the SDK and the embed page; re-exported for the
// code that took them from here.
export { SECTIONS, parseDisplayOrder, type SearchType, type Section };

/**
 * What self help shows: `loading` (no client yet), the sections (`home`), the sections with
 * submitted search results (`results`), an open guided path (`path`), or `error` (no client).
 * Reflected as the `state` attribute.
 */
export type SelfHelpState = 'loading' | 'home' | 'results' | 'path' | 'error';

/** Re-exports the parts of a nested element with a namespace prefix. */
function exportParts(prefix: string, parts: readonly string[]): string {
  return parts.map((part) => `${part}:${prefix}__${part}`).join(', ');
}
const commonParts = ['base', 'heading', 'loading', 'empty', 'error', 'retry-button'];
const searchParts = exportParts('search', [...commonParts, 'form', 'input', 'clear-button', 'submit-button', 'listbox', 'option', 'mark']);
const pathsParts = exportParts('paths', [...commonParts, 'list', 'item', 'item-button', 'item-title', 'item-summary', 'item-meta', 'mark']);

/**
 * Self help in one element: search, category cards, recommended (or tagged, or searched)
 * guided paths and contact options, in the order you choose; picking a path walks it step by
 * step, and a path that does not solve the problem ends with the contact options.
 *
 * The attributes mirror the Cloud SDK's Embed API: `search-type` + `search-value` choose what
 * opens (`helpid` opens that path directly; `tags` lists the paths with any of the tags; `text`
 * lists search results), `display-order` chooses the sections, and `phone`, `skill` and
 * `remote-connection-type` configure contact us. Each time self help starts, it begins a new
 * context session (see `preserveContext` on the core's context service).
 *
 * @summary Search, categories, guided paths and contact options in one embeddable element.
 * @tag nexus-self-help
 *
 * @attr state - Read-only, reflected: `loading` (no client yet), `home` (the sections), `results` (the sections with submitted search results), `path` (a guided path is open; its own `state` says where it is) or `error` (no client).
 *
 * @csspart base - The wrapper of everything.
 * @csspart home - The home view with the sections.
 * @csspart section - Each section of the home view.
 * @csspart path-view - The view of an open guided path.
 * @csspart back-button - The button from a path back to the home view.
 * @csspart results-clear - The button that leaves submitted search results.
 * @csspart search__input - Parts of the inner `<nexus-search>`, prefixed `search__`.
 * @csspart categories__card - Parts of the inner `<nexus-categories>`, prefixed `categories__`.
 * @csspart paths__item-button - Parts of the inner `<nexus-path-list>`, prefixed `paths__`.
 * @csspart contact__chat-button - Parts of the inner `<nexus-contact-us>`, prefixed `contact__`.
 * @csspart guide__step - Parts of the inner `<nexus-guided-path>`, prefixed `guide__`.
 *
 * @cssprop --nexus-self-help-gap - Space between sections.
 * @cssprop --nexus-self-help-padding - Padding around the content.
 * @cssprop --nexus-self-help-background - Background of the whole surface.
 *
 * @fires nexus-height-change - The content height changed (for hosts that size a frame or container to it).
 * @fires nexus-search - Bubbles from the search box: results arrived, or the person submitted the search.
 * @fires nexus-category-select - Bubbles from the categories: the person opened one (cancelable).
 * @fires nexus-path-select - Bubbles from the inner elements; the default opens the path (cancel it to handle paths yourself).
 * @fires nexus-path-open - Bubbles from the guided path: a path was opened and its first step shown.
 * @fires nexus-step-change - Bubbles from the guided path: another step is shown.
 * @fires nexus-resolved - Bubbles from the guided path: the person said it solved the problem.
 * @fires nexus-escalate - Bubbles from the guided path: the person needs more help.
 * @fires nexus-live-help-request - Bubbles from contact us (cancelable).
 * @fires nexus-error - An inner element failed, or the attributes are invalid.
 */
export class NexusSelfHelp extends NexusElement {
  static override styles = [...NexusElement.styles, selfHelpStyles];

  /** What `search-value` is: `helpid`, `tags` or `text`. Without it, paths are recommendations. */
  @property({ attribute: 'search-type' }) searchType?: SearchType | '';

  /** A help-id, comma-separated tags, or search text, as `search-type` says. */
  @property({ attribute: 'search-value' }) searchValue = '';

  /**
   * Which sections to show and in what order: any of `search`, `categories`, `paths`,
   * `contact-us` (`contact_us` is accepted too), comma-separated. All four by default.
   * `sections`, when set, takes its place.
   */
  @property({ attribute: 'display-order' }) displayOrder = '';

  /** The list `sections` was set to, read; undefined while `display-order` decides. */
  private sectionList?: SectionList;

  /**
   * The sections that show, in order. Reading it gives what `display-order` says, parsed, unless
   * it was set. Setting it to a list of section names (`search`, `categories`, `paths`,
   * `contact-us`; an empty list means all four) takes the place of `display-order`, for code
   * that already holds the list, such as the SDK; `undefined` gives the choice back to
   * `display-order`. In markup, the `sections` attribute takes the list as a JSON array.
   */
  @property({ type: Array, noAccessor: true })
  get sections(): Section[] {
    return (this.sectionList ?? parseDisplayOrder(this.displayOrder)).sections;
  }
  set sections(names: readonly string[] | null | undefined) {
    const old = this.sections;
    this.sectionList = Array.isArray(names) ? readSections(names) : undefined;
    this.requestUpdate('sections', old);
  }

  /** Phone number for the contact-us call option. */
  @property() phone?: string;

  /** Agent skill queue for the contact-us chat option. */
  @property() skill?: string;

  /** `cobrowse` (default) or `remote`, passed on with live-help requests. */
  @property({ attribute: 'remote-connection-type' }) remoteConnectionType: RemoteConnectionType = 'cobrowse';

  /** Level of the section headings (1–6). */
  @property({ type: Number, attribute: 'heading-level' }) headingLevel = 2;

  /** The open path (by id), if any. */
  @state() private openPathId?: string;
  /** The list the open path was picked from. */
  @state() private openedFrom?: ActivitySource;
  /** The open path by help-id (from `search-type="helpid"`), if any. */
  @state() private openHelpId?: string;
  /** Id of the path on screen, as the guided path reported it (also when opened by help-id). */
  @state() private shownPathId?: string;
  /** Submitted search text shown in the paths section. */
  @state() private submittedQuery = '';

  @query('.path-view') private pathView?: HTMLElement;

  private sessionBegun = false;

  constructor() {
    super();
    reportHeight(this, (height) => this.emit('nexus-height-change', { height }));
    this.addEventListener('nexus-path-select', (event) => this.onPathSelect(event));
    this.addEventListener('nexus-search', (event) => this.onSearch(event));
    this.addEventListener('nexus-path-open', (event) => (this.shownPathId = event.detail.pathId));
  }

  /** What self help shows: `loading`, `home`, `results`, `path` or `error`. */
  get state(): SelfHelpState {
    return this.shownState as SelfHelpState;
  }

  protected override deriveState(): SelfHelpState {
    return this.baseState ?? (this.openPathId || this.openHelpId ? 'path' : this.submittedQuery && this.sections.includes('paths') ? 'results' : 'home');
  }

  /** Opens a guided path by id (`from`: the list it was picked from, recorded for analytics). */
  openPath(pathId: string, from?: ActivitySource): void {
    void loadGuide();
    this.openHelpId = this.shownPathId = undefined;
    this.openPathId = pathId;
    this.openedFrom = from;
    void this.updateComplete.then(() => this.pathView?.focus());
  }

  /** Returns from a path to the sections. */
  goHome(): void {
    this.openPathId = this.openHelpId = this.shownPathId = undefined;
    void this.updateComplete.then(() => {
      const search = this.renderRoot.querySelector<HTMLElement>('nexus-search');
      (search ?? this.renderRoot.querySelector<HTMLElement>('.home'))?.focus();
    });
  }

  override connectedCallback(): void {
    super.connectedCallback();
    if ('requestIdleCallback' in window) requestIdleCallback(() => void loadGuide(), { timeout: 3000 });
    else setTimeout(() => void loadGuide(), 1000);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.sessionBegun = false;
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    super.willUpdate(changed);
    if (changed.has('searchType') || changed.has('searchValue')) {
      this.submittedQuery = '';
      this.openPathId = undefined;
      this.openHelpId = this.searchType === 'helpid' && this.searchValue.trim() ? this.searchValue.trim() : undefined;
      if (this.openHelpId) void loadGuide();
      if (this.searchType && !isSearchType(this.searchType)) {
        this.reportError(new NexusError('invalid_request', `search-type must be one of ${SEARCH_TYPES.join(', ')} (got "${this.searchType}")`));
      }
    }
    if (changed.has('sections') || (changed.has('displayOrder') && !this.sectionList)) {
      const [source, { unknown }] = this.sectionList ? ['sections', this.sectionList] : ['display-order', parseDisplayOrder(this.displayOrder)];
      if (unknown.length) {
        const names = unknown.map((name) => JSON.stringify(name)).join(', ');
        this.reportError(new NexusError('invalid_request', `${source}: unknown section ${names} (use ${SECTIONS.join(', ')})`));
      }
    }
    if (this.client && !this.sessionBegun) {
      this.sessionBegun = true;
      void this.client.context.beginSession();
    }
  }

  protected override renderContent() {
    const open = this.openPathId || this.openHelpId;
    return html`<div part="base" class="base">${open ? this.renderPath() : this.renderHome()}</div>`;
  }

  private renderHome() {
    return html`<div part="home" class="home" tabindex="-1">
      ${this.sections.map((section) => html`<div part="section" class="section" data-section=${section}>${this.renderSection(section)}</div>`)}
    </div>`;
  }

  private renderSection(section: Section) {
    switch (section) {
      case 'search':
        return html`<nexus-search exportparts=${searchParts} .strings=${this.strings}></nexus-search>`;
      case 'categories':
        if (!lazyParts.categories) void loadCategories().then(() => this.requestUpdate());
        return html`<nexus-categories exportparts=${ifDefined(lazyParts.categories)} heading-level=${this.headingLevel} .strings=${this.strings}
          >${lazyParts.categories ? nothing : this.renderLoading()}</nexus-categories
        >`;
      case 'paths':
        return this.renderPaths();
      case 'contact-us':
        return this.renderContact();
    }
  }

  private renderPaths() {
    let source: PathListSource = 'recommended';
    let value = '';
    if (this.submittedQuery) {
      source = 'search';
      value = this.submittedQuery;
    } else if (this.searchType === 'tags' && this.searchValue.trim()) {
      source = 'tags';
      value = this.searchValue;
    } else if (this.searchType === 'text' && this.searchValue.trim()) {
      source = 'search';
      value = this.searchValue.trim();
    }
    return html`
      ${this.submittedQuery
        ? html`<button part="results-clear" class="button link" @click=${() => (this.submittedQuery = '')}>${icon(backIcon)}${this.t('searchResultsClear')}</button>`
        : nothing}
      <nexus-path-list exportparts=${pathsParts} source=${source} .value=${value} .limit=${source === 'recommended' ? 5 : 10} heading-level=${this.headingLevel} .strings=${this.strings}></nexus-path-list>
    `;
  }

  private renderContact(pathId?: string) {
    if (!lazyParts.contact) void loadContact().then(() => this.requestUpdate());
    return html`<nexus-contact-us
      exportparts=${ifDefined(lazyParts.contact)}
      phone=${ifDefined(this.phone)}
      skill=${ifDefined(this.skill)}
      remote-connection-type=${this.remoteConnectionType}
      path-id=${ifDefined(pathId)}
      heading-level=${this.headingLevel}
      .strings=${this.strings}
    ></nexus-contact-us>`;
  }

  private renderPath() {
    const hasContact = Boolean(this.phone?.trim() || this.skill?.trim());
    if (!lazyParts.guide) void loadGuide().then(() => this.requestUpdate());
    return html`<div part="path-view" class="path-view" tabindex="-1" aria-label=${this.t('guidedPath')}>
      <button part="back-button" class="button link back" @click=${() => this.goHome()}>${icon(backIcon)}${this.t('guideClose')}</button>
      <nexus-guided-path
        exportparts=${ifDefined(lazyParts.guide)}
        path-id=${ifDefined(this.openPathId)}
        help-id=${ifDefined(this.openPathId ? undefined : this.openHelpId)}
        opened-from=${ifDefined(this.openPathId ? this.openedFrom : undefined)}
        heading-level=${this.headingLevel}
        .strings=${this.strings}
      >
        ${
          // Until its module has run, the guided path shows what it holds: a loading state then,
          // not contact us, which belongs in its escalated view.
          !lazyParts.guide
            ? this.renderLoading()
            : hasContact
              ? html`<div slot="escalation">${this.renderContact(this.shownPathId ?? this.openPathId)}</div>`
              : nothing
        }
      </nexus-guided-path>
    </div>`;
  }

  private onPathSelect(event: NexusEvent<'nexus-path-select'>): void {
    // Where it was picked: a suggestion of the search box, or the recommendations or search results
    // (not a category's or tag's list).
    const list = event.composedPath().find((node): node is Element => node instanceof Element && node.localName === 'nexus-path-list');
    const listed = event.detail.source === 'search' ? 'search' : list?.getAttribute('source');
    const from = listed === 'recommended' || listed === 'search' ? listed : undefined;
    // The page may cancel the event further up; act once every listener has had its turn.
    queueMicrotask(() => {
      if (!event.defaultPrevented) this.openPath(event.detail.pathId, from);
    });
  }

  private onSearch(event: NexusEvent<'nexus-search'>): void {
    if (event.detail.submitted && event.detail.query.trim()) this.submittedQuery = event.detail.query.trim();
  }
}

define('nexus-self-help', NexusSelfHelp);

declare global {
  interface HTMLElementTagNameMap {
    'nexus-self-help': NexusSelfHelp;
  }
}
