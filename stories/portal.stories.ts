import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import '../src/portal/index.js';
import type { NexusConfirmDialog } from '../src/portal/confirm-dialog.js';
import type { RowLoader, TableColumn } from '../src/portal/data-table.js';
import { demo } from './demo.js';

/**
 * The portal talks to the reference server of `npm start`. Its sign-in is the server's cookie,
 * which works on the server's own origin only: here the portal shows its sign-in form; sign in
 * at /portal/ on the server (the admin account `npm start` printed).
 */
const meta: Meta = {
  title: 'Portal/nexus-portal',
  component: 'nexus-portal',
  tags: ['autodocs'],
  parameters: { layout: 'fullscreen' },
  render: () => html`<nexus-portal style="min-height: 100vh" server=${demo.server}></nexus-portal>`,
};
export default meta;

/** Signed out: the sign-in form. */
export const SignIn: StoryObj = {};

interface Token {
  id: string;
  name: string;
  version: string;
}
const columns: TableColumn<Token>[] = [
  { key: 'name', label: 'Name' },
  { key: 'version', label: 'Version' },
  { key: 'id', label: 'Token ID' },
];
const tokens: Token[] = [
  { id: 'tok_checkout', name: 'Checkout app', version: '2.1' },
  { id: 'tok_help', name: 'Help center', version: '1.0' },
  { id: 'tok_ivr', name: 'IVR', version: '3.4' },
];

/** `<nexus-data-table>` with rows (arrow keys move between rows, Enter activates one). */
export const DataTable: StoryObj = {
  render: () => {
    const loader: RowLoader<Token> = async () => tokens;
    return html`<nexus-data-table label="Application tokens" .columns=${columns} .loader=${loader}></nexus-data-table>`;
  },
};

/** `<nexus-data-table>` whose load failed: the error and Retry. */
export const DataTableError: StoryObj = {
  render: () => {
    const loader: RowLoader<Token> = async () => {
      throw new Error('the server answered 500');
    };
    return html`<nexus-data-table label="Application tokens" .columns=${columns} .loader=${loader}></nexus-data-table>`;
  },
};

/** `<nexus-confirm-dialog>`: the button asks first, naming what will be destroyed. */
export const ConfirmDialog: StoryObj = {
  render: () =>
    html`<button
        @click=${(event: Event) => ((event.target as HTMLElement).nextElementSibling as NexusConfirmDialog).ask()}
      >
        Revoke…
      </button>
      <nexus-confirm-dialog
        heading="Revoke this token?"
        target="Checkout app 2.1"
        message="Pages that use it stop working at once."
        confirm-label="Revoke"
      ></nexus-confirm-dialog>`,
};
