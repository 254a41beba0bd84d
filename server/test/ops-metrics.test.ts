/**
 * Prometheus metrics (server/ops/metrics.ts), scraped from their own listener before and after
 * real traffic: HTTP requests by route pattern, searches, chat messages, sockets, sessions and
 * queues, the bus lag the bus reports, and Node's process metrics.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { routePath, ROUTES } from '../../src/protocol/routes.js';
import { observeBusLag, startMetricsServer } from '../ops/metrics.js';
import { client } from './helpers.js';
import { eventually, liveTestSetup, requestHelp } from './live-helpers.js';

const setup = liveTestSetup();

/** The value of the sample `name` whose labels include `labels`; undefined when there is none. */
function sample(text: string, name: string, labels: Record<string, string> = {}): number | undefined {
  for (const line of text.split('\n')) {
    if (line.startsWith('#')) continue;
    const match = /^([a-zA-Z_:][\w:]*)(?:\{(.*)\})? (\S+)$/.exec(line);
    if (!match || match[1] !== name) continue;
    const have = new Map([...(match[2] ?? '').matchAll(/(\w+)="([^"]*)"/g)].map((m) => [m[1], m[2]]));
    if (Object.entries(labels).every(([key, value]) => have.get(key) === value)) return Number(match[3]);
  }
  return undefined;
}

test('a scrape after traffic: every series moves by what happened, with route patterns and no ids or text', async (t) => {
  const { server } = setup;
  const metrics = await startMetricsServer(server.app.metrics, { host: '127.0.0.1', port: 0 });
  t.after(() => metrics.close());
  const scrape = async () => {
    const res = await fetch(`${metrics.url}/metrics`);
    assert.equal(res.status, 200);
    assert.match(res.headers.get('content-type') ?? '', /^text\/plain; version=0\.0\.4/);
    return res.text();
  };
  const before = await scrape();
  const count = (text: string, name: string, labels: Record<string, string> = {}) => sample(text, name, labels) ?? 0;

  const api = client(server.url, server.tokens.demo);
  for (const q of ['reset', 'bulb', 'secret-query-words']) assert.equal((await api.get(ROUTES.search, { q })).status, 200);
  assert.equal((await api.get(routePath(ROUTES.path, { id: 'no-such-path-4711' }))).status, 404);
  const chat = await setup.activeChat();
  await chat.customer.say('a private message text');
  await chat.alex.say('an agent reply text', chat.sessionId);
  const waiting = await requestHelp(server, { skill: 'support' });
  await chat.alex.next('offer', (f) => f.session.id === waiting.session.id);
  observeBusLag(12);

  const after = await scrape();
  const moved = (name: string, labels: Record<string, string> = {}) => count(after, name, labels) - count(before, name, labels);
  const http = (route: string, statusClass: string) => ({ route, method: 'GET', status_class: statusClass });
  assert.equal(moved('nexus_http_request_duration_seconds_count', http(ROUTES.search, '2xx')), 3);
  assert.equal(moved('nexus_http_request_duration_seconds_count', http(ROUTES.path, '4xx')), 1);
  assert.equal(moved('nexus_http_request_duration_seconds_count', { route: ROUTES.liveSessions, method: 'POST', status_class: '2xx' }), 2);
  assert.equal(moved('nexus_search_duration_seconds_count'), 3);
  assert.equal(moved('nexus_live_messages_total', { role: 'customer' }), 1);
  assert.equal(moved('nexus_live_messages_total', { role: 'agent' }), 1);
  assert.equal(moved('nexus_live_queue_wait_seconds_count', { kind: 'chat' }), 1);
  assert.equal(moved('nexus_bus_lag_seconds_count'), 1);
  assert.ok(moved('nexus_bus_lag_seconds_sum') >= 0.012 - 1e-9);

  assert.equal(sample(after, 'nexus_live_sockets', { role: 'agent' }), 1);
  assert.equal(sample(after, 'nexus_live_sockets', { role: 'customer' }), 1);
  assert.equal(sample(after, 'nexus_live_sessions', { state: 'active', kind: 'chat' }), 1);
  assert.equal(sample(after, 'nexus_live_sessions', { state: 'assigned', kind: 'chat' }), 1, 'the support chat is offered to Alex');
  assert.equal(sample(after, 'nexus_live_sessions', { state: 'queued', kind: 'call' }), 0, 'empty groups are 0, not missing');
  assert.equal(sample(after, 'nexus_live_queue_length', { kind: 'chat' }), 1);
  const oldest = sample(after, 'nexus_live_queue_oldest_wait_seconds', { kind: 'chat' })!;
  assert.ok(oldest >= 0 && oldest < 30, `the waiting chat waited ${oldest} s`);
  assert.equal(sample(after, 'nexus_live_queue_oldest_wait_seconds', { kind: 'call' }), 0);
  assert.ok(sample(after, 'process_cpu_user_seconds_total')! > 0, 'Node process metrics');
  assert.notEqual(sample(after, 'nodejs_eventloop_lag_seconds'), undefined);

  for (const leak of ['no-such-path-4711', 'secret-query-words', chat.sessionId, 'private message', 'demo']) {
    assert.ok(!after.includes(leak), `the metrics do not contain '${leak}'`);
  }

  await chat.customer.close();
  await eventually(async () => sample(await scrape(), 'nexus_live_sockets', { role: 'customer' }), (n) => n === 0);
});

test('the metrics listener serves GET /metrics only', async (t) => {
  const metrics = await startMetricsServer(setup.server.app.metrics, { host: '127.0.0.1', port: 0 });
  t.after(() => metrics.close());
  const other = await fetch(`${metrics.url}/v1/health`);
  assert.equal(other.status, 404);
  assert.equal((await other.json()).error.code, 'not_found');
  assert.equal((await fetch(`${metrics.url}/metrics`, { method: 'POST' })).status, 404);
});
