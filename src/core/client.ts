import { LIMITS } from '../protocol/api.js';
import { APP_ROUTES as ROUTES } from '../protocol/routes-app.js';
import type { ActivityEvent, ContextOp, PortalBranding } from '../protocol/schemas.js';
import { ContextService } from './context.js';
import { Emitter, type Listener } from './emitter.js';
import { CobrowseService, type CobrowseOptions } from './cobrowse.js';
import { ChatService, LiveHandle, LiveHelpService } from './live.js';
import { NexusError, invalidArgument } from './errors.js';
import { randomId } from './ids.js';
import { Outbox } from './outbox.js';
import { SelfHelpService } from './self-help.js';
import { localState, sessionState, type StateStorage } from './storage.js';
import { Transport } from './transport.js';

export interface NexusClientOptions {
  /** URL of the Nexus Cloud server, e.g. `https://support.example.com`. */
  server: string;
  /** Application token (JWT) created for your tenant. */
  token: string;
  /** Where session state survives reloads (default `sessionStorage`). */
  storage?: StateStorage;
  /**
   * Stable anonymous id of this person (8–64 of `A-Z a-z 0-9 _ -`). By default one is generated
   * and kept in `localStorage`, so context and path activity follow the person across visits.
   */
  consumerKey?: string;
  /** `fetch` to use (default: the page's). */
  fetch?: typeof fetch;
  /** Request timeout in milliseconds (default 15000). */
  timeoutMs?: number;
  /** How long context entries wait to be batched before sending (default 250 ms). */
  flushDelayMs?: number;
  /** `WebSocket` to use for live help (default: the page's). */
  WebSocket?: typeof WebSocket;
  /** First reconnect delay of the live connection; doubles per attempt up to 15 s (default 500 ms). */
  reconnectDelayMs?: number;
  /** How often the live connection checks it is alive (default 20 s). */
  heartbeatMs?: number;
  /** Co-browse privacy rules (inputs masked, extra blocked selectors...); see docs/cobrowse.md. */
  cobrowse?: CobrowseOptions;
  /**
   * Whether the page runs on a mobile device, which decides whether a portal theme marked "not
   * in mobile apps" applies. Default: detected (see `isMobileDevice`); a native app's web view
   * can say so here.
   */
  mobile?: boolean;
}

/**
 * Whether this browser is a mobile device: the User-Agent Client Hints' `mobile` flag where the
 * browser has it (Chromium), else a touch screen (`pointer: coarse`) narrower than 768 CSS pixels.
 */
export function isMobileDevice(): boolean {
  return mobileHint() ?? (typeof matchMedia === 'function' && matchMedia(MOBILE_QUERY).matches);
}

const MOBILE_QUERY = '(pointer: coarse) and (max-width: 767.98px)';

/** The User-Agent Client Hints' `mobile` flag, where the browser has it. */
function mobileHint(): boolean | undefined {
  const hints = (globalThis.navigator as { userAgentData?: { mobile?: unknown } } | undefined)?.userAgentData;
  return typeof hints?.mobile === 'boolean' ? hints.mobile : undefined;
}

/** Theme stylesheets applied inside the elements' shadow roots. */
export interface Branding {
  /** Stylesheet for the support surfaces (self help, paths, contact us). */
  themeUrl?: string;
  /** Stylesheet for the HTML of guided-path steps. */
  stepContentThemeUrl?: string;
}

/** Events of the client itself (`client.on(name, listener)`). */
export interface NexusClientEvents {
  /** A background operation failed (context delivery, for example). */
  error: NexusError;
  /** The theme URLs in effect changed: `setBranding()` was called or the portal branding arrived. */
  branding: Branding;
}

/**
 * The one shared service behind every element, and the headless API: self help (`selfHelp`) and
 * context (`context`), live help (`liveHelp`) and its chat (`chat`). Create one per server and token; elements get it
 * from `<nexus-provider>`, from their own `server`/`token` attributes, or from the page default.
 */
export class NexusClient {
  readonly server: string;
  readonly selfHelp: SelfHelpService;
  readonly context: ContextService;
  /** Live help: request a chat or a call, know whether it is active, end it. */
  readonly liveHelp: LiveHelpService;
  /** The chat of the live session: messages, typing, files, rating (the guide's chat API). */
  readonly chat: ChatService;
  /** Co-browse: an agent of the live session asks to see this tab; shared only after consent. */
  readonly cobrowse: CobrowseService;
  /** The anonymous id under which this person's context is recorded. */
  readonly consumerKey: string;

