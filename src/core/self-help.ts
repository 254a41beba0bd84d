import { LIMITS, splitList } from '../protocol/api.js';
import { APP_ROUTES as ROUTES, routePath } from '../protocol/routes-app.js';
import type {
  ActivityEvent,
  ActivityKind,
  ActivitySource,
  Category,
  CategoryList,
  GuidedPath,
  PathList,
  Recommendation,
  RecommendationList,
  SearchResult,
} from '../protocol/schemas.js';
import { invalidArgument, requireText } from './errors.js';
import { randomId } from './ids.js';
import type { Outbox } from './outbox.js';
import type { Transport } from './transport.js';

export interface LoadOptions {
  signal?: AbortSignal;
}

export interface ListOptions extends LoadOptions {
  limit?: number;
  offset?: number;
}

export interface SearchOptions extends LoadOptions {
  /** Only paths carrying any of these tags. */
  tags?: string[] | string;
  limit?: number;
  /**
   * Searches on the same channel supersede each other: starting one cancels the previous one
   * still in flight (its promise rejects with an `AbortError`). Default `"search"`; pass a
   * distinct name for independent search boxes, or `null` to never cancel.
   */
  channel?: string | null;
}

/**
 * Guided paths and everything used to find them. Results are cached for the life of the client
 * (the page), except recommendations, which follow the person's context as it changes.
 */
export class SelfHelpService {
  private cache = new Map<string, unknown>();
  private inflight = new Map<string, Promise<unknown>>();
  private channels = new Map<string, AbortController>();

  constructor(
    private readonly transport: Transport,
    private readonly activity: Outbox<ActivityEvent>,
    private readonly consumerKey: string,
    private readonly beforeRecommend: () => Promise<void>,
  ) {}

  /** The one path a help-id names. Rejects with `help_id_not_found` when there is none. */
  byHelpId(helpId: string, options: LoadOptions = {}): Promise<GuidedPath> {
    const id = requireText('helpId', helpId, 128);
    return this.get(routePath(ROUTES.helpId, { helpId: id }), {}, options);
  }

  /** A path by its id. Rejects with `path_not_found` when there is none. */
  byPathId(pathId: string, options: LoadOptions = {}): Promise<GuidedPath> {
    const id = requireText('pathId', pathId, 64);
    return this.get(routePath(ROUTES.path, { id }), {}, options);
  }

  /** Paths carrying any of the tags (an array or a comma-separated string). */
  byTags(tags: string[] | string, options: ListOptions = {}): Promise<PathList> {
    const list = tagList(tags);
    if (!list.length) invalidArgument('byTags needs at least one tag');
    return this.get(ROUTES.paths, { tags: list.join(','), limit: options.limit, offset: options.offset }, options);
  }

  /** Paths of one category. */
  byCategory(categoryId: string, options: ListOptions = {}): Promise<PathList> {
    const category = requireText('categoryId', categoryId, 64);
    return this.get(ROUTES.paths, { category, limit: options.limit, offset: options.offset }, options);
  }

  /** Categories that have paths for this audience, with their path counts. */
  async categories(options: LoadOptions = {}): Promise<Category[]> {
    const list = await this.get<CategoryList>(ROUTES.categories, {}, options);
    return list.items;
  }

  /**
   * Ranked full-text search with highlighted matches; the last word matches as a prefix, so it
   * works as the person types.
   */
  async search(text: string, options: SearchOptions = {}): Promise<SearchResult> {
    const q = requireText('search text', text, LIMITS.maxQueryLength);
    const query = {
      q,
      tags: tagList(options.tags ?? []).join(',') || undefined,
      limit: options.limit,
      // Recorded with the search for the tenant's analytics (searches that found nothing).
      consumer: this.consumerKey,
    };
    const key = this.transport.url(ROUTES.search, query);
    const channel = options.channel === undefined ? 'search' : options.channel;
    if (channel !== null) this.channels.get(channel)?.abort();
    if (this.cache.has(key)) return this.cache.get(key) as SearchResult;
    const controller = new AbortController();
    if (channel !== null) this.channels.set(channel, controller);
    const signal = options.signal ? AbortSignal.any([options.signal, controller.signal]) : controller.signal;
    try {
      const result = await this.transport.request<SearchResult>('GET', ROUTES.search, { query, signal });
      this.cache.set(key, result);
      return result;
    } finally {
      if (channel !== null && this.channels.get(channel) === controller) this.channels.delete(channel);
    }
  }

  /**
   * Paths recommended for this person: ones they started and did not finish, then ones that
   * match their logged context, then popular ones. Sends pending context first.
   */
  async recommended(options: { limit?: number } & LoadOptions = {}): Promise<Recommendation[]> {
    await this.beforeRecommend();
    const list = await this.transport.request<RecommendationList>('GET', ROUTES.recommended, {
      query: { consumer: this.consumerKey, limit: options.limit },
      signal: options.signal,
    });
    return list.items;
  }

  /**
   * Records guided-path activity (shown to the agent, used for recommendations and the tenant's
   * analytics). `source`, on a `started` event: where the path was opened from (the
   * recommendations, search results, or a help-id), for "recommended paths opened".
   */
  track(pathId: string, event: ActivityKind, stepId?: string, source?: ActivitySource): void {
    requireText('pathId', pathId, 64);
    const item: ActivityEvent = { id: randomId(), at: Date.now(), pathId, event };
    if (stepId) item.stepId = stepId;
    if (source) item.source = source;
    this.activity.push(item);
  }

  /** Forgets cached results (after content changed on the server). */
  clearCache(): void {
    this.cache.clear();
  }

  /**
   * GET with the page-long cache. Concurrent callers of the same URL share one request; a
   * caller's abort only detaches that caller, the shared request runs on for the others.
   */
  private async get<T>(path: string, query: Record<string, string | number | undefined>, options: LoadOptions): Promise<T> {
    const key = this.transport.url(path, query);
    if (this.cache.has(key)) return this.cache.get(key) as T;
    let request = this.inflight.get(key) as Promise<T> | undefined;
    if (!request) {
      request = this.transport.request<T>('GET', path, { query });
      this.inflight.set(key, request);
      request.then(
        (value) => this.cache.set(key, value),
        () => undefined,
      ).finally(() => this.inflight.delete(key));
    }
    return options.signal ? raceAbort(request, options.signal) : request;
  }
}

function tagList(tags: string[] | string): string[] {
  const list = Array.isArray(tags) ? tags.flatMap((t) => splitList(String(t))) : splitList(tags);
  if (list.length > LIMITS.maxTags) invalidArgument(`at most ${LIMITS.maxTags} tags`);
  return list;
}

function raceAbort<T>(promise: Promise<T>, signal: AbortSignal): Promise<T> {
  if (signal.aborted) return Promise.reject(signal.reason);
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(signal.reason);
    signal.addEventListener('abort', onAbort, { once: true });
    promise.then(resolve, reject).finally(() => signal.removeEventListener('abort', onAbort));
  });
}
