import { LitElement, html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { property, state } from './decorators.js';
import type { NexusClient } from '../../core/client.js';
import { NexusError, isAbort } from '../../core/errors.js';
import { baseStyles } from '../../styles/base.js';
import { tokenStyles } from '../../styles/tokens.js';
import { ClientProvider, clientFor, ensureContextRoot, requestClient, type ClientCallback } from './context.js';
import type { NexusEventDetails } from './events.js';
import { LocalizeController } from './localize.js';
import type { StringKey, Strings } from '../../i18n/strings.js';

ensureContextRoot();

/** A bubbling, composed `nexus-*` event (built here, outside the classes, so that the manifest
 * analyzer lists only the events each element documents with its fires tags). */
function nexusEvent<K extends keyof NexusEventDetails>(name: K, detail: NexusEventDetails[K], cancelable: boolean) {
  return new CustomEvent(name, { detail, bubbles: true, composed: true, cancelable });
}

/**
 * Base of every Nexus Connect element: finds the shared client, renders the theme stylesheet,
 * speaks the closest `lang` (and follows the closest `dir`), and gives typed `emit()` and error
 * reporting.
 *
 * The client comes, in order of preference, from the element's own `server` and `token`
 * attributes (the element then also provides it to the elements inside it), from the nearest
 * `<nexus-provider>`, or from the page-wide default (`setDefaultClient()`).
 */
export class NexusElement extends LitElement {
  static override styles = [tokenStyles, baseStyles];

  /** URL of the Nexus Cloud server. With `token`, this element uses its own client. */
  @property() server?: string;

  /** Application token (JWT). With `server`, this element uses its own client. */
  @property() token?: string;

  /**
   * URL of a theme stylesheet applied inside this element. It overrides the client's theme: the
   * page's `setBranding()` or provider `theme-url`, else the tenant's portal theme.
   */
  @property({ attribute: 'theme-url' }) themeUrl?: string;

  /**
   * Overrides of user-facing strings for this element (see the strings catalogue). They win over
   * the page's `setStrings()`, the tenant's portal strings and the locale's catalogue.
   */
  @property({ attribute: false }) strings: Strings = {};

  /** Locale, direction and strings of this element (see localize.ts). */
  protected readonly localize = new LocalizeController(this, () => [this.strings, this.client?.brandingStrings]);

  /** The client of the nearest provider (context protocol, subscribed while connected). */
  @state() private providedClient?: NexusClient;
  private unsubscribeProvided?: () => void;
  private readonly onProvidedClient: ClientCallback = (client, unsubscribe) => {
    // Another provider answers now (a nearer one appeared): leave the one that answered before.
    if (this.unsubscribeProvided !== unsubscribe) this.unsubscribeProvided?.();
    this.unsubscribeProvided = unsubscribe;
    this.providedClient = client;
  };

  @state() private ownClient?: NexusClient;
  @state() private assignedClient?: NexusClient;
  @state() private configError?: NexusError;
  @state() private clientWaitOver = false;

  /**
   * How long an element without a client waits for one (a provider still loading, or the
   * page-wide default set by a script) before it shows the configuration error.
   */
  static clientWaitMs = 1500;
  private clientWaitTimer?: ReturnType<typeof setTimeout>;

  /** Elements that never call the server (contact us) render without a client. */
  protected needsClient = true;

  private provider?: ClientProvider;
  private unsubscribeBranding?: () => void;
  private subscribedTo?: NexusClient;

  /**
   * The client this element works with. Assign a `NexusClient` you created yourself (custom
   * storage, consumer key...) to use it here and in the elements inside; it takes precedence
   * over `server`/`token` and over providers.
   */
  get client(): NexusClient | undefined {
    return this.assignedClient ?? this.ownClient ?? this.providedClient;
  }
  set client(client: NexusClient | undefined) {
    this.assignedClient = client;
    if (client) this.ensureProvider(client);
  }

  override connectedCallback(): void {
    super.connectedCallback();
    requestClient(this, this.onProvidedClient);
    if (this.needsClient && !this.client && !this.clientWaitOver) {
      this.clientWaitTimer = setTimeout(() => {
        this.clientWaitOver = true;
        if (!this.client && !this.configError) {
          this.reportError(new NexusError('invalid_request', this.t('errorConfig')));
        }
      }, (this.constructor as typeof NexusElement).clientWaitMs);
    }
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.unsubscribeProvided?.();
    this.unsubscribeProvided = undefined;
    clearTimeout(this.clientWaitTimer);
    this.unsubscribeBranding?.();
    this.unsubscribeBranding = this.subscribedTo = undefined;
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('server') || changed.has('token')) this.resolveOwnClient();
    const client = this.client;
    if (client !== this.subscribedTo) {
      this.unsubscribeBranding?.();
      this.subscribedTo = client;
      this.unsubscribeBranding = client?.on('branding', () => this.requestUpdate());
      // The tenant's portal branding (theme, strings), fetched once per client (a client of an
      // older copy of the library, shared through the context, has no loadBranding).
      void client?.loadBranding?.();
      if (this.provider) this.provider.setValue(client);
    }
  }

  private resolveOwnClient(): void {
    this.configError = undefined;
    this.ownClient = undefined;
    if (this.server && this.token) {
      try {
        this.ownClient = clientFor(this.server, this.token);
      } catch (error) {
        this.configError = error instanceof NexusError ? error : new NexusError('invalid_request', String(error));
        this.reportError(this.configError);
      }
    }
    if (this.ownClient) this.ensureProvider(this.ownClient);
  }

  /** Starts providing this element's client to the elements inside it. */
  private ensureProvider(client: NexusClient): void {
    this.provider ??= new ClientProvider(this, client);
  }

  /**
   * What the base class shows in place of the element's content: the configuration error
   * (`error`), the wait for a client (`loading`), or nothing when the content shows. Elements
   * that reflect a `state` derive it from this first.
   */
  protected get baseState(): 'error' | 'loading' | undefined {
    if (this.configError) return 'error';
    if (!this.client && this.needsClient) return this.clientWaitOver ? 'error' : 'loading';
    return undefined;
  }

  /** Renders the theme link, then the element's content (or the configuration error). */
  protected override render(): TemplateResult {
    const themeUrl = this.themeUrl ?? this.client?.branding.themeUrl;
    const base = this.baseState;
    let body: unknown;
    if (base === undefined) body = this.renderContent();
    else if (this.configError) body = this.renderError(this.configError);
    else body = base === 'error' ? this.renderNoClient() : this.renderLoading();
    return html`${themeUrl ? html`<link rel="stylesheet" href=${themeUrl} />` : nothing}${body}`;
  }

  /** The element's own template; called only once the element has a client. */
  protected renderContent(): unknown {
    return nothing;
  }

  /** A string in this element's locale, with the overrides that apply to it. */
  protected t(key: StringKey, values: Record<string, string | number> = {}): string {
    return this.localize.msg(key, values);
  }

  /** A count string in this element's locale: `oneKey` for the "one" plural form, else `key`. */
  protected count(key: StringKey, oneKey: StringKey, n: number): string {
    return this.localize.count(key, oneKey, n);
  }

  /** Dispatches a bubbling, composed `nexus-*` event; returns false if it was canceled. */
  emit<K extends keyof NexusEventDetails>(
    name: K,
    detail: NexusEventDetails[K],
    options: { cancelable?: boolean } = {},
  ): boolean {
    return this.dispatchEvent(nexusEvent(name, detail, options.cancelable ?? false));
  }

  /** Emits `nexus-error` for a failure (aborts are not failures and are ignored). */
  protected reportError(error: unknown): void {
    if (isAbort(error)) return;
    const e = error instanceof NexusError ? error : new NexusError('internal_error', String(error));
    this.emit('nexus-error', { code: e.code, message: e.message, status: e.status, source: this.localName });
  }

  /** The message to show for an error, in the page's words. */
  protected errorMessage(error: unknown): string {
    if (!(error instanceof NexusError)) return this.t('errorGeneric');
    if (error.status === 0) return this.t(error.code === 'invalid_request' ? 'errorConfig' : 'errorNetwork');
    if (error.unauthorized) return this.t('errorUnauthorized');
    if (error.status === 404) return this.t('errorNotFound');
    return this.t('errorGeneric');
  }

  /** Standard error state: message and (if given) a retry button. */
  protected renderError(error: unknown, retry?: () => void): TemplateResult {
    return html`<div class="state error" part="error" role="alert">
      <p>${this.errorMessage(error)}</p>
      ${retry
        ? html`<button class="button" part="retry-button" @click=${retry}>${this.t('retry')}</button>`
        : nothing}
    </div>`;
  }

  /** Standard loading state. */
  protected renderLoading(label = this.t('loading')): TemplateResult {
    return html`<div class="state" part="loading" role="status" aria-live="polite">
      <span class="spinner" aria-hidden="true"></span><span>${label}</span>
    </div>`;
  }

  /** Standard empty state. */
  protected renderEmpty(text: string): TemplateResult {
    return html`<div class="state" part="empty" role="status"><p>${text}</p></div>`;
  }

  /** Error state for an element that has no client at all. */
  protected renderNoClient(): TemplateResult {
    return this.renderError(new NexusError('invalid_request', this.t('errorConfig')));
  }
}
