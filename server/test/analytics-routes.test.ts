/**
 * The analytics routes over HTTP (ROUTES.adminAnalytics*), on both engines: a scripted set of
 * customer searches, path walks and chats with a real agent, made through the public API, and
 * the exact figures the portal's admin and supervisor then read; the range checks; CSV export
 * (quoting, formula cells, file name). Who may call them, for every caller, is the access
 * matrix's (access-matrix.test.ts).
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { LiveHelpAnalytics, SelfHelpAnalytics } from '../../src/protocol/analytics.js';
import { routePath, ROUTES } from '../../src/protocol/routes.js';
import { startTestServer, TEST_ACCOUNTS, type TestServer } from '../test-server.js';
import { Browser, code } from './browser-session.js';
import { client, uid } from './helpers.js';
import { LiveClient, closeAll, requestHelp } from './live-helpers.js';
import { engines, serverDatabase } from './store-engines.js';

const PATH = 'reset-smart-bulb';
const NOTHING = 'qwertyuiop zzzz';
const FORMULA = '=HYPERLINK("x")';

for (const engine of engines) {
  describe(`analytics routes (${engine.name})`, () => {
    let server: TestServer;
    let admin: Browser;
    let supervisor: Browser;
    let from: number;
    let to: number;
    const range = () => `from=${from}&to=${to}`;

    before(async () => {
      server = await startTestServer({ database: await serverDatabase(engine), live: { offerTimeoutMs: 60_000 } });
      [admin, supervisor] = [new Browser(server), new Browser(server)];
      await admin.signIn(TEST_ACCOUNTS.demo.admin);
      await supervisor.signIn(TEST_ACCOUNTS.demo.supervisor);
      from = Date.now() - 1000;
      await script(server);
      to = Date.now() + 60_000;
    }, { timeout: 60_000 });
    after(() => server.close());

    test('self help: the scripted walks and searches, exactly', async () => {
      const res = await supervisor.send('GET', `${ROUTES.adminAnalyticsSelfHelp}?${range()}`);
      assert.equal(res.status, 200, JSON.stringify(res.body));
      const view = res.body as SelfHelpAnalytics;
      assert.deepEqual(view.paths.map(({ title, ...p }) => [p, typeof title]), [
        [{ pathId: PATH, views: 2, completions: 1, resolved: 1, escalated: 0, fromRecommended: 1 }, 'string'],
      ]);
      assert.deepEqual(view.dropOff, [{ pathId: PATH, stepId: await firstStep(server), stopped: 1 }]);
      assert.deepEqual(view.searches, {
        total: 4,
        noResult: 3,
        topNoResult: [{ query: NOTHING, count: 2 }, { query: FORMULA.toLowerCase(), count: 1 }],
      });
      assert.deepEqual(view.deflection, { consumers: 2, resolved: 1, wentToLive: 1, rate: 0.5 });
      assert.deepEqual(view.opened, { recommended: 1, search: 1, helpId: 0, other: 0 });
      const sum = (key: 'views' | 'completions' | 'searches') => view.days.reduce((s, d) => s + d[key], 0);
      assert.deepEqual([sum('views'), sum('completions'), sum('searches')], [2, 1, 4]);
    });

    test('live help: the scripted chats, exactly', async () => {
      const res = await admin.send('GET', `${ROUTES.adminAnalyticsLiveHelp}?${range()}&utcOffset=-300`);
      assert.equal(res.status, 200, JSON.stringify(res.body));
      const view = res.body as LiveHelpAnalytics;
      assert.equal(view.sessions, 2);
      // A session counts under the skill it was in last: the chat asked for sales and was transferred to support.
      assert.deepEqual(view.bySkill, [{ skillId: null, name: null, sessions: 1 }, { skillId: 'support', name: 'Support', sessions: 1 }]);
      assert.deepEqual(view.byChannel, [{ channel: 'chat', sessions: 2 }]);
      assert.equal(view.wait.count, 1);
      assert.ok(view.wait.p50! >= 0 && view.wait.p50 === view.wait.p90);
      assert.equal(view.handle.count, 1);
      assert.equal(view.abandoned, 1);
      assert.equal(view.transfers, 1);
      assert.deepEqual(view.ratings, {
        count: 1,
        average: 4,
        distribution: [1, 2, 3, 4, 5].map((score) => ({ score, count: score === 4 ? 1 : 0 })),
      });
      assert.deepEqual(view.survey, [{ question: 'resolved', answer: 'no', count: 1 }]);
      assert.equal(view.range.utcOffset, -300);
      assert.equal(view.days.reduce((s, d) => s + d.sessions, 0), 2);
    });

    test('another tenant’s admin reads only its own: none of these', async () => {
      const other = new Browser(server);
      await other.signIn(TEST_ACCOUNTS.other.admin);
      const self = (await other.send('GET', `${ROUTES.adminAnalyticsSelfHelp}?${range()}`)).body as SelfHelpAnalytics;
      assert.deepEqual([self.paths, self.searches.total, self.deflection.consumers], [[], 0, 0]);
      assert.equal(((await other.send('GET', `${ROUTES.adminAnalyticsLiveHelp}?${range()}`)).body as LiveHelpAnalytics).sessions, 0);
    });

    test('ranges: backwards and over 366 days are refused with their codes; bad offsets and tables too', async () => {
      const get = (query: string) => admin.send('GET', `${ROUTES.adminAnalyticsSelfHelp}?${query}`);
      assert.deepEqual([(await get(`from=${to}&to=${from}`)).status, code(await get(`from=${to}&to=${from}`))], [400, 'invalid_request']);
      const long = await get(`from=0&to=${367 * 86_400_000}`);
      assert.deepEqual([long.status, code(long)], [400, 'range_too_long']);
      assert.equal((await get(`from=0&to=${366 * 86_400_000}`)).status, 200, '366 days exactly is fine');
      assert.equal(code(await get(`${range()}&utcOffset=900`)), 'invalid_request');
      assert.equal(code(await get(`${range()}&format=csv`)), 'invalid_request', 'CSV names its table');
      assert.equal(code(await get(`${range()}&format=csv&table=skills`)), 'invalid_request', 'a live-help table on self help');
      assert.equal(code(await get('from=1')), 'invalid_request');
    });

    test('CSV: one table as an attachment, quoted, formulas defused', async () => {
      const csv = (route: string, table: string) =>
        fetch(`${server.url}${route}?${range()}&format=csv&table=${table}`, { headers: { cookie: supervisor.cookie } });
      const res = await csv(ROUTES.adminAnalyticsSelfHelp, 'no-result-queries');
      assert.equal(res.status, 200);
      assert.equal(res.headers.get('content-type'), 'text/csv; charset=utf-8');
      assert.match(res.headers.get('content-disposition')!, /^attachment; filename="nexus-self-help-no-result-queries-\d{4}-\d\d-\d\d-to-\d{4}-\d\d-\d\d\.csv"$/);
      assert.equal(await res.text(), `query,searches\r\n${NOTHING},2\r\n"'=hyperlink(""x"")",1\r\n`);
      const paths = await (await csv(ROUTES.adminAnalyticsSelfHelp, 'paths')).text();
      assert.match(paths, new RegExp(`^path_id,title,views,completions,resolved,escalated,from_recommended\\r\\n${PATH},[^\\r\\n]+,2,1,1,0,1\\r\\n$`));
      const ratings = await (await csv(ROUTES.adminAnalyticsLiveHelp, 'ratings')).text();
      assert.equal(ratings, 'score,ratings\r\n1,0\r\n2,0\r\n3,0\r\n4,1\r\n5,0\r\n');
      const skills = await (await csv(ROUTES.adminAnalyticsLiveHelp, 'skills')).text();
      assert.equal(skills, 'skill_id,name,sessions\r\n,,1\r\nsupport,Support,1\r\n');
    });
  });
}

async function firstStep(server: TestServer): Promise<string> {
  const path = await client(server.url, server.tokens.demo).get(routePath(ROUTES.path, { id: PATH }));
  return path.body.steps[0].id;
}

/**
 * Through the public API: two consumers walk the path (one from the recommendations to
 * "resolved", one from search results, stopping at the first step, who then chats with Alex, is
 * transferred to the support queue, leaves it and rates 4); four customer searches (an agent's is
 * not counted); a chat ended by the customer before anyone accepted it.
 */
