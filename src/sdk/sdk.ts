/**
 * `NexusConnectSDK`: the Cloud SDK guide's JavaScript API, call for call, on the core client and
 * the elements. Sites written against the guide switch to Nexus Connect by changing one script
 * tag. The browser build (`/sdk/nexus-connect-sdk.js`, see ./global.ts) puts one instance on
 * `window.NexusConnectSDK`; `createSdk()` makes more (tests, or pages with two servers).
 *
 * Every call returns a Promise. Before `initialize(jwt)`, every other call rejects with a
 * `NexusError` whose code is `not_initialized`, except `chat.on`/`chat.off`, which may register
 * listeners early, as the guide recommends ("set on listeners before starting the chat").
 */
import { NexusClient, type Branding, type NexusClientOptions } from '../core/client.js';
import { NexusError, requireText } from '../core/errors.js';
import { setDefaultClient } from '../components/shared/context.js';
import type { NexusEvent } from '../components/shared/events.js';
import '../components/live-help/live-help.js';
import type { NexusLiveHelp } from '../components/live-help/live-help.js';
import '../components/self-help/self-help.js';
import type { NexusSelfHelp } from '../components/self-help/self-help.js';
import { REMOTE_CONNECTION_TYPES, SECTIONS, readSections, type RemoteConnectionType, type Section } from '../protocol/page-config.js';
import { replaceSelfHelpWithLiveHelp } from './live-help-in-place.js';
import './overlay.js';
import type { NexusOverlay } from './overlay.js';

/** The options of `showLiveHelp`, as the guide names them. */
export interface LiveHelpOptions {
  /** `chat`, `call`, or empty (the default) to let the person choose. */
  mode?: 'chat' | 'call' | '';
  /** The number to call; needed for the call option. */
  phone?: string;
  /** The agent skill (queue) of the chat; the general queue when left out. */
  skill?: string;
  /** `IVR`: the call card says to enter the code when prompted instead of telling it to the agent. */
  connectMethod?: 'IVR' | '';
  /** `cobrowse` (default) or `remote`. */
  remoteConnectionType?: RemoteConnectionType;
}

/** The options of `setContactUsOptions`: the contact-us section of self help. */
export interface ContactUsOptions {
  /** Shows the call option with this number. */
  phone?: string;
  /** Shows the chat option, queued for this skill. */
  skill?: string;
  /** `cobrowse` (default) or `remote`. */
  remoteConnectionType?: RemoteConnectionType;
}

/** The options of `setCustomizationOptions`. */
export interface CustomizationOptions {
  /** A stylesheet applied inside the self help and live help elements. */
  themeUrl?: string;
  /** A stylesheet applied to the HTML of guided-path steps. */
  stepContentThemeUrl?: string;
}

/** Options of `initialize` beyond the guide's one argument. */
export interface InitializeOptions extends Omit<Partial<NexusClientOptions>, 'token'> {
  /** The Nexus Cloud server; by default the origin the SDK script was loaded from. */
  server?: string;
}

/** The guide's chat object: start, sendMessage, on, off, end (and the rest of the core's chat). */
export interface SdkChat {
  /** Starts a chat queued for `skill` (the general queue when left out). */
  start(skill?: string): Promise<void>;
  /** Sends a message to the agent; resolves once the server has stored it. */
  sendMessage(text: string): Promise<void>;
  /** Ends the chat. */
  end(): Promise<void>;
  /**
   * Listens to a chat event (`message.agent`, `queue`, …) or to every event under a prefix
   * (`presence.agent` hears `presence.agent.joined`, `presence.agent.left` and `presence.agent.transferred`). May be called
   * before `initialize`. Returns a function that removes the listener.
   */
  on(name: string, listener: (event: unknown) => void): () => void;
  /** Removes a listener added with `on`. */
  off(name: string, listener: (event: unknown) => void): void;
}

/** What `window.NexusConnectSDK` holds. */
export type NexusConnectSDK = ReturnType<typeof createSdk>;

const LIVE_MODES = ['chat', 'call', ''] as const;

/** Chat listeners take a full event name or a prefix; the core checks which. */
function listen(client: NexusClient, name: string, listener: (event: unknown) => void): () => void {
  return client.chat.on(name as 'message', listener);
}

function invalid(message: string): NexusError {
  return new NexusError('invalid_request', message);
}

function optionalText(what: string, value: unknown): string | undefined {
  if (value === undefined || value === null || value === '') return undefined;
  if (typeof value !== 'string') throw invalid(`${what} must be a string`);
  return value.trim() || undefined;
}

