import { expect, fixture, html } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import { cleanupAfterEach, cli, testClient, until } from '../../test/browser/env.js';
import { focused, say } from '../../test/browser/people-world.js';
import { navLinks, newAccount, newTenant, part, portalAs, signedIn, tenantId, text } from '../../test/browser/portal-world.js';
import type { AccountSession } from '../core/account-session.js';
import type { NexusClient } from '../core/client.js';
import type { GuidedPath } from '../protocol/schemas.js';
import type { NexusPortalAnalytics } from './analytics-page.js';
import { dayOf, presetRange, rangeMs } from './analytics-range.js';
import type { NexusDataTable } from './data-table.js';
import type { NexusDayChart } from './day-chart.js';

// <nexus-portal-analytics> against the real server: activity made through the public API (the
// customer's searches, path walks and a chat) in a tenant of its own, then read by a supervisor as
// figures, tables, the chart's table and CSV downloads; the range checks; roles; the states.

const cleanup = cleanupAfterEach();

const LAMP: GuidedPath = {
  id: 'lamp',
  title: 'The lamp flickers',
  summary: 'Why a lamp flickers.',
  category: 'garden',
  tags: [],
  helpIds: [],
  audience: 'consumer',
  steps: [
    { id: 'bulb', title: 'Tighten the bulb', body: '<p>Turn it until it stops.</p>' },
    { id: 'fuse', title: 'Check the fuse', body: '<p>Open the box.</p>' },
  ],
};

/** The page acting as `session`, once it has loaded (or failed). */
async function analyticsPage(session: AccountSession, events: string[] = []) {
  const el = await fixture<NexusPortalAnalytics>(
    html`<nexus-portal-analytics .session=${session} @nexus-portal-session-ended=${() => events.push('session-ended')} @nexus-error=${() => events.push('error')}></nexus-portal-analytics>`,
  );
  await until(() => el.state !== 'loading', 'the analytics loaded', 15_000);
  return el;
}

/** The value of a figure, as shown. */
const figure = (el: HTMLElement, section: 'self-help' | 'live-help', name: string) =>
  text(el.shadowRoot!.querySelector(`[part~="${section}"] [data-figure="${name}"]`));

const tableOf = (el: HTMLElement, name: string) => el.shadowRoot!.querySelector<NexusDataTable>(`nexus-data-table[data-table="${name}"]`)!;

/** A table's rows as the cells' text. */
async function rowsOf(el: HTMLElement, name: string): Promise<string[][]> {
  const table = tableOf(el, name);
  await until(() => table.state !== 'loading', `the table ${name}`);
  return [...table.shadowRoot!.querySelectorAll('tbody tr')].map((row) => [...row.querySelectorAll('td')].map(text));
}

/**
 * Clicks a table's CSV button and answers the file the page saved (its name and text), read from
 * the Blob it handed to the browser's download.
 */
async function downloadCsv(el: NexusPortalAnalytics, name: string): Promise<{ file: string; csv: string }> {
  const blobs: Blob[] = [];
  const files: string[] = [];
  const { createObjectURL } = URL;
  const click = HTMLAnchorElement.prototype.click;
  URL.createObjectURL = (blob: Blob | MediaSource) => {
    blobs.push(blob as Blob);
    return createObjectURL(blob);
  };
  HTMLAnchorElement.prototype.click = function (this: HTMLAnchorElement) {
    if (this.download) files.push(this.download);
    else click.call(this);
  };
  try {
    el.shadowRoot!.querySelector<HTMLButtonElement>(`[part~="csv-button"][data-table="${name}"]`)!.click();
    await until(() => files.length > 0, `the ${name} download`, 15_000);
  } finally {
    URL.createObjectURL = createObjectURL;
    HTMLAnchorElement.prototype.click = click;
  }
  return { file: files[0], csv: await blobs[0].text() };
}

/** A customer's client of the tenant, destroyed after the test. */
function customer(token: string): NexusClient {
  const { client } = testClient({ token });
  cleanup.push(() => client.destroy());
  return client;
}

