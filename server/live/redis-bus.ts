/**
 * The live bus between server processes: Redis pub/sub on one channel per deployment
 * (`<prefix>live`). Each message is encoded once (JSON) and published on the publisher
 * connection, after the time it was published (`<ms>|<json>`, for the bus-lag metric); every
 * process, the publishing one included, hears it on its subscriber connection and hands it to
 * its local connections. Redis relays the messages of one connection in the
 * order they were published, so every process delivers a publisher's messages in publish order.
 *
 * The publisher connection is the one the live state's locks use (redis.ts): a message published
 * under a lock reaches Redis before the lock's release, so the next holder's messages follow it.
 * Chat events are published without one (hub.ts): two processes' events of one session may
 * arrive out of seq order, and connections fill such a gap from the store.
 */
import type { Redis } from 'ioredis';
import { observeBusLag } from '../ops/metrics.js';
import type { Bus, BusMessage } from './bus.js';

export class RedisBus implements Bus {
  private readonly receivers = new Set<(message: BusMessage) => void>();

  private constructor(
    private readonly publisher: Redis,
    private readonly channel: string,
    private readonly onError: (error: unknown) => void,
  ) {}

  /** Subscribes `subscriber` (a connection of its own) to the deployment's channel. */
  static async open(
    publisher: Redis,
    subscriber: Redis,
    options: { prefix?: string; onError?: (error: unknown) => void } = {},
  ): Promise<RedisBus> {
    const channel = `${options.prefix ?? 'nexus:'}live`;
    const bus = new RedisBus(publisher, channel, options.onError ?? (() => undefined));
    subscriber.on('message', (from: string, text: string) => {
      if (from === channel) bus.receive(text);
    });
    await subscriber.subscribe(channel);
    return bus;
  }

  private receive(text: string) {
    let message: BusMessage;
    try {
      const bar = text.indexOf('|');
      const sentAt = Number(text.slice(0, bar));
      if (bar > 0 && Number.isFinite(sentAt)) observeBusLag(Math.max(0, Date.now() - sentAt));
      message = JSON.parse(text.slice(bar + 1)) as BusMessage;
    } catch (error) {
      return this.onError(error);
    }
    for (const receiver of this.receivers) {
      try {
        receiver(message);
      } catch (error) {
        this.onError(error);
      }
    }
  }

  publish(message: BusMessage): void {
    this.publisher.publish(this.channel, `${Date.now()}|${JSON.stringify(message)}`).catch(this.onError);
  }

  subscribe(receiver: (message: BusMessage) => void): () => void {
    this.receivers.add(receiver);
    return () => this.receivers.delete(receiver);
  }
}
