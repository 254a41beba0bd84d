import { html, nothing } from 'lit';
import { property, query } from '../shared/decorators.js';
import type { Category } from '../../protocol/schemas.js';
import '../path-list/path-list.js';
import { define } from '../shared/define.js';
import { categoryIcon } from '../shared/category-icons.js';
import { icon, backIcon } from '../shared/icons.js';
import { Loader, listState, type ListState } from '../shared/loader.js';
import { NexusElement } from '../shared/nexus-element.js';
import { categoriesStyles } from './categories.styles.js';

/** Parts of the inner path list, re-exported with a `paths__` prefix. */
const pathListParts = ['base', 'list', 'item', 'item-button', 'item-title', 'item-summary', 'item-meta', 'loading', 'empty', 'error', 'retry-button']
  .map((part) => `${part}:paths__${part}`)
  .join(', ');

/** Every part of the element (what a container re-exports with `exportparts`), besides the inner list's. */
export const CATEGORIES_PARTS = [
  'base',
  'heading',
  'grid',
  'card',
  'card-icon',
  'card-name',
  'card-description',
  'card-count',
  'category',
  'back-button',
  'category-heading',
  'loading',
  'empty',
  'error',
  'retry-button',
] as const;

/**
 * Category cards with their path counts; picking one shows that category's paths, with a way
 * back to all categories.
 *
 * @summary Browse guided paths by category.
 * @tag nexus-categories
 *
 * @attr state - Read-only, reflected: `loading`, `ready` (the cards, or the open category), `empty` (no categories) or `error` (loading failed, or no client).
 *
 * @csspart base - The wrapper.
 * @csspart heading - The heading above the cards.
 * @csspart grid - The grid of cards.
 * @csspart card - One category card (a button).
 * @csspart card-icon - A card's icon.
 * @csspart card-name - A card's name.
 * @csspart card-description - A card's description.
 * @csspart card-count - A card's path count.
 * @csspart category - The open category: back button, heading and paths.
 * @csspart back-button - The button back to all categories.
 * @csspart category-heading - The open category's name.
 * @csspart paths__base - The open category's path list (all `<nexus-path-list>` parts, prefixed `paths__`).
 * @csspart loading - The loading state.
 * @csspart empty - The empty state.
 * @csspart error - The error state.
 * @csspart retry-button - The error state's retry button.
 *
 * @cssprop --nexus-categories-columns - Minimum card width of the grid.
 * @cssprop --nexus-categories-card-background - Background of a card.
 * @cssprop --nexus-categories-icon-color - Colour of the card icons.
 *
 * @fires nexus-category-select - The person opened a category (cancelable: the default shows its paths).
 * @fires nexus-path-select - The person picked a path in the open category (from the inner list).
 * @fires nexus-error - Loading failed; the element shows the error and a retry button.
 */
export class NexusCategories extends NexusElement {
  static override styles = [...NexusElement.styles, categoriesStyles];

  /** Id of the open category; empty for the cards. Set it to open a category directly. */
  @property({ reflect: true }) category = '';

  /** Heading text; defaults to "Browse by topic". Set to an empty string for none. */
  @property() label?: string;

  /** Level of the headings (1–6). */
  @property({ type: Number, attribute: 'heading-level' }) headingLevel = 2;

  @query('.category-heading') private categoryHeading?: HTMLElement;

  private lastOpened = '';

  private readonly loader = new Loader(this, {
    load: async ([client], signal): Promise<Category[]> => (client ? client.selfHelp.categories({ signal }) : []),
    args: () => [this.client] as const,
    onError: (error) => this.reportError(error),
  });

  /**
   * What the element shows: `loading`, `ready`, `empty` or `error` (an open category's paths
   * have their own list, with its own `state`).
   */
  get state(): ListState {
    return this.shownState as ListState;
  }

  protected override deriveState(): ListState {
    return this.baseState ?? listState(this.loader);
  }

  /** Opens a category (as picking its card does, without the event). */
  open(categoryId: string): void {
    this.lastOpened = categoryId;
    this.category = categoryId;
    void this.updateComplete.then(() => this.categoryHeading?.focus());
  }

  /** Returns to the cards, focusing the card of the category that was open. */
  close(): void {
    const previous = this.category || this.lastOpened;
    this.category = '';
    void this.updateComplete.then(() =>
      this.renderRoot.querySelector<HTMLElement>(`[data-category="${CSS.escape(previous)}"]`)?.focus(),
    );
  }

  protected override renderContent() {
    return this.loader.render({
      initial: () => this.renderLoading(),
      pending: () => this.renderLoading(),
      error: (error) => this.renderError(error, () => void this.loader.run()),
      complete: (categories) => {
        if (!categories.length) return this.renderEmpty(this.t('categoriesEmpty'));
        const open = this.category ? categories.find((c) => c.id === this.category) : undefined;
        return open ? this.renderCategory(open) : this.renderCards(categories);
      },
    });
  }

  private renderCards(categories: Category[]) {
    const label = this.label ?? this.t('categoriesHeading');
    return html`<section part="base" aria-label=${label || nothing}>
      ${label ? html`<div part="heading" class="heading" role="heading" aria-level=${this.level}>${label}</div>` : nothing}
      <ul part="grid" class="grid">
        ${categories.map(
          (category) => html`<li>
            <button part="card" class="card" data-category=${category.id} @click=${() => this.select(category)}>
              <span part="card-icon" class="card-icon">${icon(categoryIcon(category.icon))}</span>
              <span part="card-name" class="card-name">${category.name}</span>
              ${category.description
                ? html`<span part="card-description" class="card-description">${category.description}</span>`
                : nothing}
              <span part="card-count" class="card-count">${this.count('categoryPathCount', 'categoryPathCountOne', category.pathCount)}</span>
            </button>
          </li>`,
        )}
      </ul>
    </section>`;
  }

  private renderCategory(category: Category) {
    return html`<section part="base category" class="category" aria-label=${category.name}>
      <button part="back-button" class="button link back" @click=${() => this.close()}>${icon(backIcon)}${this.t('categoryBack')}</button>
      <div part="category-heading" class="category-heading" role="heading" aria-level=${this.level} tabindex="-1">${category.name}</div>
      <nexus-path-list
        exportparts=${pathListParts}
        source="category"
        .value=${category.id}
        .limit=${50}
        label=""
        .strings=${this.strings}
      ></nexus-path-list>
    </section>`;
  }

  private select(category: Category): void {
    if (this.emit('nexus-category-select', { categoryId: category.id, name: category.name }, { cancelable: true })) {
      this.open(category.id);
    }
  }

  private get level(): number {
    return Math.min(6, Math.max(1, Math.round(this.headingLevel) || 2));
  }
}

define('nexus-categories', NexusCategories);

declare global {
  interface HTMLElementTagNameMap {
    'nexus-categories': NexusCategories;
  }
}
