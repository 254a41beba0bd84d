/**
 * End to end: the analytics a supervisor reads are what customers did. On the demo support page
 * (the built bundles, Chromium, Playwright) three customers, each in a browser of their own,
 * search (some searches find nothing), walk guided paths (one to "resolved", one left at its first
 * step) and ask for chats (one answered by the agent on the demo console and rated, one left in
 * the queue). Then the demo supervisor signs into the portal, opens Reports > Analytics for today,
 * and the page shows exactly those counts; a table's CSV download holds the same rows.
 */
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { describe, it } from 'node:test';
import type { Page } from 'playwright-core';
import { TEST_ACCOUNTS, TEST_PASSWORD } from '../../server/test-server.js';
import { openSide, startChat, type Side } from './live-pages.js';
import { e2eSetup, eventually, signInAvailable, watchedPage } from './setup.js';

const setup = e2eSetup();

/** The demo support page in a browser of its own, counting the searches it sends (and what they found). */
async function customerPage(): Promise<Side & { searches: { query: string; results: number }[] }> {
  const side = await openSide(setup.browser, `${setup.fixture.url}/demo/`);
  const searches: { query: string; results: number }[] = [];
  side.page.on('response', async (response) => {
    const url = new URL(response.url());
    if (url.pathname !== '/v1/search' || response.request().method() !== 'GET') return;
    const body = (await response.json()) as { items: unknown[] };
    searches.push({ query: url.searchParams.get('q') ?? '', results: body.items.length });
  });
  return { ...side, searches };
}

/** A query as the search log keeps it: trimmed, white space collapsed, lower case. */
const norm = (q: string) => q.trim().replace(/\s+/g, ' ').toLowerCase();

/** Types a search on the demo page; resolves when the server has answered it. */
async function search(page: Page, query: string) {
  const answered = page.waitForResponse((response) => {
    const url = new URL(response.url());
    return url.pathname === '/v1/search' && norm(url.searchParams.get('q') ?? '') === norm(query);
  });
  await page.getByRole('combobox', { name: 'Search help' }).fill(query);
  await answered;
}

/** A figure of the analytics page. */
const figure = (page: Page, section: 'self-help' | 'live-help', name: string) =>
  page.locator(`nexus-portal-analytics [part~="${section}"] [data-figure="${name}"]`).innerText();

/** A table's rows as the cells' text. */
const rows = (page: Page, table: string) =>
  page.locator(`nexus-data-table[data-table="${table}"] tbody tr`).evaluateAll((trs) => trs.map((tr) => [...tr.querySelectorAll('td')].map((td) => (td.textContent ?? '').trim())));

