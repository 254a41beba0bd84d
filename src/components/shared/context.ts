import { createContext } from '@lit/context';
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { NexusClient } from '../../core/client.js';

/**
 * The context through which elements receive their `NexusClient`. The key is a global symbol,
 * so two copies of the library on one page still find each other's provider.
 */
export const clientContext = createContext<NexusClient | undefined>(Symbol.for('nexus-connect.client'));

/*
 * The elements speak the web components community's context protocol (the one `@lit/context`
 * implements, so its consumers and providers work with ours): a consumer dispatches a bubbling,
 * composed `context-request` event with a callback; the nearest provider stops it and calls the
 * callback with the value, again on every change when the consumer subscribed. Only the
 * client's context is handled here, in the few lines the elements need.
 */

/** What a provider calls with the client (and, for a subscription, how to end it). */
export type ClientCallback = (client: NexusClient | undefined, unsubscribe?: () => void) => void;

interface ContextEvent extends Event {
  context: unknown;
  contextTarget?: Element;
  callback: ClientCallback;
  subscribe?: boolean;
}

/** A `context-request` (a consumer asks) or `context-provider` (a provider appeared) event. */
function contextEvent(type: 'context-request' | 'context-provider', contextTarget: Element, callback?: ClientCallback, subscribe?: boolean): Event {
  return Object.assign(new Event(type, { bubbles: true, composed: true }), { context: clientContext, contextTarget, callback, subscribe });
}

/** Asks the nearest provider for the client, subscribing to its changes. */
export function requestClient(target: Element, callback: ClientCallback): void {
  target.dispatchEvent(contextEvent('context-request', target, callback, true));
}

/** The element an event is about: its `contextTarget`, else where it was dispatched. */
const targetOf = (event: ContextEvent) => event.contextTarget ?? (event.composedPath()[0] as Element);

/**
 * Provides a client to the elements inside `host` (the same shape as `@lit/context`'s
 * ContextProvider: `value`, `setValue`, `hostConnected`).
 */
export class ClientProvider implements ReactiveController {
  private readonly subscribers = new Map<ClientCallback, { consumer: Element; unsubscribe: () => void }>();

  constructor(
    private readonly host: HTMLElement,
    public value: NexusClient | undefined,
  ) {
    host.addEventListener('context-request', (event) => this.onRequest(event as ContextEvent));
    host.addEventListener('context-provider', (event) => this.onProvider(event as ContextEvent));
    (host as Partial<ReactiveControllerHost>).addController?.(this);
  }

  setValue(value: NexusClient | undefined): void {
    if (Object.is(value, this.value)) return;
    this.value = value;
    for (const [callback, { unsubscribe }] of this.subscribers) callback(value, unsubscribe);
  }

  /** Announces this provider, so that subscriptions an outer provider (or the root) holds for its subtree come here. */
  hostConnected(): void {
    this.host.dispatchEvent(contextEvent('context-provider', this.host));
  }

  private onRequest(event: ContextEvent): void {
    const consumer = targetOf(event);
    if (event.context !== clientContext || consumer === this.host) return;
    event.stopPropagation();
    const callback = event.callback;
    if (!event.subscribe) return callback(this.value);
    let subscriber = this.subscribers.get(callback);
    if (!subscriber) {
      subscriber = { consumer, unsubscribe: () => this.subscribers.delete(callback) };
      this.subscribers.set(callback, subscriber);
    }
    callback(this.value, subscriber.unsubscribe);
  }

  /** A provider appeared inside this one: its subscribers ask again, and the nearer provider answers those of its subtree. */
  private onProvider(event: ContextEvent): void {
    if (event.context !== clientContext || targetOf(event) === this.host) return;
    event.stopPropagation();
    for (const [callback, { consumer }] of this.subscribers) requestClient(consumer, callback);
  }
}

const ROOT = Symbol.for('nexus-connect.context-root');
const DEFAULT = Symbol.for('nexus-connect.default-provider');
const REGISTRY = Symbol.for('nexus-connect.clients');

type Globals = typeof globalThis & {
  [ROOT]?: unknown;
  [DEFAULT]?: Pick<ClientProvider, 'value' | 'setValue' | 'hostConnected'>;
  [REGISTRY]?: Map<string, NexusClient>;
};
const globals = globalThis as Globals;

/**
 * Lets elements that connect before any provider exists receive the client once one appears
 * (the context protocol's "root"): subscriptions that reach the document unanswered are kept
 * (weakly) and asked again whenever a provider announces itself.
 */
export function ensureContextRoot(): void {
  if (globals[ROOT] || typeof document === 'undefined') return;
  globals[ROOT] = true;
  let waiting: Array<[WeakRef<Element>, WeakRef<ClientCallback>]> = [];
  document.addEventListener('context-request', (event) => {
    const { context, subscribe, callback } = event as ContextEvent;
    const consumer = targetOf(event as ContextEvent);
    if (context !== clientContext || !subscribe) return;
    if (waiting.some(([e, c]) => e.deref() === consumer && c.deref() === callback)) return;
    waiting.push([new WeakRef(consumer), new WeakRef(callback)]);
  });
  document.addEventListener('context-provider', (event) => {
    if ((event as ContextEvent).context !== clientContext) return;
    const replay = waiting;
    waiting = [];
    for (const [consumer, callback] of replay) {
      const e = consumer.deref();
      const c = callback.deref();
      if (e && c) requestClient(e, c);
    }
  });
}

/**
 * Makes `client` the page-wide default: every element without a nearer `<nexus-provider>` or
 * its own `server`/`token` uses it. Pass `undefined` to remove it.
 */
export function setDefaultClient(client: NexusClient | undefined): void {
  ensureContextRoot();
  const existing = globals[DEFAULT];
  if (existing) {
    existing.setValue(client);
    return;
  }
  const provider = new ClientProvider(document.documentElement, client);
  globals[DEFAULT] = provider;
  // Announce the provider so that waiting elements re-request the context.
  provider.hostConnected();
}

/** The page-wide default client, if one was set. */
export function getDefaultClient(): NexusClient | undefined {
  return globals[DEFAULT]?.value;
}

/**
 * One shared client per server and token, so that elements configured with the same
 * attributes share one cache and one outbox.
 */
export function clientFor(server: string, token: string): NexusClient {
  const registry = (globals[REGISTRY] ??= new Map());
  const key = `${server}\n${token}`;
  let client = registry.get(key);
  if (!client) {
    client = new NexusClient({ server, token });
    registry.set(key, client);
  }
  return client;
}
