import type { ClientFrame, ServerFrame } from '../protocol/live.js';

export interface LiveSocketOptions {
  /** `ws:`/`wss:` URL of the live endpoint. */
  url: string;
  /** The `hello` frame to send on every (re)connect; read fresh each time (it carries `since`). */
  hello: () => ClientFrame;
  /** Every frame the server sends, after the connection is authenticated. */
  onFrame: (frame: ServerFrame) => void;
  /** The connection went down (`lost`) or is back and authenticated (`found`). */
  onConnection?: (state: 'lost' | 'found') => void;
  /**
   * The server refused the token, at hello or later (revoked, expired): no point in reconnecting.
   * `code` is the one of the server's `error` frame (`token_revoked`, `token_expired`...).
   */
  onRefused?: (code: string, message: string) => void;
  /** First reconnect delay; it doubles per failed attempt (default 500 ms). */
  backoffMs?: number;
  /** Longest reconnect delay (default 15 s). */
  maxBackoffMs?: number;
  /** How often to check that the connection is alive (default 20 s). */
  heartbeatMs?: number;
  /** `WebSocket` to use (default: the page's). */
  WebSocket?: typeof WebSocket;
}

/** Close codes the server uses for a refused token: reconnecting would be refused again. */
const REFUSED = new Set([4401, 4403, 4404]);
/**
 * The close code of a server process that stops on purpose (1012 "service restart"): the balancer
 * has other processes, so the socket reconnects at once, without backoff, and reports `lost` only
 * if that reconnect fails. Not 1001 ("going away"): that is also what a page hears about its own
 * sockets while it unloads, and reconnecting then would open a connection for a page that is gone.
 */
const RESTARTING = new Set([1012]);
/**
 * Codes of the `error` frame the server sends right before such a close. The socket keeps it to
 * report with the close (as `onRefused`), not as a frame.
 */
const TOKEN_ERRORS = new Set(['token_invalid', 'token_expired', 'token_revoked']);

/**
 * A WebSocket that stays connected: it sends `hello` on every connect, reconnects with
 * exponential backoff and full jitter, notices a dead connection by heartbeat, and reconnects at
 * once when the browser comes back online or the server closes for a restart (1012). It reports
 * `lost` once per outage and `found` once the server has welcomed it again.
 */
export class LiveSocket {
  private ws?: WebSocket;
  private attempt = 0;
  private retryTimer?: ReturnType<typeof setTimeout>;
  private heartbeatTimer?: ReturnType<typeof setInterval>;
  private awaitingPong = false;
  private welcomed = false;
  private down = false;
  private closed = false;
  /** A reconnect after a server restart is under way (not yet welcomed). */
  private restarting = false;
  /** Why the server is about to close the current connection (its last token error frame). */
  private refusal?: { code: string; message: string };
  private readonly WS: typeof WebSocket;

  private readonly onOnline = () => {
    if (!this.closed && !this.welcomed) this.reconnectNow();
  };
  private readonly onOffline = () => {
    // The browser knows the network is gone: say so now instead of waiting for the heartbeat.
    if (this.ws) this.ws.close();
    this.lost();
  };

  constructor(private readonly options: LiveSocketOptions) {
    this.WS = options.WebSocket ?? globalThis.WebSocket;
    if (typeof window !== 'undefined') {
      window.addEventListener('online', this.onOnline);
      window.addEventListener('offline', this.onOffline);
    }
    this.connect();
  }

  /** Whether the server has welcomed the current connection. */
  get connected(): boolean {
    return this.welcomed;
  }

  /** Sends a frame if connected and welcomed; false when it could not be sent now. */
  send(frame: ClientFrame): boolean {
    if (!this.welcomed || this.ws?.readyState !== this.WS.OPEN) return false;
    this.ws.send(JSON.stringify(frame));
    return true;
  }