  private readonly emitter = new Emitter<NexusClientEvents>();
  private readonly outboxes: Pick<Outbox<never>, "flush" | "flushOnHide" | "dispose">[];
  private readonly live: LiveHandle;
  private brandingValue: Branding = {};
  private portal?: PortalBranding;
  private portalStrings: Record<string, Record<string, string>> = {};
  private portalLoad?: Promise<void>;
  private readonly transport: Transport;
  private readonly mobile?: boolean;
  /** The merged branding, until what it is made of changes (elements read it on every render). */
  private brandingCache?: Readonly<Branding>;
  /** `isMobileDevice()`, detected once, then followed through the media query's changes. */
  private detectedMobile?: boolean;
  private mobileQuery?: MediaQueryList;
  private readonly onMobileChange = (event: MediaQueryListEvent) => {
    this.detectedMobile = event.matches;
    this.brandingChanged();
  };
  private readonly onHide = () => this.outboxes.forEach((outbox) => outbox.flushOnHide());
  private readonly onVisibility = () => {
    if (document.visibilityState === 'hidden') this.onHide();
  };

  constructor(options: NexusClientOptions) {
    const transport = new Transport(options);
    this.transport = transport;
    this.mobile = options.mobile;
    this.server = transport.server;
    const storage = options.storage ?? sessionState();
    const ns = `nexus:${namespace(this.server, options.token)}`;
    this.consumerKey = consumerKeyFor(options.consumerKey, `${ns}:consumer`);

    const report = (error: NexusError) => this.emitter.emit('error', error);
    const dropped = (what: string) => (items: unknown[], error: NexusError) =>
      report(new NexusError(error.code, `${items.length} ${what} refused by the server: ${error.message}`, error.status, error.details));

    const contextOutbox = new Outbox<ContextOp>({
      storage,
      key: `${ns}:context-outbox`,
      maxBatch: LIMITS.maxContextOps,
      delayMs: options.flushDelayMs,
      send: (ops, { keepalive }) =>
        transport.request('POST', ROUTES.context, { body: { consumer: this.consumerKey, ops }, keepalive }),
      onError: report,
      onDrop: dropped('context entries'),
    });
    const activityOutbox = new Outbox<ActivityEvent>({
      storage,
      key: `${ns}:activity-outbox`,
      maxBatch: LIMITS.maxActivityEvents,
      delayMs: options.flushDelayMs,
      send: (events, { keepalive }) =>
        transport.request('POST', ROUTES.activity, { body: { consumer: this.consumerKey, events }, keepalive }),
      onError: report,
      onDrop: dropped('path activity events'),
    });
    this.outboxes = [contextOutbox, activityOutbox];
    this.context = new ContextService(contextOutbox, storage, `${ns}:context`);
    this.selfHelp = new SelfHelpService(transport, activityOutbox, this.consumerKey, () =>
      Promise.all([contextOutbox.flush(), activityOutbox.flush()]).then(() => undefined),
    );
    this.live = new LiveHandle({
      server: this.server,
      fetch: options.fetch,
      timeoutMs: options.timeoutMs,
      storage,
      storageKey: `${ns}:live`,
      consumerKey: this.consumerKey,
      beforeRequest: () => this.flush(),
      transport,
      WebSocket: options.WebSocket,
      backoffMs: options.reconnectDelayMs,
      heartbeatMs: options.heartbeatMs,
    });
    this.liveHelp = new LiveHelpService(this.live);
    this.chat = new ChatService(this.live);
    this.cobrowse = new CobrowseService(this.live, options.cobrowse);

    if (typeof window !== 'undefined') {
      window.addEventListener('pagehide', this.onHide);
      document.addEventListener('visibilitychange', this.onVisibility);
    }
  }

  /**
   * The theme URLs in effect: those given to `setBranding()`, else the portal's (once
   * `loadBranding()` brought them, and not on a mobile device when the portal says so).
   */
  get branding(): Readonly<Branding> {
    if (this.brandingCache) return this.brandingCache;
    const portal = this.portal;
    const usePortal = portal && (portal.applyOnMobile || !this.isMobile());
    const pick = (key: keyof Branding) =>
      this.brandingValue[key] !== undefined ? this.brandingValue[key] : usePortal ? (portal[key] ?? undefined) : undefined;
    return (this.brandingCache = Object.freeze({ themeUrl: pick('themeUrl'), stepContentThemeUrl: pick('stepContentThemeUrl') }));
  }

  /** The `mobile` option, else whether this is a mobile device (followed as the screen changes). */
  private isMobile(): boolean {
    if (this.mobile !== undefined) return this.mobile;
    // As isMobileDevice(), once: the client hint does not change; the media query can (a window
    // resized or turned), so it is followed.
    this.detectedMobile ??= mobileHint() ?? this.watchMobileQuery();
    return this.detectedMobile;
  }

