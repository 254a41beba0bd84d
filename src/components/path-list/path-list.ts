import { html, nothing } from 'lit';
import { property } from '../shared/decorators.js';
import type { NexusClient } from '../../core/client.js';
import type { PathSummary, Recommendation, SearchHit } from '../../protocol/schemas.js';
import { define } from '../shared/define.js';
import { highlighted } from '../shared/highlight.js';
import { icon, chevronIcon } from '../shared/icons.js';
import { Loader, listState, type ListState } from '../shared/loader.js';
import { NexusElement } from '../shared/nexus-element.js';
import type { StringKey } from '../../i18n/strings.js';
import { pathListStyles } from './path-list.styles.js';

/** What a path list shows when its `items` are not set directly. */
export type PathListSource = 'recommended' | 'tags' | 'search' | 'category';

type Item = PathSummary | SearchHit | Recommendation;

const headings: Record<PathListSource, StringKey> = {
  recommended: 'pathsRecommended',
  tags: 'pathsForTags',
  search: 'searchResultsFor',
  category: 'pathsForTags',
};

/**
 * A list of guided paths: recommendations for the person (the default), paths with given tags,
 * search results, or a category's paths — or any `items` the page sets.
 *
 * @summary A list of guided paths to pick from.
 * @tag nexus-path-list
 *
 * @attr state - Read-only, reflected: `loading`, `ready` (the paths), `empty` (none) or `error` (loading failed, or no client).
 *
 * @csspart base - The wrapper around heading and list.
 * @csspart heading - The list's heading.
 * @csspart list - The `<ul>` of paths.
 * @csspart item - One `<li>`.
 * @csspart item-button - The button that opens a path.
 * @csspart item-title - A path's title.
 * @csspart item-summary - A path's summary (or search snippet).
 * @csspart item-meta - The step count.
 * @csspart mark - A highlighted search match.
 * @csspart loading - The loading state.
 * @csspart empty - The empty state.
 * @csspart error - The error state.
 * @csspart retry-button - The error state's retry button.
 *
 * @cssprop --nexus-path-list-item-background - Background of a path.
 * @cssprop --nexus-path-list-item-hover-background - Background of a path under the pointer.
 * @cssprop --nexus-path-list-gap - Space between paths.
 *
 * @fires nexus-path-select - The person picked a path (cancelable). `<nexus-self-help>` opens it.
 * @fires nexus-error - Loading failed; the list shows the error and a retry button.
 */
export class NexusPathList extends NexusElement {
  static override styles = [...NexusElement.styles, pathListStyles];

  /** Where the paths come from: `recommended`, `tags`, `search` or `category`. */
  @property({ reflect: true }) source: PathListSource = 'recommended';

  /** Tags (comma-separated), search text or category id, depending on `source`. */
  @property() value = '';

  /** Most paths to show. */
  @property({ type: Number }) limit = 10;

  /** Heading text; defaults to one that fits the source. Set to an empty string for none. */
  @property() label?: string;

  /** Level of the heading (1–6) so it fits the page's outline. */
  @property({ type: Number, attribute: 'heading-level' }) headingLevel = 2;

  /** Paths to show instead of loading them (summaries, search hits or recommendations). */
  @property({ attribute: false }) items?: Item[];

  private readonly loader = new Loader(this, {
    load: async ([client, source, value, limit, items], signal): Promise<Item[]> => {
      if (items) return items;
      if (!client) return [];
      return load(client, source, value, limit, signal);
    },
    args: () => [this.client, this.source, this.value, this.limit, this.items] as const,
    onError: (error) => this.reportError(error),
  });

  /** What the list shows: `loading`, `ready`, `empty` or `error`. */
  get state(): ListState {
    return this.shownState as ListState;
  }

  protected override deriveState(): ListState {
    return this.baseState ?? listState(this.loader);
  }

  /** Reloads the list. */
  reload(): void {
    void this.loader.run();
  }

  protected override renderContent() {
    const label = this.label ?? this.t(headings[this.source], { query: this.value });
    return html`<section part="base" aria-label=${label || nothing} aria-busy=${this.loader.status === 'pending' ? 'true' : 'false'}>
      ${label
        ? html`<div part="heading" class="heading" role="heading" aria-level=${clampLevel(this.headingLevel)}>${label}</div>`
        : nothing}
      ${this.loader.render({
        initial: () => this.renderLoading(),
        pending: () => this.renderLoading(),
        complete: (items) => (items.length ? this.renderItems(items) : this.renderEmpty(this.t('pathsEmpty'))),
        error: (error) => this.renderError(error, () => this.reload()),
      })}
    </section>`;
  }

  private renderItems(items: Item[]) {
    return html`<ul part="list" class="list">
      ${items.slice(0, this.limit).map(
        (item) => html`<li part="item">
          <button part="item-button" class="item" @click=${() => this.select(item)}>
            <span class="text">
              <span part="item-title" class="title">${'titleHighlight' in item ? highlighted(item.titleHighlight) : item.title}</span>
              ${summaryOf(item)
                ? html`<span part="item-summary" class="summary">${'snippet' in item && item.snippet ? highlighted(item.snippet) : item.summary}</span>`
                : nothing}
              <span part="item-meta" class="meta">${this.count('pathSteps', 'pathStepsOne', item.stepCount)}</span>
            </span>
            ${icon(chevronIcon)}
          </button>
        </li>`,
      )}
    </ul>`;
  }

  private select(item: Item): void {
    this.emit('nexus-path-select', { pathId: item.id, title: item.title, source: 'list' }, { cancelable: true });
  }
}

async function load(client: NexusClient, source: PathListSource, value: string, limit: number, signal: AbortSignal): Promise<Item[]> {
  switch (source) {
    case 'tags':
      return value.trim() ? (await client.selfHelp.byTags(value, { limit, signal })).items : [];
    case 'search':
      return value.trim() ? (await client.selfHelp.search(value, { limit, signal, channel: null })).items : [];
    case 'category':
      return value.trim() ? (await client.selfHelp.byCategory(value, { limit, signal })).items : [];
    default:
      return client.selfHelp.recommended({ limit, signal });
  }
}

function summaryOf(item: Item): string {
  return 'snippet' in item && item.snippet ? item.snippet : item.summary;
}

function clampLevel(level: number): number {
  return Math.min(6, Math.max(1, Math.round(level) || 2));
}

define('nexus-path-list', NexusPathList);

declare global {
  interface HTMLElementTagNameMap {
    'nexus-path-list': NexusPathList;
  }
}
