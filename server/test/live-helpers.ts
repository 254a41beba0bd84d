/** Shared pieces of the live-help tests: a WebSocket client that records frames, and requests. */
import { afterEach, beforeEach } from 'node:test';
import assert from 'node:assert/strict';
import WebSocket from 'ws';
import type { LiveGrant, ServerFrame } from '../../src/protocol/live.js';
import { ROUTES } from '../../src/protocol/routes.js';
import { FIXTURE_CONTENT, startTestServer, type TestServer, type TestServerOptions } from '../test-server.js';
import { client, uid } from './helpers.js';

/** A short offer timeout so that tests can watch offers expire. */
export const OFFER_MS = 300;

/** A server with the small fixture content, a short offer timeout, and the mail lines it logs. */
export async function startLiveServer(options: TestServerOptions = {}) {
  const mail: string[] = [];
  const server = await startTestServer({
    demoContent: FIXTURE_CONTENT.demo,
    ...options,
    live: { offerTimeoutMs: OFFER_MS, mailLog: (line) => mail.push(line), ...options.live },
  });
  return Object.assign(server, { mail });
}

export type Frame = ServerFrame & Record<string, any>;

/** A WebSocket client that keeps every frame it receives and lets a test wait for the next one that matches. */
export class LiveClient {
  readonly frames: Frame[] = [];
  private readonly taken = new Set<number>();
  private waiters: (() => void)[] = [];
  closeCode?: number;
  readonly closed: Promise<number>;
  /** The welcome frame, once `connect` has it. */
  welcome?: Frame;

  constructor(readonly ws: WebSocket) {
    // A socket the server cuts also reports an error; the close code is what tests look at.
    ws.on('error', () => undefined);
    ws.on('message', (data) => {
      this.frames.push(JSON.parse(String(data)));
      for (const wake of this.waiters.splice(0)) wake();
    });
    this.closed = new Promise((resolve) =>
      ws.on('close', (code) => {
        this.closeCode = code;
        for (const wake of this.waiters.splice(0)) wake();
        resolve(code);
      }),
    );
  }

  static async open(server: TestServer): Promise<LiveClient> {
    const ws = new WebSocket(`${server.url.replace(/^http/, 'ws')}${ROUTES.liveSocket}`);
    await new Promise<void>((resolve, reject) => {
      ws.once('open', () => resolve());
      ws.once('error', reject);
    });
    return new LiveClient(ws);
  }

  /** Opens a connection, says hello and waits for the welcome. */
  static async connect(server: TestServer, token: string, since?: number): Promise<LiveClient> {
    const live = await LiveClient.open(server);
    live.send({ type: 'hello', token, ...(since !== undefined && { since }) });
    live.welcome = await live.next('welcome');
    return live;
  }

  send(frame: unknown) {
    this.ws.send(typeof frame === 'string' ? frame : JSON.stringify(frame));
  }

  private find(type: string, match: (f: Frame) => boolean) {
    return this.frames.findIndex((f, i) => !this.taken.has(i) && f.type === type && match(f));
  }

  /** The first frame of this type (and matching) not returned before, waiting for it if needed. */
  async next(type: string, match: (f: Frame) => boolean = () => true, timeoutMs = 3000): Promise<Frame> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const index = this.find(type, match);
      if (index >= 0) {
        this.taken.add(index);
        return this.frames[index];
      }
      const left = deadline - Date.now();
      if (left <= 0 || this.closeCode !== undefined) {
        throw new Error(`no '${type}' frame came; got: ${JSON.stringify(this.frames.map((f) => f.type))}`);
      }
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, left);
        this.waiters.push(() => {
          clearTimeout(timer);
          resolve();
        });
      });
    }
  }

  /** Waits until the frames so far satisfy `check`. */
  async until(check: (frames: Frame[]) => boolean, timeoutMs = 3000) {
    const deadline = Date.now() + timeoutMs;
    while (!check(this.frames)) {
      if (Date.now() > deadline) throw new Error(`frames never got there: ${JSON.stringify(this.frames.map((f) => f.type))}`);
      await sleep(10);
    }
  }

  /** Waits until the server has handled every frame sent before (frames are handled in order). */
  async settled() {
    const id = uid('ping');
    this.send({ type: 'ping', id });
    await this.next('pong', (f) => f.id === id);
  }

  /** Asserts that no frame of this type (and matching) arrives within `ms`. */
  async none(type: string, match: (f: Frame) => boolean = () => true, ms = 150) {
    await new Promise((resolve) => setTimeout(resolve, ms));
    const index = this.find(type, match);
    assert.equal(index, -1, `unexpected ${JSON.stringify(this.frames[index])}`);
  }

  /** Every event frame of a session so far, by seq. */
  events(sessionId: string) {
    return this.frames.filter((f) => f.type === 'event' && f.sessionId === sessionId).map((f) => f.event);
  }

  /** Sends a message and waits for its ack. */
  async say(text: string, sessionId?: string, clientId = uid('msg')) {
    this.send({ type: 'message', clientId, text, ...(sessionId && { sessionId }) });
    return this.next('ack', (f) => f.clientId === clientId);
  }

  async close() {
    if (this.closeCode === undefined) {
      this.ws.close();
      await this.closed;
    }
  }
}

