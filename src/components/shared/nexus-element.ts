import { html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { property, state } from './decorators.js';
import type { NexusClient } from '../../core/client.js';
import { NexusError } from '../../core/errors.js';
import { ClientProvider, clientFor, ensureContextRoot, requestClient, type ClientCallback } from './context.js';
import { NexusBase } from './nexus-base.js';
import { emptyState, errorState, loadingState } from './states.js';
import type { StringOverrides, Strings } from '../../i18n/strings.js';

ensureContextRoot();

/**
 * Base of the customer-side Nexus Connect elements: on top of `NexusBase` (theme, locale,
 * strings, `emit()`), it finds the shared client and shows the states every element shares.
 *
 * The client comes, in order of preference, from the element's own `server` and `token`
 * attributes (the element then also provides it to the elements inside it), from the nearest
 * `<nexus-provider>`, or from the page-wide default (`setDefaultClient()`).
 */
export class NexusElement extends NexusBase {
  /** URL of the Nexus Cloud server. With `token`, this element uses its own client. */
  @property() server?: string;

  /** Application token (JWT). With `server`, this element uses its own client. */
  @property() token?: string;

  /** The page's strings and the tenant's portal strings come after the element's own overrides. */
  protected override stringSources(): [Strings?, StringOverrides?] {
    return [this.strings, this.client?.brandingStrings];
  }

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
    return html`${this.themeLink(themeUrl)}${body}`;
  }

  /** The element's own template; called only once the element has a client. */
  protected renderContent(): unknown {
    return nothing;
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
    return errorState(this.errorMessage(error), retry && { label: this.t('retry'), run: retry });
  }

  /** Standard loading state. */
  protected renderLoading(label = this.t('loading')): TemplateResult {
    return loadingState(label);
  }

  /** Standard empty state. */
  protected renderEmpty(text: string): TemplateResult {
    return emptyState(text);
  }

  /** Error state for an element that has no client at all. */
  protected renderNoClient(): TemplateResult {
    return this.renderError(new NexusError('invalid_request', this.t('errorConfig')));
  }
}