  private watchMobileQuery(): boolean {
    if (typeof matchMedia !== 'function') return false;
    this.mobileQuery = matchMedia(MOBILE_QUERY);
    this.mobileQuery.addEventListener('change', this.onMobileChange);
    return this.mobileQuery.matches;
  }

  /** Forgets the merged branding and tells the elements (`branding` event). */
  private brandingChanged(): void {
    this.brandingCache = undefined;
    this.emitter.emit('branding', this.branding);
  }

  /** The tenant's portal branding as the server sent it; undefined until `loadBranding()` got it. */
  get portalBranding(): Readonly<PortalBranding> | undefined {
    return this.portal;
  }

  /** The tenant's string overrides by lower-case locale tag (`*` for every locale); empty until loaded. */
  get brandingStrings(): Readonly<Record<string, Readonly<Record<string, string>>>> {
    return this.portalStrings;
  }

  /**
   * Fetches the tenant's portal branding (theme URLs, mobile switch, strings) once for this
   * client; the elements call it when they first use the client. Never rejects: a failure is
   * reported as an `error` event and the defaults stay.
   */
  loadBranding(): Promise<void> {
    this.portalLoad ??= this.transport.request<PortalBranding>('GET', ROUTES.branding).then(
      (portal) => {
        this.portal = portal;
        this.portalStrings = Object.fromEntries(Object.entries(portal.strings ?? {}).map(([tag, strings]) => [tag.toLowerCase(), strings]));
        this.brandingChanged();
      },
      (error: NexusError) => this.emitter.emit('error', error),
    );
    return this.portalLoad;
  }

  /**
   * Sets theme URLs for every element using this client (the SDK's customization options); they
   * take precedence over the portal's. An empty string means no stylesheet, undefined the portal's.
   */
  setBranding(branding: Branding): void {
    for (const [key, value] of Object.entries(branding)) {
      if (value !== undefined && value !== null && typeof value !== 'string') {
        invalidArgument(`${key} must be a URL string`);
      }
    }
    this.brandingValue = { ...this.brandingValue, ...branding };
    this.brandingChanged();
  }

  on<K extends keyof NexusClientEvents>(name: K, listener: Listener<NexusClientEvents[K]>): () => void {
    return this.emitter.on(name, listener);
  }

  off<K extends keyof NexusClientEvents>(name: K, listener: Listener<NexusClientEvents[K]>): void {
    this.emitter.off(name, listener);
  }

  /** Sends everything still queued (context, activity). */
  async flush(): Promise<void> {
    await Promise.all(this.outboxes.map((outbox) => outbox.flush()));
  }

  /** Flushes, then releases timers and page listeners. The client is unusable afterwards. */
  async destroy(): Promise<void> {
    await this.flush();
    this.outboxes.forEach((outbox) => outbox.dispose());
    this.cobrowse.dispose();
    this.live.dispose();
    this.mobileQuery?.removeEventListener('change', this.onMobileChange);
    if (typeof window !== 'undefined') {
      window.removeEventListener('pagehide', this.onHide);
      document.removeEventListener('visibilitychange', this.onVisibility);
    }
    this.emitter.clear();
  }
}

/** A short, stable namespace for storage keys: the server and the token's tenant. */
function namespace(server: string, token: string): string {
  let tenant = '';
  try {
    const payload = JSON.parse(atob(token.split('.')[1].replace(/-/g, '+').replace(/_/g, '/'))) as { tid?: unknown };
    if (typeof payload.tid === 'string') tenant = payload.tid;
  } catch {
    // Not a readable JWT: the server will say so; the namespace just uses the whole token.
    tenant = token;
  }
  let hash = 5381;
  for (const ch of `${server}|${tenant}`) hash = ((hash << 5) + hash + ch.charCodeAt(0)) | 0;
  return (hash >>> 0).toString(36);
}

function consumerKeyFor(given: string | undefined, key: string): string {
  if (given !== undefined) {
    if (typeof given !== 'string' || !/^[A-Za-z0-9_-]{8,64}$/.test(given)) {
      invalidArgument('consumerKey must be 8 to 64 of A-Z a-z 0-9 _ -');
    }
    return given;
  }
  const store = localState();
  const saved = store.read(key);
  if (typeof saved === 'string' && /^[A-Za-z0-9_-]{8,64}$/.test(saved)) return saved;
  const fresh = randomId();
  void store.write(key, fresh);
  return fresh;
}