async function script(server: TestServer) {
  const app = client(server.url, server.tokens.demo);
  const [one, two] = [uid('consumer'), uid('consumer')];
  const step = await firstStep(server);
  const event = (e: Record<string, unknown>) => ({ id: uid('ev'), at: Date.now(), pathId: PATH, ...e });
  const walk = async (consumer: string, events: Record<string, unknown>[]) =>
    assert.equal((await app.post(ROUTES.activity, { consumer, events: events.map(event) })).status, 200);

  for (const [q, consumer] of [['bulb', one], [NOTHING, one], [NOTHING, undefined], [FORMULA, two]] as const) {
    assert.equal((await app.get(ROUTES.search, { q, ...(consumer && { consumer }) })).status, 200);
  }
  assert.equal((await client(server.url, server.agents.alex).get(ROUTES.search, { q: NOTHING })).status, 200, 'agents’ searches are not logged');

  await walk(one, [{ event: 'started', source: 'recommended' }, { event: 'step', stepId: step }, { event: 'resolved', stepId: step }]);
  await walk(two, [{ event: 'started', source: 'search' }, { event: 'step', stepId: step }]);

  const alex = await LiveClient.connect(server, server.agents.alex);
  const grant = await requestHelp(server, { skill: 'sales', consumer: two });
  await alex.next('offer');
  alex.send({ type: 'accept', sessionId: grant.session.id });
  await alex.next('event', (f) => f.event.state === 'active');
  const transferred = await client(server.url, server.agents.alex).post(routePath(ROUTES.agentTransfer, { id: grant.session.id }), { to: { skill: 'support' } });
  assert.equal(transferred.status, 200, JSON.stringify(transferred.body));
  // Alex away, so nobody is offered a session now; this customer leaves the support queue.
  alex.send({ type: 'status', status: 'away' });
  const helped = await LiveClient.connect(server, grant.sessionToken);
  helped.send({ type: 'end', sessionId: grant.session.id });
  await helped.next('event', (f) => f.event.state === 'ended');
  const rated = await client(server.url, grant.sessionToken).post(routePath(ROUTES.liveRating, { id: grant.session.id }), { score: 4, survey: { resolved: 'no' } });
  assert.equal(rated.status, 200, JSON.stringify(rated.body));

  const waiting = await requestHelp(server, {});
  const customer = await LiveClient.connect(server, waiting.sessionToken);
  customer.send({ type: 'end', sessionId: waiting.session.id });
  await customer.next('event', (f) => f.event.state === 'ended');
  await closeAll(alex, helped, customer);
}