function oneOf<T extends string>(what: string, value: unknown, allowed: readonly T[], fallback: T): T {
  if (value === undefined || value === null) return fallback;
  if (typeof value === 'string' && (allowed as readonly string[]).includes(value)) return value as T;
  throw invalid(`${what} must be one of ${allowed.map((a) => JSON.stringify(a)).join(', ')} (got ${JSON.stringify(value)})`);
}

function containerOf(what: string, value: unknown): Element | undefined {
  if (value === undefined || value === null) return undefined;
  if (value instanceof Element) return value;
  throw invalid(`${what}: the container must be a DOM element (or left out to show an overlay)`);
}

/**
 * Makes an SDK instance. `defaultServer` is where the server is when `initialize` is not told
 * (the browser build passes the origin its script came from).
 */
export function createSdk(defaultServer?: string) {
  let client: NexusClient | undefined;
  let token: string | undefined;
  let displayOrder: Section[] = [...SECTIONS];
  let contactUs: ContactUsOptions = {};
  let overlay: NexusOverlay | undefined;
  const heightListeners = new Set<(height: number) => void>();
  /** Chat listeners, kept so they move to the client of a later `initialize`. */
  const chatListeners: { name: string; listener: (event: unknown) => void; off?: () => void }[] = [];

  /** Runs `work` with the client, as a Promise; any synchronous throw becomes a rejection. */
  function call<T>(name: string, work: (client: NexusClient) => T | Promise<T>): Promise<T> {
    return new Promise<T>((resolve) => {
      if (!client) {
        throw new NexusError('not_initialized', `NexusConnectSDK.${name}() was called before NexusConnectSDK.initialize(jwt).`);
      }
      resolve(work(client));
    });
  }

  /** The container, emptied, or the overlay (opened) when there is none. */
  function surface(container: Element | undefined): Element {
    if (container) {
      container.replaceChildren();
      return container;
    }
    if (!overlay) {
      overlay = document.createElement('nexus-overlay');
      document.body.append(overlay);
    }
    overlay.replaceChildren();
    void overlay.show();
    return overlay;
  }

  /**
   * Passes the element's `nexus-height-change` on to the height callbacks. Self help and live
   * help report their height in every view, so whatever the SDK shows (self help, live help
   * shown directly, or live help in self help's place after contact us) is covered.
   */
  function reportHeights(element: HTMLElement): void {
    element.addEventListener('nexus-height-change', (event) => {
      const { height } = (event as NexusEvent<'nexus-height-change'>).detail;
      for (const listener of heightListeners) listener(height);
    });
  }

  function place<T extends HTMLElement>(element: T, container: Element | undefined): T {
    reportHeights(element);
    surface(container).append(element);
    return element;
  }

  /**
   * Shows self help, configured by the display order and contact-us options set so far. A
   * help-id or path id resolves once that path is on screen and rejects if it cannot be shown;
   * the rest resolve once self help is rendered (its own errors show in it, with `nexus-error`).
   */
  function showSelfHelpWith(name: string, container: unknown, configure: (el: NexusSelfHelp) => void, waitForPath: boolean) {
    return call(name, async (c) => {
      const target = containerOf(name, container);
      const el = document.createElement('nexus-self-help');
      el.client = c;
      el.sections = displayOrder;
      if (contactUs.phone) el.phone = contactUs.phone;
      if (contactUs.skill) el.skill = contactUs.skill;
      el.remoteConnectionType = contactUs.remoteConnectionType ?? 'cobrowse';
      configure(el);
      const shown = waitForPath ? pathShown(el) : undefined;
      place(el, target);
      await el.updateComplete;
      await shown;
    });
  }

  /** Resolves when `el` opens a path, rejects when it reports an error first. */
  function pathShown(el: HTMLElement): Promise<void> {
    return new Promise((resolve, reject) => {
      const done = () => {
        el.removeEventListener('nexus-path-open', onOpen);
        el.removeEventListener('nexus-error', onError);
      };
      const onOpen = () => (done(), resolve());
      const onError = (event: Event) => {
        const { code, message, status } = (event as NexusEvent<'nexus-error'>).detail;
        done();
        reject(new NexusError(code, message, status));
      };
      el.addEventListener('nexus-path-open', onOpen);
      el.addEventListener('nexus-error', onError);
    });
  }

  function showLiveHelpElement(c: NexusClient, container: Element | undefined, options: LiveHelpOptions) {
    const el = document.createElement('nexus-live-help');
    el.client = c;
    el.mode = options.mode ?? '';
    if (options.phone) el.phone = options.phone;
    if (options.skill) el.skill = options.skill;
    if (options.connectMethod) el.connectMethod = options.connectMethod;
    el.remoteConnectionType = options.remoteConnectionType ?? 'cobrowse';
    return place(el, container);
  }

  /**
   * Contact us inside self help asks for live help with `nexus-live-help-request`. When no live
   * help element on the page takes the request, the SDK shows live help where that self help
   * was (its container or the overlay), with the guided path attached and the height callbacks
   * following it (./live-help-in-place.ts, shared with the iframe embed).
   */
  const onLiveHelpRequest = (event: NexusEvent<'nexus-live-help-request'>) => {
    replaceSelfHelpWithLiveHelp(event, (live) => {
      if (!client) return false;
      live.client = client;
      reportHeights(live);
    });
  };

  const sdk = {
    /**
     * Connects the SDK to Nexus Cloud with an application token. Call it before anything else.
     * Calling it again with another token switches to it; with the same token it does nothing.
     */
    initialize(jwt: string, options: InitializeOptions = {}): Promise<void> {
      return new Promise<void>((resolve) => {
        const value = requireText('initialize: the application token (jwt)', jwt);
        if (value.split('.').length !== 3) throw new NexusError('token_invalid', 'initialize: the application token is not a JWT (three dot-separated parts).');
        const server = options.server ?? defaultServer;
        if (!server) throw invalid('initialize: no server is known; pass { server: "https://…" } as the second argument.');
        if (client && value === token && client.server === new URL(server).origin) return resolve();
        const previous = client;
        const { server: _server, ...rest } = options;
        client = new NexusClient({ ...rest, server, token: value });
        token = value;
        setDefaultClient(client);
        for (const entry of chatListeners) {
          entry.off?.();
          entry.off = listen(client, entry.name, entry.listener);
        }
        document.removeEventListener('nexus-live-help-request', onLiveHelpRequest);
        document.addEventListener('nexus-live-help-request', onLiveHelpRequest);
        resolve(previous?.destroy());
      });
    },

    /**
     * Shows live help in `container` (or in an overlay without one): the choice of chat and call,
     * or straight to one with `mode`. Resolves once it is on screen.
     */
    showLiveHelp(container: Element | null | undefined, options: LiveHelpOptions = {}): Promise<void> {
      return call('showLiveHelp', async (c) => {
        const target = containerOf('showLiveHelp', container);
        if (options === null || typeof options !== 'object') throw invalid('showLiveHelp: options must be an object');
        const el = showLiveHelpElement(c, target, {
          mode: oneOf('showLiveHelp: mode', options.mode, LIVE_MODES, ''),
          phone: optionalText('showLiveHelp: phone', options.phone),
          skill: optionalText('showLiveHelp: skill', options.skill),
          connectMethod: oneOf('showLiveHelp: connectMethod', options.connectMethod, ['IVR', ''] as const, ''),
          remoteConnectionType: oneOf('showLiveHelp: remoteConnectionType', options.remoteConnectionType, REMOTE_CONNECTION_TYPES, 'cobrowse'),
        });
        await el.updateComplete;
      });
    },

    /** Whether a live help session (chat or call) is going, also one restored after a reload. */
    isLiveHelpActive(): Promise<boolean> {
      return call('isLiveHelpActive', async (c) => {
        await c.liveHelp.restored;
        return c.liveHelp.isActive();
      });
    },

    /** Ends the live help session, if any. */
    endLiveHelp(): Promise<void> {
      return call('endLiveHelp', async (c) => {
        await c.liveHelp.restored;
        await c.liveHelp.end();
      });
    },

    /**
     * Which self help components show, in order: any of `search`, `categories`, `paths`,
     * `contact_us`. Applies to the self help shown after the call. All four by default.
     */
    setDisplayOrder(order: string[]): Promise<void> {
      return call('setDisplayOrder', () => {
        if (!Array.isArray(order) || !order.length) throw invalid('setDisplayOrder: pass a non-empty array of components');
        // The guide spells the section `contact_us`; the elements say `contact-us`. Both are accepted.
        const { sections, unknown } = readSections(order);
        if (unknown.length) throw invalid(`setDisplayOrder: unknown component ${JSON.stringify(unknown[0])} (use search, categories, paths, contact_us)`);
        displayOrder = sections;
      });
    },

    /** The call and chat options of the contact-us component of self help. */
    setContactUsOptions(options: ContactUsOptions): Promise<void> {
      return call('setContactUsOptions', () => {
        if (options === null || typeof options !== 'object') throw invalid('setContactUsOptions: options must be an object');
        contactUs = {
          phone: optionalText('setContactUsOptions: phone', options.phone),
          skill: optionalText('setContactUsOptions: skill', options.skill),
          remoteConnectionType: oneOf('setContactUsOptions: remoteConnectionType', options.remoteConnectionType, REMOTE_CONNECTION_TYPES, 'cobrowse'),
        };
      });
    },

    /** Shows self help: search, categories, recommended paths and contact us. */
    showSelfHelp(container?: Element | null): Promise<void> {
      return showSelfHelpWith('showSelfHelp', container, () => {}, false);
    },

    /** Shows the guided path that `helpId` names; rejects if there is none. */
    showSelfHelpForId(helpId: string, container?: Element | null): Promise<void> {
      return showSelfHelpWith('showSelfHelpForId', container, (el) => {
        el.searchType = 'helpid';
        el.searchValue = requireText('showSelfHelpForId: the help-id', helpId);
      }, true);
    },

    /** Another name of `showSelfHelpForId`. */
    showSelfHelpForHelpId(helpId: string, container?: Element | null): Promise<void> {
      return sdk.showSelfHelpForId(helpId, container);
    },

    /** Shows self help with the paths that have any of the tags (an array, or comma-separated). */
    showSelfHelpForTags(tags: string[] | string, container?: Element | null): Promise<void> {
      return showSelfHelpWith('showSelfHelpForTags', container, (el) => {
        const list = (Array.isArray(tags) ? tags : typeof tags === 'string' ? tags.split(',') : []).map((tag) => (typeof tag === 'string' ? tag.trim() : ''));
        if (!list.length || list.some((tag) => !tag)) throw invalid('showSelfHelpForTags: pass an array of non-empty tags');
        el.searchType = 'tags';
        el.searchValue = list.join(',');
      }, false);
    },

    /** Shows self help with the search results for `query`. */
    showSelfHelpForSearch(query: string, container?: Element | null): Promise<void> {
      return showSelfHelpWith('showSelfHelpForSearch', container, (el) => {
        el.searchType = 'text';
        el.searchValue = requireText('showSelfHelpForSearch: the query', query);
      }, false);
    },

    /** Shows one guided path by its id; rejects if there is no such path. */
    showSelfHelpForPathId(pathId: string, container?: Element | null): Promise<void> {
      return showSelfHelpWith('showSelfHelpForPathId', container, (el) => {
        const id = requireText('showSelfHelpForPathId: the path id', pathId);
        void el.updateComplete.then(() => el.openPath(id));
      }, true);
    },

    /**
     * Calls `callback(height)` with the height of what the SDK shows (for a host that sizes a
     * frame or container to the content): the element's border box in CSS pixels, rounded up,
     * once when it is first laid out and then whenever it changes. That covers self help, live
     * help shown by `showLiveHelp`, and live help that contact us put in self help's place, in
     * every view (the choice, the call card, the chat as it queues, runs and ends). With things
     * shown in two places at once, each reports its own height to the same callbacks. Returns a
     * function that stops the calls.
     */
    onSelfserviceContainerHeightChange(callback: (height: number) => void): Promise<() => void> {
      return call('onSelfserviceContainerHeightChange', () => {
        if (typeof callback !== 'function') throw invalid('onSelfserviceContainerHeightChange: pass a function');
        heightListeners.add(callback);
        return () => void heightListeners.delete(callback);
      });
    },

    /**
     * Keeps the logged context and identity between support sessions (true), or clears what was
     * recorded before the previous session each time self help starts one (false, the default).
     * Only self help begins a context session; live help does not, so a chat or call asked for
     * from self help carries the context that led to it.
     */
    preserveContext(preserve = true): Promise<void> {
      return call('preserveContext', (c) => c.context.preserveContext(Boolean(preserve)));
    },

    /** The guide's chat API, for a chat UI of your own. */
    chat: {
      start(skill?: string) {
        return call('chat.start', async (c) => void (await c.chat.start(optionalText('chat.start: the skill', skill))));
      },
      sendMessage(message: string) {
        return call('chat.sendMessage', async (c) => void (await c.chat.sendMessage(message)));
      },
      end() {
        return call('chat.end', (c) => c.chat.end());
      },
      on(name: string, listener: (event: unknown) => void) {
        if (typeof name !== 'string' || typeof listener !== 'function') throw invalid('chat.on(name, listener): a name and a function');
        const entry: (typeof chatListeners)[number] = { name, listener };
        if (client) entry.off = listen(client, name, listener);
        chatListeners.push(entry);
        return () => sdk.chat.off(name, listener);
      },
      off(name: string, listener: (event: unknown) => void) {
        const index = chatListeners.findIndex((entry) => entry.name === name && entry.listener === listener);
        if (index < 0) return;
        chatListeners[index].off?.();
        chatListeners.splice(index, 1);
      },
    } satisfies SdkChat,

    /** Sets the person's first name. */
    setFirstName(value: string): Promise<void> {
      return call('setFirstName', (c) => c.context.setFirstName(value));
    },
    /** Sets the person's last name. */
    setLastName(value: string): Promise<void> {
      return call('setLastName', (c) => c.context.setLastName(value));
    },
    /** Sets the person's email address. */
    setEmail(value: string): Promise<void> {
      return call('setEmail', (c) => c.context.setEmail(value));
    },
    /** Sets the person's id in your own systems. */
    setExternalId(value: string): Promise<void> {
      return call('setExternalId', (c) => c.context.setExternalId(value));
    },
    /** Sets the person's phone number. */
    setPhone(value: string): Promise<void> {
      return call('setPhone', (c) => c.context.setPhone(value));
    },
    /** Sets email, first name and last name at once (the guide's helper). */
    setIdentity(email: string, firstName: string, lastName: string): Promise<void> {
      return call('setIdentity', (c) => c.context.setIdentity(email, firstName, lastName));
    },
    /** Logs an action or page view, with optional data. */
    logAction(name: string, data?: unknown): Promise<void> {
      return call('logAction', (c) => c.context.logAction(name, data));
    },
    /** Logs a device, with optional data. */
    logDevice(name: string, data?: unknown): Promise<void> {
      return call('logDevice', (c) => c.context.logDevice(name, data));
    },
    /** Logs content the person looked at: its type, optionally the content, and data. */
    logContent(contentType: string, content?: string, data?: unknown): Promise<void> {
      return call('logContent', (c) => c.context.logContent(contentType, content, data));
    },
    /** Clears the logged context (actions, devices, content). */
    clearContext(): Promise<void> {
      return call('clearContext', (c) => c.context.clearContext());
    },
    /** Clears the identity (names, email, external id, phone). */
    clearIdentity(): Promise<void> {
      return call('clearIdentity', (c) => c.context.clearIdentity());
    },

    /**
     * Theme stylesheets for self help and live help (`themeUrl`) and for guided-path steps
     * (`stepContentThemeUrl`). They override the theme set for the tenant on the server, and
     * apply at once, also to what is already shown.
     */
    setCustomizationOptions(options: CustomizationOptions): Promise<void> {
      return call('setCustomizationOptions', (c) => {
        if (options === null || typeof options !== 'object') throw invalid('setCustomizationOptions: options must be an object');
        const branding: Branding = {};
        for (const key of ['themeUrl', 'stepContentThemeUrl'] as const) {
          const value = optionalText(`setCustomizationOptions: ${key}`, options[key]);
          if (value !== undefined) branding[key] = new URL(value, document.baseURI).href;
        }
        c.setBranding(branding);
      });
    },

    /**
     * Removes what the SDK showed, sends what is still queued and lets the client go; the SDK is
     * then as before `initialize`. A live session goes on on the server (end it first if needed).
     */
    async destroy(): Promise<void> {
      document.removeEventListener('nexus-live-help-request', onLiveHelpRequest);
      overlay?.remove();
      overlay = undefined;
      heightListeners.clear();
      for (const entry of chatListeners) entry.off?.();
      chatListeners.length = 0;
      const previous = client;
      client = token = undefined;
      displayOrder = [...SECTIONS];
      contactUs = {};
      if (previous) {
        setDefaultClient(undefined);
        await previous.destroy();
      }
    },

    /** The core client behind the SDK (undefined before `initialize`), for everything else. */
    get client(): NexusClient | undefined {
      return client;
    },
  };
  return sdk;
}

/** The live help element type, for code that reaches into what the SDK shows. */
export type { NexusLiveHelp };