describe('<nexus-portal-analytics>', function () {
  this.timeout(90_000);

  it('a supervisor sees the exact counts of searches, walks and a chat made through the public API, as figures, tables, the chart and CSV', async () => {
    const tenant = await newTenant();
    const admin = await signedIn(cleanup, await newAccount({ tenant, role: 'admin' }));
    await admin.admin.content.importFiles({
      'categories.json': JSON.stringify([{ id: 'garden', name: 'Garden', description: 'Outside.' }]),
      'garden/lamp.json': JSON.stringify(LAMP),
    });
    await admin.signOut();
    const token = await cli('token', 'create', '--tenant', tenant, '--name', 'Shop');

    // One customer searches (once with a result, three times without), opens the path from the
    // search and walks it to "resolved".
    const first = customer(token);
    expect((await first.selfHelp.search('lamp', { channel: null })).items.length).to.equal(1);
    for (const query of ['zebra', 'Zebra ', 'unicorn']) await first.selfHelp.search(query, { channel: null });
    first.selfHelp.track('lamp', 'started', undefined, 'search');
    first.selfHelp.track('lamp', 'step', 'bulb');
    first.selfHelp.track('lamp', 'step', 'fuse');
    first.selfHelp.track('lamp', 'resolved', 'fuse');
    await first.flush();
    // Another opens it from the recommendations, stops at the first step and asks for a chat,
    // then leaves the queue before an agent answers.
    const second = customer(token);
    second.selfHelp.track('lamp', 'started', undefined, 'recommended');
    second.selfHelp.track('lamp', 'step', 'bulb');
    await second.flush();
    await second.liveHelp.request({ mode: 'chat' });
    await second.liveHelp.end();

    const supervisor = await signedIn(cleanup, await newAccount({ tenant, role: 'supervisor' }));
    const el = await analyticsPage(supervisor);
    expect(el.state).to.equal('ready');
    const selfHelp = ['views', 'completions', 'resolved', 'escalated', 'searches', 'no-result', 'deflection', 'from-recommended', 'from-search', 'from-help-id', 'from-other'];
    expect(selfHelp.map((name) => figure(el, 'self-help', name))).to.deep.equal(['2', '1', '1', '0', '4', '3', '50%', '1', '1', '0', '0']);
    expect(text(part(el, 'figure-detail'))).to.equal(say('portalAnalyticsDeflectionDetail', { resolved: 1, live: 1, consumers: 2 }));
    const liveHelp = ['sessions', 'abandoned', 'transfers', 'wait-p50', 'handle-p90', 'ratings', 'rating-average'];
    expect(liveHelp.map((name) => figure(el, 'live-help', name))).to.deep.equal(['1', '1', '0', say('portalAnalyticsNotMeasured'), say('portalAnalyticsNotMeasured'), '0', say('portalAnalyticsNotMeasured')]);

    expect(await rowsOf(el, 'self-help-paths')).to.deep.equal([['The lamp flickers', '2', '1', '1', '0', '1']]);
    expect(await rowsOf(el, 'self-help-drop-off')).to.deep.equal([['bulb', '1']]);
    expect(text(part(el, 'drop-off-path-input')?.querySelector('option:checked') ?? null)).to.equal('The lamp flickers');
    expect(await rowsOf(el, 'self-help-no-result-queries')).to.deep.equal([
      ['zebra', '2'],
      ['unicorn', '1'],
    ]);
    expect(await rowsOf(el, 'live-help-skills')).to.deep.equal([[say('portalAnalyticsGeneralQueue'), '1']]);
    expect(await rowsOf(el, 'live-help-channels')).to.deep.equal([[say('portalAnalyticsChannelChat'), '1']]);
    expect(await rowsOf(el, 'live-help-survey')).to.deep.equal([]);
    await expect(el).to.be.accessible();

    // The chart's table: today's row holds the day's counts.
    const chart = el.shadowRoot!.querySelector<NexusDayChart>('[part~="self-help"] nexus-day-chart')!;
    expect(chart.days.at(-1)).to.equal(dayOf(new Date()));
    part(chart, 'toggle')!.click();
    await chart.updateComplete;
    const today = [...chart.shadowRoot!.querySelectorAll('tbody tr')].at(-1)!;
    expect([...today.querySelectorAll('td')].map(text)).to.deep.equal(['2', '1', '4']);
    await expect(el).to.be.accessible();

    // CSV: the same rows, in a file named by the view, the table and the days.
    const { from, to } = presetRange('7');
    const paths = await downloadCsv(el, 'self-help-paths');
    expect(paths.file).to.equal(`self-help-paths-${from}-${to}.csv`);
    expect(paths.csv).to.equal('path_id,title,views,completions,resolved,escalated,from_recommended\r\nlamp,The lamp flickers,2,1,1,0,1\r\n');
    await until(() => text(part(el, 'notice')) === say('portalAnalyticsDownloaded', { name: paths.file }), 'the download announced');
    const queries = await downloadCsv(el, 'self-help-no-result-queries');
    expect(queries.csv).to.equal('query,searches\r\nzebra,2\r\nunicorn,1\r\n');
    const channels = await downloadCsv(el, 'live-help-channels');
    expect([channels.file, channels.csv]).to.deep.equal([`live-help-channels-${from}-${to}.csv`, 'channel,sessions\r\nchat,1\r\n']);
    await expect(el).to.be.accessible();
  });

  it('quick ranges and typed days: an invalid range is explained at its field and never sent; a quiet range says so', async () => {
    const asked: URL[] = [];
    const recording: typeof fetch = (input, init) => {
      const url = new URL(String(input instanceof Request ? input.url : input), location.href);
      // Each range asks both views: the self-help one stands for the pair.
      if (url.pathname.endsWith('/analytics/self-help')) asked.push(url);
      return fetch(input, init);
    };
    const session = await signedIn(cleanup, await newAccount({ role: 'supervisor' }), { fetch: recording });
    const el = await analyticsPage(session);
    const last7 = presetRange('7');
    expect(asked.at(-1)!.searchParams.get('from')).to.equal(String(rangeMs(last7).from));
    expect(part(el, 'preset-button')!.parentElement!.querySelector('[aria-pressed="true"]')!.getAttribute('data-preset')).to.equal('7');
    const [fromInput, toInput] = [part<HTMLInputElement>(el, 'from-input')!, part<HTMLInputElement>(el, 'to-input')!];
    expect([fromInput.value, toInput.value]).to.deep.equal([last7.from, last7.to]);

    // A quick range shows at once, and fills the days.
    el.shadowRoot!.querySelector<HTMLButtonElement>('[part~="preset-button"][data-preset="30"]')!.click();
    await until(() => el.state !== 'loading' && asked.length === 2, 'the last 30 days');
    const last30 = rangeMs(presetRange('30'));
    expect([asked[1].searchParams.get('from'), asked[1].searchParams.get('to')]).to.deep.equal([String(last30.from), String(last30.to)]);
    expect(fromInput.value).to.equal(presetRange('30').from);

    const show = async (from: string, to: string) => {
      fromInput.value = from;
      toInput.value = to;
      part(el, 'apply-button')!.focus();
      await sendKeys({ press: 'Enter' });
      await el.updateComplete;
    };
    const sent = asked.length;
    await show('2026-03-10', '2026-03-01');
    expect(text(part(el, 'range-error'))).to.equal(say('portalAnalyticsToBeforeFrom'));
    expect(toInput.getAttribute('aria-invalid')).to.equal('true');
    expect(focused(el), 'the last day has the focus').to.equal(toInput);
    await expect(el).to.be.accessible();
    await show('2025-01-01', '2026-01-02');
    expect(text(part(el, 'range-error'))).to.equal(say('portalAnalyticsTooLong', { days: 366 }));
    await show('', '2026-01-02');
    expect(text(part(el, 'range-error'))).to.equal(say('portalAnalyticsFromMissing'));
    expect(fromInput.getAttribute('aria-invalid')).to.equal('true');
    expect(focused(el)).to.equal(fromInput);
    expect(asked.length, 'nothing sent').to.equal(sent);

    // 366 days is allowed; a range in the past with no activity is empty.
    await show('2020-01-01', '2020-12-31');
    await until(() => el.state !== 'loading' && asked.length === sent + 1, 'the year 2020');
    expect(text(part(el, 'range-error'))).to.equal('');
    expect([asked.at(-1)!.searchParams.get('from'), asked.at(-1)!.searchParams.get('to')]).to.deep.equal([
      String(new Date(2020, 0, 1).getTime()),
      String(new Date(2021, 0, 1).getTime()),
    ]);
    expect(el.state).to.equal('empty');
    expect(text(part(el, 'empty'))).to.equal(say('portalAnalyticsEmpty'));
    expect(el.shadowRoot!.querySelector('[aria-pressed="true"]'), 'no quick range is this one').to.equal(null);
    await expect(el).to.be.accessible();
  });

  it('is in the Reports menu of admins and supervisors, keeping its range in the address; agents and authors are not offered it', async () => {
    const supervisor = await portalAs(cleanup, { tenant: tenantId, role: 'supervisor' });
    const link = navLinks(supervisor).find((a) => a.getAttribute('href') === '#/analytics')!;
    expect(text(link)).to.equal(say('portalPageAnalytics'));
    expect(link.closest('ul')!.getAttribute('aria-labelledby')).to.equal('nav-reports');
    expect(text(supervisor.shadowRoot!.getElementById('nav-reports'))).to.equal(say('portalNavReports'));
    link.click();
    const page = (await until(() => supervisor.shadowRoot!.querySelector<NexusPortalAnalytics>('nexus-portal-analytics'), 'the Analytics page'))!;
    await until(() => focused(page)?.id === 'page-heading', 'its heading focused');
    // The range shown is kept in the address, and an address with a range shows it.
    await until(() => page.state !== 'loading', 'the page loaded', 15_000);
    const today = dayOf(new Date());
    page.shadowRoot!.querySelector<HTMLButtonElement>('[part~="preset-button"][data-preset="today"]')!.click();
    await until(() => location.hash === `#/analytics/${today}..${today}`, 'the range in the address');
    location.hash = '#/analytics/2020-02-01..2020-02-29';
    await until(() => part<HTMLInputElement>(page, 'from-input')!.value === '2020-02-01', 'the range of the address');
    expect(part<HTMLInputElement>(page, 'to-input')!.value).to.equal('2020-02-29');
    await until(() => page.state === 'empty', 'February 2020, quiet', 15_000);
    await supervisor.signOut();
    supervisor.remove();
    history.replaceState(null, '', location.pathname + location.search);

    for (const role of ['agent', 'author'] as const) {
      const el = await portalAs(cleanup, { tenant: tenantId, role });
      expect(navLinks(el).map((a) => a.getAttribute('href'))).to.not.include('#/analytics');
      location.hash = '#/analytics';
      await until(() => el.shadowRoot!.querySelector('[part~="nav-link"][aria-current="page"]'), 'the page for the route');
      expect(el.shadowRoot!.querySelector('nexus-portal-analytics'), `no analytics for an ${role}`).to.equal(null);
      await el.signOut();
      el.remove();
      history.replaceState(null, '', location.pathname + location.search);
    }
  });

  it('states: loading, then the error of an ended session (the portal is told, nexus-error), and retry', async () => {
    const email = await newAccount({ role: 'admin' });
    const session = await signedIn(cleanup, email);
    const loading = await fixture<NexusPortalAnalytics>(html`<nexus-portal-analytics .session=${session}></nexus-portal-analytics>`);
    expect(loading.state).to.equal('loading');
    expect(part(loading, 'loading')).to.not.equal(null);
    await expect(loading).to.be.accessible();
    loading.remove();

    const events: string[] = [];
    const el = await analyticsPage(session, events);
    await session.signOut();
    el.shadowRoot!.querySelector<HTMLButtonElement>('[part~="preset-button"][data-preset="today"]')!.click();
    await until(() => el.state === 'error', 'the error');
    expect(events).to.deep.equal(['session-ended', 'error']);
    expect(part(el, 'error')!.getAttribute('role')).to.equal('alert');
    await expect(el).to.be.accessible();

    // Signed in again (the browser's session cookie), Retry loads the page.
    await signedIn(cleanup, email);
    part(el, 'retry-button')!.click();
    await until(() => el.state === 'ready' || el.state === 'empty', 'loaded again', 15_000);
    expect(part(el, 'error')).to.equal(null);
  });
});
