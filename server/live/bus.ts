/**
 * The live bus: how a change reaches the WebSocket connections that should hear of it.
 *
 * The hub never writes to sockets itself. It publishes a frame with its addressees (a target),
 * and every server process delivers it to the matching connections it holds. `MemoryBus` is the
 * one-process implementation (the default). With `serve --redis`, processes share a Redis pub/sub
 * channel instead (`RedisBus`, redis-bus.ts): `publish` is `PUBLISH <prefix>live <json>` and each
 * process's subscription hands the messages to its local connections, in each publisher's order.
 * Routing, offers, presence and co-browse state are shared through `SharedState` (state.ts); see
 * server/README.md, "Several processes".
 */
import type { ServerFrame } from '../../src/protocol/live.js';

/** Who a frame is for, within its tenant. */
export type Target =
  /** The customer connections of one session. */
  | { to: 'customer'; sessionId: string }
  /** Every agent connection of the tenant. */
  | { to: 'agents' }
  /** Every connection of one agent (several tabs). */
  | { to: 'agent'; agentId: string }
  /** One customer connection of a session, by its id (the one streaming a co-browse). */
  | { to: 'connection'; sessionId: string; connectionId: string }
  /**
   * Everyone following a session: its customer, agents who subscribed to it and the agent it
   * belongs to (`agentId`), limited to `roles`.
   */
  | { to: 'session'; sessionId: string; agentId: string | null; roles: readonly ('customer' | 'agent')[] };

export type BusMessage =
  | { tenantId: string; target: Target; frame: ServerFrame }
  /** Makes the target's connections (re)play a session's events after `since`, then follow it. */
  | { tenantId: string; target: Target; subscribe: { sessionId: string; since: number } }
  /**
   * A token was revoked (live/revocations.ts): every connection authenticated with it is closed,
   * agents by their agent token, customers by the application token their session token came from.
   */
  | { tenantId: string; revoked: { tokenId: string } };

export interface Bus {
  publish(message: BusMessage): void;
  /** Registers a receiver; returns the function that removes it. */
  subscribe(receiver: (message: BusMessage) => void): () => void;
}

/** The in-process bus: delivers synchronously, in publish order. */
export class MemoryBus implements Bus {
  private readonly receivers = new Set<(message: BusMessage) => void>();

  publish(message: BusMessage): void {
    for (const receiver of this.receivers) receiver(message);
  }

  subscribe(receiver: (message: BusMessage) => void): () => void {
    this.receivers.add(receiver);
    return () => this.receivers.delete(receiver);
  }
}
