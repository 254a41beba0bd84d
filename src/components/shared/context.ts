import { ContextProvider, ContextRoot, createContext } from '@lit/context';
import { NexusClient } from '../../core/client.js';

/**
 * The context through which elements receive their `NexusClient`. The key is a global symbol,
 * so two copies of the library on one page still find each other's provider.
 */
export const clientContext = createContext<NexusClient | undefined>(Symbol.for('nexus-connect.client'));

const ROOT = Symbol.for('nexus-connect.context-root');
const DEFAULT = Symbol.for('nexus-connect.default-provider');
const REGISTRY = Symbol.for('nexus-connect.clients');

type Globals = typeof globalThis & {
  [ROOT]?: ContextRoot;
  [DEFAULT]?: ContextProvider<typeof clientContext>;
  [REGISTRY]?: Map<string, NexusClient>;
};
const globals = globalThis as Globals;

/**
 * Lets elements that connect before any provider exists receive the client once one appears
 * (the context protocol's "root"): unanswered subscriptions are replayed to new providers.
 */
export function ensureContextRoot(): void {
  if (globals[ROOT] || typeof document === 'undefined') return;
  globals[ROOT] = new ContextRoot();
  globals[ROOT].attach(document as unknown as HTMLElement);
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
  const provider = new ContextProvider(document.documentElement, { context: clientContext, initialValue: client });
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
