import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { NexusClient } from '../../core/client.js';

/** An element that finds its client (provider, attributes or the page default) and may change it. */
type ClientHost = ReactiveControllerHost & HTMLElement & { readonly client: NexusClient | undefined };

/**
 * Keeps an element's listeners on the client it uses: `listen(client)` subscribes (returning the
 * unsubscribers) when the element connects or its client changes, and everything is removed when
 * it disconnects or moves to another client.
 */
export class ClientListeners implements ReactiveController {
  private attachedTo?: NexusClient;
  private offs: (() => void)[] = [];

  constructor(
    private readonly host: ClientHost,
    private readonly listen: (client: NexusClient) => (() => void)[],
  ) {
    host.addController(this);
  }

  /** The client the listeners are on (undefined before the element found one). */
  get client(): NexusClient | undefined {
    return this.attachedTo;
  }

  hostConnected(): void {
    this.follow();
  }

  hostUpdate(): void {
    this.follow();
  }

  hostDisconnected(): void {
    this.detach();
  }

  private follow() {
    const client = this.host.client;
    if (!this.host.isConnected || client === this.attachedTo) return;
    this.detach();
    this.attachedTo = client;
    if (client) this.offs = this.listen(client);
  }

  private detach() {
    this.offs.forEach((off) => off());
    this.offs = [];
    this.attachedTo = undefined;
  }
}