/** Asks for live help with the application token; returns the HTTP status, session and session token. */
export async function requestHelp(server: TestServer, body: Record<string, unknown> = {}, token = server.tokens.demo) {
  const res = await client(server.url, token).post<LiveGrant>(ROUTES.liveSessions, {
    consumer: uid('consumer'),
    kind: 'chat',
    clientId: uid('request'),
    ...body,
  });
  assert.ok(res.status === 200 || res.status === 201, JSON.stringify(res.body));
  return { status: res.status, ...res.body };
}

/** A `cobrowse.events` frame of one part: batch `seq` of co-browse `id`. */
export const cobrowseBatch = (id: string, seq: number, data = JSON.stringify([{ type: 3, data: { n: seq } }])) => ({
  type: 'cobrowse.events',
  id,
  seq,
  part: 0,
  parts: 1,
  data,
});

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Polls `read` until `check` accepts its value; fails after `timeoutMs`. */
export async function eventually<T>(read: () => Promise<T>, check: (value: T) => boolean, timeoutMs = 3000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (check(value)) return value;
    if (Date.now() > deadline) throw new Error(`never happened; last value: ${JSON.stringify(value)}`);
    await sleep(20);
  }
}

/**
 * A sales chat Alex has accepted, with both sides connected (by `connect`, default untracked:
 * the caller closes them).
 */
export async function acceptedChat(server: TestServer, connect = (token: string) => LiveClient.connect(server, token)) {
  const alex = await connect(server.agents.alex);
  const grant = await requestHelp(server, { skill: 'sales' });
  await alex.next('offer');
  alex.send({ type: 'accept', sessionId: grant.session.id });
  await alex.next('event', (f) => f.event.state === 'active');
  const customer = await connect(grant.sessionToken);
  await customer.next('event', (f) => f.event.state === 'active');
  return { alex, customer, sessionId: grant.session.id, grant };
}

/** Closes every client given, ignoring the ones already closed. */
export const closeAll = (...clients: (LiveClient | undefined)[]) => Promise.all(clients.map((c) => c?.close()));

/**
 * The usual setup of a live test file: a fresh server before each test (offers that do not
 * expire during it), every connection and the server closed after; `connect` opens a tracked
 * connection, `activeChat` a sales chat Alex has accepted with both sides connected.
 */
export function liveTestSetup(
  options: TestServerOptions = { live: { offerTimeoutMs: 60_000 } },
  /** The database of each test's server (see serverDatabase in store-engines.ts); a temporary SQLite file by default. */
  database?: () => Promise<string | undefined>,
) {
  let server: Awaited<ReturnType<typeof startLiveServer>>;
  const clients: LiveClient[] = [];
  beforeEach(async () => {
    server = await startLiveServer({ ...options, database: await database?.() });
  });
  afterEach(async () => {
    await closeAll(...clients.splice(0));
    await server.close();
  });
  const connect = async (token: string, since?: number) => {
    const live = await LiveClient.connect(server, token, since);
    clients.push(live);
    return live;
  };
  const activeChat = () => acceptedChat(server, connect);
  /** An active chat where Alex asked to co-browse and the customer accepted. */
  const sharing = async () => {
    const chat = await activeChat();
    chat.alex.send({ type: 'cobrowse.request', sessionId: chat.sessionId });
    const pending = await chat.customer.next('cobrowse', (f) => f.cobrowse.state === 'pending');
    chat.customer.send({ type: 'cobrowse.consent', id: pending.cobrowse.id, accept: true });
    await chat.alex.next('cobrowse', (f) => f.cobrowse.state === 'active');
    await chat.customer.next('cobrowse', (f) => f.cobrowse.state === 'active');
    return { ...chat, id: pending.cobrowse.id as string };
  };
  return {
    /** The server of the current test; a test may replace it (the old one closed), and the new one is closed after it. */
    get server() {
      return server;
    },
    set server(replacement) {
      server = replacement;
    },
    /** Closes `client` after the test. */
    track(client: LiveClient) {
      clients.push(client);
      return client;
    },
    connect,
    activeChat,
    sharing,
  };
}