describe('analytics: scripted visits, searches and chats, then the supervisor reads them', { timeout: 240_000 }, () => {
  it('Reports > Analytics for today shows exactly what the customers did', async () => {
    // The agent on the demo console, available to answer.
    const agent = await openSide(setup.browser, `${setup.fixture.url}/demo/agent.html`);
    await signInAvailable(agent.page, setup.fixture.agents.alex);

    // First customer: a search that finds nothing, then "reset bulb", opened from the results and
    // walked to "resolved".
    const first = await customerPage();
    await search(first.page, 'qwxz vbnk');
    // Submitted (Enter), the search lists its results; the path is opened from them.
    await search(first.page, 'reset bulb');
    await first.page.getByRole('combobox', { name: 'Search help' }).press('Enter');
    await first.page.locator('nexus-self-help nexus-path-list[source="search"] [part~="item-title"]', { hasText: 'How to reset a Smart Bulb' }).first().click();
    const guide = first.page.locator('nexus-guided-path');
    const resolvedTitle = 'How to reset a Smart Bulb';
    await guide.getByRole('heading', { name: resolvedTitle }).waitFor();
    const progress = guide.locator('[part~="progress"]');
    const total = Number((await progress.innerText()).match(/of (\d+)/)?.[1]);
    for (let step = 1; step <= total; step++) await guide.getByRole('button', { name: 'Next' }).click();
    await guide.getByRole('button', { name: /Yes/ }).click();
    await guide.getByText('Great, you’re all set!').waitFor();

    // Second customer: opens a recommended path (another than the first customer's), stops at its first step, asks for a
    // chat; the agent answers and ends it; the customer rates it 4 and says it was solved.
    const second = await customerPage();
    const recommended = second.page.locator('nexus-self-help nexus-path-list[source="recommended"] [part~="item-title"]').filter({ hasNotText: resolvedTitle }).first();
    const stoppedTitle = (await recommended.innerText()).trim();
    await recommended.click();
    await second.page.locator('nexus-guided-path [part~="step-title"]').first().waitFor();
    await startChat(second, agent);
    await agent.page.locator('[part~="end-button"]').click();
    await agent.page.locator('[part~="confirm-button"]').click();
    await second.page.locator('nexus-chat [part~="ended"]').getByText('The agent ended the chat.').waitFor();
    await second.page.locator('nexus-chat [part~="star"]').nth(3).click();
    await second.page.locator('nexus-chat [part~="rating"]').getByLabel('Yes').check();
    await second.page.locator('nexus-chat [part~="rating"] button[type=submit]').click();
    await second.page.locator('nexus-chat [part~="rating"]').getByText('Thank you').waitFor();

    // Third customer: searches for something that is not there, twice, asks for a chat and
    // leaves the queue before anyone answers.
    const third = await customerPage();
    await search(third.page, 'qwxz vbnk');
    await search(third.page, 'zzyzx');
    await search(third.page, 'QWXZ  vbnk');
    await third.page.locator('nexus-live-help [part~="chat-button"]').click();
    await third.page.locator('[part~="queue"]').getByText('Waiting for an agent').waitFor();
    await third.page.locator('nexus-chat [part~="end-button"]').click();
    await third.page.locator('nexus-chat [part~="end-confirm"]').getByRole('button', { name: 'End chat' }).click();
    await third.page.locator('nexus-chat [part~="ended"]').waitFor();

    // What the pages sent: every search the customers made, with what it found.
    const searches = [...first.searches, ...second.searches, ...third.searches];
    const noResult = searches.filter((s) => s.results === 0);
    assert.deepEqual([...new Set(noResult.map((s) => norm(s.query)))].sort(), ['qwxz vbnk', 'zzyzx'], 'the searches with no result sent');
    const noResultCounts = new Map<string, number>();
    for (const s of noResult) noResultCounts.set(norm(s.query), (noResultCounts.get(norm(s.query)) ?? 0) + 1);

    // The supervisor signs into the portal and opens Reports > Analytics, for today.
    const { context, page, problems } = await watchedPage(setup.browser);
    try {
      await page.goto(`${setup.fixture.url}/portal/`);
      await page.locator('[part~="sign-email-input"]').fill(TEST_ACCOUNTS.demo.supervisor);
      await page.locator('[part~="sign-password-input"]').fill(TEST_PASSWORD);
      await page.locator('[part~="sign-password-input"]').press('Enter');
      await page.locator('[part~="nav"]').getByText('Reports').waitFor();
      await page.locator('[part~="nav-link"]', { hasText: 'Analytics' }).click();
      await page.locator('nexus-portal-analytics [part~="preset-button"]', { hasText: 'Today' }).click();
      await page.locator('nexus-portal-analytics[state="ready"]').waitFor();

      const selfHelp = ['views', 'completions', 'resolved', 'escalated', 'searches', 'no-result', 'deflection', 'from-recommended', 'from-search', 'from-other'];
      const shown = await Promise.all(selfHelp.map((name) => figure(page, 'self-help', name)));
      assert.deepEqual(shown, ['2', '1', '1', '0', String(searches.length), String(noResult.length), '50%', '1', '1', '0'], 'self help');
      const live = ['sessions', 'abandoned', 'transfers', 'ratings', 'rating-average'];
      assert.deepEqual(await Promise.all(live.map((name) => figure(page, 'live-help', name))), ['2', '1', '0', '1', '4'], 'live help');
      // Wait and handle time were measured (one accepted and ended session), in words.
      for (const name of ['wait-p50', 'handle-p50']) assert.match(await figure(page, 'live-help', name), /\d+(\.\d)? (sec|min|hr)/);

      const paths = await rows(page, 'self-help-paths');
      assert.deepEqual(
        paths.map((row) => row[0]).sort(),
        [resolvedTitle, stoppedTitle].sort(),
      );
      assert.deepEqual(paths.find((row) => row[0] === resolvedTitle)!.slice(1), ['1', '1', '1', '0', '0']);
      assert.deepEqual(paths.find((row) => row[0] === stoppedTitle)!.slice(1), ['1', '0', '0', '0', '1']);
      const dropOff = await rows(page, 'self-help-drop-off');
      assert.equal(dropOff.length, 1);
      assert.equal(dropOff[0][1], '1');
      assert.deepEqual(
        await rows(page, 'self-help-no-result-queries'),
        [...noResultCounts].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])).map(([query, n]) => [query, String(n)]),
      );
      assert.deepEqual(await rows(page, 'live-help-skills'), [['Support', '2']]);
      assert.deepEqual(await rows(page, 'live-help-channels'), [['Chat', '2']]);
      assert.deepEqual((await rows(page, 'live-help-ratings')).filter((row) => row[1] !== '0'), [['4 of 5', '1']]);
      assert.deepEqual(await rows(page, 'live-help-survey'), [['resolved', 'yes', '1']]);

      // The chart's table: today's counts.
      const chart = page.locator('nexus-portal-analytics [part~="self-help"] nexus-day-chart');
      await chart.locator('[part~="toggle"]').click();
      const today = await chart.locator('tbody tr').last().locator('td').allInnerTexts();
      assert.deepEqual(today, ['2', '1', String(searches.length)]);

      // The table's CSV is a download with the same rows.
      const [download] = await Promise.all([page.waitForEvent('download'), page.locator('[part~="csv-button"][data-table="self-help-no-result-queries"]').click()]);
      const day = await page.evaluate(() => {
        const now = new Date();
        return `${now.getFullYear()}-${String(now.getMonth() + 1).padStart(2, '0')}-${String(now.getDate()).padStart(2, '0')}`;
      });
      assert.equal(download.suggestedFilename(), `self-help-no-result-queries-${day}-${day}.csv`);
      const csv = await readFile((await download.path())!, 'utf8');
      const csvRows = csv.trimEnd().split('\r\n').map((line) => line.split(','));
      assert.deepEqual(csvRows, [['query', 'searches'], ...(await rows(page, 'self-help-no-result-queries'))]);
      await eventually(async () => /downloaded/.test((await page.locator('nexus-portal-analytics [part~="notice"]').innerText()) ?? ''), 'the download announced');
      assert.deepEqual(problems, []);
    } finally {
      await context.close();
    }
    for (const side of [first, second, third, agent]) {
      assert.deepEqual(side.problems, []);
      await side.context.close();
    }
  });
});