  /** Closes for good: no reconnects, no more callbacks. */
  close(): void {
    this.closed = true;
    clearTimeout(this.retryTimer);
    this.stopHeartbeat();
    if (typeof window !== 'undefined') {
      window.removeEventListener('online', this.onOnline);
      window.removeEventListener('offline', this.onOffline);
    }
    this.ws?.close(1000);
    this.ws = undefined;
  }

  private connect() {
    if (this.closed) return;
    let ws: WebSocket;
    try {
      ws = new this.WS(this.options.url);
    } catch {
      this.scheduleRetry();
      return;
    }
    this.ws = ws;
    this.welcomed = false;
    this.refusal = undefined;
    ws.onopen = () => {
      ws.send(JSON.stringify(this.options.hello()));
    };
    ws.onmessage = (message) => {
      if (ws !== this.ws) return;
      let frame: ServerFrame;
      try {
        frame = JSON.parse(String(message.data)) as ServerFrame;
      } catch {
        return;
      }
      if (frame.type === 'pong') {
        this.awaitingPong = false;
        return;
      }
      if (frame.type === 'error' && frame.ref === undefined && TOKEN_ERRORS.has(frame.code)) {
        this.refusal = { code: frame.code, message: frame.message };
        return;
      }
      if (frame.type === 'welcome') {
        this.welcomed = true;
        this.restarting = false;
        this.attempt = 0;
        this.startHeartbeat();
        if (this.down) {
          this.down = false;
          this.options.onConnection?.('found');
        }
      }
      this.options.onFrame(frame);
    };
    ws.onclose = (event) => {
      if (ws !== this.ws) return;
      this.ws = undefined;
      this.welcomed = false;
      this.stopHeartbeat();
      if (this.closed) return;
      if (REFUSED.has(event.code)) {
        this.closed = true;
        const refusal = this.refusal ?? { code: refusalCode(event.code), message: event.reason || 'The support server refused the connection.' };
        this.options.onRefused?.(refusal.code, refusal.message);
        return;
      }
      // Once per restart: if that reconnect fails too, it is an outage like any other.
      if (RESTARTING.has(event.code) && !this.restarting) {
        this.restarting = true;
        this.attempt = 0;
        this.connect();
        return;
      }
      this.restarting = false;
      this.lost();
      this.scheduleRetry();
    };
  }

  private lost() {
    if (this.down || this.closed) return;
    this.down = true;
    this.options.onConnection?.('lost');
  }

  private scheduleRetry() {
    clearTimeout(this.retryTimer);
    const base = this.options.backoffMs ?? 500;
    const cap = Math.min(this.options.maxBackoffMs ?? 15_000, base * 2 ** this.attempt);
    this.attempt++;
    // Full jitter: a crowd of clients that lost the same server does not come back in step.
    this.retryTimer = setTimeout(() => this.connect(), Math.random() * cap);
  }

  private reconnectNow() {
    clearTimeout(this.retryTimer);
    if (this.ws && this.ws.readyState !== this.WS.CLOSED) return;
    this.attempt = 0;
    this.connect();
  }

  private startHeartbeat() {
    this.stopHeartbeat();
    this.awaitingPong = false;
    this.heartbeatTimer = setInterval(() => {
      if (this.awaitingPong) {
        // No answer to the last ping: the connection is dead even if the socket has not noticed.
        this.ws?.close(4000, 'heartbeat');
        const ws = this.ws;
        if (ws) ws.onclose?.(new CloseEvent('close', { code: 4000 }));
        return;
      }
      this.awaitingPong = true;
      this.ws?.send(JSON.stringify({ type: 'ping' } satisfies ClientFrame));
    }, this.options.heartbeatMs ?? 20_000);
  }

  private stopHeartbeat() {
    clearInterval(this.heartbeatTimer);
    this.heartbeatTimer = undefined;
  }
}

function refusalCode(code: number): string {
  if (code === 4404) return 'session_not_found';
  if (code === 4403) return 'forbidden';
  return 'token_invalid';
}

/** The WebSocket URL of a server path (`http` → `ws`, `https` → `wss`). */
export function socketUrl(server: string, path: string): string {
  return `${server.replace(/^http/, 'ws')}${path}`;
}
