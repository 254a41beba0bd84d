import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import { env, until, pressChord } from '../../test/browser/env.js';
import { NexusError } from '../core/errors.js';
import { Transport } from '../core/transport.js';
import { defaultStrings } from '../i18n/strings-all.js';
import type { PathList } from '../protocol/schemas.js';
import { ROUTES } from '../protocol/routes.js';
import './index.js';
import type { NexusConfirmDialog } from './confirm-dialog.js';
import type { NexusDataTable, RowLoader, TableColumn } from './data-table.js';

// The portal's building blocks: the data table's states and keyboard, against rows the real
// server answers (the demo tenant's guided paths), and the confirm dialog's keyboard rules.

const part = <T extends HTMLElement = HTMLElement>(el: HTMLElement, name: string) => el.shadowRoot!.querySelector<T>(`[part~="${name}"]`);
const parts = (el: HTMLElement, name: string) => [...el.shadowRoot!.querySelectorAll<HTMLElement>(`[part~="${name}"]`)];
const text = (node: Element | null) => node?.textContent?.replace(/\s+/g, ' ').trim() ?? '';

type PathRow = PathList['items'][number];
const columns: TableColumn<PathRow>[] = [
  { key: 'id', label: 'Help id' },
  { key: 'title', label: 'Title', cell: (row) => html`<strong>${row.title}</strong>` },
];

/** The demo tenant's guided paths, from the real server, with `token` (a revoked one fails). */
const pathsWith =
  (token: string): RowLoader<PathRow> =>
  async (signal) =>
    (await new Transport({ server: env.server, token }).request<PathList>('GET', ROUTES.paths, { signal })).items;

async function table(loader: RowLoader<PathRow>) {
  return fixture<NexusDataTable>(html`<nexus-data-table label="Guided paths" .columns=${columns} .loader=${loader}></nexus-data-table>`);
}

describe('<nexus-data-table>', () => {
  it('loads (a loading state), shows the rows in a labelled grid, one Tab stop, arrows/Home/End move, Enter activates', async () => {
    const el = await table(pathsWith(env.tokens.demo));
    expect(el.state).to.equal('loading');
    expect(text(part(el, 'loading'))).to.equal(defaultStrings.loading);
    await expect(el).to.be.accessible();
    await until(() => el.state === 'ready', 'the rows');
    expect(el.getAttribute('state')).to.equal('ready');
    const rows = parts(el, 'row');
    expect(rows.length).to.be.greaterThan(2);
    expect(text(part(el, 'caption'))).to.equal('Guided paths');
    expect(parts(el, 'header').map(text)).to.deep.equal(['Help id', 'Title']);
    expect(rows.map((row) => row.tabIndex)).to.deep.equal(rows.map((_, i) => (i === 0 ? 0 : -1)));
    await expect(el).to.be.accessible();

    rows[0].focus();
    await sendKeys({ press: 'ArrowDown' });
    expect(el.shadowRoot!.activeElement).to.equal(rows[1]);
    expect([rows[0].tabIndex, rows[1].tabIndex]).to.deep.equal([-1, 0]);
    await sendKeys({ press: 'End' });
    expect(el.shadowRoot!.activeElement).to.equal(rows.at(-1));
    await sendKeys({ press: 'ArrowDown' });
    expect(el.shadowRoot!.activeElement, 'stays on the last row').to.equal(rows.at(-1));
    await sendKeys({ press: 'Home' });
    await sendKeys({ press: 'ArrowDown' });
    const activated = oneEvent(el, 'nexus-table-row-activate');
    await sendKeys({ press: 'Enter' });
    expect((await activated).detail.key).to.equal(el.rows[1].id);

    // A reload keeps the focused row.
    await el.reload();
    expect(parts(el, 'row').find((row) => row.tabIndex === 0)?.dataset.key).to.equal(el.rows[1].id);
  });

  it('empty: says so (its own words when given)', async () => {
    const el = await table(async () => []);
    await until(() => el.state === 'empty', 'the empty state');
    expect(text(part(el, 'empty'))).to.equal(defaultStrings.portalTableEmpty);
    el.emptyText = 'No tokens yet.';
    await el.updateComplete;
    expect(text(part(el, 'empty'))).to.equal('No tokens yet.');
    await expect(el).to.be.accessible();
  });

  it('error: says what failed (nexus-error too) and retry loads again', async () => {
    let token = env.tokens.revoked;
    const errors: string[] = [];
    const el = await fixture<NexusDataTable>(html`<nexus-data-table
      label="Guided paths"
      .columns=${columns}
      .loader=${(signal: AbortSignal) => pathsWith(token)(signal)}
      @nexus-error=${(e: CustomEvent<{ code: string }>) => errors.push(e.detail.code)}
    ></nexus-data-table>`);
    await until(() => el.state === 'error', 'the error state');
    expect(part(el, 'error')!.getAttribute('role')).to.equal('alert');
    expect(text(part(el, 'error'))).to.contain('Something went wrong');
    expect(errors).to.deep.equal(['token_revoked']);
    await expect(el).to.be.accessible();

    token = env.tokens.demo;
    part(el, 'retry-button')!.click();
    await until(() => el.state === 'ready', 'the rows after retry');
    expect(parts(el, 'row').length).to.be.greaterThan(0);
  });

  it('a network failure says the server could not be reached', async () => {
    const el = await table(async () => {
      throw new NexusError('network_error', 'offline', 0);
    });
    await until(() => el.state === 'error', 'the error state');
    expect(text(part(el, 'error'))).to.contain(defaultStrings.portalErrorNetwork);
  });
});

describe('<nexus-confirm-dialog>', () => {
  async function dialog() {
    const host = await fixture<HTMLDivElement>(html`<div>
      <button id="opener">Revoke</button>
      <nexus-confirm-dialog heading="Revoke this token?" target="Checkout app 2.1" message="Pages using it stop working at once." confirm-label="Revoke"></nexus-confirm-dialog>
    </div>`);
    const el = host.querySelector<NexusConfirmDialog>('nexus-confirm-dialog')!;
    const opener = host.querySelector<HTMLButtonElement>('#opener')!;
    opener.focus();
    return { el, opener };
  }

  it('names what will be destroyed, opens on Cancel, keeps Tab inside, Escape cancels and gives the focus back', async () => {
    const { el, opener } = await dialog();
    expect(el.open).to.equal(false);
    const answer = el.ask();
    await until(() => el.open, 'the dialog open');
    expect(text(part(el, 'heading'))).to.equal('Revoke this token?');
    expect(text(part(el, 'target'))).to.equal('Checkout app 2.1');
    expect(part(el, 'dialog')!.getAttribute('aria-labelledby')).to.equal('heading');
    expect(el.shadowRoot!.activeElement).to.equal(part(el, 'cancel-button'));
    await expect(el).to.be.accessible();

    await sendKeys({ press: 'Tab' });
    expect(el.shadowRoot!.activeElement).to.equal(part(el, 'confirm-button'));
    await sendKeys({ press: 'Tab' });
    expect(el.shadowRoot!.activeElement, 'Tab from the last button wraps').to.equal(part(el, 'cancel-button'));
    await pressChord('Shift+Tab');
    expect(el.shadowRoot!.activeElement, 'Shift+Tab from the first wraps').to.equal(part(el, 'confirm-button'));

    const closed = oneEvent(el, 'nexus-confirm-close');
    await sendKeys({ press: 'Escape' });
    expect(await answer).to.equal(false);
    expect((await closed).detail.confirmed).to.equal(false);
    expect(el.open).to.equal(false);
    expect(document.activeElement).to.equal(opener);
  });

  it('the confirm button resolves true; Enter on Cancel resolves false', async () => {
    const { el } = await dialog();
    const yes = el.ask();
    await until(() => el.open, 'the dialog open');
    part(el, 'confirm-button')!.click();
    expect(await yes).to.equal(true);

    const no = el.ask();
    await until(() => el.open, 'the dialog open again');
    await sendKeys({ press: 'Enter' });
    expect(await no).to.equal(false);
  });
});
